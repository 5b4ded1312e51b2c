// Relief for maps of scenes on a DEM: shaded relief and contour lines of a heightfield, by
// GDAL's own DEM tools (gdaldem hillshade, GDALContourGenerate) on in-memory rasters.
#pragma once

#include <cstdint>
#include <vector>

#include "geo/heightfield.h"
#include "geo/vec.h"

namespace geo {

struct Hillshade {
  int nx = 0, ny = 0;               // one value per heightfield node, row 0 at the north
  std::vector<std::uint8_t> shade;  // 0 black .. 255 lit; 0 also where there is no data
};

// Sun from the north-west, 45 degrees high (the cartographic convention).
Hillshade ShadeRelief(const Heightfield& h);

struct ContourLine {
  double z = 0;
  std::vector<Vec2d> points;  // local frame metres
};

// Lines every `interval_m` metres of height.
std::vector<ContourLine> ContourLines(const Heightfield& h, double interval_m);

}  // namespace geo
