// The bitrate model against the reference points of issue #16 (sources in net/bitrate.cpp
// and bench/README.md), each within ±25 %.
#include "net/bitrate.h"

#include <gtest/gtest.h>

namespace net {
namespace {

BitrateInput Hd(double fps, const std::string& quality = "high") {
  BitrateInput in;
  in.width_px = 1920, in.height_px = 1080, in.fps = fps, in.quality = quality;
  return in;
}

void ExpectNear(double model_kbps, double reference_kbps) {
  EXPECT_GE(model_kbps, 0.75 * reference_kbps) << "reference " << reference_kbps;
  EXPECT_LE(model_kbps, 1.25 * reference_kbps) << "reference " << reference_kbps;
}

TEST(NetBitrate, ReproducesTheReferencePoints) {
  // 1080p H.264, high quality: 5-9 Mb/s at 25 fps, 4.1 at 12 fps, 2.1 at 6 fps.
  const double at25 = ModelBitrateKbps(Hd(25));
  EXPECT_GE(at25, 5000);
  EXPECT_LE(at25, 9000);
  ExpectNear(ModelBitrateKbps(Hd(12)), 4100);
  ExpectNear(ModelBitrateKbps(Hd(6)), 2100);
  // The common 3 Mb/s recommendation for 1080p30 H.264 (medium quality).
  ExpectNear(ModelBitrateKbps(Hd(30, "medium")), 3000);
}

TEST(NetBitrate, FactorsMatchTheirSources) {
  const BitrateInput base = Hd(25);
  const double b = ModelBitrateKbps(base);
  BitrateInput complex = base, simple = base;
  complex.complexity = "high";
  simple.complexity = "low";
  EXPECT_GE(ModelBitrateKbps(complex) / ModelBitrateKbps(simple), 3.0);  // IPVM: 300 %+
  BitrateInput night = base;
  night.night_fraction = 1;
  ExpectNear(ModelBitrateKbps(night) / b, 2.0);  // night roughly ×2
  BitrateInput h265 = base;
  h265.codec = VideoCodec::h265;
  const double saving = 1 - ModelBitrateKbps(h265) / b;
  EXPECT_GE(saving, 0.10);  // H.265 only 10-15 % below H.264
  EXPECT_LE(saving, 0.15);
  BitrateInput smart = base;
  smart.smart_codec = true;
  ExpectNear(ModelBitrateKbps(smart) / b, 0.5);  // Zipstream -50 % on average
  BitrateInput half_night = base;
  half_night.night_fraction = 0.5;
  EXPECT_NEAR(ModelBitrateKbps(half_night) / b, 1.5, 1e-9);  // the mean over day and night
  BitrateInput uhd = base;
  uhd.width_px = 3840, uhd.height_px = 2160;
  EXPECT_GT(ModelBitrateKbps(uhd) / b, 2.5);  // 4K: about 3× 1080p, not 4×
  EXPECT_LT(ModelBitrateKbps(uhd) / b, 3.5);
}

TEST(NetBitrate, FramePlanKeepsTheMeanAndCountsHeaders) {
  const FramePlan cbr = MakeFramePlan(4000, 25, 1, 1);
  EXPECT_EQ(cbr.gop_frames, 25);
  EXPECT_DOUBLE_EQ(cbr.i_frame_bytes, 20000);
  EXPECT_DOUBLE_EQ(cbr.p_frame_bytes, 20000);
  EXPECT_DOUBLE_EQ(cbr.packets_per_s, 15 * 25);  // 20000 B = 14 full packets + 1
  EXPECT_NEAR(cbr.WireKbps(), 4000 + 15 * 25 * 30 * 8 / 1000.0, 1e-9);
  const FramePlan gop = MakeFramePlan(4000, 25, 2, 10);
  EXPECT_EQ(gop.gop_frames, 50);
  EXPECT_NEAR(gop.i_frame_bytes, 10 * gop.p_frame_bytes, 1e-9);
  EXPECT_NEAR((gop.i_frame_bytes + 49 * gop.p_frame_bytes) / 50, 20000, 1e-6);
}

}  // namespace
}  // namespace net
