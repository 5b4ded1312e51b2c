// `sightline report`: a coverage run plus the PDF project report and its map figures.
#include <spdlog/spdlog.h>

#include "agents/outputs.h"
#include "agents/run.h"
#include "app/commands.h"
#include "app/coverage_run.h"
#include "app/report_options.h"
#include "net/closed_form.h"
#include "net/outputs.h"
#include "net/topology.h"
#include "render/report_views.h"
#include "report/pdf_report.h"

namespace app {
namespace {

void WriteReportFiles(scenario::CoverageResult& run, const std::filesystem::path& folder,
                      std::vector<geo::Polygon> blind_spots) {
  report::ReportOptions options = ReportOptionsToday();
  options.blind_spots = std::move(blind_spots);
  if (run.scenario.agents) {  // the people page: the scenario's agents walk once more
    spdlog::info("report: simulating the agents for the people page...");
    agents::AgentsRunOptions agents_options;
    agents_options.work_dir = folder / "agents";
    options.people = agents::PeopleSectionOf(agents::RunAgents(run, agents_options), run);
  }
  if (run.scenario.network) {  // the network page: the closed form is instant
    net::NetworkRun network;
    network.topology = net::BuildTopology(run.scenario);
    run.diagnostics.Merge(network.topology.warnings);
    network.closed_form = net::ClosedForm(network.topology);
    options.network = net::DiagramOf(network, run.scenario.name);
  }
  options.camera_view = render::CameraViewHook(run.city);
  report::WriteReport(run, folder, options);
}

}  // namespace

void SetupReport(CLI::App& app) {
  SetupCoverageRun(app, "report", "Coverage outputs plus the PDF project report and its map figures", WriteReportFiles);
}

}  // namespace app
