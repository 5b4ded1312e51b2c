// The video bitrate model used when no feed was rendered for a camera: resolution × fps ×
// codec × encoder quality × scene complexity × day/night × smart codec, and the frame plan
// (GOP: one I-frame burst, then P-frames) that the packet-level run sends and the closed form
// counts headers for. Sources of every factor are in bitrate.cpp and bench/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace net {

enum class VideoCodec { h264, h265 };

struct BitrateInput {
  int width_px = 1920, height_px = 1080;
  double fps = 25;
  VideoCodec codec = VideoCodec::h264;
  std::string quality = "medium";     // encoder quality: low, medium, high
  std::string complexity = "medium";  // scene: low (empty street), medium, high (busy car park)
  double night_fraction = 0;          // share of the time at night (0 = day only, 1 = night only)
  bool smart_codec = false;           // Axis Zipstream, Hikvision H.265+, Dahua Smart Codec...
};

// Mean bitrate in kb/s (1000 bit/s) over day and night.
double ModelBitrateKbps(const BitrateInput& in);

// The night factor alone (noise in low light roughly doubles the bitrate).
inline constexpr double kNightFactor = 2.0;

// How a stream is cut into frames and packets: every `gop_frames`-th frame is an I-frame
// `iframe_ratio` times a P-frame, the mean frame matches the bitrate, frames are split into
// UDP payloads of at most `kPayloadBytes`.
struct FramePlan {
  double fps = 25;
  int gop_frames = 25;
  double p_frame_bytes = 0, i_frame_bytes = 0;
  double packets_per_s = 0;  // mean, headers included in WireKbps
  // Measured frame sizes (a feed's frames.csv), sent in this order and repeated; when set,
  // the GOP figures above are only their means.
  std::vector<std::int32_t> trace_bytes;
  double WireKbps() const;   // on the link: payload + IP/UDP/PPP headers
};

inline constexpr int kPayloadBytes = 1400;
inline constexpr int kHeaderBytes = 20 + 8 + 2;  // IPv4 + UDP + PPP

FramePlan MakeFramePlan(double kbps, double fps, double gop_s, double iframe_ratio);
// The plan of a measured trace: its mean bitrate and packet rate, frame by frame.
FramePlan TracePlan(std::vector<std::int32_t> frame_bytes, double fps);

}  // namespace net
