#include "net/topology.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "scenario/build.h"

namespace net {
namespace {

// `text` fit for a message: at most 60 bytes, control and non-ASCII bytes as \xNN (a binary
// file must not spill raw bytes into the terminal).
std::string Quoted(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < 60; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else out += fmt::format("\\x{:02x}", c);
  }
  if (text.size() > 60) out += "...";
  return "'" + out + "'";
}

// A whole non-negative integer; nullopt for empty or anything else.
std::optional<long long> WholeNumber(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(text);
}

// A feeds run's measured trace of one camera.
struct FeedTrace {
  FramePlan plan;
  int width_px = 0, height_px = 0;  // the rendered size (seqinfo.ini)
};

// The trace of camera `id` in feeds folder `dir`: frame sizes from <dir>/<id>/frames.csv
// (decode order, `frame,pts,type,bytes`) at the frame rate of <dir>/<id>/seqinfo.ini. nullopt
// when the feeds run did not render that camera (no <dir>/<id>); core::InputError naming the
// file, the line and the problem when the trace is missing, truncated or malformed.
std::optional<FeedTrace> ReadFeedTrace(const std::filesystem::path& dir, const std::string& id) {
  const std::filesystem::path folder = dir / id, csv = folder / "frames.csv", ini = folder / "seqinfo.ini";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return std::nullopt;
  if (!std::filesystem::is_regular_file(csv, ec))
    throw core::InputError(csv.string(), "",
                           std::filesystem::exists(csv, ec)
                               ? "not a file: camera '" + id + "' has no frame trace"
                               : "missing: camera '" + id + "' has a feed folder but no frame trace (rerun `sightline feeds`)");
  std::map<std::string, std::string> seq;
  std::ifstream seq_in(ini);
  if (!seq_in) throw core::InputError(ini.string(), "", "missing: the frame rate of the trace in frames.csv beside it");
  for (std::string line; std::getline(seq_in, line);)
    if (const std::size_t eq = line.find('='); eq != std::string::npos && line[0] != ';')
      seq[line.substr(0, eq)] = line.substr(eq + 1);
  const double fps = std::atof(seq["frameRate"].c_str());
  if (!(fps > 0 && fps <= 1000))
    throw core::InputError(ini.string(), "", "no frameRate= (1..1000) for the trace in frames.csv beside it");
  const auto length = WholeNumber(seq["seqLength"]);
  const auto width = WholeNumber(seq["imWidth"]), height = WholeNumber(seq["imHeight"]);
  if (!length || !width || !height || *width == 0 || *height == 0 || *width > 100000 || *height > 100000)
    throw core::InputError(ini.string(), "", "needs seqLength=, imWidth= and imHeight= (whole numbers)");
  std::ifstream in(csv, std::ios::binary);
  std::vector<std::int32_t> bytes;
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line != "frame,pts,type,bytes")
    throw core::InputError(csv.string(), "line 1", "not a feeds frame trace: header " + Quoted(line) +
                                                       ", expected 'frame,pts,type,bytes'");
  for (int n = 2; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream row(line);
    for (std::string f; std::getline(row, f, ',');) fields.push_back(f);
    if (line.back() == ',') fields.emplace_back();  // an empty last field
    const std::string at = "line " + std::to_string(n);
    if (fields.size() != 4)
      throw core::InputError(csv.string(), at, "expected 4 fields frame,pts,type,bytes, got " + Quoted(line));
    if (!WholeNumber(fields[0]))
      throw core::InputError(csv.string(), at, "frame number is not a whole number: " + Quoted(fields[0]));
    if (fields[2] != "I" && fields[2] != "P" && fields[2] != "B")
      throw core::InputError(csv.string(), at, "frame type must be I, P or B, got " + Quoted(fields[2]));
    const auto b = WholeNumber(fields[3]);
    if (!b || *b > 100'000'000)
      throw core::InputError(csv.string(), at, "bytes must be a whole number 0..1e8, got " +
                                                   (fields[3].empty() ? std::string("nothing (truncated file?)") : Quoted(fields[3])));
    bytes.push_back(static_cast<std::int32_t>(*b));
  }
  if (bytes.empty()) throw core::InputError(csv.string(), "", "no frames in the trace");
  if (static_cast<long long>(bytes.size()) != *length)
    throw core::InputError(csv.string(), "", fmt::format("{} frames, but seqinfo.ini says seqLength={} (truncated trace?)",
                                                         bytes.size(), *length));
  if (std::all_of(bytes.begin(), bytes.end(), [](std::int32_t b) { return b == 0; }))
    throw core::InputError(csv.string(), "", "every frame has 0 bytes: not a measured trace");
  return FeedTrace{TracePlan(std::move(bytes), fps), static_cast<int>(*width), static_cast<int>(*height)};
}

