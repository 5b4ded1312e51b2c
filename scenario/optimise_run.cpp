#include "scenario/optimise_run.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <set>

#include <fmt/format.h>
#include <fstream>
#include <optional>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/frame.h"
#include "geo/vector_io.h"
#include "scenario/build.h"
#include "sim/memory_budget.h"

namespace scenario {
namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::unique_ptr<OptimiseResult> RunOptimise(Scenario s, const OptimiseOverrides& over) {
  const std::string file = s.file.string();
  if (!s.optimise) throw core::InputError(file, "", "no `optimise:` section: nothing to optimise");
  const OptimiseSpec spec = *s.optimise;
  auto r = std::make_unique<OptimiseResult>();
  r->budget.money = over.budget ? over.budget : spec.budget;
  r->budget.cameras = over.max_cameras ? over.max_cameras : spec.max_cameras;
  const std::optional<double> target_pct = over.target_coverage_pct ? over.target_coverage_pct : spec.target_coverage_pct;
  if (!r->budget.money && !r->budget.cameras && !target_pct)
    throw core::InputError(file, spec.where, "optimise needs a budget, max_cameras or target_coverage_pct");
  const double time_limit = over.time_limit_s.value_or(spec.time_limit_s);
  // One wall-clock budget for the whole run, from here, less a little kept for writing the
  // outputs after the search (5 %, at most a second).
  const double search_limit = time_limit - std::min(1.0, 0.05 * time_limit);
  sim::StopControl stop = sim::StopControl::In(search_limit, over.cancel);
  if (over.started)
    stop.deadline = *over.started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(search_limit));
  auto phase = [&](const std::string& name) {
    if ((over.progress && !over.progress(name)) || stop.Cancelled()) throw OptimiseCancelled();
  };

