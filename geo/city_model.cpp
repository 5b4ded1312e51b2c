#include "geo/city_model.h"

#include <cmath>
#include <utility>

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
  if (!std::isnan(whole_min_z) && !std::isnan(whole_max_z)) {
    b.min.z = whole_min_z;
    b.max.z = whole_max_z;
  }
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
  // Linear on the mesh's own two triangles per cell (split along the (i, j)-(i+1, j+1) diagonal,
  // as ReadRasterSurface meshes it), so a target 1.7 m over a rough DSM (a tree crown, a roof
  // edge) is 1.7 m over the surface the rays meet; bilinear was up to metres off it there.
  // Corners of zero weight do not count, so the last row and column (next to no data beyond
  // the raster) sample their own values.
  double w00, w10, w11, w01;
  if (tx >= ty)
    w00 = 1 - tx, w10 = tx - ty, w11 = ty, w01 = 0;
  else
    w00 = 1 - ty, w01 = ty - tx, w11 = tx, w10 = 0;
  double z = 0;
  for (const auto& [w, zi] : {std::pair{w00, At(i, j)}, std::pair{w10, At(i + 1, j)},
                              std::pair{w11, At(i + 1, j + 1)}, std::pair{w01, At(i, j + 1)}})
    if (w > 0) z += w * zi;
  return z;
}

}  // namespace geo
