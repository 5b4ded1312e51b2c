// `sightline network`: does the city's network carry the video? The scenario's `network:`
// section as a topology, the closed-form estimate, the packet-level run on ns-3, storage per
// recorder; network.json, a table on stdout and a topology/utilisation diagram.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "net/closed_form.h"
#include "net/outputs.h"
#include "net/packet_sim.h"
#include "net/topology.h"
#include "report/network_diagram.h"
#include "scenario/scenario.h"

namespace app {
namespace {

struct NetworkOptions {
  std::string scenario;
  std::string output = "out/network";
  double duration_s = 0;  // 0: the scenario's
  long seed = -1;         // -1: the scenario's
  bool closed_form_only = false;
  bool aggregate_access = false;
};

void PrintTable(const net::NetworkRun& run, const std::string& out) {
  const net::Topology& t = run.topology;
  // Both estimates side by side: where they differ, bursts and queues are at work.
  fmt::print("{:<22} {:>8} {:>8} | {:>7} {:>7} {:>8} | {:>7} {:>7} {:>7} {:>8} {:>8}\n", "link",
             "capacity", "offered", "util", "loss%", "delay", "util", "p99", "loss%", "delay",
             "p99 ms");
  fmt::print("{:<22} {:>8} {:>8} | {:^24} | {:^42}\n", "", "Mb/s", "Mb/s", "closed form",
             run.packets ? "ns-3" : "");
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const net::LinkFigures& cf = run.closed_form.links[i];
    std::string packets;
    if (run.packets) {
      const net::LinkFigures& f = run.packets->links[i];
      packets = fmt::format("{:>6.1f}% {:>6.1f}% {:>7.2f} {:>8.3f} {:>8.3f}", 100 * f.utilisation,
                            100 * f.utilisation_p99, f.loss_pct, f.delay_ms_mean, f.delay_ms_p99);
    }
    fmt::print("{:<22} {:>8.0f} {:>8.2f} | {:>6.1f}% {:>7.2f} {:>8.3f} | {}{}\n",
               t.LinkName(static_cast<int>(i)), t.links[i].capacity_mbps, cf.offered_mbps,
               100 * cf.utilisation, cf.loss_pct, cf.delay_ms_mean, packets,
               cf.overloaded ? "  OVERLOADED" : "");
  }
  fmt::print(
      "(delays in ms per link: queueing + transmission + propagation{})\n",
      run.packets ? "; ns-3 utilisation is what the link carried, p99 over 1 s windows" : "");
  for (const net::RecorderFigures& r : run.closed_form.recorders)
    fmt::print("recorder {:<12} needs {:8.2f} TB for {:g} days, has {:g} TB{}\n",
               t.nodes[r.node].id, r.storage_tb_needed, t.retention_days, r.storage_tb,
               r.fits ? "" : "  TOO SMALL");
  for (const net::FailureFigures& f : run.closed_form.failures) {
    const net::Failure& fl = t.failures[f.failure];
    fmt::print("failure: {} down at {:g} s{}\n", fl.Name(t), fl.at_s,
               fl.for_s > 0 ? fmt::format(" for {:g} s", fl.for_s) : "");
    for (int c : f.cameras_cut)
      fmt::print(
          "  camera {:<10} loses recording: {:.1f} s (closed form){}\n", t.nodes[c].id, f.outage_s,
          run.packets ? fmt::format(", {:.2f} s (ns-3)", run.packets->camera_outage_s[c]) : "");
    if (!f.rerouted.empty())
      fmt::print("  {} camera(s) rerouted over a redundant path\n", f.rerouted.size());
  }
  fmt::print("outputs in {}: network.json, network.png, network.pdf\n", out);
}

void Run(const NetworkOptions& o) {
  scenario::Scenario s = scenario::LoadScenario(o.scenario);
  if (!s.network) throw core::InputError(o.scenario, "", "the scenario has no `network:` section");
  if (o.duration_s > 0) s.network->duration_s = o.duration_s;
  if (o.seed >= 0) s.network->seed = static_cast<unsigned>(o.seed);
  // The folder's lock first: a second run into the same folder is refused before minutes of ns-3.
  core::OutputFolder out(o.output);
  net::NetworkRun run;
  run.topology = net::BuildTopology(s);
  net::CheckReachable(run.topology);
  const auto traced = std::count_if(run.topology.streams.begin(), run.topology.streams.end(),
                                    [](const net::Stream& st) { return st.from_feed; });
  if (!s.network->feeds.empty())
    spdlog::info("network: {} camera(s) send the measured frame trace of their feed in {}", traced,
                 s.network->feeds.string());
  core::Diagnostics diagnostics = run.topology.warnings;
  net::WarnFailuresOutsideRun(run.topology, diagnostics);
  PrintDiagnostics(diagnostics);
  run.closed_form = net::ClosedForm(run.topology);
  if (!o.closed_form_only) {
    spdlog::info("network: ns-3 packet-level run, {} streams on {} links, {:g} s",
                 run.topology.streams.size(), run.topology.links.size(), run.topology.duration_s);
    net::SimOptions sim;
    sim.aggregate_access = o.aggregate_access;
    run.packets = net::SimulatePackets(run.topology, sim);
    spdlog::info("network: {} packets in {:.2f} s wall ({:.2f} s per simulated second)",
                 run.packets->packets, run.packets->wall_s,
                 run.packets->wall_s / run.packets->simulated_s);
  }
  out.Write([&](const std::filesystem::path& folder) {
    net::WriteNetworkJson(run, folder);
    report::WriteNetworkDiagram(net::DiagramOf(run, s.name), folder / "network.png",
                                folder / "network.pdf");
  });
  out.Commit();
  if (spdlog::get_level() <= spdlog::level::info) PrintTable(run, o.output);
}

}  // namespace

void SetupNetwork(CLI::App& app) {
  auto opt = std::make_shared<NetworkOptions>();
  CLI::App* cmd = app.add_subcommand("network",
                                     "Network load and storage: closed form and ns-3 packet-level "
                                     "run of the scenario's `network:`");
  cmd->add_option("scenario", opt->scenario, "Scenario .yaml with a `network:` section")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  cmd->add_option("--duration", opt->duration_s, "Simulated seconds (overrides network.duration_s)")
      ->check(Within(0.1, 86400));
  cmd->add_option("--seed", opt->seed, "Random seed (overrides network.seed)")
      ->check(WholeWithin(1, 2147483647));
  cmd->add_flag("--closed-form", opt->closed_form_only,
                "Only the closed-form estimate (no ns-3 run)");
  cmd->add_flag("--aggregate-access", opt->aggregate_access,
                "Faster ns-3 run: cameras' own access links below 80 % load from the closed form");
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
