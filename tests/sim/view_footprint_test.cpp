// Plan-view wedges on analytic scenes: a camera looking straight down sees a square, a wall
// cuts a wedge where it stands, bands come in order of distance.
#include "sim/view_footprint.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/synthetic_city.h"

namespace sim {
namespace {

Camera Looking(double z, double yaw, double pitch, double hfov, double range) {
  Camera c;
  c.id = "C";
  c.position = {0, 0, z};
  c.yaw_deg = yaw, c.pitch_deg = pitch, c.hfov_deg = hfov;
  c.width_px = 1000, c.height_px = 1000;
  c.min_range_m = 0, c.max_range_m = range;
  return c;
}

double TotalArea(const ViewFootprint& f, const DensityLevels& levels) {
  double sum = f.area_m2(-1);
  for (int i = 0; i < static_cast<int>(levels.levels.size()); ++i) sum += f.area_m2(i);
  return sum;
}

TEST(ViewFootprint, ACameraLookingDownSeesASquareOfGround) {
  testing_util::SyntheticCity town(-50, -50, 50, 50);
  const auto scene = BuildScene(town.city());
  // 10 m up, 90 degree square image: at face height (8.3 m below) a square 16.6 m across.
  const Camera c = Looking(10, 0, -90, 90, 60);
  FootprintOptions o;
  o.distance_step_m = 0.05;
  o.azimuth_step_deg = 0.5;
  const ViewFootprint f = FootprintOf(c, *scene, town.city(), DoriLevels(), o);
  const double side = 2 * 8.3;
  EXPECT_NEAR(TotalArea(f, DoriLevels()), side * side, 0.03 * side * side);
  for (const FootprintPiece& p : f.pieces)
    for (const Vec3d& q : p.corners) {
      EXPECT_LE(std::abs(q.x), side / 2 + 0.2);
      EXPECT_LE(std::abs(q.y), side / 2 + 0.2);
    }
}

TEST(ViewFootprint, AWallHigherThanTheCameraCutsTheWedge) {
  testing_util::SyntheticCity town(-100, -100, 100, 100);
  town.Box(-30, 20, 30, 22, 0, 8);  // 8 m wall 20 m north of a 4 m pole
  const auto scene = BuildScene(town.city());
  const Camera c = Looking(4, 0, -5, 60, 80);
  const ViewFootprint f = FootprintOf(c, *scene, town.city(), DoriLevels());
  ASSERT_FALSE(f.pieces.empty());
  double farthest = 0;
  for (const FootprintPiece& p : f.pieces)
    for (const Vec3d& q : p.corners) {
      EXPECT_LT(q.y, 20.6);  // nothing behind the wall (one sample step of slack)
      farthest = std::max(farthest, q.y);
    }
  EXPECT_GT(farthest, 19);  // ... but up to it
  // Without the wall the same camera sees out to its range.
  testing_util::SyntheticCity open(-100, -100, 100, 100);
  const auto open_scene = BuildScene(open.city());
  double open_far = 0;
  for (const FootprintPiece& p : FootprintOf(c, *open_scene, open.city(), DoriLevels()).pieces)
    for (const Vec3d& q : p.corners) open_far = std::max(open_far, std::hypot(q.x, q.y));
  EXPECT_GT(open_far, 75);
}

TEST(ViewFootprint, BandsComeInOrderOfDistance) {
  testing_util::SyntheticCity town(-200, -200, 200, 200);
  const auto scene = BuildScene(town.city());
  Camera c = Looking(6, 90, -3, 40, 150);
  c.width_px = 3840, c.height_px = 2160;
  const ViewFootprint f = FootprintOf(c, *scene, town.city(), DoriLevels());
  // Along the optical axis (due east): the level never rises with distance.
  std::vector<std::pair<double, int>> along;
  for (const FootprintPiece& p : f.pieces) {
    const Vec3d& near = p.corners[0];
    if (std::abs(near.y) < 1.5 && near.x > 0) along.emplace_back(near.x, p.level);
  }
  std::sort(along.begin(), along.end());
  ASSERT_GE(along.size(), 3u);
  for (std::size_t i = 1; i < along.size(); ++i) EXPECT_LE(along[i].second, along[i - 1].second);
  EXPECT_EQ(along.front().second, 3);  // identify close by
  EXPECT_LE(along.back().second, 0);   // detect or less far away
}

}  // namespace
}  // namespace sim
