// The lens calculator against figures worked out by hand and against the engine's own optics.
#include "sim/lens.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sim {
namespace {

TEST(Lens, FocalLengthAndFieldOfView) {
  // 1/2.8" (5.6 mm wide) at 4 mm: 2 atan(5.6 / 8) = 69.98 degrees.
  EXPECT_NEAR(FovDeg(5.6, 4), 69.98, 0.01);
  EXPECT_NEAR(FocalForFovDeg(5.6, 69.98), 4.0, 1e-3);
  // 90 degrees: the focal length is half the sensor width.
  EXPECT_NEAR(FocalForFovDeg(6.4, 90), 3.2, 1e-12);
  EXPECT_NEAR(FovDeg(3.1, 4), 42.36, 0.01) << "VFOV on the 3.1 mm height";
  // Equidistant fisheye: 5.6 mm across at 1.78 mm is 5.6 / 1.78 rad = 180.3 degrees.
  EXPECT_NEAR(FovDeg(5.6, 1.78, LensModel::fisheye_equidistant), 180.25, 0.01);
  EXPECT_NEAR(FocalForFovDeg(5.6, 180.25, LensModel::fisheye_equidistant), 1.78, 1e-4);
}

TEST(Lens, FocalLengthForAPixelDensity) {
  // 250 px/m at 20 m on 1920 px across a 5.6 mm sensor: f = 5.6 * 20 * 250 / 1920 = 14.583 mm.
  const double f = FocalForDensity(250, 20, 1920, 5.6);
  EXPECT_NEAR(f, 14.5833, 1e-4);
  EXPECT_NEAR(DensityAt(20, 1920, 5.6, f), 250, 1e-9);
  // The engine's camera with that lens gives the same density on its axis.
  Camera c;
  c.width_px = 1920, c.height_px = 1080;
  c.hfov_deg = FovDeg(5.6, f);
  EXPECT_NEAR(PixelsPerMetreOnAxis(c, 20), 250, 1e-6);
  EXPECT_NEAR(DistanceForDensity(250, 1920, c.hfov_deg), 20, 1e-9);
  EXPECT_NEAR(DistanceForDensity(125, 1920, c.hfov_deg), 40, 1e-9)
      << "half the density, twice the distance";
  // A fisheye's axis: the engine's own density there.
  Camera fish = c;
  fish.lens = LensModel::fisheye_equidistant, fish.hfov_deg = 180;
  const double d = DistanceForDensity(62.5, 1920, 180, LensModel::fisheye_equidistant);
  EXPECT_NEAR(PixelsPerMetreOnAxis(fish, d), 62.5, 1e-9);
}

TEST(Lens, SensorFormatsByAnySpelling) {
  for (const char* name : {"1/2.8\"", "1/2.8in", "1/2.8 inch", "1/2.8", " 1/2.8 \""}) {
    const auto f = FindSensorFormat(name);
    ASSERT_TRUE(f) << name;
    EXPECT_DOUBLE_EQ(f->width_mm, 5.6) << name;
    EXPECT_EQ(f->name, "1/2.8\"");
  }
  EXPECT_FALSE(FindSensorFormat("1/9\""));
  EXPECT_FALSE(FindSensorFormat(""));
  double last = 0;
  for (const SensorFormat& f : SensorFormats()) {
    const double diagonal = std::hypot(f.width_mm, f.height_mm);
    EXPECT_GT(diagonal, last) << f.name << ": smallest first";
    EXPECT_GT(f.width_mm, f.height_mm) << f.name;
    last = diagonal;
  }
}

TEST(Lens, ReadLensGivesTheFocalLengthOnTheSensor) {
  Camera c;
  c.width_px = 1920, c.height_px = 1080;
  c.hfov_deg = FovDeg(5.6, 4);
  c.sensor_width_mm = 5.6;
  const LensReadout r = ReadLens(c);
  ASSERT_TRUE(r.focal_mm);
  EXPECT_NEAR(*r.focal_mm, 4, 1e-9);
  EXPECT_EQ(r.sensor_format, "1/2.8\"");
  EXPECT_NEAR(r.vfov_deg, VerticalFovDeg(c), 1e-12);
  // Only a focal length and sensor written: the HFOV follows from them.
  Camera g;
  g.focal_length_mm = 8, g.sensor_width_mm = 5.6;
  EXPECT_NEAR(ReadLens(g).hfov_deg, FovDeg(5.6, 8), 1e-12);
  // No sensor: fields of view only.
  Camera h;
  h.hfov_deg = 90;
  EXPECT_FALSE(ReadLens(h).focal_mm);
  EXPECT_NEAR(ReadLens(h).hfov_deg, 90, 0);
}

}  // namespace
}  // namespace sim
