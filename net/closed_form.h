// The closed-form estimate: every stream's mean on-wire rate summed along its route, per link
// and direction, against capacity; queueing delay by M/D/1; storage per recorder for the
// retention period; which cameras a failure cuts off. Instant (the GUI can show it live).
#pragma once

#include <string>
#include <vector>

#include "net/figures.h"
#include "net/topology.h"

namespace net {

struct RecorderFigures {
  int node = -1;
  double storage_tb_needed = 0;  // retention × recorded bitrate × overhead
  double storage_tb = 0;
  double recorded_mbps = 0;  // mean rate written
  bool fits = true;
};

// What a failure does: the cameras whose recording it cuts, and for how long.
struct FailureFigures {
  int failure = -1;
  std::vector<int> cameras_cut;  // no path left to their recorder
  std::vector<int> rerouted;     // a redundant path carries them
  double outage_s = 0;           // per cut camera (closed form: the failure's duration)
};

struct Estimate {
  std::vector<LinkFigures> links;  // one per topology link
  std::vector<RecorderFigures> recorders;
  std::vector<FailureFigures> failures;
};

// Storage in TB (1e12 bytes) a stream needs for `days` of retention.
double StorageTb(const Stream& s, double days, double overhead_factor);

Estimate ClosedForm(const Topology& t);

}  // namespace net
