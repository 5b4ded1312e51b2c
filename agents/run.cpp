#include "agents/run.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "agents/flow.h"
#include "agents/sumo_source.h"
#include "agents/walkers.h"
#include "core/error.h"

namespace agents {
namespace {

std::vector<Walker> ScriptedWalkers(const scenario::AgentsSpec& spec, const geo::Frame& frame) {
  std::vector<Walker> out;
  for (const scenario::WalkerSpec& w : spec.walkers) {
    Walker walker;
    walker.info = {w.id, w.agent_class, scenario::DefaultSize(w.agent_class)};
    // Paths are written in the scenario's CRS, which is the frame's: only the origin moves.
    for (const auto& p : w.path) walker.path.push_back({p[0] - frame.origin_x, p[1] - frame.origin_y});
    walker.speed_mps = w.speed_mps;
    walker.start_s = w.start_s;
    out.push_back(std::move(walker));
  }
  return out;
}

bool IsOsm(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  const auto ends = [&](const std::string& ext) {
    return name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  return ends(".osm") || ends(".osm.pbf") || ends(".pbf");
}

// The user's network, else one built from the city's OpenStreetMap source over the area.
std::filesystem::path Network(const scenario::CoverageResult& run, const scenario::AgentsSpec& spec,
                              const std::filesystem::path& work_dir) {
  if (!spec.sumo_net.empty()) {
    if (!std::filesystem::exists(spec.sumo_net)) throw core::InputError(spec.sumo_net.string(), "", "SUMO network not found");
    return spec.sumo_net;
  }
  const scenario::Scenario& s = run.scenario;
  const auto osm = std::find_if(s.city.sources.begin(), s.city.sources.end(),
                                [](const geo::CitySource& src) { return IsOsm(src.path); });
  if (osm == s.city.sources.end())
    throw core::InputError(s.file.string(), spec.where,
                           "agents: random trips need a road network, and the city has no OpenStreetMap source "
                           "(.osm, .osm.pbf); give sumo_net: (a SUMO network) or scripted walkers");
  NetworkBuildOptions build;
  build.osm_source = osm->path;
  build.output_dir = work_dir;
  // Only the scenario's area when it names one (complete ways are kept, so the streets that
  // cross its edge stay whole); else the whole file.
  if (!s.city.area) return BuildNetworkFromOsm(build);
  const geo::Box2d& a = run.city.area;
  std::vector<geo::Vec2d> corners = {{a.min_x, a.min_y}, {a.max_x, a.min_y}, {a.max_x, a.max_y}, {a.min_x, a.max_y}};
  if (geo::CrsTransform::FromFrame(run.city.frame, "EPSG:4326").Apply(corners)) {
    build.bbox_lonlat = {corners[0].x, corners[0].y, corners[0].x, corners[0].y};
    for (const geo::Vec2d& c : corners) {
      build.bbox_lonlat[0] = std::min(build.bbox_lonlat[0], c.x);
      build.bbox_lonlat[1] = std::min(build.bbox_lonlat[1], c.y);
      build.bbox_lonlat[2] = std::max(build.bbox_lonlat[2], c.x);
      build.bbox_lonlat[3] = std::max(build.bbox_lonlat[3], c.y);
    }
  }
  return BuildNetworkFromOsm(build);
}

// The source over `zones` (demand weights): the run's, or those of a plan being edited.
std::unique_ptr<AgentSource> MakeSource(const scenario::CoverageResult& run, const std::vector<sim::Zone>& zones,
                                        const scenario::AgentsSpec& spec, const Ground& ground,
                                        const std::filesystem::path& work_dir, core::Diagnostics& diagnostics) {
  const scenario::Scenario& s = run.scenario;
  if (spec.UsesSumo() && !spec.walkers.empty())
    throw core::InputError(s.file.string(), spec.where,
                           "agents: give either SUMO demand (rates, routes) or scripted walkers, not both (yet)");
  if (!spec.UsesSumo())
    return MakeWalkerSource(ScriptedWalkers(spec, run.city.frame), ground, {spec.step_s, spec.duration_s});
  SumoOptions sumo;
  sumo.net_file = Network(run, spec, work_dir.empty() ? std::filesystem::temp_directory_path() / "sightline_sumo" : work_dir);
  sumo.route_files = spec.routes;
  sumo.pedestrians_per_hour = spec.pedestrians_per_hour;
  sumo.vehicles_per_hour = spec.vehicles_per_hour;
  sumo.seed = spec.seed;
  sumo.step_s = spec.step_s;
  sumo.duration_s = spec.duration_s;
  for (const sim::Zone& z : zones)
    if (const auto w = spec.demand_weights.find(z.name); w != spec.demand_weights.end()) {
      std::vector<std::uint32_t> cells = z.cells;
      std::sort(cells.begin(), cells.end());
      sumo.zone_weights.push_back({z.name, std::move(cells), w->second});
    }
  return MakeSumoSource(sumo, NetFrame::Read(sumo.net_file, run.city.frame), ground, diagnostics);
}

}  // namespace

std::unique_ptr<AgentSource> MakeAgentSource(const scenario::CoverageResult& run, const scenario::AgentsSpec& spec,
                                             const Ground& ground, const std::filesystem::path& work_dir,
                                             core::Diagnostics& diagnostics) {
  return MakeSource(run, run.zones, spec, ground, work_dir, diagnostics);
}

void RequireAgents(const scenario::Scenario& s) {
  if (!s.agents)
    throw core::InputError(s.file.string(), "",
                           "no `agents:` section: add one with scripted walkers "
                           "(agents: {walkers: [{id: W1, path: [[x, y], [x, y]], speed_mps: 1.3}]}) "
                           "or random demand on the city's streets (agents: {pedestrians_per_hour: 2000, "
                           "vehicles_per_hour: 600})");
}

AgentsResult RunAgents(const scenario::CoverageResult& run, const AgentsRunOptions& options) {
  const scenario::Scenario& s = run.scenario;
  RequireAgents(s);
  AgentsResult result;
  result.spec = *s.agents;
  scenario::AgentsSpec& spec = result.spec;
  if (options.duration_s) spec.duration_s = *options.duration_s;
  if (options.seed) spec.seed = *options.seed;
  if (options.output_step_s) spec.output_step_s = *options.output_step_s;

  const Ground ground(run.grid);
  // A plan being edited brings its own cameras and zones: the run's are then not read (the
  // workbench's UI thread may rewrite them meanwhile).
  const std::vector<sim::Camera>& cameras = options.cameras ? *options.cameras : run.coverage->cameras();
  const std::vector<sim::Zone>& zones = options.zones ? *options.zones : run.zones;
  std::unique_ptr<AgentSource> source = MakeSource(run, zones, spec, ground, options.work_dir, result.diagnostics);

  PeopleTimeCounter counter(*run.scene, cameras, ground, zones, run.coverage->levels(), spec.step_s);
  const auto start = std::chrono::steady_clock::now();
  const long output_every = std::max(1L, std::lround(spec.output_step_s / spec.step_s));
  Snapshot snapshot;
  std::vector<StateView> views;
  double last_progress = -1;
  while (source->Next(snapshot)) {
    if (options.cancel && options.cancel->load()) {
      result.cancelled = true;
      break;
    }
    counter.Add(snapshot, source->agents(), views);
    if (result.steps % output_every == 0)
      for (std::size_t i = 0; i < snapshot.states.size(); ++i)
        result.tracks.push_back({snapshot.t_s, snapshot.states[i], views[i]});
    ++result.steps;
    if (options.progress && snapshot.t_s - last_progress >= 1) {
      options.progress(snapshot.t_s, spec.duration_s);
      last_progress = snapshot.t_s;
    }
  }
  result.simulate_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.agents = source->agents();
  result.people_time = counter.result();
  result.flow = PedestrianDensity(result.people_time.person_s_per_cell, run.grid, spec.duration_s);
  result.people_time.agents.resize(result.agents.size(), {{0, 0, 0, std::vector<double>(run.coverage->levels().levels.size(), 0)}, 0, -1, -1});
  for (std::size_t a = 0; a < result.agents.size(); ++a) {
    const AgentTime& t = result.people_time.agents[a];
    const std::string who = s.file.string() + ": agent '" + result.agents[a].id + "'";
    if (t.present_s == 0)
      result.diagnostics.Warn("agent not on its way during the run (it starts after the run ends, or its path has no length)", who);
    else if (t.time.in_area_s == 0)
      result.diagnostics.Warn("agent never inside the area (not counted)", who);
  }
  return result;
}

std::vector<float> FlowWeightsOf(const scenario::CoverageResult& run, const AgentsRunOptions& options) {
  const AgentsResult r = RunAgents(run, options);
  std::vector<float> weights = FlowWeights(r.flow, run.grid);
  if (std::all_of(weights.begin(), weights.end(), [](float w) { return w == 0; }))
    throw core::InputError(run.scenario.file.string(), r.spec.where,
                           "weight_by: flow, but no pedestrian walked inside the area in the agents simulation");
  return weights;
}

}  // namespace agents
