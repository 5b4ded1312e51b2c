#include "sim/view_footprint.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sim {

double ViewFootprint::area_m2(int level) const {
  double sum = 0;
  for (const FootprintPiece& p : pieces) {
    if (p.level != level) continue;
    const auto& c = p.corners;  // shoelace over the quadrilateral
    double twice = 0;
    for (int i = 0; i < 4; ++i) twice += c[i].x * c[(i + 1) % 4].y - c[(i + 1) % 4].x * c[i].y;
    sum += std::abs(twice) / 2;
  }
  return sum;
}

ViewFootprint FootprintOf(const Camera& camera, const Scene& scene, const geo::CityModel& city,
                          const DensityLevels& levels, const FootprintOptions& options) {
  ViewFootprint out;
  const double reach = camera.max_range_m;
  if (!(reach > 0)) return out;
  const double step = std::max(options.distance_step_m, reach / options.max_samples);
  const int samples = static_cast<int>(std::ceil(reach / step));
  const int directions = std::max(8, static_cast<int>(std::round(360 / options.azimuth_step_deg)));
  const double da = 2 * std::numbers::pi / directions;
  const Projector project(camera);
  const Point3f eye{static_cast<float>(camera.position.x), static_cast<float>(camera.position.y),
                    static_cast<float>(camera.position.z)};
  const double min2 = camera.min_range_m * camera.min_range_m, max2 = reach * reach;
  constexpr int kUnseen = -2;

  std::vector<int> state(samples);
  std::vector<Point3f> targets;
  std::vector<int> target_sample;
  std::vector<std::uint8_t> blocked;
  auto ground = [&](double azimuth, double d) {
    const double x = camera.position.x + d * std::sin(azimuth);
    const double y = camera.position.y + d * std::cos(azimuth);
    return Vec3d{x, y, city.GroundZ(x, y)};
  };
  for (int k = 0; k < directions; ++k) {
    // Each direction stands for the wedge half a step either side of it.
    const double azimuth = (k + 0.5) * da;
    std::fill(state.begin(), state.end(), kUnseen);
    targets.clear(), target_sample.clear();
    std::vector<double> density;
    for (int i = 0; i < samples; ++i) {
      Vec3d t = ground(azimuth, (i + 0.5) * step);
      t.z += options.target_height_m;
      const double dx = t.x - eye.x, dy = t.y - eye.y, dz = t.z - eye.z;
      const double d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > max2 || d2 < min2) continue;
      const auto p = project(t);
      if (!p) continue;
      targets.push_back(
          {static_cast<float>(t.x), static_cast<float>(t.y), static_cast<float>(t.z)});
      target_sample.push_back(i);
      density.push_back(p->px_per_m);
    }
    blocked.assign(targets.size(), 0);
    scene.OccludedFrom(eye, targets, blocked);
    for (std::size_t j = 0; j < targets.size(); ++j)
      if (!blocked[j]) state[target_sample[j]] = levels.Classify(density[j]);
    for (int i = 0; i < samples;) {
      int j = i;
      while (j < samples && state[j] == state[i]) ++j;
      if (state[i] != kUnseen) {
        const double near = i * step, far = std::min(reach, j * step);
        const double a0 = azimuth - da / 2, a1 = azimuth + da / 2;
        out.pieces.push_back(
            {{ground(a0, near), ground(a0, far), ground(a1, far), ground(a1, near)}, state[i]});
      }
      i = j;
    }
  }
  return out;
}

}  // namespace sim
