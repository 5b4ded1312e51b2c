// GDAL's viewshed on a surface raster: the independent 2.5D reference sightline's visibility
// is validated against (and benchmarked against).
#pragma once

#include <cstdint>
#include <vector>

#include "geo/raster_io.h"

namespace geo {

struct ViewshedOptions {
  double observer_x = 0, observer_y = 0;  // local metres
  double observer_height_m = 6;           // above the surface at the observer
  double target_height_m = 1.7;           // above the surface at each target
  double max_distance_m = 0;              // 0: unlimited
};

// 1 where a target above the cell is visible from the observer, 0 where not. `surface` holds
// one height per grid cell (DSM: terrain and roofs), row 0 at the north edge. No earth
// curvature (city distances).
std::vector<std::uint8_t> Viewshed(const RasterGrid& grid, const std::vector<float>& surface,
                                   const ViewshedOptions& options);

}  // namespace geo
