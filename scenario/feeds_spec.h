// The scenario's `feeds:` section: the synthetic video a project asks for, kept with the plan
// so a training set can be made again exactly. Every field is optional; `sightline feeds`
// flags override them one by one. No libav here: feeds/ renders and encodes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace scenario {

struct FeedsSpec {
  std::optional<double> start_s;     // simulated seconds before the first frame
  std::optional<double> duration_s;  // seconds of video
  std::optional<int> fps;
  std::optional<int> width, height;  // `size: [w, h]`, every camera's image size
  std::vector<std::string> cameras;  // camera ids; empty: all
  std::optional<int> crf, kbps;
  std::optional<std::string> preset;    // x264 preset
  std::optional<std::string> time_utc;  // `time: 2026-06-21T20:30` (UTC)
  std::optional<double> daylight, noise;
  std::optional<double> shutter;  // motion blur: fraction of the frame interval, 0..1
  std::optional<bool> shadows;    // sun shadows (with `time`); default on
  std::string where;  // "line 40"
};

}  // namespace scenario
