// Cross-check against GDAL's viewshed (2.5D): does the engine see from a point what a classic
// DSM line-of-sight analysis sees? Used by tests and the fidelity benchmark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/city_model.h"
#include "sim/camera.h"
#include "sim/grid.h"
#include "sim/scene.h"

namespace sim {

struct ViewshedComparison {
  std::size_t compared = 0;     // target cells looked at
  std::size_t agree = 0;
  std::size_t engine_only = 0;  // engine: visible, GDAL: not
  std::size_t gdal_only = 0;
  // Per grid cell, row-major like the grid: 1 where each side sees the target (for classifying
  // the disagreeing cells).
  std::vector<std::uint8_t> engine_visible, gdal_visible;
  double Agreement() const { return compared ? static_cast<double>(agree) / compared : 1.0; }
};

// The observer stands at the centre of grid cell (col, row), `height_m` above its ground; the
// engine looks with an all-round fisheye (360 x 360 degrees), GDAL's viewshed runs on the mesh's
// DSM at the grid resolution with the grid's target height. Compares every target cell.
ViewshedComparison CompareWithViewshed(const geo::CityModel& city, const Scene& scene, const Grid& grid, int col,
                                       int row, double height_m);

// The engine side alone: an observer as an all-round camera.
Camera AllRoundObserver(const Grid& grid, int col, int row, double height_m);

}  // namespace sim