NodeKind FromSpec(scenario::NetNodeKind k) {
  using K = scenario::NetNodeKind;
  switch (k) {
    case K::switch_:
      return NodeKind::switch_;
    case K::router:
      return NodeKind::router;
    case K::recorder:
      return NodeKind::recorder;
    case K::centre:
      return NodeKind::centre;
    case K::access_point:
      return NodeKind::access_point;
    case K::radio:
      return NodeKind::radio;
  }
  return NodeKind::switch_;
}

// A camera field: the camera's own, else its model's.
template <typename T>
std::optional<T> CameraField(const scenario::Scenario& s, const scenario::CameraSpec& c,
                             std::optional<T> scenario::CameraFields::*field) {
  if (c.fields.*field) return c.fields.*field;
  if (const auto m = s.camera_models.find(c.model); m != s.camera_models.end())
    return m->second.*field;
  return std::nullopt;
}

class Builder {
 public:
  Builder(const scenario::Scenario& s, const scenario::NetworkSpec& spec) : s_(s), spec_(spec) {
    t_.file = s.file;
  }

  [[noreturn]] void Fail(const std::string& where, const std::string& problem) const {
    throw core::InputError(s_.file.string(), where, problem);
  }

  Topology Build() {
    t_.retention_days = spec_.retention_days;
    t_.overhead_factor = spec_.overhead_factor;
    t_.duration_s = spec_.duration_s;
    t_.seed = spec_.seed;
    AddCameras();
    AddNodes();
    AddLinks();
    CheckCycles();
    AttachUnwired();
    for (const auto& [camera, streams] : spec_.streams)
      if (camera != "default" &&
          (t_.Find(camera) < 0 || t_.nodes[t_.Find(camera)].kind != NodeKind::camera))
        Fail(streams.empty() ? spec_.where : streams.front().where,
             "network.streams: unknown camera '" + camera + "'");
    for (std::size_t c = 0; c < s_.cameras.size(); ++c) AddStreams(static_cast<int>(c));
    if (!spec_.feeds.empty() && traced_ == 0)
      Fail(spec_.where, "network.feeds: " + spec_.feeds.string() +
                            " has no <camera id>/frames.csv for any camera of the scenario (it should be "
                            "the -o folder of a `sightline feeds` run)");
    AddFailures();
    return std::move(t_);
  }

 private:
  // A feed rendered at another size or frame rate than the camera's stream (a small preview
  // render of a 4 MP camera) would stand for a much smaller stream: its frame sizes are scaled
  // by the pixel ratio (bits per pixel kept) and played at the stream's frame rate, and the
  // user is told.
  void UseFeedTrace(FeedTrace trace, const scenario::CameraSpec& cam, std::optional<std::pair<int, int>> size,
                    std::optional<double> stream_fps, Stream& st) {
    FramePlan& plan = trace.plan;
    const int width = size ? size->first : trace.width_px, height = size ? size->second : trace.height_px;
    const double fps = stream_fps.value_or(plan.fps);
    const double pixels = double(width) * height, feed_pixels = double(trace.width_px) * trace.height_px;
    if (pixels != feed_pixels || std::abs(fps - plan.fps) > 1e-6) {
      const double scale = pixels / feed_pixels;
      t_.warnings.Warn(
          "feed rendered at another size or frame rate than the camera's stream (trace scaled: frame bytes by the "
          "pixel ratio, played at the stream's fps)",
          fmt::format("{}: camera '{}': feed {}x{} at {:g} fps, stream {}x{} at {:g} fps: frame sizes x{:.2f}",
                      s_.file.string(), cam.id, trace.width_px, trace.height_px, plan.fps, width, height, fps, scale));
      std::vector<std::int32_t> bytes = std::move(plan.trace_bytes);
      for (std::int32_t& b : bytes) b = static_cast<std::int32_t>(std::min(1e8, std::round(b * scale)));
      plan = TracePlan(std::move(bytes), fps);
    }
    st.frames = std::move(plan);
    st.kbps = st.frames.p_frame_bytes * 8 * st.frames.fps / 1000;
    st.from_feed = true;
  }

