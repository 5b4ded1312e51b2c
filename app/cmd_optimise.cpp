// `sightline optimise`: propose where cameras go under a budget; writes the plan as a scenario.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "agents/run.h"
#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "app/process_start.h"
#include "app/threads.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "dist/distributed_optimise.h"
#include "dist/launch.h"
#include "dist/tiled_coverage.h"
#include "geo/vector_io.h"
#include "scenario/camera_fields.h"
#include "scenario/optimise_run.h"
#include "sim/memory_budget.h"

namespace app {
namespace {

struct OptimiseOptions {
  std::string scenario;
  std::string output = "out/optimise";
  double budget = 0;
  int max_cameras = 0;
  double time_limit_s = 0;
  int threads = 0;
  int seed = 1;
  double target_pct = 0;
  std::string max_memory;
  bool json = false;
};

nlohmann::json ResultJson(const scenario::OptimiseResult& r) {
  nlohmann::json j;
  j["scenario"] = r.base->scenario.name;
  const auto& spec = r.base->scenario.optimise;
  j["weight_by"] = spec && spec->weight_by_flow ? "flow" : "area";
  j["budget"] = {{"money", r.budget.money ? nlohmann::json(*r.budget.money) : nlohmann::json(nullptr)},
                 {"cameras", r.budget.cameras ? nlohmann::json(*r.budget.cameras) : nlohmann::json(nullptr)}};
  j["candidates"] = r.candidates.size();
  j["matrix"] = {{"targets", r.targets}, {"grid_cells_seen", r.covered_cells},
                 {"memory_mb", std::round(r.matrix_bytes / 1e4) / 100}, {"seconds", r.seconds_matrix}};
  auto plan = [](const sim::Plan& p) {
    return nlohmann::json{{"method", p.method}, {"objective", std::round(p.objective * 100) / 100},
                          {"upper_bound", std::round(p.upper_bound * 100) / 100},
                          {"gap_pct", std::round(p.Gap() * 1e4) / 100}, {"proven_optimal", p.proven_optimal},
                          {"cost_lower_bound", p.cost_lower_bound},
                          {"cost", p.cost}, {"cameras", p.chosen.size()}};
  };
  j["greedy"] = plan(r.greedy);
  j["plan"] = plan(r.plan);
  // The objective ranks priority zones first (sim::BuildProblem); these are plain weighted m2.
  auto met = [](const sim::MetArea& m) {
    return nlohmann::json{{"priority_zones", std::round(m.priority_m2 * 100) / 100},
                          {"elsewhere", std::round(m.other_m2 * 100) / 100}};
  };
  j["greedy"]["met_m2"] = met(r.greedy_met);
  j["plan"]["met_m2"] = met(r.met);
  j["plan"]["cancelled"] = r.cancelled;
  j["seconds_solve"] = r.seconds_solve;
  j["cameras"] = nlohmann::json::array();
  const geo::Frame& f = r.base->city.frame;
  for (const sim::Camera& c : r.cameras)
    j["cameras"].push_back({{"id", c.id}, {"model", c.model},
                            {"position", {c.position.x + f.origin_x, c.position.y + f.origin_y, c.position.z}},
                            {"yaw_deg", c.yaw_deg}, {"pitch_deg", c.pitch_deg}, {"cost", c.cost}});
  return j;
}

scenario::OptimiseOverrides OverridesOf(const OptimiseOptions& o) {
  scenario::OptimiseOverrides over;
  if (o.budget > 0) over.budget = o.budget;
  if (o.max_cameras > 0) over.max_cameras = o.max_cameras;
  if (o.time_limit_s > 0) over.time_limit_s = o.time_limit_s;
  over.seed = o.seed;
  if (o.target_pct > 0) over.target_coverage_pct = o.target_pct;
  return over;
}

// The plan's files, into the output folder, committed as one set.
void WritePlan(core::OutputFolder& out, const scenario::Scenario& s, const scenario::OptimiseResult& r,
               const nlohmann::json& j) {
  out.Write([&](const std::filesystem::path& dir) {
    scenario::ScenarioWriteOptions write;
    write.ground_z = [&](double x, double y) { return r.base->city.GroundZ(x, y); };
    scenario::WriteScenarioWithCameras(s, r.cameras, r.base->city.frame, dir / "optimised.yaml", write);
    geo::OutputLayer layer{"cameras", geo::OutputLayer::Geometry::point, scenario::CameraLayerFields(), {}};
    for (const sim::Camera& c : r.cameras) {
      geo::OutputFeature f;
      f.point = {c.position.x, c.position.y};
      f.values = scenario::CameraLayerValues(c, r.base->city.GroundZ(c.position.x, c.position.y));
      layer.features.push_back(std::move(f));
    }
    geo::WriteGeoPackage(dir / "cameras.gpkg", r.base->city.frame, {layer});
    {
      core::AtomicOutput file(dir / "optimise.json");
      file.WriteText(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      file.Commit();
    }
  });
  out.Commit();
}

void PrintPlan(const OptimiseOptions& o, const scenario::Scenario& s, const scenario::OptimiseResult& result);

// Under mpirun: the grid's bands and the matrix's columns over the ranks (dist/); rank 0
// writes and prints the same as one process.
void RunOverMpi(const OptimiseOptions& o) {
  scenario::OptimiseOverrides over = OverridesOf(o);
  over.started = ProcessStart();
  scenario::Scenario s;
  try {
    s = scenario::LoadScenario(o.scenario);
    if (!o.max_memory.empty()) s.max_memory_bytes = ParseMemorySize(o.max_memory, "--max-memory");
  } catch (const core::InputError&) {
    // Every rank reads the same file: rank 0 says it; the others exit 0 (see dist::QuietExit).
    if (dist::LaunchRank() != 0) throw ExitWith{kExitOk};
    throw;
  }
  std::unique_ptr<core::OutputFolder> out;
  dist::DistributedOptimiseResult d;
  try {
    d = dist::RunDistributedOptimise(s, over, [&] { out = std::make_unique<core::OutputFolder>(o.output); });
  } catch (const dist::QuietExit& e) {
    throw ExitWith{e.code};  // another rank reported the error
  }
  if (!d.root) return;
  const scenario::OptimiseResult& r = *d.result;
  LogCitySources(r.base->city);
  PrintDiagnostics(r.base->diagnostics);
  double largest = 0;
  for (int q = 0; q < d.ranks; ++q) {
    spdlog::info("rank {}: rows {}..{}, peak memory {}", q, d.bands[q].first, d.bands[q].first + d.bands[q].count,
                 sim::MemoryText(d.peak_bytes[q]));
    largest = std::max(largest, d.peak_bytes[q]);
  }
  spdlog::info("{} MPI ranks: {:.2f} s, peak memory of the largest rank {}", d.ranks, d.wall_s, sim::MemoryText(largest));
  WritePlan(*out, s, r, ResultJson(r));
  PrintPlan(o, s, r);
}

void Run(const OptimiseOptions& o) {
  const auto threads = LimitThreads(o.threads);
  if (dist::LaunchedByMpi()) return RunOverMpi(o);
  scenario::OptimiseOverrides over = OverridesOf(o);
  over.started = ProcessStart();  // the time limit counts the whole command
  const std::uint64_t max_memory =  // before the lock, as the other flags; 0: not given
      o.max_memory.empty() ? 0 : ParseMemorySize(o.max_memory, "--max-memory");
  core::OutputFolder out(o.output);
  scenario::Scenario s = scenario::LoadScenario(o.scenario);
  if (max_memory > 0) s.max_memory_bytes = max_memory;
  // weight_by: flow: the scenario's people walk first (agents:), and their flow weights the ground.
  over.cell_weights = [&](const scenario::CoverageResult& base) {
    spdlog::info("optimise: simulating the agents for the pedestrian flow...");
    agents::AgentsRunOptions options;
    options.work_dir = out.staging() / "agents";
    return agents::FlowWeightsOf(base, options);
  };
  spdlog::info("optimise: building candidates and the visibility matrix...");
  const auto r = scenario::RunOptimise(s, over);
  LogCitySources(r->base->city);
  PrintDiagnostics(r->base->diagnostics);

  WritePlan(out, s, *r, ResultJson(*r));
  PrintPlan(o, s, *r);
}

void PrintPlan(const OptimiseOptions& o, const scenario::Scenario& s, const scenario::OptimiseResult& result) {
  const scenario::OptimiseResult* r = &result;
  const nlohmann::json j = ResultJson(result);
  if (o.json) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (spdlog::get_level() > spdlog::level::info) return;
  fmt::print("\n{}: {} candidates, {} targets ({:.1f} MB matrix, {:.2f} s)\n", r->base->scenario.name,
             r->candidates.size(), r->targets, r->matrix_bytes / 1e6, r->seconds_matrix);
  if (s.optimise && s.optimise->weight_by_flow)
    fmt::print("  weighted by   pedestrian flow: an m2 counts by the people on it (mean over the area = 1)\n");
  // The objective ranks priority zones first (its units are not m2): print its credit in
  // weighted m2 (a zone's weight times its area, partial credit below k), named as such: it is
  // not the area `coverage` reports as met. Weighted by flow, an m2 counts by the people on it.
  const char* unit = s.optimise && s.optimise->weight_by_flow ? "flow-weighted m2" : "weighted m2";
  // The plan holds the installed cameras too; its cost is the new ones'.
  const std::size_t installed = r->base->coverage ? r->base->coverage->cameras().size() : 0;
  auto cameras = [&](const sim::Plan& p) {
    const std::size_t all = p.chosen.size(), added = all > installed ? all - installed : 0;
    return fmt::format("{} new camera{} (cost {:.0f}){}", added, added == 1 ? "" : "s", p.cost,
                       installed ? fmt::format(" + {} installed", installed) : "");
  };
  fmt::print("  greedy        {:>10.0f} {} credit in priority zones, {:.0f} {} elsewhere; {}\n",
             r->greedy_met.priority_m2, unit, r->greedy_met.other_m2, unit, cameras(r->greedy));
  fmt::print("  plan ({})  {:>10.0f} {} credit in priority zones, {:.0f} {} elsewhere; {}{}\n",
             r->plan.method, r->met.priority_m2, unit, r->met.other_m2, unit, cameras(r->plan),
             r->cancelled ? " (cancelled: best plan so far)" : "");
  fmt::print("  ({}: a zone's weight x its m2, partial credit below its k; the m2 where each zone's "
             "requirement is met: `sightline coverage {}/optimised.yaml`)\n", unit, o.output);
  if (r->budget.target_objective)
    fmt::print("  target        {:>10.0f} m2 weighted at minimum cost {:.0f}; no plan reaching it costs less than {:.0f}{}\n",
               *r->budget.target_objective, r->plan.cost, r->plan.cost_lower_bound,
               r->plan.proven_optimal ? " (proven optimal)" : "");
  else
    fmt::print("  upper bound   the plan is within {:.2f} % of the best possible objective{}\n", 100 * r->plan.Gap(),
               r->plan.proven_optimal ? " (proven optimal)" : "");
  fmt::print("outputs in {}: optimised.yaml (open with coverage/report/compare), cameras.gpkg, optimise.json\n",
             o.output);
}

}  // namespace

void SetupOptimise(CLI::App& app) {
  auto opt = std::make_shared<OptimiseOptions>();
  CLI::App* cmd = app.add_subcommand("optimise", "Propose camera placements under a budget (greedy + swaps + CBC)");
  cmd->alias("optimize");
  cmd->add_option("scenario", opt->scenario, "Scenario .yaml with an optimise: section")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  cmd->add_option("--budget", opt->budget, "Total cost of new cameras (overrides the scenario)")->check(Within(1e-6, 1e12));
  cmd->add_option("--max-cameras", opt->max_cameras, "Number of new cameras (overrides the scenario)")->check(WholeWithin(1, 1000000));
  cmd->add_option("--time-limit", opt->time_limit_s, "Wall-clock seconds for the whole run, set-up included (stops earlier once the plan is proven optimal)")->check(Within(0.001, 1e7));
  cmd->add_option("--max-memory", opt->max_memory, kMaxMemoryHelp)->check(MemorySize());
  cmd->add_option("--threads", opt->threads, "Worker threads (default: all cores)")->check(WholeWithin(0, 4096));
  cmd->add_option("--target-coverage", opt->target_pct,
                  "Minimum cost to cover this percentage of the (weighted) evaluated ground")
      ->check(Within(1e-6, 100));
  cmd->add_option("--seed", opt->seed, "Random seed of the exact solver (same seed, same plan when it finishes)")
      ->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print optimise.json to stdout");
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