  phase("coverage of the installed cameras");
  r->base = over.parts.base ? over.parts.base(std::move(s)) : RunCoverage(std::move(s));
  phase("candidate mounts");
  const CoverageResult& b = *r->base;
  const auto t0 = std::chrono::steady_clock::now();
  sim::CandidateOptions co;
  co.facades = spec.facades;
  co.poles = spec.poles;
  if (spec.poles && spec.poles_asked && spec.poles_source.empty() && b.city.poles.empty())
    r->base->diagnostics.Warn("poles: true, but the city has no street lamps or masts (OSM) and no poles_source is given: no pole candidates",
                              file + (spec.where.empty() ? "" : ": " + spec.where));
  co.roofs = spec.roofs;
  if (!spec.poles_source.empty())
    for (const geo::VectorRecord& rec : geo::ReadPointFile(spec.poles_source, b.city.frame, b.scenario.city.crs))
      co.extra_poles.push_back({static_cast<float>(rec.point->x), static_cast<float>(rec.point->y),
                                static_cast<float>(b.city.GroundZ(rec.point->x, rec.point->y))});
  co.spacing_m = spec.spacing_m;
  co.heights_m = spec.heights_m;
  co.yaw_steps = spec.yaw_steps;
  co.pitches_deg = spec.pitches_deg;
  std::vector<std::string> models = spec.models;
  if (models.empty())
    for (const auto& [name, fields] : b.scenario.camera_models) models.push_back(name);
  std::size_t zoomed_models = 0;
  for (const std::string& m : models) {
    const sim::Camera wide = CameraFromModel(b.scenario, m);
    co.models.push_back(wide);
    const CameraFields& fields = b.scenario.camera_models.at(m);
    if (spec.focal_steps < 2 || !fields.focal_range_mm || !fields.sensor_width_mm ||
        wide.lens != sim::LensModel::rectilinear)
      continue;
    // The same camera zoomed in: narrower, so denser at a distance (the optimiser weighs both).
    const auto [lo, hi] = *fields.focal_range_mm;
    if (!(hi > lo * 1.001)) continue;  // a "range" of one focal length: no other setting to try
    ++zoomed_models;
    for (int k = 1; k < spec.focal_steps; ++k) {
      sim::Camera zoomed = wide;
      zoomed.focal_length_mm = k + 1 == spec.focal_steps ? hi : lo * std::pow(hi / lo, double(k) / (spec.focal_steps - 1));
      zoomed.hfov_deg = 0;  // from the focal length and the sensor
      sim::ResolveAndValidate(zoomed, file + ": camera model '" + m + "'");
      co.models.push_back(zoomed);
    }
  }
  if (spec.focal_steps > 1 && zoomed_models == 0)
    r->base->diagnostics.Warn("focal_steps: none of the models has a varifocal lens (focal_range_mm with a sensor): "
                              "each is tried at its one focal length", file + (spec.where.empty() ? "" : ": " + spec.where));
  for (const sim::Zone& z : b.zones)
    if (z.kind != sim::ZoneKind::priority) co.no_mount.insert(co.no_mount.end(), z.outline.begin(), z.outline.end());
  for (const sim::Camera& fixed : b.coverage->cameras()) r->candidates.push_back({fixed, "fixed", true});
  const auto generated = sim::GenerateCandidates(b.city, co);
  r->candidates.insert(r->candidates.end(), generated.begin(), generated.end());
  if (generated.empty())
    throw core::InputError(file, spec.where, "no candidate mount points (no facades or poles in the area?)");
  if (!over.parts.build_problem)  // a distributed build checks each rank's band
    sim::CheckOptimiserMemory(b.city.area, b.grid.resolution_m, r->candidates, {b.scenario.max_memory_bytes, file});
  phase(fmt::format("visibility of {} candidates", r->candidates.size()));
  sim::ProblemOptions po;
  po.privacy = spec.privacy;
  po.privacy_penalty = spec.privacy_penalty;
  po.priority_first = !target_pct;  // a target share is of plain weighted m2
  // Casting gets at most 60 % of the time left, so the search has the rest and the run ends
  // within its limit; candidates not cast by then are left out evenly across the area (and
  // counted in a warning). A target share is not cut: left-out candidates could make it look
  // unreachable, so casting ends whatever the limit and the overrun is warned.
  po.stop = target_pct ? sim::StopControl{.cancel = over.cancel}
                       : sim::StopControl::In(0.6 * stop.SecondsLeft(), over.cancel);
  if (spec.weight_by_flow) {
    if (!over.cell_weights)
      throw core::InputError(file, spec.where, "weight_by: flow needs the people simulation, which this tool cannot run");
    phase("pedestrian flow");
    po.cell_weight = over.cell_weights(b);
  }
  const sim::CoverageProblem problem =
      over.parts.build_problem ? over.parts.build_problem(b, r->candidates, po)
                               : sim::BuildProblem(*b.scene, b.grid, r->candidates, b.zones, b.coverage->levels(), po);
  if (problem.cancelled) throw OptimiseCancelled();
  const std::size_t new_candidates = r->candidates.size() - b.coverage->cameras().size();
  if (problem.unevaluated >= new_candidates)
    throw core::InputError(file, spec.where, fmt::format("time_limit_s ({:.0f} s) ran out before any candidate was evaluated: "
                                                         "raise it, or use fewer candidates", time_limit));
  if (problem.unevaluated > 0)
    r->base->diagnostics.Warn(fmt::format("time limit: {} of {} candidates left unevaluated, evenly across the area "
                                          "(raise time_limit_s or use fewer candidates)", problem.unevaluated, new_candidates), file);
  else if (target_pct && stop.Expired())
    r->base->diagnostics.Warn(fmt::format("time limit: casting every candidate for a target share took longer than "
                                          "time_limit_s ({:.0f} s); the search had no time left", time_limit), file);
  if (target_pct) r->budget.target_objective = *target_pct / 100 * problem.total_weight;
  for (const std::string& zone : problem.unreachable_zones)
    r->base->diagnostics.Warn("priority zone no candidate can see at its required level", file + ": zone '" + zone + "'");
  r->targets = problem.targets();
  r->covered_cells = problem.covered_cells;
  r->matrix_bytes = problem.memory_bytes;
  r->seconds_matrix = Since(t0);

