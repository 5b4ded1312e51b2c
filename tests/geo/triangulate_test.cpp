#include "geo/triangulate.h"

#include <gtest/gtest.h>

namespace geo {
namespace {

double TriangleArea(const PolygonTriangulation& t, const std::array<std::uint32_t, 3>& tri) {
  const Vec2d& a = t.points[tri[0]];
  const Vec2d& b = t.points[tri[1]];
  const Vec2d& c = t.points[tri[2]];
  return 0.5 * ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
}

TEST(Triangulate, SquareWithHoleCoversRingAreaCounterClockwise) {
  const Ring outer = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  const Ring hole = {{3, 3}, {3, 7}, {7, 7}, {7, 3}};
  const PolygonTriangulation t = TriangulatePolygon({outer, hole});
  double area = 0;
  for (const auto& tri : t.triangles) {
    const double a = TriangleArea(t, tri);
    EXPECT_GT(a, 0) << "every triangle counter-clockwise";
    area += a;
  }
  EXPECT_NEAR(area, 100 - 16, 1e-9);
  EXPECT_EQ(t.triangles.size(), 8u) << "n + 2h - 2 triangles for n = 8 points, h = 1 hole";
  EXPECT_EQ(t.points.size(), 8u) << "no points added for valid input";
}

TEST(Triangulate, OrientationOfInputDoesNotMatter) {
  const Ring cw = {{0, 0}, {0, 5}, {5, 5}, {5, 0}};
  const PolygonTriangulation t = TriangulatePolygon({cw});
  double area = 0;
  for (const auto& tri : t.triangles) area += TriangleArea(t, tri);
  EXPECT_NEAR(area, 25, 1e-9);
}

TEST(Triangulate, SelfIntersectingBowtieGetsCrossingVertexAndNoCrash) {
  const Ring bowtie = {{0, 0}, {10, 10}, {10, 0}, {0, 10}};
  const PolygonTriangulation t = TriangulatePolygon({bowtie});
  EXPECT_EQ(t.points.size(), 5u) << "the crossing at (5, 5) is added";
  double area = 0;
  for (const auto& tri : t.triangles) area += std::abs(TriangleArea(t, tri));
  EXPECT_NEAR(area, 50, 1e-9) << "two triangles of 25 m^2";
}

TEST(Triangulate, PointInRingAndSignedArea) {
  const Ring square = {{0, 0}, {4, 0}, {4, 4}, {0, 4}};
  EXPECT_DOUBLE_EQ(SignedArea(square), 16);
  EXPECT_TRUE(PointInRing(square, 2, 2));
  EXPECT_FALSE(PointInRing(square, 5, 2));
}

}  // namespace
}  // namespace geo
