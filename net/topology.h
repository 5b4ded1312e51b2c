// The network as the closed form and the packet-level run both see it: nodes (cameras
// included), links, each camera's streams with their bitrates resolved and their destination,
// and the failures to play. Built from the scenario's `network:` section; plain C++, no ns-3.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "net/bitrate.h"
#include "scenario/scenario.h"

namespace net {

struct Topology;

enum class NodeKind { camera, switch_, router, recorder, centre, access_point, radio };
const char* NodeKindName(NodeKind k);

struct Node {
  std::string id;
  NodeKind kind = NodeKind::switch_;
  double storage_tb = 0;      // recorders
  bool has_position = false;  // x, y in the scenario CRS
  double x = 0, y = 0;
  std::string where;  // "line 12", for messages
};

struct Link {
  int a = -1, b = -1;  // node indices; full duplex, each direction has the capacity
  double capacity_mbps = 0;
  double latency_ms = 0.1;
  double loss_pct = 0;
  int queue_packets = 100;
  bool radio = false;
  bool shared = false;         // CSMA: both directions share the capacity (half duplex)
  bool auto_attached = false;  // a camera attached to the nearest switch or AP
  std::string where;
};

enum class Record { continuous, motion, schedule, none };

struct Stream {
  int camera = -1;  // node index
  std::string name = "main";
  bool from_feed = false;   // the frames are a rendered feed's measured trace
  int destination = -1;     // node index (a recorder or the centre)
  double kbps = 0;          // mean payload bitrate while it flows
  double network_duty = 1;  // share of the time it flows (event streams: the motion share)
  double storage_duty = 1;  // share of the time recorded
  bool recorded = true;
  FramePlan frames;
  double WireMbps() const { return frames.WireKbps() * network_duty / 1000; }
};

struct Failure {
  int link = -1;  // or
  int node = -1;
  double at_s = 0, for_s = 0;  // for_s 0: until the end of the run
  std::string where;
  std::string Name(const Topology& t) const;
};

// One step of a route: a link and the direction it is used in (a → b when forward).
struct Hop {
  int link = -1;
  bool forward = true;
};

struct Topology {
  std::filesystem::path file;  // the scenario, for messages
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Stream> streams;
  std::vector<Failure> failures;
  std::vector<int> unreachable;  // cameras with a stream that has no path to its destination
  core::Diagnostics warnings;    // found while building (feed traces scaled or missing)
  double retention_days = 30, overhead_factor = 1.2;
  double duration_s = 10;
  unsigned seed = 1;

  int Find(const std::string& id) const;  // -1 when unknown
  std::string LinkName(int link) const;   // "sw1 - nvr"
};

// The scenario's network: cameras become nodes at their positions, links are checked (no
// cycle unless allowed), unwired cameras attach to the nearest switch or AP in range, every
// camera's streams get bitrates (given, the camera's bitrate_kbps as one CBR stream, or the
// model) and destinations. Throws core::InputError naming the node or link at fault.
Topology BuildTopology(const scenario::Scenario& s);

// Throws core::InputError listing the cameras that have no path to a recorder.
void CheckReachable(const Topology& t);

// Failures the run cannot show: one at or after the end of the run (neither estimate sees
// an outage) and one lasting past it (its outage is cut at the end). Warned, not refused: a
// shorter --duration may be on purpose, but a 0 s outage must not read as "no harm".
void WarnFailuresOutsideRun(const Topology& t, core::Diagnostics& diagnostics);

// Shortest route (fewest hops) from node `from` to node `to` over links not marked in
// `down` (empty: all up); empty when there is none or from == to.
std::vector<Hop> Route(const Topology& t, int from, int to, const std::vector<bool>& down = {});

}  // namespace net
