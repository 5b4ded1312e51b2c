// One `sightline feeds` run: the coverage run's city and cameras, agents moved by their source
// at the feed's frame rate, and per camera and frame a rendered colour image through the lens,
// encoded to H.264 MP4, with exact labels from an instance-id pass. Every camera shows the
// same simulation instant in frame n (t = n / fps). Outputs (all in one folder):
//   <cam>.mp4, <cam>/gt/gt.txt, <cam>/seqinfo.ini, <cam>/frames.csv,
//   annotations.json (COCO with track ids), calibration.json, feeds.json (measured bitrates),
//   contact_sheet.pdf (a few frames per camera with their boxes drawn).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "feeds/encoder.h"
#include "scenario/pipeline.h"

namespace feeds {

struct FeedsOptions {
  double start_s = 0;         // simulated seconds before the first frame (agents move meanwhile)
  double duration_s = 30;     // seconds of video; frames = round(duration_s x fps)
  int fps = 15;               // frames per second of every feed (and the agents' step)
  int width = 0, height = 0;  // 0: each camera's own resolution; else every camera's
  std::vector<std::string> cameras;  // camera ids; empty: all of the scenario's
  int crf = 23;                      // x264 constant quality, used when kbps == 0
  int kbps = 0;                      // > 0: average bitrate mode
  std::string preset = "veryfast";   // x264 preset
  std::string time_utc;  // "YYYY-MM-DDTHH:MM" (UTC): the sun lights the scene from its place
  std::optional<double>
      daylight;         // 1 day ... 0 night: sky, gain, noise; default: from the sun, else 1
  double noise = 0.01;  // sensor noise level, a fraction of full scale by day (triangular; its sd is half of it)
  // Shutter open for this fraction of the frame interval, ending at the frame's instant:
  // motion blur from CameraView::kBlurSamples sub-frames; 0: none (a sharp instant).
  double shutter = 0;
  // Buildings and agents cast sun shadows (colour only: labels are unchanged) when `time_utc`
  // puts the sun above the horizon.
  bool shadows = true;
  std::optional<std::uint32_t> seed;  // overrides agents.seed (looks, noise, SUMO demand)
  std::filesystem::path work_dir;     // where a SUMO network is built
  // Frames done and total (all cameras of one instant count as one frame).
  std::function<void(std::size_t, std::size_t)> progress;
};

// The scenario's `feeds:` section over `options`: each field it sets replaces the option.
void ApplyFeedsSpec(const scenario::FeedsSpec& spec, FeedsOptions& options);

// Throws core::InputError naming the option for values that are zero, negative or absurd.
void CheckFeedsOptions(const FeedsOptions& options);
// Every id of `asked` among `known`, else an error naming `file` and `where`, the list by
// `what` ("--cameras", "feeds.cameras") and the ids the scenario has.
void CheckAskedCameras(const std::vector<std::string>& asked, const std::vector<std::string>& known,
                       const std::string& file, const std::string& where, const std::string& what);

// False (with the reason in `why`) when no off-screen GL context can be made: no display.
bool CanRender(std::string& why);

struct CameraFeed {
  sim::Camera camera;  // as rendered (the requested size applied)
  std::vector<PacketInfo> packets;
  std::int64_t stream_bytes = 0;
  double bitrate_kbps = 0;  // measured: stream bytes over the feed's duration
  std::size_t boxes = 0;    // gt.txt rows
  // Mean over boxes at least 16 px tall: the engine's ray-cast visibility (feet, torso, head
  // rays; agents do not hide one another there) minus the pixel one.
  double raycast_minus_pixels = 0;
};

struct FeedsResult {
  std::vector<CameraFeed> cameras;
  std::size_t frames = 0;  // per camera
  std::size_t agents = 0;
  // Wall time: rendering + labels; sensor exposure + encoding (on a worker, beside the
  // rendering of the next camera); all.
  double render_s = 0, encode_s = 0, total_s = 0;
  core::Diagnostics diagnostics;
  double CameraFramesPerSecond() const {
    return total_s > 0 ? frames * cameras.size() / total_s : 0;
  }
};

// Writes the outputs into `folder` (a core::OutputFolder's staging folder). Throws
// core::InputError for bad options, unknown cameras, a scenario without agents and unwritable
// files; std::runtime_error when no GL context can be made.
FeedsResult RunFeeds(const scenario::CoverageResult& run, const FeedsOptions& options,
                     const std::filesystem::path& folder);

}  // namespace feeds
