// `sightline compare a.yaml b.yaml`: two plans of the same place, what B gains and loses.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "app/city_input.h"
#include "app/commands.h"
#include "app/report_options.h"
#include "core/output_folder.h"
#include "report/compare.h"

namespace app {
namespace {

struct CompareOptions {
  std::string a, b;
  std::string output = "out/compare";
  bool json = false;
};

void Run(const CompareOptions& o) {
  core::OutputFolder out(o.output);
  const auto a = scenario::RunCoverage(scenario::LoadScenario(o.a));
  const auto b = scenario::RunCoverage(scenario::LoadScenario(o.b));
  report::CheckComparable(*a, *b);
  LogCitySources(a->city);
  PrintDiagnostics(a->diagnostics);
  PrintDiagnostics(b->diagnostics);
  out.Write([&](const std::filesystem::path& folder) { report::WriteComparison(*a, *b, folder, ReportOptionsToday()); });
  out.Commit();
  const auto j = report::ComparisonJson(*a, *b);
  if (o.json) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (spdlog::get_level() > spdlog::level::info) return;
  fmt::print("\nA: {}\nB: {}\n", a->scenario.name, b->scenario.name);
  auto line = [](const std::string& name, const nlohmann::json& d, const char* unit) {
    fmt::print("  {:<34} {:>10.0f} {:>10.0f} {:>+10.0f}{}\n", name, d["a"].get<double>(), d["b"].get<double>(),
               d["delta"].get<double>(), unit);
  };
  fmt::print("  {:<34} {:>10} {:>10} {:>10}\n", "", "A", "B", "change");
  line("cameras", j["cameras"], "");
  line("total cost", j["cost"], "");
  line("seen by any camera", j["covered_m2"], " m2");
  for (const auto& l : b->coverage->levels().levels)  // in level order, not the JSON's key order
    if (j["at_level_m2"].contains(l.name)) line("at " + l.name + " or better", j["at_level_m2"][l.name], " m2");
  for (const auto& z : j["zones"])
    line("zone " + z["name"].get<std::string>(), z.contains("exposed_m2") ? z["exposed_m2"] : z["requirement_met_m2"], " m2");
  fmt::print("  ground gained {:.0f} m2, lost {:.0f} m2\noutputs in {}: compare.pdf, compare.png, compare.json, difference.tif\n",
             j["area_m2"]["gained"].get<double>(), j["area_m2"]["lost"].get<double>(), o.output);
}

}  // namespace

void SetupCompare(CLI::App& app) {
  auto opt = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Compare two plans of the same area: gained/lost coverage, deltas");
  cmd->add_option("a", opt->a, "Plan A scenario (e.g. current)")->required()->check(CLI::ExistingFile);
  cmd->add_option("b", opt->b, "Plan B scenario (e.g. planned)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print compare.json to stdout");
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
