#include "net/packet_sim.h"

#include <algorithm>

#include "net/closed_form.h"
#include "net/ns3_runner.h"

namespace net {
namespace {

// Access links the aggregate mode leaves to the closed form: a camera's only link, loaded
// below `max_utilisation`, touched by no failure. Returns per link whether it is folded.
std::vector<bool> FoldableAccessLinks(const Topology& t, const Estimate& cf,
                                      double max_utilisation) {
  std::vector<int> degree(t.nodes.size(), 0);
  for (const Link& l : t.links) ++degree[l.a], ++degree[l.b];
  std::vector<bool> fold(t.links.size(), false);
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const Link& l = t.links[i];
    const int camera = t.nodes[l.a].kind == NodeKind::camera   ? l.a
                       : t.nodes[l.b].kind == NodeKind::camera ? l.b
                                                               : -1;
    if (camera < 0 || degree[camera] != 1 ||
        cf.links[i].offered_mbps > max_utilisation * l.capacity_mbps)
      continue;
    const bool failing = std::any_of(t.failures.begin(), t.failures.end(), [&](const Failure& f) {
      return f.link == static_cast<int>(i) || f.node == l.a || f.node == l.b;
    });
    fold[i] = !failing && l.loss_pct == 0;
  }
  return fold;
}

}  // namespace

SimResult SimulatePackets(const Topology& t, const SimOptions& options) {
  const Estimate cf = ClosedForm(t);
  const std::vector<bool> fold = options.aggregate_access
                                     ? FoldableAccessLinks(t, cf, options.fold_below_utilisation)
                                     : std::vector<bool>(t.links.size(), false);
  std::vector<int> source(t.nodes.size());  // where a camera's streams enter the simulated network
  std::vector<double> pace(t.nodes.size(), 0);
  for (std::size_t n = 0; n < t.nodes.size(); ++n) source[n] = static_cast<int>(n);
  ns3run::Job job;
  std::vector<int> job_link(t.links.size(), -1), topo_link;
  for (const Node& n : t.nodes) job.is_camera.push_back(n.kind == NodeKind::camera);
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    const Link& l = t.links[i];
    if (fold[i]) {
      const int camera = t.nodes[l.a].kind == NodeKind::camera ? l.a : l.b;
      source[camera] = camera == l.a ? l.b : l.a;
      pace[camera] = l.capacity_mbps;
      continue;
    }
    job_link[i] = static_cast<int>(job.links.size());
    topo_link.push_back(static_cast<int>(i));
    job.links.push_back(
        {l.a, l.b, l.capacity_mbps, l.latency_ms, l.loss_pct, l.queue_packets, l.shared});
  }
  for (const Stream& s : t.streams)
    job.streams.push_back({source[s.camera], s.destination, s.frames.fps, s.frames.gop_frames,
                           s.frames.p_frame_bytes, s.frames.i_frame_bytes, s.network_duty,
                           s.recorded, pace[s.camera], s.frames.trace_bytes});
  for (const Failure& f : t.failures)
    job.failures.push_back({f.link >= 0 ? job_link[f.link] : -1, f.node, f.at_s, f.for_s});
  job.duration_s = options.duration_s > 0 ? options.duration_s : t.duration_s;
  job.window_s = options.window_s;
  job.seed = t.seed;
  job.payload_bytes = kPayloadBytes;
  // Delay, jitter and loss per stream are end to end: the probes at both ends give them.
  job.monitor_endpoints_only = options.aggregate_access;
  const SimResult run = ns3run::Run(job);

  // Back to the topology's links and cameras.
  SimResult r = run;
  r.links.assign(t.links.size(), {});
  for (std::size_t j = 0; j < run.links.size(); ++j) {
    r.links[topo_link[j]] = run.links[j];
    r.links[topo_link[j]].link = topo_link[j];
  }
  for (std::size_t i = 0; i < t.links.size(); ++i)
    if (fold[i]) r.links[i] = cf.links[i], ++r.links_folded;
  r.camera_outage_s.assign(t.nodes.size(), 0);
  for (std::size_t i = 0; i < t.streams.size(); ++i)
    r.camera_outage_s[t.streams[i].camera] =
        std::max(r.camera_outage_s[t.streams[i].camera], run.streams[i].outage_s);
  return r;
}

}  // namespace net
