// Triangulation of planar polygons with holes (CGAL constrained Delaunay).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "geo/vec.h"

namespace geo {

using Ring = std::vector<Vec2d>;  // open ring: the last point is not repeated
using Polygon = std::vector<Ring>;  // outer ring first, then holes

struct PolygonTriangulation {
  // The input ring points in order (ring 0 first), then any points CGAL had to add where
  // constraints crossed (self-intersections).
  std::vector<Vec2d> points;
  // Triangles inside the polygon (even-odd nesting of rings), counter-clockwise.
  std::vector<std::array<std::uint32_t, 3>> triangles;
};

// rings[0] is the outer ring, the rest are holes; orientation does not matter.
PolygonTriangulation TriangulatePolygon(const std::vector<Ring>& rings);

// Signed area (counter-clockwise positive) of an open ring.
double SignedArea(const Ring& ring);
bool PointInRing(const Ring& ring, double x, double y);
// Inside one of `polygons` (outer ring first, then holes): in its outer ring and in none of its holes.
bool PointInPolygons(const std::vector<Polygon>& polygons, double x, double y);

}  // namespace geo
