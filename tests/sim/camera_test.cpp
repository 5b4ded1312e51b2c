#include "sim/camera.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace sim {
namespace {

Camera Cam(double hfov = 90) {
  Camera c;
  c.id = "C01";
  c.width_px = 1920;
  c.height_px = 1080;
  c.hfov_deg = hfov;
  c.position = {0, 0, 10};
  return c;
}

TEST(Camera, PixelDensityOnAxisMatchesTheFormula) {
  const Camera c = Cam(90);
  // 1920 px over 2 * 10 m * tan(45 deg) = 20 m: 96 px/m.
  EXPECT_NEAR(PixelsPerMetreOnAxis(c, 10), 96.0, 1e-9);
  EXPECT_NEAR(PixelsPerMetreOnAxis(c, 20), 48.0, 1e-9);
}

TEST(Camera, ProjectOnAxisAgreesWithTheFormulaAndIsCentred) {
  Camera c = Cam(60);
  c.yaw_deg = 90;  // looking east
  const auto p = Project(c, {25, 0, 10});
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->u, 960, 1e-6);
  EXPECT_NEAR(p->v, 540, 1e-6);
  EXPECT_NEAR(p->distance_m, 25, 1e-9);
  EXPECT_NEAR(p->px_per_m, PixelsPerMetreOnAxis(c, 25), 1e-3);
  EXPECT_FALSE(Project(c, {-25, 0, 10})) << "behind the camera";
  EXPECT_FALSE(Project(c, {25, 30, 10})) << "outside the 60 deg field of view";
}

TEST(Camera, YawIsClockwiseFromNorthAndPitchLooksDown) {
  Camera c = Cam(60);
  c.yaw_deg = 0;
  const Vec3d north = ForwardDirection(c);
  EXPECT_NEAR(north.y, 1, 1e-12);
  c.yaw_deg = 90;
  EXPECT_NEAR(ForwardDirection(c).x, 1, 1e-12);
  c.pitch_deg = -30;
  EXPECT_NEAR(ForwardDirection(c).z, -0.5, 1e-12);
  // Looking north and down, a point north and below is imaged in the lower half? No: on axis.
  c.yaw_deg = 0;
  const auto p = Project(c, {0, 10 * std::sqrt(3.0), 0});
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->v, 540, 1e-6);
  const auto right = Project(c, {3, 10 * std::sqrt(3.0), 0});
  ASSERT_TRUE(right);
  EXPECT_GT(right->u, 960) << "east of the axis appears right in the image when facing north";
}

TEST(Camera, OffAxisDensityIsHigherThanOnAxisAtTheSameDistanceForRectilinear) {
  // A rectilinear lens stretches the image edges: at the same 3D distance a facing metre spans
  // f / (d cos^2 theta) pixels horizontally.
  Camera c = Cam(90);
  const double d = 20, theta = 30 * std::numbers::pi / 180;
  const auto p = Project(c, {d * std::sin(theta), d * std::cos(theta), 10});
  ASSERT_TRUE(p);
  const double f_px = 960;  // 1920 / (2 tan 45)
  EXPECT_NEAR(p->px_per_m, f_px / (d * std::cos(theta) * std::cos(theta)), 0.05);
}

TEST(Camera, BarrelDistortionPullsTheEdgesInAndLowersTheirDensity) {
  Camera pinhole = Cam(90);
  Camera barrel = pinhole;
  barrel.distortion.k1 = -0.2;
  // 40 deg off-axis horizontally, 20 m away, level with the camera (which looks north).
  const double a = 40 * std::numbers::pi / 180;
  const Vec3d p{20 * std::sin(a), 20 * std::cos(a), 10};
  const auto ideal = Project(pinhole, p);
  const auto warped = Project(barrel, p);
  ASSERT_TRUE(ideal && warped);
  // x = tan 40 = 0.839: distorted x = x (1 - 0.2 x^2) = 0.721, so u = 960 + 960 * 0.721.
  const double x = std::tan(a);
  EXPECT_NEAR(warped->u, 960 + 960 * x * (1 - 0.2 * x * x), 1e-6);
  EXPECT_LT(warped->px_per_m, ideal->px_per_m) << "barrel distortion compresses the edges";
  // On the axis nothing changes.
  EXPECT_NEAR(Project(barrel, {0, 20, 10})->px_per_m, Project(pinhole, {0, 20, 10})->px_per_m, 1e-3);
  // A point beyond the pinhole's 45 deg now lands inside the image.
  const double b = 48 * std::numbers::pi / 180;
  EXPECT_FALSE(Project(pinhole, {20 * std::sin(b), 20 * std::cos(b), 10}));
  EXPECT_TRUE(Project(barrel, {20 * std::sin(b), 20 * std::cos(b), 10}));
}