  phase("greedy and swap search");
  const auto t1 = std::chrono::steady_clock::now();
  // Partial enumeration pays on small and medium problems (within 1 % of CBC's optimum on the
  // benchmark instances with 64 starts); on large ones a few starts keep it fast.
  r->greedy = sim::SolveGreedyMultiStart(problem, r->budget, problem.candidates() <= 2000 ? 64 : 8, stop);
  // Swaps get a third of what is left, CBC the rest; neither runs past the run's budget.
  sim::StopControl swaps = stop;
  swaps.deadline = std::min(stop.deadline, sim::StopControl::In(stop.SecondsLeft() / 3).deadline);
  r->plan = sim::ImproveBySwaps(problem, r->budget, r->greedy, swaps);
  const bool small = problem.targets() <= 200000 && problem.candidates() <= 5000;
  if (r->budget.target_objective && spec.exact == "never")
    throw core::InputError(file, spec.where, "target_coverage_pct needs the exact solver (exact: auto or always)");
  const bool proven = !r->budget.target_objective && r->plan.Gap() <= 0;  // the bound is met: nothing to search
  if (proven) {
    r->plan.proven_optimal = true;
  } else if (!stop.Cancelled() && (spec.exact == "always" || (spec.exact == "auto" && small))) {
    phase("exact solver (CBC)");
    if (stop.SecondsLeft() <= 0)
      r->base->diagnostics.Warn("the time limit was spent before the exact solver (plan from greedy and swaps)", file);
    r->plan = over.parts.solve_exact ? over.parts.solve_exact(problem, r->budget, r->plan, stop, over.seed)
                                     : sim::SolveExact(problem, r->budget, r->plan, stop, over.seed);
  }
  r->cancelled = stop.Cancelled();
  r->seconds_solve = Since(t1);

  r->met = sim::Met(problem, r->plan.chosen);
  r->greedy_met = sim::Met(problem, r->greedy.chosen);
  int next = 1;
  for (std::uint32_t c : r->plan.chosen) {
    sim::Camera cam = r->candidates[c].camera;
    if (!r->candidates[c].fixed) cam.id = fmt::format("O{:02d}", next++);
    r->cameras.push_back(cam);
  }
  return r;
}

// Metres to the millimetre, degrees to the hundredth, written as plain YAML numbers.
static std::string Num(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s == "-0" ? "0" : s;
}

