#include "agents/outputs.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>

#include "core/atomic_file.h"
#include "core/csv_field.h"
#include "core/error.h"
#include "geo/raster_io.h"
#include "geo/vector_io.h"
#include "agents/flow.h"

namespace agents {
namespace {

using json = nlohmann::json;

// Divided by a whole number, the result is the double nearest the decimal (12.34, not
// 12.340000000000002), so agents.json prints short numbers.
double Round(double v, double step = 0.01) {
  const double per_unit = std::round(1 / step);
  return std::round(v * per_unit) / per_unit;
}
double Pct(double part, double whole) { return whole > 0 ? Round(100 * part / whole) : 0.0; }

json Seen(const SeenTime& t, const sim::DensityLevels& levels) {
  json j = {{"in_area_s", Round(t.in_area_s)},
            {"seen_s", Round(t.seen_s)},
            {"seen_pct", Pct(t.seen_s, t.in_area_s)},
            {"seen_by_2_s", Round(t.seen_by_2_s)},
            {"seen_by_2_pct", Pct(t.seen_by_2_s, t.in_area_s)}};
  json at = json::object();
  for (std::size_t l = 0; l < levels.levels.size(); ++l)
    at[levels.levels[l].name] = {{"seen_s", Round(t.at_level_s[l])}, {"pct", Pct(t.at_level_s[l], t.in_area_s)}};
  j["at_level"] = at;
  return j;
}

json Group(const GroupTime& g, const sim::DensityLevels& levels) {
  return {{"people", Seen(g.people, levels)}, {"vehicles", Seen(g.vehicles, levels)}};
}

// Agents counted per group: how many entered the area, were seen, and reached each level.
json AgentCounts(const AgentsResult& r, const sim::DensityLevels& levels, bool people) {
  std::size_t in_area = 0, seen = 0;
  std::vector<std::size_t> at(levels.levels.size(), 0);
  for (std::size_t a = 0; a < r.agents.size(); ++a) {
    if (scenario::IsPerson(r.agents[a].agent_class) != people) continue;
    const AgentTime& t = r.people_time.agents[a];
    if (t.time.in_area_s <= 0) continue;
    ++in_area;
    if (t.first_seen_s >= 0) ++seen;
    for (int l = 0; l <= t.best_level; ++l) ++at[l];
  }
  json j = {{"in_area", in_area}, {"seen", seen}, {"seen_pct", Pct(seen, in_area)}};
  json ever = json::object();
  for (std::size_t l = 0; l < levels.levels.size(); ++l)
    ever[levels.levels[l].name] = {{"count", at[l]}, {"pct", Pct(at[l], in_area)}};
  j["ever_at_level"] = ever;
  return j;
}

void WriteTracksCsv(const AgentsResult& r, const geo::Frame& frame, const std::filesystem::path& path) {
  core::AtomicOutput out(path);
  {
    std::ofstream f(out.temp_path());
    f << "t_s,id,class,x,y,z,heading_deg,in_area,cameras_seeing,best_px_per_m\n";
    for (const TrackPoint& p : r.tracks) {
      const AgentInfo& a = r.agents[p.state.agent];
      f << fmt::format("{:.3f},{},{},{:.3f},{:.3f},{:.3f},{:.1f},{},{},{:.1f}\n", p.t_s, core::CsvField(a.id),
                       scenario::AgentClassName(a.agent_class), p.state.x + frame.origin_x,
                       p.state.y + frame.origin_y, p.state.z, p.state.heading_deg, p.view.in_area ? 1 : 0,
                       p.view.cameras_seeing, p.view.best_px_per_m);
    }
    if (!f) throw core::InputError(path.string(), "", "cannot write tracks");
  }
  out.Commit();
}

void WriteGpkg(const AgentsResult& r, const scenario::CoverageResult& run, const std::filesystem::path& path) {
  using F = geo::OutputField;
  const sim::DensityLevels& levels = run.coverage->levels();
  geo::OutputLayer points{"tracks", geo::OutputLayer::Geometry::point,
                          {{"t_s", F::Type::real}, {"agent_id", F::Type::text}, {"class", F::Type::text},
                           {"z", F::Type::real}, {"heading_deg", F::Type::real}, {"cameras_seeing", F::Type::integer},
                           {"best_px_per_m", F::Type::real}, {"level", F::Type::text}},
                          {}};
  std::map<std::uint32_t, geo::OutputFeature> paths;  // per agent, in agent order
  for (const TrackPoint& p : r.tracks) {
    const AgentInfo& a = r.agents[p.state.agent];
    const int level = p.view.cameras_seeing > 0 ? levels.Classify(p.view.best_px_per_m) : -1;
    geo::OutputFeature f;
    f.point = {p.state.x, p.state.y};
    f.values = {p.t_s, a.id, std::string(scenario::AgentClassName(a.agent_class)), p.state.z, p.state.heading_deg,
                static_cast<std::int64_t>(p.view.cameras_seeing), static_cast<double>(p.view.best_px_per_m),
                level >= 0 ? levels.levels[level].name : std::string(p.view.cameras_seeing > 0 ? "below" : "unseen")};
    points.features.push_back(std::move(f));
    geo::OutputFeature& line = paths[p.state.agent];
    line.line.push_back({p.state.x, p.state.y});
    line.line_m.push_back(p.t_s);
  }
  geo::OutputLayer lines{"paths", geo::OutputLayer::Geometry::line_m,
                         {{"agent_id", F::Type::text}, {"class", F::Type::text}, {"seen_s", F::Type::real},
                          {"first_seen_s", F::Type::real}},
                         {}};
  for (auto& [agent, f] : paths) {
    if (f.line.size() < 2) continue;  // a line needs two points
    const AgentTime& t = r.people_time.agents[agent];
    f.values = {r.agents[agent].id, std::string(scenario::AgentClassName(r.agents[agent].agent_class)),
                Round(t.time.seen_s), t.first_seen_s};
    lines.features.push_back(std::move(f));
  }
  geo::WriteGeoPackage(path, run.city.frame, {points, lines});
}


void WriteFlowTif(const AgentsResult& r, const scenario::CoverageResult& run, const std::filesystem::path& path) {
  const sim::Grid& g = run.grid;
  constexpr double kNoData = -9999;
  geo::RasterBand flow{"pedestrians per 100 m2 (mean over the run, smoothed)", geo::RasterBand::Type::float32,
                       std::vector<double>(g.size(), kNoData), kNoData};
  for (std::uint32_t i = 0; i < g.size() && i < r.flow.size(); ++i)
    if (g.IsTarget(i)) flow.values[i] = r.flow[i];
  geo::WriteGeoTiff(path, run.city.frame, g.Raster(), {flow}, run.scenario.outputs.geotiff_compression);
}

}  // namespace

json AgentsJson(const AgentsResult& r, const scenario::CoverageResult& run) {
  const sim::DensityLevels& levels = run.coverage->levels();
  const PeopleTime& pt = r.people_time;
  json j;
  j["scenario"] = run.scenario.name;
  j["duration_s"] = r.spec.duration_s;
  j["step_s"] = r.spec.step_s;
  j["seed"] = r.spec.seed;
  j["source"] = r.spec.UsesSumo() ? "sumo" : "walkers";
  j["density_levels"] = json::array();
  for (const auto& l : levels.levels) j["density_levels"].push_back({{"name", l.name}, {"min_px_per_m", l.min_px_per_m}});
  j["totals"] = Group(pt.totals, levels);
  j["totals"]["people"]["agents"] = AgentCounts(r, levels, true);
  j["totals"]["vehicles"]["agents"] = AgentCounts(r, levels, false);
  j["cameras"] = json::array();
  const auto& cameras = run.coverage->cameras();
  for (std::size_t c = 0; c < cameras.size(); ++c) {
    json cam = Group(pt.cameras[c], levels);
    cam["id"] = cameras[c].id;
    j["cameras"].push_back(cam);
  }
  j["zones"] = json::array();
  for (std::size_t z = 0; z < run.zones.size(); ++z) {
    json zone = Group(pt.zones[z], levels);
    zone["name"] = run.zones[z].name;
    zone["kind"] = sim::ZoneKindName(run.zones[z].kind);
    j["zones"].push_back(zone);
  }
  j["agents"] = json::array();
  for (std::size_t a = 0; a < r.agents.size(); ++a) {
    const AgentTime& t = pt.agents[a];
    json at = json::object();
    for (std::size_t l = 0; l < levels.levels.size(); ++l) at[levels.levels[l].name] = Round(t.time.at_level_s[l]);
    j["agents"].push_back({{"id", r.agents[a].id},
                           {"class", scenario::AgentClassName(r.agents[a].agent_class)},
                           {"seconds_in_area", Round(t.time.in_area_s)},
                           {"seen_s", Round(t.time.seen_s)},
                           {"seen_by_2_s", Round(t.time.seen_by_2_s)},
                           {"seen_s_at", at},
                           {"first_seen_s", t.first_seen_s >= 0 ? json(Round(t.first_seen_s, 0.001)) : json(nullptr)}});
  }
  float peak = 0;
  for (float v : r.flow) peak = std::max(peak, v);
  j["flow"] = {{"raster", "flow.tif"},
               {"unit", "pedestrians per 100 m2, mean over the run"},
               {"smoothing_m", FlowOptions{}.smoothing_m},
               {"peak", Round(peak, 0.001)}};
  j["warnings"] = json::object();
  for (const auto& [kind, k] : r.diagnostics.kinds()) j["warnings"][kind] = k.count;
  return j;
}


report::PeopleSection PeopleSectionOf(const AgentsResult& r, const scenario::CoverageResult& run) {
  const sim::DensityLevels& levels = run.coverage->levels();
  report::PeopleSection section;
  section.source = r.spec.UsesSumo() ? "People and vehicles simulated by SUMO" : "Scripted walkers";
  section.duration_s = r.spec.duration_s;
  section.flow = r.flow;
  const int recognise = std::min<int>(2, static_cast<int>(levels.levels.size()) - 1);
  for (const bool people : {true, false}) {
    const SeenTime& t = people ? r.people_time.totals.people : r.people_time.totals.vehicles;
    if (t.in_area_s <= 0) continue;
    report::PeopleSection::Row row{people ? "people" : "vehicles", t.in_area_s, Pct(t.seen_s, t.in_area_s),
                                   Pct(t.seen_by_2_s, t.in_area_s), {}, 0, 0};
    for (double s : t.at_level_s) row.at_level_pct.push_back(Pct(s, t.in_area_s));
    for (std::size_t a = 0; a < r.agents.size(); ++a) {
      const AgentTime& at = r.people_time.agents[a];
      if (scenario::IsPerson(r.agents[a].agent_class) != people || at.time.in_area_s <= 0) continue;
      ++row.agents;
      if (recognise >= 0 && at.best_level >= recognise) ++row.agents_ever_at_recognise;
    }
    section.rows.push_back(std::move(row));
  }
  return section;
}

std::vector<std::filesystem::path> WriteAgentsOutputs(const AgentsResult& r, const scenario::CoverageResult& run,
                                                      const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::InputError(dir.string(), "", "cannot create the output folder: " + ec.message());
  const std::vector<std::filesystem::path> paths = {dir / "agents.json", dir / "tracks.csv", dir / "agents.gpkg",
                                                    dir / "flow.tif"};
  {
    core::AtomicOutput out(paths[0]);
    std::ofstream(out.temp_path()) << AgentsJson(r, run).dump(2) << "\n";
    out.Commit();
  }
  WriteTracksCsv(r, run.city.frame, paths[1]);
  WriteGpkg(r, run, paths[2]);
  WriteFlowTif(r, run, paths[3]);
  return paths;
}

}  // namespace agents
