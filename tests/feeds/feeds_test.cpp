// Feeds without a display: the H.264 writer read back by libav, the frame-size trace against
// the stream, the strict MOTChallenge reader and the calibration against the engine's lens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "core/error.h"
#include "feeds/encoder.h"
#include "feeds/labels_io.h"
#include "feeds/sun.h"
#include "sim/camera.h"

namespace feeds {
namespace {

std::filesystem::path TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sightline_feeds_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A moving gradient with a square: something for the encoder to predict.
std::vector<std::uint8_t> TestFrame(int w, int h, int n) {
  std::vector<std::uint8_t> rgb(std::size_t(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = &rgb[(std::size_t(y) * w + x) * 3];
      const bool square = std::abs(x - (20 + 3 * n)) < 12 && std::abs(y - h / 2) < 12;
      p[0] = square ? 250 : std::uint8_t(x * 255 / w);
      p[1] = square ? 30 : std::uint8_t(y * 255 / h);
      p[2] = std::uint8_t((x + y + n) & 0xff);
    }
  return rgb;
}

TEST(FeedsEncoder, Mp4DecodesToTheFramesSizeAndRateWritten) {
  const auto dir = TempDir("encoder");
  EncoderOptions o;
  o.width = 160, o.height = 96, o.fps = 12;
  {
    H264Writer writer(dir / "a.mp4", o);
    for (int n = 0; n < 30; ++n) writer.Add(TestFrame(o.width, o.height, n));
    writer.Finish();
    EXPECT_EQ(writer.packets().size(), 30u);
  }
  const VideoInfo v = ReadVideo(dir / "a.mp4");
  EXPECT_EQ(v.codec, "h264");
  EXPECT_EQ(v.width, 160);
  EXPECT_EQ(v.height, 96);
  EXPECT_NEAR(v.fps, 12.0, 1e-6);
  EXPECT_EQ(v.frames, 30);
  std::filesystem::remove_all(dir);
}

TEST(FeedsEncoder, FrameSizeTraceAddsUpToTheStream) {
  const auto dir = TempDir("trace");
  EncoderOptions o;
  o.width = 128, o.height = 72, o.fps = 10, o.gop = 10;
  H264Writer writer(dir / "b.mp4", o);
  for (int n = 0; n < 25; ++n) writer.Add(TestFrame(o.width, o.height, n));
  writer.Finish();
  std::int64_t sum = 0;
  std::set<std::int64_t> pts;
  int keys = 0;
  for (const PacketInfo& p : writer.packets()) {
    sum += p.bytes;
    pts.insert(p.pts);
    keys += p.type == 'I';
    EXPECT_TRUE(p.type == 'I' || p.type == 'P' || p.type == 'B') << p.type;
  }
  EXPECT_EQ(pts.size(), 25u);  // one packet per frame
  EXPECT_EQ(keys, 3);          // frames 0, 10, 20
  const VideoInfo v = ReadVideo(dir / "b.mp4");
  EXPECT_EQ(sum, v.stream_bytes);
  ASSERT_EQ(v.packet_bytes.size(), writer.packets().size());
  for (std::size_t i = 0; i < v.packet_bytes.size(); ++i)
    EXPECT_EQ(v.packet_bytes[i], writer.packets()[i].bytes) << i;
  EXPECT_LT(v.stream_bytes, std::int64_t(std::filesystem::file_size(dir / "b.mp4")));
  std::filesystem::remove_all(dir);
}

TEST(FeedsEncoder, UnwritableFileIsAnInputError) {
  EncoderOptions o;
  o.width = 64, o.height = 64;
  EXPECT_THROW(H264Writer("/nonexistent/dir/x.mp4", o), core::InputError);
}

// A camera's frame size x264 refuses is the user's value: an input error (exit 1), not exit 3.
TEST(FeedsEncoder, AFrameSizeX264RefusesIsAnInputError) {
  EncoderOptions o;
  o.width = 20000, o.height = 16;
  const auto dir = std::filesystem::temp_directory_path() / ("sightline_x264_size_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  try {
    H264Writer writer(dir / "C03.mp4", o);
    ADD_FAILURE() << "20000 x 16 px opened";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("C03.mp4: x264 cannot encode a 20000 x 16 px frame"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(FeedsLabels, StrictMotReaderTakesWhatWeWrite) {
  std::stringstream ok(MotLine({1, 3, 10, 20, 30, 80, 1, 1, 0.75}) +
                       MotLine({2, 3, 11, 20, 30, 80, 1, 1, 1.0}));
  const auto rows = ReadMotGt(ok, "gt.txt");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, 3);
  EXPECT_EQ(rows[1].left, 11);
  EXPECT_DOUBLE_EQ(rows[0].visibility, 0.75);
}

TEST(FeedsLabels, StrictMotReaderRefusesMalformedRows) {
  for (const std::string bad :
       {"1,3,10,20,30,80,1,1\n", "0,3,10,20,30,80,1,1,0.5\n", "1,3,10.5,20,30,80,1,1,0.5\n",
        "1,3,10,20,0,80,1,1,0.5\n", "1,3,10,20,30,80,1,1,1.5\n", "1,3,10,20,30,80,1,13,0.5\n",
        "2,1,1,1,1,1,1,1,1\n1,1,1,1,1,1,1,1,1\n"}) {
    std::stringstream in(bad);
    EXPECT_THROW(ReadMotGt(in, "gt.txt"), core::InputError) << bad;
  }
}

// K, R, t as written project a world point to the pixel the engine's camera model gives.
TEST(FeedsLabels, CalibrationReproducesTheEngineProjection) {
  sim::Camera c;
  c.id = "C1";
  c.position = {10, -5, 6};
  c.yaw_deg = 30, c.pitch_deg = -15, c.roll_deg = 2;
  c.width_px = 1280, c.height_px = 720, c.hfov_deg = 80;
  geo::Frame frame;
  frame.origin_x = 85000, frame.origin_y = 447000;
  const nlohmann::json j = CalibrationJson(c, frame);
  const sim::Vec3d p{18, 20, 1.2};
  const auto proj = sim::Project(c, p);
  ASSERT_TRUE(proj);
  const double X[3] = {p.x + frame.origin_x, p.y + frame.origin_y, p.z};
  double cam[3];
  for (int r = 0; r < 3; ++r) {
    cam[r] = j["t"][r].get<double>();
    for (int k = 0; k < 3; ++k) cam[r] += j["R"][r][k].get<double>() * X[k];
  }
  const double u = j["K"][0][0].get<double>() * cam[0] / cam[2] + j["K"][0][2].get<double>();
  const double v = j["K"][1][1].get<double>() * cam[1] / cam[2] + j["K"][1][2].get<double>();
  EXPECT_NEAR(u, proj->u, 1e-6);
  EXPECT_NEAR(v, proj->v, 1e-6);
}

}  // namespace
}  // namespace feeds

namespace feeds {
namespace {

TEST(FeedsSun, DelftMidsummerNoonAndMidnight) {
  const auto noon = DaysSinceJ2000("2026-06-21T11:40");  // Delft's solar noon is about 11:43 UTC
  ASSERT_TRUE(noon);
  const SunPosition s = Sun(4.36, 52.01, *noon);
  EXPECT_NEAR(s.elevation_deg, 90 - 52.01 + 23.44, 0.5);  // the sun's highest, at the solstice
  EXPECT_NEAR(s.azimuth_deg, 180, 3);
  EXPECT_DOUBLE_EQ(DaylightAt(s.elevation_deg), 1.0);
  const SunPosition night = Sun(4.36, 52.01, *DaysSinceJ2000("2026-06-21T23:40Z"));
  EXPECT_LT(night.elevation_deg, -10);
  EXPECT_DOUBLE_EQ(DaylightAt(night.elevation_deg), 0.0);
  // Sunset in Delft on 21 June is about 20:07 UTC, in the west-north-west.
  const SunPosition dusk = Sun(4.36, 52.01, *DaysSinceJ2000("2026-06-21T20:07"));
  EXPECT_NEAR(dusk.elevation_deg, -0.8, 1.0);  // -0.83: the sun's rim on the horizon
  EXPECT_NEAR(dusk.azimuth_deg, 309, 3);
  EXPECT_FALSE(DaysSinceJ2000("2026-06-21 12:00"));
  EXPECT_FALSE(DaysSinceJ2000("2026-13-01T12:00"));
  EXPECT_FALSE(DaysSinceJ2000("noon"));
}

}  // namespace
}  // namespace feeds
