// Section `network:` (nodes, links, streams per camera, storage, failures). Checks what one
// entry can show (kinds, values, node ids unique); references to cameras and the topology as a
// whole (paths, cycles) are net/'s to check when the network is built: a plan edited in the GUI
// (a camera deleted) or cameras from a file still load here.
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "scenario/parser.h"

namespace scenario::detail {

NetNodeSpec Parser::NetNode(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "network.nodes[" + std::to_string(index) + "]";
  CheckKeys(node, {"id", "kind", "storage_tb", "position", "range_m"}, ctx);
  NetNodeSpec n;
  n.where = Line(node);
  if (!node["id"]) Fail(node, ctx + " needs an id");
  n.id = Get<std::string>(node["id"], "id");
  if (!node["kind"])
    Fail(node, "network node '" + n.id +
                   "' needs a kind (switch, router, recorder, centre, access_point, radio)");
  const std::string kind = Get<std::string>(node["kind"], "kind");
  const auto k = ParseNetNodeKind(kind);
  if (!k)
    Fail(node["kind"],
         "network node '" + n.id +
             "': kind must be switch, router, recorder, centre, access_point or radio, got '" +
             kind + "'");
  n.kind = *k;
  if (node["storage_tb"]) {
    if (n.kind != NetNodeKind::recorder)
      Fail(node["storage_tb"], "network node '" + n.id + "': only a recorder has storage_tb");
    n.storage_tb = GetPositive(node["storage_tb"], "network node '" + n.id + "' storage_tb");
  }
  if (n.kind == NetNodeKind::recorder && !n.storage_tb)
    Fail(node, "recorder '" + n.id + "' has no storage: give storage_tb (usable terabytes)");
  if (const YAML::Node p = node["position"]) {
    if (!p.IsSequence() || p.size() != 2)
      Fail(p, "network node '" + n.id + "': position must be [x, y]");
    n.x = GetCoordinate(p[0], "network node '" + n.id + "' position x");
    n.y = GetCoordinate(p[1], "network node '" + n.id + "' position y");
  }
  if (node["range_m"])
    n.range_m = GetPositive(node["range_m"], "network node '" + n.id + "' range_m");
  return n;
}

NetLinkSpec Parser::NetLink(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "network.links[" + std::to_string(index) + "]";
  CheckKeys(
      node,
      {"from", "to", "capacity_mbps", "mbps", "latency_ms", "loss_pct", "queue_packets", "medium"},
      ctx);
  NetLinkSpec l;
  l.where = Line(node);
  if (!node["from"] || !node["to"]) Fail(node, ctx + " needs from and to");
  l.from = Get<std::string>(node["from"], "from");
  l.to = Get<std::string>(node["to"], "to");
  const std::string name = "link " + l.from + " - " + l.to;
  if (l.from == l.to) Fail(node, name + " connects a node to itself");
  if (node["capacity_mbps"] && node["mbps"])
    Fail(node["mbps"], name + ": give capacity_mbps or mbps, not both");
  const YAML::Node cap = node["capacity_mbps"] ? node["capacity_mbps"] : node["mbps"];
  if (!cap) Fail(node, name + " needs capacity_mbps");
  const double c = Get<double>(cap, name + " capacity_mbps");
  if (!(c >= 0.001) || !std::isfinite(c) || c > 1e6)
    Fail(cap, name + ": capacity_mbps must be within [0.001, 1e6] (1 kbit/s to 1 Tbit/s), got " + cap.Scalar());
  l.capacity_mbps = c;
  if (node["latency_ms"])
    l.latency_ms = GetInRange(node["latency_ms"], name + " latency_ms", 0, 10000);
  if (node["loss_pct"]) l.loss_pct = GetInRange(node["loss_pct"], name + " loss_pct", 0, 100);
  if (const YAML::Node q = node["queue_packets"]) {
    l.queue_packets = Get<int>(q, name + " queue_packets");
    if (l.queue_packets < 1 || l.queue_packets > 1'000'000)
      Fail(q, name + ": queue_packets must be between 1 and 1000000");
  }
  if (const YAML::Node m = node["medium"]) {
    const std::string v = Get<std::string>(m, "medium");
    if (v == "wired")
      l.medium = LinkMedium::wired;
    else if (v == "radio")
      l.medium = LinkMedium::radio;
    else if (v == "csma")
      l.medium = LinkMedium::csma;
    else
      Fail(m, name + ": medium must be wired, radio or csma, got '" + v + "'");
  }
  return l;
}

StreamSpec Parser::Stream(const YAML::Node& node, const std::string& camera) const {
  CheckKeys(node,
            {"name", "resolution", "fps", "codec", "smart_codec", "quality", "complexity",
             "night_fraction", "bitrate_kbps", "record", "to"},
            "stream of '" + camera + "'");
  StreamSpec s;
  s.where = Line(node);
  if (node["name"]) s.name = Get<std::string>(node["name"], "name");
  const std::string who = "camera '" + camera + "' stream '" + s.name + "'";
  if (s.name != "main" && s.name != "sub" && s.name != "event")
    Fail(node["name"], who + ": name must be main, sub or event");
  if (s.name == "sub") s.record = RecordMode::none, s.to = "centre";
  if (const YAML::Node r = node["resolution"]) {
    if (!r.IsSequence() || r.size() != 2)
      Fail(r, who + ": resolution must be [width_px, height_px]");
    s.width_px = Get<int>(r[0], who + " resolution width");
    s.height_px = Get<int>(r[1], who + " resolution height");
    if (*s.width_px < 16 || *s.height_px < 16 || *s.width_px > 16384 || *s.height_px > 16384)
      Fail(r, who + ": resolution must be within [16, 16384] pixels each way");
  }
  if (node["fps"]) s.fps = GetInRange(node["fps"], who + " fps", 0.1, 240);
  if (const YAML::Node c = node["codec"]) {
    const std::string v = Get<std::string>(c, "codec");
    if (v == "h264" || v == "H.264" || v == "avc")
      s.codec = Codec::h264;
    else if (v == "h265" || v == "H.265" || v == "hevc")
      s.codec = Codec::h265;
    else
      Fail(c, who + ": codec must be h264 or h265, got '" + v + "'");
  }
  if (node["smart_codec"]) s.smart_codec = Get<bool>(node["smart_codec"], who + " smart_codec");
  for (auto [key, field] : {std::pair{"quality", &s.quality}, {"complexity", &s.complexity}})
    if (const YAML::Node q = node[key]) {
      *field = Get<std::string>(q, key);
      if (*field != "low" && *field != "medium" && *field != "high")
        Fail(q, who + ": " + key + " must be low, medium or high, got '" + *field + "'");
    }
  if (node["night_fraction"])
    s.night_fraction = GetInRange(node["night_fraction"], who + " night_fraction", 0, 1);
  if (node["bitrate_kbps"])
    s.bitrate_kbps = GetPositive(node["bitrate_kbps"], who + " bitrate_kbps");
  if (const YAML::Node r = node["record"]) {
    if (r.IsScalar()) {
      const std::string v = r.Scalar();
      if (v == "continuous")
        s.record = RecordMode::continuous;
      else if (v == "none")
        s.record = RecordMode::none;
      else
        Fail(r, who +
                    ": record must be continuous, none, {motion: fraction} or {schedule_h: hours}, "
                    "got '" +
                    v + "'");
    } else {
      CheckKeys(r, {"motion", "schedule_h"}, who + " record");
      if (r["motion"] && r["schedule_h"])
        Fail(r, who + ": record by motion or by schedule, not both");
      if (r["motion"])
        s.record = RecordMode::motion,
        s.motion_fraction = GetInRange(r["motion"], who + " motion", 0, 1);
      else if (r["schedule_h"])
        s.record = RecordMode::schedule,
        s.schedule_hours = GetInRange(r["schedule_h"], who + " schedule_h", 0, 24);
      else
        Fail(r, who + ": record needs motion: fraction or schedule_h: hours");
    }
  }
  if (node["to"]) s.to = Get<std::string>(node["to"], who + " to");
  return s;
}

FailureSpec Parser::Failure(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "network.failures[" + std::to_string(index) + "]";
  CheckKeys(node, {"link", "node", "at_s", "for_s"}, ctx);
  FailureSpec f;
  f.where = Line(node);
  if ((node["link"] ? 1 : 0) + (node["node"] ? 1 : 0) != 1)
    Fail(node, ctx + " needs exactly one of link: [from, to] or node: id");
  if (const YAML::Node l = node["link"]) {
    if (!l.IsSequence() || l.size() != 2) Fail(l, ctx + ": link must be [from, to]");
    f.link_from = Get<std::string>(l[0], "link from");
    f.link_to = Get<std::string>(l[1], "link to");
  }
  if (const YAML::Node n = node["node"]) f.node = Get<std::string>(n, "node");
  if (!node["at_s"]) Fail(node, ctx + " needs at_s (seconds into the run)");
  f.at_s = GetNonNegative(node["at_s"], ctx + " at_s");
  if (node["for_s"]) f.for_s = GetNonNegative(node["for_s"], ctx + " for_s");
  return f;
}

NetworkSpec Parser::Network(const YAML::Node& node, const std::vector<CameraSpec>& cameras) const {
  CheckKeys(
      node,
      {"nodes", "links", "streams", "retention_days", "overhead", "attach_range_m", "attach_mbps",
       "allow_cycles", "duration_s", "seed", "gop_s", "iframe_ratio", "failures", "feeds"},
      "network");
  NetworkSpec n;
  n.where = Line(node);
  std::set<std::string> ids, camera_ids;
  for (const CameraSpec& c : cameras) ids.insert(c.id), camera_ids.insert(c.id);
  if (const YAML::Node nodes = node["nodes"]) {
    if (!nodes.IsSequence()) Fail(nodes, "network.nodes must be a list");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      n.nodes.push_back(NetNode(nodes[i], i));
      const std::string& id = n.nodes.back().id;
      if (camera_ids.count(id)) Fail(nodes[i], "network node '" + id + "' has the id of a camera");
      if (!ids.insert(id).second) Fail(nodes[i], "duplicate network node id '" + id + "'");
    }
  }
  if (n.nodes.empty()) Fail(node, "network needs nodes (at least one recorder)");
  if (const YAML::Node links = node["links"]) {
    if (!links.IsSequence()) Fail(links, "network.links must be a list");
    for (std::size_t i = 0; i < links.size(); ++i) n.links.push_back(NetLink(links[i], i));
  }
  if (const YAML::Node streams = node["streams"]) {
    if (!streams.IsMap())
      Fail(streams, "network.streams must map camera ids (or default) to lists of streams");
    for (const auto& kv : streams) {
      const std::string cam = kv.first.Scalar();
      const YAML::Node list = kv.second;
      if (!list.IsSequence())
        Fail(kv.second, "network.streams '" + cam + "' must be a list of streams");
      std::set<std::string> names;
      for (const auto& s : list) {
        n.streams[cam].push_back(Stream(s, cam));
        if (!names.insert(n.streams[cam].back().name).second)
          Fail(s, "camera '" + cam + "' has two '" + n.streams[cam].back().name + "' streams");
      }
    }
  }
  if (node["feeds"]) {
    if (Get<std::string>(node["feeds"], "feeds").empty())
      Fail(node["feeds"], "network.feeds: an empty path (give the -o folder of a `sightline feeds` run)");
    n.feeds = Resolve(Get<std::string>(node["feeds"], "feeds"));
    std::error_code ec;
    if (!std::filesystem::is_directory(n.feeds, ec))
      Fail(node["feeds"], "network.feeds: no folder " + n.feeds.string() +
                              " (the -o folder of a `sightline feeds` run)");
  }
  if (node["retention_days"])
    n.retention_days = GetInRange(node["retention_days"], "retention_days", 0, 3650);
  if (node["overhead"]) n.overhead_factor = GetInRange(node["overhead"], "overhead", 1, 10);
  if (node["attach_range_m"])
    n.attach_range_m = GetPositive(node["attach_range_m"], "attach_range_m");
  if (node["attach_mbps"]) n.attach_capacity_mbps = GetInRange(node["attach_mbps"], "attach_mbps", 0.001, 1e6);
  if (node["allow_cycles"]) n.allow_cycles = Get<bool>(node["allow_cycles"], "allow_cycles");
  if (node["duration_s"])
    n.duration_s = GetInRange(node["duration_s"], "network duration_s", 0.1, 86400);
  if (node["seed"]) {
    const long long seed = Get<long long>(node["seed"], "seed");
    if (seed < 1 || seed > 0x7fffffff)
      Fail(node["seed"], "network seed must be between 1 and 2147483647");
    n.seed = static_cast<unsigned>(seed);
  }
  if (node["gop_s"]) n.gop_s = GetInRange(node["gop_s"], "gop_s", 0.04, 60);
  if (node["iframe_ratio"])
    n.iframe_ratio = GetInRange(node["iframe_ratio"], "iframe_ratio", 1, 100);
  if (const YAML::Node f = node["failures"]) {
    if (!f.IsSequence()) Fail(f, "network.failures must be a list");
    for (std::size_t i = 0; i < f.size(); ++i) {
      n.failures.push_back(Failure(f[i], i));
      const FailureSpec& fs = n.failures.back();
      if (!fs.link_from.empty()) {
        const bool found = std::any_of(n.links.begin(), n.links.end(), [&](const NetLinkSpec& l) {
          return (l.from == fs.link_from && l.to == fs.link_to) ||
                 (l.from == fs.link_to && l.to == fs.link_from);
        });
        if (!found) Fail(f[i], "network.failures: no link " + fs.link_from + " - " + fs.link_to);
      }
    }
  }
  return n;
}

}  // namespace scenario::detail
