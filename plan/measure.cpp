#include "plan/measure.h"

#include <cmath>

namespace plan {

namespace {
double Centimetres(double v) { return std::round(v * 100) / 100 + 0.0; }  // no "-0.00" on screen
}  // namespace

Measurement Measure(const geo::CityModel& city, const sim::Vec3d& a, const sim::Vec3d& b) {
  Measurement m;
  m.ground_m = std::hypot(b.x - a.x, b.y - a.y);
  m.slant_m = std::sqrt(m.ground_m * m.ground_m + (b.z - a.z) * (b.z - a.z));
  m.rise_m = b.z - a.z;
  m.height_a_m = a.z - city.GroundZ(a.x, a.y);
  m.height_b_m = b.z - city.GroundZ(b.x, b.y);
  for (double* v : {&m.ground_m, &m.slant_m, &m.rise_m, &m.height_a_m, &m.height_b_m})
    *v = Centimetres(*v);
  return m;
}

DensityReading ReadDensity(const sim::Camera& camera, const sim::Scene& scene,
                           const sim::DensityLevels& levels, const sim::Vec3d& point) {
  DensityReading r;
  const auto p = sim::Project(camera, point);
  if (!p) return r;
  r.px_per_m = p->px_per_m;
  r.distance_m = p->distance_m;
  r.level = levels.Classify(p->px_per_m);
  if (p->distance_m > camera.max_range_m || p->distance_m < camera.min_range_m) {
    r.seen = DensityReading::Seen::out_of_range;
    return r;
  }
  const sim::Point3f eye{float(camera.position.x), float(camera.position.y),
                         float(camera.position.z)};
  const sim::Point3f target{float(point.x), float(point.y), float(point.z)};
  r.seen = scene.Occluded(eye, target) ? DensityReading::Seen::hidden : DensityReading::Seen::yes;
  return r;
}

}  // namespace plan
