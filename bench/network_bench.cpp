// The network's packet-level run: a naive ns-3 star (every access link packet by packet) against
// the aggregate mode (access links from the closed form, shared links packet by packet), side by
// side in one run, with how far their shared-link figures differ.
//   build/release/bench/sightline_network_bench [cameras=200] [seconds=10]
// Issue #16's baseline: 200 cameras × 4 Mb/s, 1400-byte packets, 100 Mb/s access links, a
// 1 Gb/s uplink, FlowMonitor: 5.4 s of wall time per simulated second on 2 cores.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "net/closed_form.h"
#include "net/packet_sim.h"
#include "net/topology.h"

namespace {

net::Topology Star(int cameras, double seconds) {
  net::Topology t;
  t.duration_s = seconds;
  t.nodes.push_back({"sw", net::NodeKind::switch_, 0, false, 0, 0, ""});
  t.nodes.push_back({"nvr", net::NodeKind::recorder, 1000, false, 0, 0, ""});
  t.links.push_back({.a = 0, .b = 1, .capacity_mbps = 1000, .latency_ms = 0.1, .queue_packets = 1000, .where = "uplink"});
  for (int c = 0; c < cameras; ++c) {
    const int node = static_cast<int>(t.nodes.size());
    t.nodes.push_back({"C" + std::to_string(c), net::NodeKind::camera, 0, false, 0, 0, ""});
    t.links.push_back({.a = node, .b = 0, .capacity_mbps = 100, .latency_ms = 0.1, .queue_packets = 100, .where = "access"});
    net::Stream s;
    s.camera = node;
    s.destination = 1;
    s.kbps = 4000;
    s.frames = net::MakeFramePlan(4000, 25, 1, 1);  // CBR
    t.streams.push_back(s);
  }
  return t;
}

double RelDiff(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-9); }

}  // namespace

int main(int argc, char** argv) {
  const int cameras = argc > 1 ? std::atoi(argv[1]) : 200;
  const double seconds = argc > 2 ? std::atof(argv[2]) : 10;
  const net::Topology t = Star(cameras, seconds);
  net::SimOptions naive, fast;
  fast.aggregate_access = true;
  const net::SimResult a = net::SimulatePackets(t, naive);
  const net::SimResult b = net::SimulatePackets(t, fast);
  fmt::print("star: {} cameras x 4 Mb/s CBR, 100 Mb/s access, 1 Gb/s uplink, {:g} s simulated\n",
             cameras, seconds);
  fmt::print("{:<28} {:>10} {:>14} {:>12}\n", "mode", "wall s", "wall s / sim s", "packets");
  fmt::print("{:<28} {:>10.2f} {:>14.3f} {:>12}\n", "naive packet-level", a.wall_s,
             a.wall_s / seconds, a.packets);
  fmt::print("{:<28} {:>10.2f} {:>14.3f} {:>12}\n", "aggregate access links", b.wall_s,
             b.wall_s / seconds, b.packets);
  fmt::print("speed-up: {:.2f}x ({} access links from the closed form)\n", a.wall_s / b.wall_s,
             b.links_folded);
  const net::LinkFigures &ua = a.links[0], &ub = b.links[0];
  fmt::print(
      "uplink: utilisation {:.4f} vs {:.4f} ({:.2f} %), delay mean {:.4f} vs {:.4f} ms ({:.2f} %), "
      "p99 {:.4f} vs {:.4f} ms, loss {:.3f} vs {:.3f} %\n",
      ua.utilisation, ub.utilisation, 100 * RelDiff(ub.utilisation, ua.utilisation),
      ua.delay_ms_mean, ub.delay_ms_mean, 100 * RelDiff(ub.delay_ms_mean, ua.delay_ms_mean),
      ua.delay_ms_p99, ub.delay_ms_p99, ua.loss_pct, ub.loss_pct);
  const net::Estimate cf = net::ClosedForm(t);
  fmt::print("closed form uplink utilisation {:.4f}\n", cf.links[0].utilisation);
  return 0;
}
