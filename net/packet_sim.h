// The packet-level estimate: the topology on ns-3 (point-to-point devices, radio links as
// rate-limited point-to-point with their loss), one UDP flow per stream sending frames as
// bursts of packets (I-frame bursts every GOP), failures played at their times, per-link
// figures from the devices' queues and per-stream figures from FlowMonitor. Deterministic for
// the topology's seed. Nothing of ns-3 shows in this header.
#pragma once

#include "net/figures.h"
#include "net/topology.h"

namespace net {

struct SimOptions {
  double duration_s = 0;  // 0: the topology's
  double window_s = 1;    // utilisation windows (mean and p99 over them)
  // The faster mode: a camera's own access link, loaded below `fold_below_utilisation` and
  // touched by no failure, is taken from the closed form; the camera's packets enter at the
  // link's far end, spaced at the link's rate. Shared links stay packet by packet; FlowMonitor
  // probes only the streams' ends.
  bool aggregate_access = false;
  double fold_below_utilisation = 0.8;
};

// Throws std::runtime_error when ns-3 cannot build or run the network.
SimResult SimulatePackets(const Topology& t, const SimOptions& options = {});

}  // namespace net
