#include "sim/grid.h"

#include <tbb/parallel_for.h>

#include <cmath>

namespace sim {
namespace {

// Upward-facing component of a triangle's (counter-clockwise, outward) normal.
float NormalZ(const geo::CityModel& city, std::uint32_t t) {
  const geo::Tri& tri = city.triangles[t];
  const geo::Vec3f& a = city.vertices[tri.a];
  const geo::Vec3f& b = city.vertices[tri.b];
  const geo::Vec3f& c = city.vertices[tri.c];
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

}  // namespace

std::size_t Grid::CountTargets() const {
  std::size_t n = 0;
  for (std::uint32_t i = 0; i < size(); ++i) n += IsTarget(i);
  return n;
}

Grid MakeGrid(const geo::CityModel& city, const Scene& scene, const GridOptions& options) {
  Grid g;
  g.resolution_m = options.resolution_m;
  g.height_m = options.height_m;
  const geo::Box2d& a = city.area;
  g.min_x = a.min_x;
  g.max_y = a.max_y;
  g.nx = std::max(1, static_cast<int>(std::ceil(a.width() / g.resolution_m)));
  g.ny = std::max(1, static_cast<int>(std::ceil(a.height() / g.resolution_m)));
  g.ground_z.assign(static_cast<std::size_t>(g.nx) * g.ny, NAN);
  const float top = city.Bounds().max.z + 1.0f;
  tbb::parallel_for(0, g.ny, [&](int row) {
    for (int col = 0; col < g.nx; ++col) {
      const double x = g.CellX(col), y = g.CellY(row);
      const double z = city.GroundZ(x, y);
      if (city.terrain && std::isnan(city.terrain->Sample(x, y))) continue;  // no terrain data
      const Point3f from{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + 0.05)};
      const auto hit = scene.FirstHit(from, {0, 0, 1}, top - from.z);
      if (hit && NormalZ(city, hit->triangle) > 0) continue;  // a roof from below: inside
      g.ground_z[g.Index(col, row)] = static_cast<float>(z);
    }
  });
  return g;
}

}  // namespace sim
