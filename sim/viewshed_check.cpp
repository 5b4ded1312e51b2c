#include "sim/viewshed_check.h"

#include <algorithm>

#include "geo/viewshed.h"
#include "sim/coverage.h"

namespace sim {

Camera AllRoundObserver(const Grid& grid, int col, int row, double height_m) {
  Camera c;
  c.id = "observer";
  c.lens = LensModel::fisheye_equidistant;
  c.hfov_deg = 360;  // r = f theta reaches theta = 180 deg at the image circle: every direction
  c.width_px = c.height_px = 4000;
  c.position = {grid.CellX(col), grid.CellY(row), grid.ground_z[grid.Index(col, row)] + height_m};
  c.min_range_m = 0;
  c.max_range_m = 10000;
  return c;
}

ViewshedComparison CompareWithViewshed(const geo::CityModel& city, const Scene& scene, const Grid& grid, int col,
                                       int row, double height_m) {
  const Camera observer = AllRoundObserver(grid, col, row, height_m);
  const CameraLayer layer = ComputeCameraLayer(scene, grid, observer);
  const std::vector<float> dsm = SurfaceHeights(city, scene, grid);
  geo::ViewshedOptions o;
  o.observer_x = observer.position.x;
  o.observer_y = observer.position.y;
  o.observer_height_m = observer.position.z - dsm[grid.Index(col, row)];
  o.target_height_m = grid.height_m;
  const auto gdal = geo::Viewshed(grid.Raster(), dsm, o);
  ViewshedComparison r;
  r.engine_visible.assign(grid.size(), 0);
  for (std::uint32_t c : layer.cells) r.engine_visible[c] = 1;
  r.gdal_visible = gdal;
  for (std::uint32_t c = 0; c < grid.size(); ++c) {
    if (!grid.IsTarget(c)) continue;
    ++r.compared;
    const bool e = r.engine_visible[c] != 0, g = gdal[c] != 0;
    r.agree += e == g;
    r.engine_only += e && !g;
    r.gdal_only += g && !e;
  }
  return r;
}

}  // namespace sim
