#include "geo/city_model.h"

#include <cmath>

namespace geo {

const char* SurfaceName(Surface s) {
  switch (s) {
    case Surface::ground: return "ground";
    case Surface::terrain: return "terrain";
    case Surface::wall: return "wall";
    case Surface::roof: return "roof";
    case Surface::underside: return "underside";
    case Surface::vegetation: return "vegetation";
    case Surface::water: return "water";
    case Surface::other: return "other";
  }
  return "other";
}

const char* GroundSourceName(GroundSource s) {
  switch (s) {
    case GroundSource::datum: return "flat at z = 0 (no DEM, no heights in the model)";
    case GroundSource::dem: return "DEM";
    case GroundSource::dtm_from_dsm: return "derived from the DSM (morphological opening)";
    case GroundSource::model: return "derived from the model (terrain objects, building bases)";
  }
  return "?";
}

Box3f CityModel::Bounds() const {
  Box3f b;
  for (const Vec3f& v : vertices) b.Extend(v);
  return b;
}

std::size_t CityModel::CountTriangles(Surface s) const {
  std::size_t n = 0;
  for (Surface t : triangle_surface) n += (t == s);
  return n;
}

BuildingCount CityModel::CountBuildings() const {
  BuildingCount n;
  for (const Feature& f : features) {
    n.buildings += f.kind == "building";
    n.parts += f.kind == "building_part";
  }
  return n;
}

double CityModel::GroundZ(double x, double y) const {
  if (terrain) {
    const double z = terrain->Sample(x, y);
    if (std::isfinite(z)) return z;
  }
  return 0.0;
}

double Heightfield::Sample(double x, double y) const {
  const double fx = (x - x0) / spacing, fy = (y - y0) / spacing;
  if (nx < 2 || ny < 2 || !(fx >= 0 && fy >= 0 && fx <= nx - 1 && fy <= ny - 1))
    return std::nan("");
  const int i = std::min(static_cast<int>(fx), nx - 2);
  const int j = std::min(static_cast<int>(fy), ny - 2);
  const double tx = fx - i, ty = fy - j;
  // Corners of zero weight do not count, so the last row and column (next to no data beyond
  // the raster) sample their own values.
  auto lerp = [](double a, double b, double t) { return t == 0 ? a : t == 1 ? b : (1 - t) * a + t * b; };
  return lerp(lerp(At(i, j), At(i + 1, j), tx), lerp(At(i, j + 1), At(i + 1, j + 1), tx), ty);
}

}  // namespace geo
