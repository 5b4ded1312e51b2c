// The figures both estimates give, as plain structs (standard library only: the ns-3 side,
// compiled apart as C++17, includes this too).
#pragma once

#include <cstdint>
#include <vector>

namespace net {

// Figures of one link in its busier direction (both estimates fill the same struct).
struct LinkFigures {
  int link = -1;
  bool forward = true;         // the busier direction is a → b
  double offered_mbps = 0;     // mean offered on-wire load in that direction
  double utilisation = 0;      // mean carried load / capacity
  double utilisation_p99 = 0;  // over 1 s windows
  double loss_pct = 0;
  double delay_ms_mean = 0, delay_ms_p99 = 0;  // queueing + transmission + propagation
  bool overloaded = false;                     // offered load above capacity
};

struct StreamFigures {
  int stream = -1;
  std::uint64_t sent_packets = 0, received_packets = 0;
  double loss_pct = 0;
  double throughput_mbps = 0;  // received on-wire payload rate over the run
  double delay_ms_mean = 0, delay_ms_p99 = 0, jitter_ms = 0;
  double outage_s = 0;  // recorded streams: time without packets (gaps of several frames)
};

struct SimResult {
  std::vector<LinkFigures> links;       // one per topology link
  std::vector<StreamFigures> streams;   // one per topology stream
  std::vector<double> camera_outage_s;  // per node (cameras only): recording lost, seconds
  double simulated_s = 0;
  double wall_s = 0;
  std::uint64_t packets = 0;  // packets sent by all streams
  int links_folded = 0;       // access links taken from the closed form (aggregate mode)
};

}  // namespace net