  int traced_ = 0;  // streams that send a feed's trace

  void AddCameras() {
    for (const scenario::CameraSpec& c : s_.cameras) {
      Node n;
      n.id = c.id;
      n.kind = NodeKind::camera;
      n.where = c.where;
      // Positions in another CRS than the scenario's are not projected here: such a camera
      // has to be wired explicitly.
      n.has_position = c.crs.empty() || c.crs == s_.city.crs;
      n.x = c.x, n.y = c.y;
      t_.nodes.push_back(n);
    }
  }

  void AddNodes() {
    for (const scenario::NetNodeSpec& ns : spec_.nodes) {
      Node n;
      n.id = ns.id;
      n.kind = FromSpec(ns.kind);
      n.storage_tb = ns.storage_tb.value_or(0);
      if (n.kind == NodeKind::recorder && !(n.storage_tb > 0))
        Fail(ns.where,
             "recorder '" + n.id + "' has no storage: give storage_tb (usable terabytes)");
      n.has_position = ns.x && ns.y;
      n.x = ns.x.value_or(0), n.y = ns.y.value_or(0);
      n.where = ns.where;
      range_m_.push_back(ns.range_m.value_or(spec_.attach_range_m));
      t_.nodes.push_back(n);
    }
    if (std::none_of(t_.nodes.begin(), t_.nodes.end(),
                     [](const Node& n) { return n.kind == NodeKind::recorder; }))
      Fail(spec_.where, "network has no recorder (a node with kind: recorder and storage_tb)");
  }

  void AddLinks() {
    for (const scenario::NetLinkSpec& ls : spec_.links) {
      Link l;
      l.a = t_.Find(ls.from);
      l.b = t_.Find(ls.to);
      const std::string name = "link " + ls.from + " - " + ls.to;
      if (l.a < 0 || l.b < 0)
        Fail(ls.where, name + ": unknown node '" + (l.a < 0 ? ls.from : ls.to) +
                           "' (not a network node or camera)");
      if (!(ls.capacity_mbps > 0)) Fail(ls.where, name + ": capacity_mbps must be positive");
      for (const Link& o : t_.links)
        if ((o.a == l.a && o.b == l.b) || (o.a == l.b && o.b == l.a))
          Fail(ls.where, name + " is given twice");
      l.capacity_mbps = ls.capacity_mbps;
      l.latency_ms = ls.latency_ms;
      l.loss_pct = ls.loss_pct;
      l.queue_packets = ls.queue_packets;
      l.radio = ls.medium == scenario::LinkMedium::radio;
      l.shared = ls.medium == scenario::LinkMedium::csma;
      l.where = ls.where;
      t_.links.push_back(l);
    }
  }

  // A tree unless rings are allowed: union-find over the links in file order; the link that
  // joins two nodes already connected closes a cycle.
  void CheckCycles() const {
    if (spec_.allow_cycles) return;
    std::vector<int> parent(t_.nodes.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](int v) {
      while (parent[v] != v) v = parent[v] = parent[parent[v]];
      return v;
    };
    for (std::size_t i = 0; i < t_.links.size(); ++i) {
      const int ra = root(t_.links[i].a), rb = root(t_.links[i].b);
      if (ra == rb)
        Fail(t_.links[i].where,
             "link " + t_.LinkName(static_cast<int>(i)) +
                 " closes a cycle in the wired tree; set network.allow_cycles: true for rings "
                 "with redundant paths");
      parent[ra] = rb;
    }
  }

