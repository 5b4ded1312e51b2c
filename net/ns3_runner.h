// Private to net/: the packet-level run's input as ns-3 needs it, in plain structs. The one
// file that includes ns-3 (ns3_runner.cpp) is compiled as C++17: ns-3.37's headers are not
// valid C++20. packet_sim.cpp turns a Topology into a Job.
#pragma once

#include <cstdint>
#include <vector>

#include "net/figures.h"

namespace net::ns3run {

struct LinkIn {
  int a = -1, b = -1;
  double capacity_mbps = 0, latency_ms = 0, loss_pct = 0;
  int queue_packets = 100;
  bool csma = false;  // a shared half-duplex segment instead of point-to-point
};

struct StreamIn {
  int camera = -1, destination = -1;
  double fps = 25;
  int gop_frames = 25;
  double p_frame_bytes = 0, i_frame_bytes = 0;
  double scale = 1;  // network duty: an event stream sends its mean rate
  bool recorded = true;
  double pace_mbps = 0;  // > 0: a frame's packets leave spaced at this rate (a folded access link)
  std::vector<std::int32_t> trace;  // measured frame sizes, sent in order (instead of the GOP)
};

struct FailureIn {
  int link = -1, node = -1;
  double at_s = 0, for_s = 0;
};

struct Job {
  std::vector<bool> is_camera;  // per node
  std::vector<LinkIn> links;
  std::vector<StreamIn> streams;
  std::vector<FailureIn> failures;
  double duration_s = 10, window_s = 1;
  unsigned seed = 1;
  int payload_bytes = 1400;
  bool monitor_endpoints_only = false;  // FlowMonitor on stream sources and destinations only
};

// Throws std::runtime_error when ns-3 cannot build or run the network.
SimResult Run(const Job& job);

}  // namespace net::ns3run
