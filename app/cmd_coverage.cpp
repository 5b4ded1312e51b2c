// `sightline coverage`: scenario -> city -> scene -> grid -> cameras -> coverage -> outputs.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "app/coverage_run.h"
#include "app/progress.h"
#include "app/threads.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "dist/launch.h"
#include "dist/tiled_coverage.h"
#include "report/coverage_outputs.h"
#include "scenario/pipeline.h"
#include "sim/memory_budget.h"
#include "sim/summary.h"

namespace app {
namespace {

struct CoverageOptions {
  ReportWriter report;  // `sightline report`: also the PDF report and its figures
  std::string scenario;
  std::string output = "out/coverage";
  int threads = 0;
  double resolution_m = 0;
  std::string max_memory;
  std::string tiles = "auto";  // under mpirun: auto, always, never
  bool json = false;
};

void PrintSummary(const report::CoverageRun& run, const std::string& out, bool report) {
  const sim::CoverageSummary& s = run.summary;
  const auto& levels = run.coverage->levels();
  fmt::print("\n{} — {} cameras, grid {:g} m ({} x {} cells), {}\n", run.scenario.name,
             s.cameras.size(), run.coverage->grid().resolution_m, run.coverage->grid().nx,
             run.coverage->grid().ny, run.city.frame.Label());
  const double total = s.target_m2 > 0 ? s.target_m2 : 1;
  fmt::print("  evaluated ground     {:>12.0f} m2\n", s.target_m2);
  fmt::print("  seen by any camera   {:>12.0f} m2  {:5.1f} %\n", s.covered_m2, 100 * s.covered_m2 / total);
  for (std::size_t l = 0; l < levels.levels.size(); ++l)
    fmt::print("  {:<10} >= {:>5g} px/m {:>10.0f} m2  {:5.1f} %\n", levels.levels[l].name,
               levels.levels[l].min_px_per_m, s.at_level_m2[l], 100 * s.at_level_m2[l] / total);
  for (std::size_t k = 2; k < s.k_histogram_m2.size(); ++k)
    fmt::print("  seen by {} cameras    {:>12.0f} m2\n", k, s.k_histogram_m2[k]);
  for (const sim::ZoneStats& z : run.zone_stats) {
    if (z.kind == sim::ZoneKind::privacy)
      fmt::print("  privacy '{}': {:.0f} m2 exposed{}{}\n", z.name, z.covered_m2,
                 z.cameras_seeing.empty() ? "" : " to ", fmt::join(z.cameras_seeing, ", "));
    else if (z.kind == sim::ZoneKind::priority)
      fmt::print("  zone '{}': requirement met on {:.0f} of {:.0f} m2 ({:.1f} %)\n", z.name,
                 z.requirement_met_m2, z.area_m2, z.area_m2 > 0 ? 100 * z.requirement_met_m2 / z.area_m2 : 0.0);
  }
  if (s.total_cost > 0) fmt::print("  total camera cost    {:>12.0f}\n", s.total_cost);
  fmt::print("outputs in {}: coverage.tif, coverage.gpkg, summary.json, coverage.png{}\n", out,
             report ? ", report.pdf, overview.png, coverage_k.png, density.png, installation.pdf, bom.csv, cameras.csv, plan.dxf" : "");
}

// Under mpirun: the grid in bands over the ranks (dist/); rank 0 writes and prints.
void RunOverMpi(const CoverageOptions& o, scenario::Scenario s) {
  dist::TiledCoverageResult r;
  try {
    const dist::TileOutput tiles = o.tiles == "always"  ? dist::TileOutput::always
                                   : o.tiles == "never" ? dist::TileOutput::never
                                                        : dist::TileOutput::automatic;
    r = dist::RunTiledCoverage(std::move(s), {o.output, tiles});
  } catch (const dist::QuietExit& e) {
    throw ExitWith{e.code};  // another rank reported the error
  }
  if (!r.root) return;
  PrintDiagnostics(r.diagnostics);
  spdlog::info("{} MPI ranks: {:.2f} s, peak memory of the largest rank {}", r.ranks, r.wall_s,
               sim::MemoryText(r.max_peak_bytes));
  if (o.json) {
    std::cout << r.summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (spdlog::get_level() <= spdlog::level::info) {
    const auto& area = r.summary["area_m2"];
    fmt::print("\n{} — {} cameras over {} MPI ranks, grid {} x {} cells\n", r.summary["scenario"].get<std::string>(),
               r.summary["cameras"].size(), r.ranks, r.summary["grid"]["columns"].get<int>(),
               r.summary["grid"]["rows"].get<int>());
    fmt::print("  evaluated ground     {:>12.0f} m2\n", area["evaluated"].get<double>());
    fmt::print("  seen by any camera   {:>12.0f} m2  {:5.1f} %\n", area["covered"].get<double>(),
               r.summary["covered_pct"].get<double>());
    fmt::print("outputs in {}: {}, coverage.gpkg, summary.json, coverage.png\n", o.output,
               r.tiled ? fmt::format("coverage.vrt over tiles/ (one GeoTIFF per rank)") : "coverage.tif");
  }
}

void Run(const CoverageOptions& o) {
  const auto threads = LimitThreads(o.threads);
  if (dist::LaunchedByMpi()) {
    scenario::Scenario s;
    try {
      s = scenario::LoadScenario(o.scenario);
      if (o.resolution_m > 0) s.grid.resolution_m = o.resolution_m;
      if (!o.max_memory.empty()) s.max_memory_bytes = ParseMemorySize(o.max_memory, "--max-memory");
    } catch (const core::InputError&) {
      // Every rank reads the same file: rank 0 says it; the others exit 0 (see dist::QuietExit).
      if (dist::LaunchRank() != 0) throw ExitWith{kExitOk};
      throw;
    }
    RunOverMpi(o, std::move(s));
    return;
  }
  // The flags first: a mistyped one says so without waiting for another run's lock.
  if (o.tiles == "always")
    throw CLI::ValidationError("--tiles", "per-rank tiles are written under mpirun only (one process writes coverage.tif)");
  const std::uint64_t max_memory =  // 0: not given
      o.max_memory.empty() ? 0 : ParseMemorySize(o.max_memory, "--max-memory");
  // Locked from the start, so a second run into the same folder stops before its long work.
  core::OutputFolder out(o.output);
  scenario::Scenario s = scenario::LoadScenario(o.scenario);
  if (o.resolution_m > 0) s.grid.resolution_m = o.resolution_m;
  if (max_memory > 0) s.max_memory_bytes = max_memory;
  ProgressBar bar("coverage");
  const auto run = scenario::RunCoverage(std::move(s), [&](std::size_t done, std::size_t total) { bar.Update(done, total); });
  bar.Finish();
  const auto start = std::chrono::steady_clock::now();
  out.Write([&](const std::filesystem::path& folder) {
    std::vector<geo::Polygon> blind_spots;
    report::WriteCoverageOutputs(*run, folder, o.report ? &blind_spots : nullptr);
    if (o.report) o.report(*run, folder, std::move(blind_spots));
  });
  out.Commit();
  const double t_out = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  LogCitySources(run->city);
  PrintDiagnostics(run->diagnostics);
  spdlog::info("times: city {:.2f} s, BVH {:.2f} s, grid+cameras {:.2f} s, coverage {:.2f} s, outputs {:.2f} s",
               run->times.city_s, run->times.scene_s, run->times.grid_s, run->times.coverage_s, t_out);
  if (o.json)
    std::cout << report::SummaryJson(*run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else if (spdlog::get_level() <= spdlog::level::info)  // not --quiet
    PrintSummary(*run, o.output, static_cast<bool>(o.report));
}

}  // namespace

void SetupCoverageRun(CLI::App& app, const char* verb, const char* help, ReportWriter report) {
  auto opt = std::make_shared<CoverageOptions>();
  const bool with_report = static_cast<bool>(report);
  opt->report = std::move(report);
  opt->output = with_report ? "out/report" : "out/coverage";
  CLI::App* cmd = app.add_subcommand(verb, help);
  cmd->add_option("scenario", opt->scenario, "Scenario .yaml")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  cmd->add_option("--threads", opt->threads, "Worker threads (default: all cores)")->check(WholeWithin(0, 4096));
  cmd->add_option("--resolution", opt->resolution_m, "Grid cell size in metres (overrides the scenario)")
      ->check(Within(0.05, 100));
  cmd->add_option("--max-memory", opt->max_memory, kMaxMemoryHelp)->check(MemorySize());
  if (!with_report)
    cmd->add_option("--tiles", opt->tiles,
                    "Under mpirun: each rank writes its band as tiles/coverage_RRRR.tif and rank 0 coverage.vrt "
                    "over them, instead of one coverage.tif (auto: above 268 M cells, or when rank 0 could not "
                    "hold the whole grid's blind-spot mask)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print summary.json to stdout instead of the text summary");
  cmd->callback([opt] { Run(*opt); });
}

void SetupCoverage(CLI::App& app) {
  SetupCoverageRun(app, "coverage", "Compute what the scenario's cameras see: maps, GIS layers, figures", nullptr);
}

}  // namespace app