  // Cameras without a link attach to the nearest switch, AP or radio within its range.
  void AttachUnwired() {
    std::vector<bool> wired(t_.nodes.size(), false);
    for (const Link& l : t_.links) wired[l.a] = wired[l.b] = true;
    const int first_node = static_cast<int>(s_.cameras.size());
    for (int c = 0; c < first_node; ++c) {
      const Node& cam = t_.nodes[c];
      if (wired[c] || !cam.has_position) continue;
      int best = -1;
      double best_d = std::numeric_limits<double>::infinity();
      for (int n = first_node; n < static_cast<int>(t_.nodes.size()); ++n) {
        const Node& node = t_.nodes[n];
        if (!node.has_position) continue;
        if (node.kind != NodeKind::switch_ && node.kind != NodeKind::access_point &&
            node.kind != NodeKind::radio)
          continue;
        const double d = std::hypot(node.x - cam.x, node.y - cam.y);
        if (d <= range_m_[n - first_node] && d < best_d) best = n, best_d = d;
      }
      if (best < 0) continue;  // reported as unreachable
      Link l;
      l.a = c;
      l.b = best;
      l.capacity_mbps = spec_.attach_capacity_mbps;
      l.radio = t_.nodes[best].kind != NodeKind::switch_;
      l.latency_ms = l.radio ? 1.0 : 0.1;
      l.auto_attached = true;
      l.where = cam.where;
      t_.links.push_back(l);
    }
  }

  // The nearest node (fewest hops) of `kind` reachable from `from`, -1 if none.
  int Nearest(int from, NodeKind kind) const {
    std::vector<int> dist(t_.nodes.size(), -1);
    std::deque<int> queue{from};
    dist[from] = 0;
    while (!queue.empty()) {
      const int v = queue.front();
      queue.pop_front();
      if (t_.nodes[v].kind == kind) return v;
      for (const Link& l : t_.links) {
        const int w = l.a == v ? l.b : l.b == v ? l.a : -1;
        if (w >= 0 && dist[w] < 0) dist[w] = dist[v] + 1, queue.push_back(w);
      }
    }
    return -1;
  }

  int Destination(int camera, const std::string& to, const std::string& where) const {
    if (to == "recorder") return Nearest(camera, NodeKind::recorder);
    if (to == "centre") {
      const bool any_centre = std::any_of(t_.nodes.begin(), t_.nodes.end(),
                                          [](const Node& n) { return n.kind == NodeKind::centre; });
      return Nearest(camera, any_centre ? NodeKind::centre : NodeKind::recorder);
    }
    const int n = t_.Find(to);
    if (n < 0 || t_.nodes[n].kind == NodeKind::camera)
      Fail(where, "camera '" + t_.nodes[camera].id + "': stream destination '" + to +
                      "' is not a network node");
    return Route(t_, camera, n).empty() ? -1 : n;
  }

