// Section `feeds:` (synthetic video). The bounds are those of `sightline feeds`' flags, checked
// here so that an error names the scenario line rather than a flag the user never typed.
#include <regex>

#include "scenario/parser.h"

namespace scenario::detail {

FeedsSpec Parser::Feeds(const YAML::Node& node) const {
  if (!node.IsMap()) Fail(node, "feeds must be a mapping, e.g. feeds: {duration_s: 30, fps: 15, size: [1280, 720]}");
  CheckKeys(node, {"start_s", "duration_s", "fps", "size", "cameras", "crf", "kbps", "preset", "time", "daylight",
                   "noise", "shutter", "shadows"},
            "feeds");
  FeedsSpec f;
  f.where = Line(node);
  const auto integer = [&](const char* key, int lo, int hi) -> std::optional<int> {
    if (!node[key]) return std::nullopt;
    const long long v = Get<long long>(node[key], key);
    if (v < lo || v > hi) Fail(node[key], std::string(key) + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
    return static_cast<int>(v);
  };
  if (node["start_s"]) f.start_s = GetInRange(node["start_s"], "start_s", 0, 86400);
  if (node["duration_s"]) f.duration_s = GetInRange(node["duration_s"], "duration_s", 1e-3, 86400);
  f.fps = integer("fps", 1, 120);
  if (f.duration_s && f.fps && std::llround(*f.duration_s * *f.fps) < 1)
    Fail(node["duration_s"], "duration_s is shorter than one frame at this fps");
  if (const YAML::Node size = node["size"]) {
    if (!size.IsSequence() || size.size() != 2) Fail(size, "size is [width, height] in pixels, e.g. [1280, 720]");
    const long long w = Get<long long>(size[0], "size width"), h = Get<long long>(size[1], "size height");
    if (w < 16 || h < 16 || w > 7680 || h > 4320) Fail(size, "size: each side must be 16..7680 x 16..4320 px");
    if (w % 2 || h % 2) Fail(size, "size: H.264 4:2:0 needs even width and height");
    f.width = static_cast<int>(w), f.height = static_cast<int>(h);
  }
  if (const YAML::Node cams = node["cameras"]) {
    if (!cams.IsSequence()) Fail(cams, "cameras is a list of camera ids, e.g. [C01, C03]");
    for (const YAML::Node& c : cams) f.cameras.push_back(Get<std::string>(c, "camera id"));
  }
  f.crf = integer("crf", 0, 51);
  f.kbps = integer("kbps", 0, 200000);
  if (node["preset"]) {
    static const std::set<std::string> presets = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                                  "medium", "slow", "slower", "veryslow"};
    const std::string p = Get<std::string>(node["preset"], "preset");
    if (!presets.count(p)) Fail(node["preset"], "preset '" + p + "' is not an x264 preset (ultrafast ... veryslow)");
    f.preset = p;
  }
  if (node["time"]) {
    const std::string t = Get<std::string>(node["time"], "time");
    std::smatch m;
    if (!std::regex_match(t, m, std::regex(R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}))")))
      Fail(node["time"], "time '" + t + "' is not a UTC time YYYY-MM-DDTHH:MM");
    const int month = std::stoi(m[2]), day = std::stoi(m[3]), hour = std::stoi(m[4]), minute = std::stoi(m[5]);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59)
      Fail(node["time"], "time '" + t + "' is not a UTC time YYYY-MM-DDTHH:MM (month 01-12, day 01-31, hour 00-23, minute 00-59)");
    f.time_utc = t;
  }
  if (node["daylight"]) f.daylight = GetInRange(node["daylight"], "daylight", 0, 1);
  if (node["noise"]) f.noise = GetInRange(node["noise"], "noise", 0, 0.5);
  if (node["shutter"]) f.shutter = GetInRange(node["shutter"], "shutter", 0, 1);
  if (node["shadows"]) f.shadows = Get<bool>(node["shadows"], "shadows");
  return f;
}

}  // namespace scenario::detail
