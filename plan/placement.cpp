#include "plan/placement.h"

#include <cmath>
#include <fmt/format.h>
#include <set>

namespace plan {
namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

sim::Vec3d Sub(const geo::Vec3f& a, const geo::Vec3f& b) { return {double(a.x) - b.x, double(a.y) - b.y, double(a.z) - b.z}; }

sim::Vec3d Cross(const sim::Vec3d& a, const sim::Vec3d& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

double Round(double v, double step) { return std::round(v / step) * step; }

}  // namespace

std::optional<SurfacePick> PickSurface(const geo::CityModel& city, const sim::Scene& scene,
                                       const sim::Vec3d& origin, const sim::Vec3d& direction) {
  const double len = std::sqrt(direction.x * direction.x + direction.y * direction.y + direction.z * direction.z);
  if (!(len > 0)) return std::nullopt;
  const sim::Point3f o{float(origin.x), float(origin.y), float(origin.z)};
  const sim::Point3f d{float(direction.x / len), float(direction.y / len), float(direction.z / len)};
  const auto hit = scene.FirstHit(o, d, 1e6f);
  if (!hit) return std::nullopt;
  const geo::Tri& t = city.triangles[hit->triangle];
  sim::Vec3d n = Cross(Sub(city.vertices[t.b], city.vertices[t.a]), Sub(city.vertices[t.c], city.vertices[t.a]));
  const double nl = std::sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
  if (nl > 0) n = {n.x / nl, n.y / nl, n.z / nl};
  if (n.x * d.x + n.y * d.y + n.z * d.z > 0) n = {-n.x, -n.y, -n.z};  // towards the viewer
  SurfacePick pick;
  pick.point = {o.x + double(d.x) * hit->distance, o.y + double(d.y) * hit->distance, o.z + double(d.z) * hit->distance};
  pick.normal = n;
  pick.surface = city.triangle_surface[hit->triangle];
  pick.feature = city.triangle_feature[hit->triangle];
  return pick;
}

std::optional<SurfacePick> PickFromAbove(const geo::CityModel& city, const sim::Scene& scene, double x, double y) {
  const geo::Box3f b = city.Bounds();
  return PickSurface(city, scene, {x, y, double(b.max.z) + 100}, {0, 0, -1});
}

std::optional<sim::Camera> PlaceOnSurface(const geo::CityModel& city, const SurfacePick& pick,
                                          const sim::Camera& templ, bool moving,
                                          const PlacementRules& rules) {
  if (pick.surface == geo::Surface::water) return std::nullopt;
  sim::Camera c = templ;
  const sim::Vec3d& p = pick.point;
  const bool wall = pick.surface == geo::Surface::wall || std::abs(pick.normal.z) < 0.5;
  if (wall) {
    const double h = std::hypot(pick.normal.x, pick.normal.y);
    const double nx = pick.normal.x / h, ny = pick.normal.y / h;
    c.position = {p.x + nx * rules.wall_offset_m, p.y + ny * rules.wall_offset_m,
                  std::max(p.z, city.GroundZ(p.x, p.y) + rules.min_wall_height_m)};
    c.yaw_deg = std::atan2(nx, ny) * kRadToDeg;  // clockwise from north, out of the facade
    c.mount = sim::MountType::wall;
  } else if (pick.surface == geo::Surface::roof) {
    c.position = {p.x, p.y, p.z + rules.roof_mast_m};
    c.mount = sim::MountType::roof;
  } else {
    // The pole stands on the ground the scenario measures heights from (height_m: above the
    // terrain under the camera), so a 6 m pole reads 6.00 m in the inspector and the file; the
    // mesh's own ground can lie a little off it. Far off (a deck, a city without terrain): the
    // surface clicked.
    auto base = [&](double x, double y, double z) {
      const double ground = city.GroundZ(x, y);
      return std::abs(ground - z) < 1.0 ? ground : z;
    };
    c.position = {p.x, p.y, base(p.x, p.y, p.z) + rules.pole_height_m};
    double best = rules.pole_snap_m;
    for (const geo::PointFeature& pole : city.poles) {
      const double d = std::hypot(pole.position.x - p.x, pole.position.y - p.y);
      if (d < best)
        best = d, c.position = {pole.position.x, pole.position.y,
                                base(pole.position.x, pole.position.y, pole.position.z) + rules.pole_height_m};
    }
    c.mount = sim::MountType::pole;
  }
  if (!moving) c.pitch_deg = templ.pitch_deg != 0 ? templ.pitch_deg : rules.default_pitch_deg;
  SnapToFilePrecision(c);
  return c;
}

void SnapToFilePrecision(sim::Camera& c) {
  c.position = {Round(c.position.x, 0.001), Round(c.position.y, 0.001), Round(c.position.z, 0.001)};
  c.yaw_deg = std::fmod(Round(c.yaw_deg, 0.01) + 360.0, 360.0);
  if (c.yaw_deg >= 359.995) c.yaw_deg = 0;
  c.pitch_deg = Round(c.pitch_deg, 0.01);
  c.roll_deg = Round(c.roll_deg, 0.01);
}

std::string NextCameraId(const std::vector<sim::Camera>& cameras, const std::string& prefix) {
  std::set<std::string> used;
  for (const sim::Camera& c : cameras) used.insert(c.id);
  for (int i = 1;; ++i) {
    std::string id = fmt::format("{}{:02d}", prefix, i);
    if (!used.count(id)) return id;
  }
}

}  // namespace plan