TEST(Camera, FocalLengthAndSensorGiveTheFieldOfView) {
  Camera c = Cam(0);
  c.focal_length_mm = 4;
  c.sensor_width_mm = 5.6;
  ResolveAndValidate(c, "s.yaml");
  EXPECT_NEAR(c.hfov_deg, 2 * std::atan(0.7) * 180 / std::numbers::pi, 1e-9);  // ~70 deg
  EXPECT_NEAR(VerticalFovDeg(c), 2 * std::atan(0.7 * 1080 / 1920) * 180 / std::numbers::pi, 1e-9);
}

TEST(Camera, ImpossibleSpecsAreRejectedWithTheCameraId) {
  auto error = [](Camera c) {
    try {
      ResolveAndValidate(c, "s.yaml");
    } catch (const core::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  Camera c = Cam(0);
  EXPECT_NE(error(c).find("s.yaml: camera 'C01': no field of view: give it a model, or hfov_deg"), std::string::npos);
  c = Cam(200);
  EXPECT_NE(error(c).find("use a fisheye"), std::string::npos);
  c = Cam(200);
  c.lens = LensModel::fisheye_equidistant;
  EXPECT_EQ(error(c), "");
  c = Cam();
  c.width_px = 0;
  EXPECT_NE(error(c).find("resolution"), std::string::npos);
  c = Cam();
  c.min_range_m = 50;
  c.max_range_m = 10;
  EXPECT_NE(error(c).find("range"), std::string::npos);
  c = Cam();
  c.yaw_deg = std::nan("");
  EXPECT_NE(error(c).find("NaN"), std::string::npos);
}

}  // namespace
}  // namespace sim

namespace sim {
namespace {

// PixelRay inverts Project through every lens model: the ray through a pixel lands on it.
TEST(Camera, PixelRayIsTheInverseOfProjection) {
  Camera pinhole;
  pinhole.position = {3, -4, 6};
  pinhole.yaw_deg = 30, pinhole.pitch_deg = -20, pinhole.roll_deg = 5;
  pinhole.width_px = 1920, pinhole.height_px = 1080, pinhole.hfov_deg = 90, pinhole.max_range_m = 500;
  Camera barrel = pinhole;
  barrel.distortion = {-0.25, 0.08, -0.01, 0.001, -0.0005};
  Camera fisheye = pinhole;
  fisheye.lens = LensModel::fisheye_equidistant;
  fisheye.hfov_deg = 180, fisheye.width_px = 2000, fisheye.height_px = 2000;
  for (const Camera& c : {pinhole, barrel, fisheye})
    for (double u : {10.0, 500.0, c.width_px / 2.0, c.width_px - 30.0})
      for (double v : {20.0, c.height_px / 2.0, c.height_px - 15.0}) {
        if (c.lens == LensModel::fisheye_equidistant && std::hypot(u - 1000, v - 1000) > 990) continue;
        const Vec3d d = PixelRay(c, u, v);
        const Vec3d p{c.position.x + 20 * d.x, c.position.y + 20 * d.y, c.position.z + 20 * d.z};
        const auto back = Project(c, p);
        ASSERT_TRUE(back) << u << " " << v;
        EXPECT_NEAR(back->u, u, 1e-3) << u << " " << v;
        EXPECT_NEAR(back->v, v, 1e-3) << u << " " << v;
      }
}

}  // namespace
}  // namespace sim