  void AddStreams(int c) {
    const scenario::CameraSpec& cam = s_.cameras[c];
    std::vector<scenario::StreamSpec> list;
    if (auto it = spec_.streams.find(cam.id); it != spec_.streams.end())
      list = it->second;
    else if (auto d = spec_.streams.find("default"); d != spec_.streams.end())
      list = d->second;
    double iframe_ratio = spec_.iframe_ratio;
    const bool given_streams = !list.empty();
    if (list.empty()) {
      // A simple scenario: the camera's bitrate_kbps is one CBR recording stream.
      scenario::StreamSpec main;
      main.bitrate_kbps = CameraField(s_, cam, &scenario::CameraFields::bitrate_kbps);
      if (main.bitrate_kbps) iframe_ratio = 1;
      main.where = cam.where;
      list.push_back(main);
    }
    const int width = CameraField(s_, cam, &scenario::CameraFields::width_px).value_or(1920);
    const int height = CameraField(s_, cam, &scenario::CameraFields::height_px).value_or(1080);
    bool unreachable = false;
    for (const scenario::StreamSpec& ss : list) {
      Stream st;
      st.camera = c;
      st.name = ss.name;
      if (ss.bitrate_kbps) {
        st.kbps = *ss.bitrate_kbps;
      } else {
        BitrateInput in;
        in.width_px = ss.width_px.value_or(width);
        in.height_px = ss.height_px.value_or(height);
        in.fps = ss.fps;
        in.codec = ss.codec == scenario::Codec::h265 ? VideoCodec::h265 : VideoCodec::h264;
        in.quality = ss.quality;
        in.complexity = ss.complexity;
        in.night_fraction = ss.night_fraction;
        in.smart_codec = ss.smart_codec;
        st.kbps = ModelBitrateKbps(in);
      }
      st.recorded = ss.record != scenario::RecordMode::none;
      st.storage_duty = ss.record == scenario::RecordMode::continuous ? 1
                        : ss.record == scenario::RecordMode::motion   ? ss.motion_fraction
                        : ss.record == scenario::RecordMode::schedule ? ss.schedule_hours / 24
                                                                      : 0;
      // Main and sub streams flow all the time (the recorder detects motion); an event
      // stream flows only while there is an event.
      st.network_duty =
          ss.name == "event" && ss.record == scenario::RecordMode::motion ? ss.motion_fraction : 1;
      st.frames = MakeFramePlan(st.kbps, ss.fps, spec_.gop_s, iframe_ratio);
      // The rendered feed, when there is one, is what this camera's main stream really sends.
      if (ss.name == "main" && !spec_.feeds.empty()) {
        if (std::optional<FeedTrace> trace = ReadFeedTrace(spec_.feeds, cam.id)) {
          // Compared only with what the scenario states: a camera without a resolution, or
          // without streams of its own, has nothing the feed could contradict.
          const auto w = ss.width_px ? ss.width_px : CameraField(s_, cam, &scenario::CameraFields::width_px);
          const auto h = ss.height_px ? ss.height_px : CameraField(s_, cam, &scenario::CameraFields::height_px);
          UseFeedTrace(std::move(*trace), cam, w && h ? std::optional(std::pair(*w, *h)) : std::nullopt,
                       given_streams ? std::optional(ss.fps) : std::nullopt, st);
          ++traced_;
        } else {
          t_.warnings.Warn("camera not rendered in network.feeds (its modelled bitrate used)",
                           fmt::format("{}: camera '{}': no {}", s_.file.string(), cam.id, (spec_.feeds / cam.id).string()));
        }
      }
      const std::string to = !ss.to.empty() ? ss.to : ss.name == "sub" ? "centre" : "recorder";
      st.destination = Destination(c, to, ss.where.empty() ? cam.where : ss.where);
      if (st.destination < 0) {
        unreachable = true;
        continue;
      }
      t_.streams.push_back(st);
    }
    if (unreachable) t_.unreachable.push_back(c);
  }

  void AddFailures() {
    for (const scenario::FailureSpec& fs : spec_.failures) {
      Failure f;
      f.at_s = fs.at_s;
      f.for_s = fs.for_s;
      f.where = fs.where;
      if (!fs.node.empty()) {
        f.node = t_.Find(fs.node);
        if (f.node < 0) Fail(fs.where, "failure of unknown node '" + fs.node + "'");
      } else {
        const int a = t_.Find(fs.link_from), b = t_.Find(fs.link_to);
        for (std::size_t i = 0; i < t_.links.size(); ++i)
          if ((t_.links[i].a == a && t_.links[i].b == b) ||
              (t_.links[i].a == b && t_.links[i].b == a))
            f.link = static_cast<int>(i);
        if (f.link < 0)
          Fail(fs.where, "failure of unknown link " + fs.link_from + " - " + fs.link_to);
      }
      t_.failures.push_back(f);
    }
  }

  const scenario::Scenario& s_;
  const scenario::NetworkSpec& spec_;
  std::vector<double> range_m_;  // per network node (after the cameras)
  Topology t_;
};

}  // namespace

const char* NodeKindName(NodeKind k) {
  switch (k) {
    case NodeKind::camera:
      return "camera";
    case NodeKind::switch_:
      return "switch";
    case NodeKind::router:
      return "router";
    case NodeKind::recorder:
      return "recorder";
    case NodeKind::centre:
      return "centre";
    case NodeKind::access_point:
      return "access_point";
    case NodeKind::radio:
      return "radio";
  }
  return "?";
}

std::string Failure::Name(const Topology& t) const {
  return link >= 0 ? "link " + t.LinkName(link) : "node " + t.nodes[node].id;
}

int Topology::Find(const std::string& id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return static_cast<int>(i);
  return -1;
}

std::string Topology::LinkName(int link) const {
  return nodes[links[link].a].id + " - " + nodes[links[link].b].id;
}

