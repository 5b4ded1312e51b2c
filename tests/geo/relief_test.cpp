// Relief for maps: GDAL's hillshade and contours on a heightfield worked out by hand.
#include "geo/relief.h"

#include <gtest/gtest.h>

#include <cmath>

namespace geo {
namespace {

// A plane rising 0.2 m per metre eastwards, 50 x 40 nodes 1 m apart, from (-10, -5).
Heightfield Slope() {
  Heightfield h;
  h.x0 = -10, h.y0 = -5, h.spacing = 1, h.nx = 50, h.ny = 40;
  for (int j = 0; j < h.ny; ++j)
    for (int i = 0; i < h.nx; ++i) h.z.push_back(static_cast<float>(0.2 * i));
  return h;
}

TEST(Relief, ContoursOfAPlaneAreStraightLinesAtTheirHeights) {
  const auto lines = ContourLines(Slope(), 2);
  ASSERT_EQ(lines.size(), 4u);  // 2, 4, 6, 8 m (the plane spans 0 .. 9.8 m)
  for (const ContourLine& l : lines) {
    ASSERT_GE(l.points.size(), 2u);
    const double expected_x = -10 + l.z / 0.2;  // node i at x = -10 + i
    for (const Vec2d& p : l.points) {
      EXPECT_NEAR(p.x, expected_x, 1e-4) << l.z;  // heights are float
      EXPECT_GE(p.y, -5.5 - 1e-6);  // GDAL runs lines to the raster edge, half a node out
      EXPECT_LE(p.y, 34.5 + 1e-6);
    }
  }
}

TEST(Relief, AnEvenSlopeIsEvenlyShadedAndDarkerFacingAwayFromTheSun) {
  const Hillshade east = ShadeRelief(Slope());  // rises eastwards: faces west, towards a NW sun
  ASSERT_EQ(east.nx, 50);
  ASSERT_EQ(east.shade.size(), 50u * 40u);
  const std::uint8_t mid = east.shade[20 * 50 + 25];
  EXPECT_GT(mid, 0);
  for (int row = 1; row < 39; ++row)
    for (int col = 1; col < 49; ++col) EXPECT_EQ(east.shade[row * 50 + col], mid);
  Heightfield falling = Slope();
  for (float& z : falling.z) z = -z;  // faces east, away from the sun
  EXPECT_LT(ShadeRelief(falling).shade[20 * 50 + 25], mid);
}

}  // namespace
}  // namespace geo