void WriteScenarioWithCameras(const Scenario& original, const std::vector<sim::Camera>& cameras,
                              const geo::Frame& frame, const std::filesystem::path& out_yaml,
                              const ScenarioWriteOptions& options) {
  YAML::Node root = YAML::LoadFile(original.file.string());
  const std::filesystem::path from = original.file.parent_path();
  const std::filesystem::path to = std::filesystem::absolute(out_yaml).parent_path();
  auto rebase = [&](YAML::Node node) {
    if (!node || !node.IsScalar()) return;
    std::filesystem::path p(node.as<std::string>());
    if (p.is_absolute()) return;
    node = std::filesystem::relative(std::filesystem::absolute(from / p), to).string();
  };
  for (auto src : root["city"]) rebase(src["source"]);
  rebase(root["catalogue"]);
  if (YAML::Node b = root["background"]) rebase(b.IsMap() ? b["file"] : b);
  if (root["area"]) rebase(root["area"]["polygon"]);
  if (root["zones"])
    for (auto z : root["zones"]) rebase(z["source"]);
  if (YAML::Node agents = root["agents"]; agents && agents.IsMap()) {
    rebase(agents["sumo_net"]);
    if (agents["routes"] && agents["routes"].IsSequence())
      for (auto r : agents["routes"]) rebase(r);
    else
      rebase(agents["routes"]);
  }
  if (!options.keep_optimise) root.remove("optimise");
  root["name"] = (original.name.empty() ? std::string("Scenario") : original.name) + options.name_suffix;
  std::optional<geo::CrsTransform> to_scenario_crs;
  if (!original.city.crs.empty() && !frame.feet_crs_name.empty())
    to_scenario_crs.emplace(geo::CrsTransform::FromFrame(frame, original.city.crs));
  std::set<std::string> by_height;  // ids the scenario placed by height_m
  for (const CameraSpec& spec : original.cameras)
    if (spec.height_m && !spec.z) by_height.insert(spec.id);
  YAML::Node list(YAML::NodeType::Sequence);
  for (const sim::Camera& c : cameras) {
    YAML::Node n(YAML::NodeType::Map);
    n.SetStyle(YAML::EmitterStyle::Flow);
    n["id"] = c.id;
    // A model the scenario does not define (a camera layer's label) would not read back.
    if (original.camera_models.count(c.model)) n["model"] = c.model;
    YAML::Node pos(YAML::NodeType::Sequence);
    pos.SetStyle(YAML::EmitterStyle::Flow);
    // In the scenario's own CRS: the frame is its metric twin when that CRS is in feet.
    double x = c.position.x, y = c.position.y;
    if (to_scenario_crs) {
      to_scenario_crs->Apply(x, y);
    } else {
      x += frame.origin_x;
      y += frame.origin_y;
    }
    pos.push_back(Num(x, 3));
    pos.push_back(Num(y, 3));
    n["position"] = pos;
    if (frame.epsg > 0 && original.city.crs.empty()) n["crs"] = frame.Label();
    if (options.ground_z && by_height.count(c.id))
      n["height_m"] = Num(c.position.z - options.ground_z(c.position.x, c.position.y), 3);
    else
      n["z"] = Num(c.position.z, 3);
    n["yaw"] = Num(c.yaw_deg, 2);
    n["pitch"] = Num(c.pitch_deg, 2);
    if (c.roll_deg != 0) n["roll"] = Num(c.roll_deg, 2);
    // Optics: none where the catalogue model says the same, else written out (overrides).
    const std::optional<sim::Camera> model =
        original.camera_models.count(c.model) ? std::optional(CameraFromModel(original, c.model)) : std::nullopt;
    if (!model || model->width_px != c.width_px || model->height_px != c.height_px) {
      YAML::Node res(YAML::NodeType::Sequence);
      res.SetStyle(YAML::EmitterStyle::Flow);
      res.push_back(c.width_px);
      res.push_back(c.height_px);
      n["resolution"] = res;
    }
    // A varifocal camera set to another focal length (focal_steps) says so, as its installer sets it.
    if (model && c.focal_length_mm > 0 && std::abs(c.focal_length_mm - model->focal_length_mm) > 1e-9 &&
        original.camera_models.at(c.model).focal_range_mm)
      n["focal_length_mm"] = Num(c.focal_length_mm, 3);
    else if (!model || std::abs(model->hfov_deg - c.hfov_deg) > 1e-9)
      n["hfov_deg"] = Num(c.hfov_deg, 4);
    if (!model || model->min_range_m != c.min_range_m || model->max_range_m != c.max_range_m) {
      YAML::Node range(YAML::NodeType::Sequence);
      range.SetStyle(YAML::EmitterStyle::Flow);
      range.push_back(Num(c.min_range_m, 3));
      range.push_back(Num(c.max_range_m, 3));
      n["range_m"] = range;
    }
    if (!model || model->cost != c.cost) n["cost"] = Num(c.cost, 2);
    // The mount kind when it is not what the model (or the default) says: a facade camera
    // of a pole model stays on its wall.
    if (c.mount != (model ? model->mount : sim::Camera{}.mount)) n["mount"] = sim::MountName(c.mount);
    if (!model || model->lens != c.lens)
      n["lens"] = c.lens == sim::LensModel::fisheye_equidistant ? "fisheye" : "rectilinear";
    const sim::Distortion& d = c.distortion;
    if (!d.none() && (!model || model->distortion.k1 != d.k1 || model->distortion.k2 != d.k2 ||
                      model->distortion.k3 != d.k3 || model->distortion.p1 != d.p1 || model->distortion.p2 != d.p2)) {
      YAML::Node dist(YAML::NodeType::Map);
      dist.SetStyle(YAML::EmitterStyle::Flow);
      dist["k1"] = d.k1, dist["k2"] = d.k2, dist["k3"] = d.k3, dist["p1"] = d.p1, dist["p2"] = d.p2;
      n["distortion"] = dist;
    }
    list.push_back(n);
  }
  root["cameras"] = list;
  YAML::Emitter out;
  out << root;
  core::AtomicOutput file(out_yaml);
  file.WriteText("# Written by " + options.written_by + " from " + original.file.filename().string() + "\n" +
                 out.c_str() + "\n");
  file.Commit();
}

}  // namespace scenario
