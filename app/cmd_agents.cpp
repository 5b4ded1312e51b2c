// `sightline agents`: the coverage run's city and cameras, then people and vehicles moving
// through it (scripted walkers or SUMO) and the people-time the cameras see.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>

#include "agents/outputs.h"
#include "agents/run.h"
#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "app/progress.h"
#include "app/threads.h"
#include "core/output_folder.h"
#include "scenario/pipeline.h"

namespace app {
namespace {

struct AgentsOptions {
  std::string scenario;
  std::string output = "out/agents";
  double duration_s = 0;  // 0: the scenario's
  long seed = -1;         // -1: the scenario's
  int threads = 0;
};

void PrintSeen(const char* label, const agents::SeenTime& t, const sim::DensityLevels& levels) {
  if (t.in_area_s <= 0) return;
  const auto pct = [&](double s) { return 100 * s / t.in_area_s; };
  fmt::print("  {:<9} {:>10.0f} agent-s in the area, seen {:5.1f} %, by 2+ cameras {:5.1f} %\n", label,
             t.in_area_s, pct(t.seen_s), pct(t.seen_by_2_s));
  for (std::size_t l = 0; l < levels.levels.size(); ++l)
    fmt::print("    at {:<10} >= {:>5g} px/m {:5.1f} %\n", levels.levels[l].name, levels.levels[l].min_px_per_m,
               pct(t.at_level_s[l]));
}

void PrintTable(const agents::AgentsResult& r, const scenario::CoverageResult& run, const std::string& out) {
  const sim::DensityLevels& levels = run.coverage->levels();
  const auto& cameras = run.coverage->cameras();
  fmt::print("\n{} — {} agents over {:g} s (step {:.3g} s), {} cameras\n", run.scenario.name, r.agents.size(),
             r.spec.duration_s, r.spec.step_s, cameras.size());
  PrintSeen("people", r.people_time.totals.people, levels);
  PrintSeen("vehicles", r.people_time.totals.vehicles, levels);
  for (std::size_t c = 0; c < cameras.size(); ++c) {
    const agents::GroupTime& g = r.people_time.cameras[c];
    fmt::print("  camera {:<8} sees {:>8.0f} person-s, {:>8.0f} vehicle-s\n", cameras[c].id, g.people.seen_s,
               g.vehicles.seen_s);
  }
  for (std::size_t z = 0; z < run.zones.size(); ++z) {
    const agents::SeenTime& p = r.people_time.zones[z].people;
    if (p.in_area_s > 0)
      fmt::print("  zone '{}': {:.0f} person-s inside, {:.1f} % seen\n", run.zones[z].name, p.in_area_s,
                 100 * p.seen_s / p.in_area_s);
    else  // said, not left out: an empty zone is a finding too
      fmt::print("  zone '{}': nobody inside during the run\n", run.zones[z].name);
  }
  // The SUMO network built from the city's OSM stays beside the outputs, for SUMO's own tools.
  const bool built_network = std::filesystem::exists(std::filesystem::path(out) / "network.net.xml");
  fmt::print("outputs in {}: agents.json, tracks.csv, agents.gpkg, flow.tif{}\n", out,
             built_network ? ", network.net.xml and area.osm (the SUMO network built from the city's OSM)" : "");
}

void Run(const AgentsOptions& o) {
  const auto threads = LimitThreads(o.threads);
  // The run's files (and SUMO's network and routes) are staged and committed as one set.
  core::OutputFolder out(o.output);
  scenario::Scenario s = scenario::LoadScenario(o.scenario);
  agents::RequireAgents(s);  // before the coverage run, not after it
  ProgressBar coverage_bar("coverage");
  const auto run = scenario::RunCoverage(std::move(s), [&](std::size_t done, std::size_t total) {
    coverage_bar.Update(done, total);
  });
  coverage_bar.Finish();
  agents::AgentsRunOptions options;
  if (o.duration_s > 0) options.duration_s = o.duration_s;
  if (o.seed >= 0) options.seed = static_cast<std::uint32_t>(o.seed);
  options.work_dir = out.staging();
  ProgressBar bar("agents");
  options.progress = [&](double t, double total) {
    bar.Update(static_cast<std::size_t>(t), static_cast<std::size_t>(total));
  };
  const agents::AgentsResult result = agents::RunAgents(*run, options);
  bar.Finish();
  out.Write([&](const std::filesystem::path& folder) { agents::WriteAgentsOutputs(result, *run, folder); });
  out.Commit();
  core::Diagnostics all = run->diagnostics;
  all.Merge(result.diagnostics);
  PrintDiagnostics(all);
  spdlog::info("agents: {} steps in {:.2f} s ({:.1f}x real time)", result.steps, result.simulate_s,
               result.simulate_s > 0 ? result.spec.duration_s / result.simulate_s : 0.0);
  if (spdlog::get_level() <= spdlog::level::info) PrintTable(result, *run, o.output);
}

}  // namespace

void SetupAgents(CLI::App& app) {
  auto opt = std::make_shared<AgentsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "agents", "People and vehicles in the city (scripted walkers or SUMO): people-time the cameras see");
  cmd->add_option("scenario", opt->scenario, "Scenario .yaml with an `agents:` section")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  cmd->add_option("--duration", opt->duration_s, "Simulated seconds (overrides agents.duration_s)")
      ->check(Within(0.001, 86400));
  cmd->add_option("--seed", opt->seed, "Random seed (overrides agents.seed)")->check(WholeWithin(0, 2147483647));
  cmd->add_option("--threads", opt->threads, "Worker threads (default: all cores)")->check(WholeWithin(0, 4096));
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
