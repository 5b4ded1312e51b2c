// The scenario's `network:` section as plain specs: the nodes and links that carry the video
// from the cameras to recorders and the monitoring centre, each camera's streams, storage
// retention and failures to simulate. No ns-3 here: net/ builds and runs it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scenario {

enum class NetNodeKind { switch_, router, recorder, centre, access_point, radio };

const char* NetNodeKindName(NetNodeKind k);
// nullopt for an unknown name ("switch", "router", "recorder"/"nvr", "centre"/"center",
// "access_point"/"ap", "radio").
std::optional<NetNodeKind> ParseNetNodeKind(const std::string& name);

struct NetNodeSpec {
  std::string id;
  NetNodeKind kind = NetNodeKind::switch_;
  std::optional<double> storage_tb;  // recorders: usable disk before the overhead factor
  std::optional<double> x, y;        // map position, scenario CRS (for auto-attach and the diagram)
  std::optional<double> range_m;     // switches and APs: how far unwired cameras attach
  std::string where;                 // "line 12"
};

// wired: full-duplex point-to-point (each direction has the capacity); csma: one shared,
// half-duplex Ethernet segment (both directions share it); radio: a point-to-point radio link.
enum class LinkMedium { wired, radio, csma };

struct NetLinkSpec {
  std::string from, to;  // node or camera ids
  double capacity_mbps = 0;
  double latency_ms = 0.1;  // one-way propagation
  double loss_pct = 0;      // random packet loss on the link
  int queue_packets = 100;  // transmit queue of each end (drop-tail)
  LinkMedium medium = LinkMedium::wired;
  std::string where;
};

enum class Codec { h264, h265 };
enum class RecordMode { continuous, motion, schedule, none };

// One video stream of a camera. Its bitrate is `bitrate_kbps` when given, else the bitrate
// model's (net/bitrate.h) for the resolution, fps, codec, scene and smart codec.
struct StreamSpec {
  std::string name = "main";               // main (recording), sub (live view), event
  std::optional<int> width_px, height_px;  // default: the camera's resolution
  double fps = 25;
  Codec codec = Codec::h264;
  bool smart_codec = false;            // Zipstream, H.265+, Smart Codec...
  std::string quality = "medium";      // low, medium, high (encoder quality setting)
  std::string complexity = "medium";   // scene: low, medium, high (busy car park)
  double night_fraction = 0;           // share of the day at night (noise doubles the rate)
  std::optional<double> bitrate_kbps;  // measured or given: overrides the model
  RecordMode record = RecordMode::continuous;
  double motion_fraction = 1;  // record: motion — share of the time with motion
  double schedule_hours = 24;  // record: schedule — hours a day recorded
  std::string to;              // destination: "recorder", "centre" or a node id
  std::string where;
};

// Take a link (`from`-`to`) or a node down at `at_s` for `for_s` seconds (0 = to the end).
struct FailureSpec {
  std::string link_from, link_to;  // a link, or
  std::string node;                // a node
  double at_s = 0, for_s = 0;
  std::string where;
};

struct NetworkSpec {
  std::vector<NetNodeSpec> nodes;
  std::vector<NetLinkSpec> links;
  // Streams per camera id; the key "default" applies to cameras without their own. A camera
  // with neither streams nor default gets one continuous main stream: its `bitrate_kbps` (CBR)
  // when it has one, else the model's for its resolution at 25 fps.
  std::map<std::string, std::vector<StreamSpec>> streams;
  // A `sightline feeds` output folder: a camera with `<id>/frames.csv` there sends that
  // measured frame trace (sizes in decode order, at its seqinfo.ini frame rate) as its main
  // stream instead of a modelled one.
  std::filesystem::path feeds;
  double retention_days = 30;
  double overhead_factor = 1.2;       // RAID parity, filesystem and index overhead on storage
  double attach_range_m = 100;        // default range for unwired cameras to a switch or AP
  double attach_capacity_mbps = 100;  // the access link auto-attached cameras get
  bool allow_cycles = false;          // rings (redundant paths) allowed; else a cycle is an error
  double duration_s = 10;             // packet-level simulated time
  unsigned seed = 1;
  double gop_s = 1;         // I-frame interval of the simulated streams
  double iframe_ratio = 8;  // I-frame size over a P-frame's
  std::vector<FailureSpec> failures;
  std::string where;
};

}  // namespace scenario
