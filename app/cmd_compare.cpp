// `sightline compare a.yaml b.yaml`: two plans of the same place, what B gains and loses.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "agents/outputs.h"
#include "agents/run.h"
#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "app/report_options.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "report/compare.h"

namespace app {
namespace {

struct CompareOptions {
  std::string a, b;
  std::string output = "out/compare";
  bool json = false;
};

// When either plan has an `agents:` section, the same people walk past both plans: plan A's
// agents (else B's) for both, so the people-time figures differ only by the cameras.
bool ShareAgents(scenario::Scenario& a, scenario::Scenario& b) {
  if (!a.agents && !b.agents) return false;
  if (a.agents && b.agents)
    spdlog::info("compare: people-time of both plans with plan A's agents ({})", a.file.string());
  if (a.agents) b.agents = a.agents;
  else a.agents = b.agents;
  return true;
}

// What of CRS, area and grid keeps two scenarios from being compared cell by cell, told before
// the two coverage runs rather than after ("" when the files agree; the loaded grids are
// checked again after the runs, by report::CheckComparable).
std::string WhyNotComparable(const scenario::Scenario& a, const scenario::Scenario& b) {
  std::vector<std::string> differ;
  // Only plain differences: two spellings of one area are left to the check after the runs.
  if (!a.city.crs.empty() && !b.city.crs.empty() && a.city.crs != b.city.crs)
    differ.push_back("crs ('" + a.city.crs + "' vs '" + b.city.crs + "')");
  const auto& aa = a.city.area;
  const auto& ab = b.city.area;
  if (aa && ab && aa->bbox && ab->bbox && aa->crs == ab->crs && a.city.crs == b.city.crs && *aa->bbox != *ab->bbox)
    differ.push_back(fmt::format("area (bbox [{:g}, {:g}, {:g}, {:g}] vs [{:g}, {:g}, {:g}, {:g}])", (*aa->bbox)[0],
                                 (*aa->bbox)[1], (*aa->bbox)[2], (*aa->bbox)[3], (*ab->bbox)[0], (*ab->bbox)[1],
                                 (*ab->bbox)[2], (*ab->bbox)[3]));
  if (a.grid.resolution_m != b.grid.resolution_m)
    differ.push_back(fmt::format("grid resolution_m ({:g} vs {:g})", a.grid.resolution_m, b.grid.resolution_m));
  std::string out;
  for (const std::string& d : differ) out += (out.empty() ? "" : ", ") + d;
  return out;
}

void Run(const CompareOptions& o) {
  core::OutputFolder out(o.output);
  scenario::Scenario sa = scenario::LoadScenario(o.a), sb = scenario::LoadScenario(o.b);
  if (const std::string why = WhyNotComparable(sa, sb); !why.empty())
    throw core::InputError(sb.file.string(), "",
                           "cannot compare with " + sa.file.string() + ": the scenarios must share CRS, area and grid "
                           "resolution; they differ in " + why);
  const bool with_people = ShareAgents(sa, sb);
  const auto a = scenario::RunCoverage(std::move(sa));
  const auto b = scenario::RunCoverage(std::move(sb));
  report::CheckComparable(*a, *b);
  LogCitySources(a->city);
  PrintDiagnostics(a->diagnostics);
  PrintDiagnostics(b->diagnostics);
  std::optional<report::PeopleComparison> people;
  if (with_people) {
    spdlog::info("compare: simulating the agents past each plan's cameras...");
    const auto section = [&](const scenario::CoverageResult& run, const char* dir) {
      agents::AgentsRunOptions options;
      options.work_dir = out.staging() / dir;  // a SUMO network made here is part of the set
      return agents::PeopleSectionOf(agents::RunAgents(run, options), run);
    };
    people = report::PeopleComparison{section(*a, "agents"), section(*b, "agents")};
  }
  out.Write([&](const std::filesystem::path& folder) {
    report::WriteComparison(*a, *b, folder, ReportOptionsToday(), people);
  });
  out.Commit();
  const auto j = report::ComparisonJson(*a, *b, people);
  if (o.json) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (spdlog::get_level() > spdlog::level::info) return;
  fmt::print("\nA: {}\nB: {}\n", a->scenario.name, b->scenario.name);
  // The change of the figures as printed, so that the line adds up (6373 -> 7454 is +1081,
  // though the unrounded change may round to +1080).
  auto line = [](const std::string& name, const nlohmann::json& d, const char* unit) {
    const double a_shown = std::round(d["a"].get<double>()), b_shown = std::round(d["b"].get<double>());
    fmt::print("  {:<34} {:>10.0f} {:>10.0f} {:>+10.0f}{}\n", name, a_shown, b_shown, b_shown - a_shown, unit);
  };
  auto pct = [](const std::string& name, const nlohmann::json& d) {
    const double a_shown = std::round(d["a"].get<double>() * 10) / 10, b_shown = std::round(d["b"].get<double>() * 10) / 10;
    fmt::print("  {:<34} {:>9.1f}% {:>9.1f}% {:>+8.1f}pp\n", name, a_shown, b_shown, b_shown - a_shown);
  };
  fmt::print("  {:<34} {:>10} {:>10} {:>10}\n", "", "A", "B", "change");
  line("cameras", j["cameras"], "");
  line("total cost", j["cost"], "");
  line("seen by any camera", j["covered_m2"], " m2");
  for (const auto& l : b->coverage->levels().levels)  // in level order, not the JSON's key order
    if (j["at_level_m2"].contains(l.name)) line("at " + l.name + " or better", j["at_level_m2"][l.name], " m2");
  for (const auto& z : j["zones"])
    line("zone " + z["name"].get<std::string>(), z.contains("exposed_m2") ? z["exposed_m2"] : z["requirement_met_m2"], " m2");
  if (j.contains("people_time"))
    for (const auto& [group, g] : j["people_time"].items()) {
      pct(group + "-time seen", g["seen_pct"]);
      for (const auto& l : b->coverage->levels().levels)
        if (g.contains("at_level_pct") && g["at_level_pct"].contains(l.name))
          pct(group + "-time at " + l.name + " or better", g["at_level_pct"][l.name]);
    }
  fmt::print("  ground gained {:.0f} m2, lost {:.0f} m2\noutputs in {}: compare.pdf, compare.png, compare.json, difference.tif\n",
             j["area_m2"]["gained"].get<double>(), j["area_m2"]["lost"].get<double>(), o.output);
}

}  // namespace

void SetupCompare(CLI::App& app) {
  auto opt = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Compare two plans of the same area: gained/lost coverage, deltas");
  cmd->add_option("a", opt->a, "Plan A scenario (e.g. current)")->required()->check(CLI::ExistingFile);
  cmd->add_option("b", opt->b, "Plan B scenario (e.g. planned)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  cmd->add_flag("--json", opt->json, "Print compare.json to stdout");
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
