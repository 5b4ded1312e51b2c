#include "net/bitrate.h"

#include <algorithm>
#include <cmath>

namespace net {
namespace {

// Anchor: 1080p H.264 at high encoder quality, 12 fps, medium scene, day: 4.1 Mb/s (IPVM's
// frame-rate bandwidth test: 5-9 Mb/s at 25 fps, 4.1 at 12 fps, 2.1 at 6 fps).
constexpr double kAnchorKbps = 4100;
constexpr double kAnchorFps = 12;
constexpr double kAnchorPixels = 1920.0 * 1080.0;
// Frame rate: bitrate ∝ fps^0.85. Halving the rate does not halve the bitrate (P-frames grow
// as the motion between frames grows): fitted to the three IPVM points above (6 → 12 fps
// ×1.95, 12 → 25 fps ×1.7).
constexpr double kFpsExponent = 0.85;
// Resolution: bitrate ∝ pixels^0.8 (larger frames compress better per pixel; Axis and
// Hikvision calculators scale 1080p → 4K by about 3×, not 4×).
constexpr double kPixelExponent = 0.8;

double Quality(const std::string& q) {
  // "high" is the IPVM test setting. The common 3 Mb/s recommendation for 1080p30 H.264
  // (VMS and NVR vendors' sizing guides) is a medium setting: 0.35 × the high-quality rate.
  if (q == "high") return 1.0;
  if (q == "low") return 0.2;
  return 0.35;
}

double Complexity(const std::string& c) {
  // IPVM: complex scenes (a busy car park, foliage in wind) take 300 %+ of simple ones.
  if (c == "low") return 0.55;
  if (c == "high") return 1.7;  // 1.7 / 0.55 = 3.1
  return 1.0;
}

// IPVM's H.265 tests: only 10-15 % below H.264 at the same quality in surveillance scenes.
constexpr double kH265Factor = 0.87;
// Axis Zipstream and similar smart codecs: -50 % on average (Axis' own figure; IPVM found a
// wide spread, larger savings on quiet scenes).
constexpr double kSmartCodecFactor = 0.5;

}  // namespace

double ModelBitrateKbps(const BitrateInput& in) {
  const double pixels = static_cast<double>(in.width_px) * in.height_px;
  const double night = 1 + std::clamp(in.night_fraction, 0.0, 1.0) * (kNightFactor - 1);
  return kAnchorKbps * std::pow(pixels / kAnchorPixels, kPixelExponent) *
         std::pow(in.fps / kAnchorFps, kFpsExponent) * Quality(in.quality) *
         Complexity(in.complexity) * (in.codec == VideoCodec::h265 ? kH265Factor : 1.0) *
         (in.smart_codec ? kSmartCodecFactor : 1.0) * night;
}

double FramePlan::WireKbps() const {
  const double gop_bytes = i_frame_bytes + (gop_frames - 1) * p_frame_bytes;
  const double payload_bps = gop_bytes * 8 * fps / gop_frames;
  return (payload_bps + packets_per_s * kHeaderBytes * 8) / 1000;
}

FramePlan TracePlan(std::vector<std::int32_t> frame_bytes, double fps) {
  FramePlan p;
  p.fps = fps;
  p.gop_frames = 1;
  double bytes = 0, packets = 0;
  for (const std::int32_t b : frame_bytes) {
    bytes += b;
    packets += std::ceil(std::max(1.0, double(b)) / kPayloadBytes);
  }
  const double n = std::max<double>(1, frame_bytes.size());
  p.p_frame_bytes = p.i_frame_bytes = bytes / n;
  p.packets_per_s = packets / n * fps;
  p.trace_bytes = std::move(frame_bytes);
  return p;
}

FramePlan MakeFramePlan(double kbps, double fps, double gop_s, double iframe_ratio) {
  FramePlan p;
  p.fps = fps;
  p.gop_frames = std::max(1, static_cast<int>(std::lround(gop_s * fps)));
  const double mean = kbps * 1000 / 8 / fps;  // bytes per frame
  // mean = (I + (N-1) P) / N with I = r P.
  p.p_frame_bytes =
      p.gop_frames == 1 ? mean : mean * p.gop_frames / (iframe_ratio + p.gop_frames - 1);
  p.i_frame_bytes = p.gop_frames == 1 ? mean : iframe_ratio * p.p_frame_bytes;
  const auto packets = [](double bytes) {
    return std::ceil(std::max(1.0, std::round(bytes)) / kPayloadBytes);
  };
  p.packets_per_s = (packets(p.i_frame_bytes) + (p.gop_frames - 1) * packets(p.p_frame_bytes)) *
                    fps / p.gop_frames;
  return p;
}

}  // namespace net
