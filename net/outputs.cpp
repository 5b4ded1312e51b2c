#include "net/outputs.h"

#include <fmt/format.h>

#include <cmath>

#include "core/atomic_file.h"

namespace net {
namespace {

using json = nlohmann::json;

double Round(double v, double step = 0.001) { return std::round(v / step) * step; }

json Figures(const LinkFigures& f) {
  return {{"direction", f.forward ? "from-to" : "to-from"},
          {"offered_mbps", Round(f.offered_mbps)},
          {"utilisation",
           {{"mean", Round(f.utilisation, 1e-4)}, {"p99", Round(f.utilisation_p99, 1e-4)}}},
          {"loss_pct", Round(f.loss_pct)},
          {"delay_ms_mean", Round(f.delay_ms_mean)},
          {"delay_ms_p99", Round(f.delay_ms_p99)},
          {"overloaded", f.overloaded}};
}

}  // namespace

json NetworkJson(const NetworkRun& run) {
  const Topology& t = run.topology;
  json links = json::array();
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const Link& l = t.links[i];
    const LinkFigures& cf = run.closed_form.links[i];
    json j = {{"from", t.nodes[l.a].id},
              {"to", t.nodes[l.b].id},
              {"capacity_mbps", l.capacity_mbps},
              {"latency_ms", l.latency_ms},
              {"medium", l.radio    ? "radio"
                         : l.shared ? "csma"
                                    : "wired"},
              {"auto_attached", l.auto_attached},
              // The closed form's figures at the top level, the ns-3 run's beside them.
              {"offered_mbps", Round(cf.offered_mbps)},
              {"utilisation",
               {{"mean", Round(cf.utilisation, 1e-4)}, {"p99", Round(cf.utilisation_p99, 1e-4)}}},
              {"loss_pct", Round(cf.loss_pct)},
              {"delay_ms_mean", Round(cf.delay_ms_mean)},
              {"delay_ms_p99", Round(cf.delay_ms_p99)},
              {"closed_form", Figures(cf)}};
    if (run.packets) j["ns3"] = Figures(run.packets->links[i]);
    links.push_back(j);
  }
  json recorders = json::array();
  for (const RecorderFigures& r : run.closed_form.recorders)
    recorders.push_back({{"id", t.nodes[r.node].id},
                         {"storage_tb_needed", Round(r.storage_tb_needed)},
                         {"storage_tb", r.storage_tb},
                         {"recorded_mbps", Round(r.recorded_mbps)},
                         {"fits", r.fits}});
  json streams = json::array();
  for (std::size_t i = 0; i < t.streams.size(); ++i) {
    const Stream& s = t.streams[i];
    json j = {{"camera", t.nodes[s.camera].id},
              {"stream", s.name},
              {"to", t.nodes[s.destination].id},
              {"bitrate_kbps", Round(s.kbps, 0.1)},
              {"bitrate_from", s.from_feed ? "feed trace" : "model or given"},
              {"wire_mbps", Round(s.WireMbps())},
              {"recorded", s.recorded},
              {"storage_tb", Round(StorageTb(s, t.retention_days, t.overhead_factor))}};
    if (run.packets) {
      const StreamFigures& f = run.packets->streams[i];
      j["ns3"] = {
          {"sent_packets", f.sent_packets},          {"received_packets", f.received_packets},
          {"loss_pct", Round(f.loss_pct)},           {"throughput_mbps", Round(f.throughput_mbps)},
          {"delay_ms_mean", Round(f.delay_ms_mean)}, {"delay_ms_p99", Round(f.delay_ms_p99)},
          {"jitter_ms", Round(f.jitter_ms)}};
    }
    streams.push_back(j);
  }
  json failures = json::array();
  for (const FailureFigures& f : run.closed_form.failures) {
    const Failure& fl = t.failures[f.failure];
    json cut = json::array(), rerouted = json::array();
    for (int c : f.cameras_cut) {
      json cam = {{"camera", t.nodes[c].id}, {"outage_s", Round(f.outage_s)}};
      if (run.packets) cam["ns3_outage_s"] = Round(run.packets->camera_outage_s[c], 0.01);
      cut.push_back(cam);
    }
    for (int c : f.rerouted) rerouted.push_back(t.nodes[c].id);
    failures.push_back({{"element", fl.Name(t)},
                        {"at_s", fl.at_s},
                        {"for_s", fl.for_s},
                        {"cameras_cut", cut},
                        {"rerouted", rerouted},
                        {"redundant_path", !f.rerouted.empty()}});
  }
  json unreachable = json::array();
  for (int c : t.unreachable) unreachable.push_back(t.nodes[c].id);
  json j = {{"retention_days", t.retention_days},
            {"overhead_factor", t.overhead_factor},
            {"links", links},
            {"recorders", recorders},
            {"streams", streams},
            {"failures", failures},
            {"unreachable_cameras", unreachable}};
  if (run.packets)
    j["ns3"] = {{"simulated_s", run.packets->simulated_s},
                {"seed", t.seed},
                {"packets", run.packets->packets},
                {"wall_s", Round(run.packets->wall_s)}};
  return j;
}

void WriteNetworkJson(const NetworkRun& run, const std::filesystem::path& folder) {
  core::AtomicOutput out(folder / "network.json");
  out.WriteText(NetworkJson(run).dump(2) + "\n");
  out.Commit();
}

report::NetworkDiagram DiagramOf(const NetworkRun& run, const std::string& name) {
  const Topology& t = run.topology;
  report::NetworkDiagram d;
  d.title = name.empty() ? "Network" : "Network — " + name;
  for (const net::Node& n : t.nodes)
    d.nodes.push_back({n.id, NodeKindName(n.kind), n.has_position, n.x, n.y, 0, 0});
  for (const Stream& s : t.streams) {
    d.nodes[s.camera].wire_mbps += s.WireMbps();
    d.nodes[s.camera].storage_tb += StorageTb(s, t.retention_days, t.overhead_factor);
  }
  d.retention_days = t.retention_days;
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const LinkFigures& f = run.packets ? run.packets->links[i] : run.closed_form.links[i];
    const LinkFigures& cf = run.closed_form.links[i];
    d.links.push_back({t.links[i].a, t.links[i].b, t.links[i].capacity_mbps, f.utilisation,
                       cf.offered_mbps, cf.overloaded || f.overloaded, t.links[i].radio});
  }
  d.notes.push_back(
      run.packets ? fmt::format("utilisation: ns-3 packet-level run, {:g} s simulated (seed {})",
                                run.packets->simulated_s, t.seed)
                  : "utilisation: closed form (sum of stream bitrates)");
  for (const RecorderFigures& r : run.closed_form.recorders)
    d.notes.push_back(fmt::format(
        "recorder {}: {:.1f} TB needed for {:g} days, {:g} TB installed{}", t.nodes[r.node].id,
        r.storage_tb_needed, t.retention_days, r.storage_tb, r.fits ? "" : " — TOO SMALL"));
  for (const FailureFigures& f : run.closed_form.failures) {
    std::string cams;
    for (int c : f.cameras_cut) cams += (cams.empty() ? "" : ", ") + t.nodes[c].id;
    d.notes.push_back(fmt::format("{} down at {:g} s: {}", t.failures[f.failure].Name(t),
                                  t.failures[f.failure].at_s,
                                  cams.empty() ? "no camera loses recording" : "cuts " + cams));
  }
  return d;
}

}  // namespace net
