#include "render/render_check.h"

#include <cmath>
#include <set>

#include "render/camera_eye.h"
#include "render/city_view.h"
#include "sim/coverage.h"

namespace render {
namespace {


}  // namespace

RenderAgreement CompareWithRender(const geo::CityModel& city, const sim::Scene& scene, const sim::Grid& grid,
                                  const sim::Camera& cam, int width, int height) {
  const sim::CameraLayer layer = sim::ComputeCameraLayer(scene, grid, cam);
  const std::set<std::uint32_t> seen(layer.cells.begin(), layer.cells.end());
  EyeRenderer renderer(width, height);
  const EyeImage img = renderer.RenderThroughLens(BuildCityNode(city).root.get(), cam, {0.5, 1000.0});
  RenderAgreement a;
  for (std::uint32_t i = 0; i < grid.size(); ++i) {
    if (!grid.IsTarget(i)) continue;
    const sim::Point3f t = grid.Target(i);
    const auto proj = sim::Project(cam, {t.x, t.y, t.z});
    if (!proj || proj->distance_m > cam.max_range_m || proj->distance_m < cam.min_range_m) continue;
    const int px = static_cast<int>(proj->u * width / cam.width_px);
    const int py = static_cast<int>(proj->v * height / cam.height_px);
    if (px < 1 || py < 1 || px >= width - 1 || py >= height - 1) continue;
    const double range = proj->distance_m;
    int behind = 0, front = 0;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        ++(img.range_m[std::size_t(py + dy) * width + px + dx] >= range - 0.05 ? behind : front);
    if (behind && front) {
      ++a.on_edges;
      continue;
    }
    ++a.checked;
    const bool engine_visible = seen.count(i) > 0;
    a.agree += engine_visible == (front == 0);
    ++(engine_visible ? a.visible : a.hidden);
  }
  return a;
}

double RenderedBoardWidthPx(const sim::Camera& cam, const sim::Vec3d& centre) {
  const double dx = centre.x - cam.position.x, dy = centre.y - cam.position.y;
  const double h = std::hypot(dx, dy);
  const double rx = dy / h, ry = -dx / h;  // horizontal, across the line of sight
  geo::CityModel board;
  auto v = [&](double s, double z) {
    board.vertices.push_back({float(centre.x + rx * s), float(centre.y + ry * s), float(centre.z + z)});
  };
  v(-0.5, -0.5), v(0.5, -0.5), v(0.5, 0.5), v(-0.5, 0.5);
  board.triangles = {{0, 1, 2}, {0, 2, 3}};
  board.triangle_feature = {0, 0};
  board.triangle_surface = {geo::Surface::wall, geo::Surface::wall};
  EyeRenderer renderer(cam.width_px, cam.height_px);
  const EyeImage img = renderer.Render(BuildCityNode(board).root.get(), cam, {1.0, 500.0});
  const auto p = sim::Project(cam, centre);
  if (!p) return 0;
  const int row = static_cast<int>(p->v);
  int count = 0;
  for (int col = 0; col < img.width; ++col) count += std::isfinite(img.depth_m[std::size_t(row) * img.width + col]);
  return count;
}

}  // namespace render