Topology BuildTopology(const scenario::Scenario& s) {
  if (!s.network)
    throw core::InputError(s.file.string(), "", "the scenario has no `network:` section");
  if (s.camera_source.empty()) return Builder(s, *s.network).Build();
  // Cameras from a file join the inline ones, placed in the scenario's crs as those are.
  scenario::Scenario with_file = s;
  core::Diagnostics read;
  // The checks the parser makes for inline cameras: one id each, none a network node's.
  std::set<std::string> ids;
  for (const scenario::CameraSpec& c : s.cameras) ids.insert(c.id);
  for (scenario::CameraSpec& c : scenario::CameraSpecsFromSource(s, read)) {
    if (!ids.insert(c.id).second) throw core::InputError(c.where, "camera '" + c.id + "'", "duplicate camera id");
    for (const scenario::NetNodeSpec& node : s.network->nodes)
      if (node.id == c.id)
        throw core::InputError(c.where, "camera '" + c.id + "'",
                               "has the id of network node '" + node.id + "' (" + s.file.filename().string() + " " +
                                   node.where + "): rename one of them");
    with_file.cameras.push_back(std::move(c));
  }
  with_file.camera_source.clear();
  Topology t = Builder(with_file, *s.network).Build();
  t.warnings.Merge(read);
  return t;
}

void WarnFailuresOutsideRun(const Topology& t, core::Diagnostics& diagnostics) {
  for (const Failure& f : t.failures) {
    const std::string detail = fmt::format("{}: {}: {} at {:g} s, run of {:g} s", t.file.string(), f.where,
                                           f.Name(t), f.at_s, t.duration_s);
    if (f.at_s >= t.duration_s)
      diagnostics.Warn("failure after the end of the run (not played; no outage counted; raise duration_s)", detail);
    else if (f.for_s > 0 && f.at_s + f.for_s > t.duration_s)
      diagnostics.Warn("failure lasting past the end of the run (outage counted up to the end only)", detail);
  }
}

void CheckReachable(const Topology& t) {
  if (t.unreachable.empty()) return;
  std::string names;
  for (int c : t.unreachable) names += (names.empty() ? "" : ", ") + t.nodes[c].id;
  // How far the first one stands from the nearest node that could take it: a camera kilometres
  // away has its coordinates wrong (lon/lat swapped, another crs), not its cabling.
  std::string nearest;
  const Node& first = t.nodes[t.unreachable.front()];
  double best = std::numeric_limits<double>::infinity();
  for (const Node& n : t.nodes) {
    if (!first.has_position || !n.has_position ||
        (n.kind != NodeKind::switch_ && n.kind != NodeKind::access_point && n.kind != NodeKind::radio))
      continue;
    if (const double d = std::hypot(n.x - first.x, n.y - first.y); d < best) {
      best = d;
      nearest = fmt::format("; {} is {:.0f} m from the nearest, {}", first.id, best, n.id);
    }
  }
  if (std::isfinite(best) && best > 5000) nearest += ": are its coordinates right (lon/lat swapped, another crs)?";
  throw core::InputError(
      t.file.string(), first.where,
      "camera" + std::string(t.unreachable.size() > 1 ? "s " : " ") + names + " ha" +
          (t.unreachable.size() > 1 ? "ve" : "s") +
          " no path to a recorder (not wired, and no switch or access point within range" + nearest + ")");
}

std::vector<Hop> Route(const Topology& t, int from, int to, const std::vector<bool>& down) {
  if (from == to) return {};
  std::vector<int> via(t.nodes.size(), -1);  // link used to reach each node
  std::vector<bool> seen(t.nodes.size(), false);
  std::deque<int> queue{from};
  seen[from] = true;
  while (!queue.empty() && !seen[to]) {
    const int v = queue.front();
    queue.pop_front();
    for (std::size_t i = 0; i < t.links.size(); ++i) {
      if (!down.empty() && down[i]) continue;
      const Link& l = t.links[i];
      const int w = l.a == v ? l.b : l.b == v ? l.a : -1;
      if (w < 0 || seen[w]) continue;
      seen[w] = true;
      via[w] = static_cast<int>(i);
      queue.push_back(w);
    }
  }
  if (!seen[to]) return {};
  std::vector<Hop> path;
  for (int v = to; v != from;) {
    const Link& l = t.links[via[v]];
    path.push_back({via[v], l.b == v});
    v = l.b == v ? l.a : l.b;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace net
