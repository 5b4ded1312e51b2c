#include "sim/candidates.h"

#include <cctype>
#include <cmath>
#include <numbers>
#include <unordered_set>

#include "core/error.h"

namespace sim {
namespace {

struct Mount {
  double x, y, z;   // camera position
  double yaw_deg;   // central direction (facade: outward normal)
  bool all_round;   // pole: directions all around
  const char* source;
};

// Facade mounts: the foot edge of every vertical wall triangle (its two lowest vertices),
// sampled every `spacing`, 25 cm out from the wall, at each mount height.
void FacadeMounts(const geo::CityModel& city, const CandidateOptions& o, std::vector<Mount>& out) {
  std::unordered_set<std::int64_t> taken;  // one mount per spacing/2 cell, so shared edges count once
  const double cell = o.spacing_m / 2;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.triangle_surface[t] != geo::Surface::wall) continue;
    const geo::Tri& tri = city.triangles[t];
    const geo::Vec3f* v[3] = {&city.vertices[tri.a], &city.vertices[tri.b], &city.vertices[tri.c]};
    // The two vertices below the highest one, in winding order: the foot edge a -> b.
    int top = 0;
    for (int i = 1; i < 3; ++i)
      if (v[i]->z > v[top]->z) top = i;
    const geo::Vec3f& a = *v[(top + 1) % 3];
    const geo::Vec3f& b = *v[(top + 2) % 3];
    if (std::abs(a.z - b.z) > 0.05f || v[top]->z - a.z < 2.0f) continue;  // not a foot edge / too low a wall
    const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len < 2.0) continue;
    const double ground = city.GroundZ((a.x + b.x) / 2, (a.y + b.y) / 2);
    if (a.z - ground > 1.0) continue;  // floating body (overhang): no mount
    const double nx = dy / len, ny = -dx / len;  // outward for counter-clockwise outer walls
    const double yaw = std::atan2(nx, ny) * 180 / std::numbers::pi;
    const int n = std::max(1, static_cast<int>(len / o.spacing_m));
    for (int i = 0; i < n; ++i) {
      const double f = (i + 0.5) / n;
      const double x = a.x + f * dx + 0.25 * nx, y = a.y + f * dy + 0.25 * ny;
      const std::int64_t key = (static_cast<std::int64_t>(std::floor(x / cell)) << 32) ^
                               static_cast<std::int64_t>(static_cast<std::uint32_t>(std::floor(y / cell)));
      if (!taken.insert(key).second || geo::PointInPolygons(o.no_mount, x, y)) continue;
      const double wall_top = v[top]->z;
      if (o.facades)
        for (double h : o.heights_m)
          if (a.z + h < wall_top + 0.5) out.push_back({x, y, a.z + h, yaw, false, "facade"});
      if (o.roofs) out.push_back({x, y, wall_top + 0.5, yaw, false, "roof"});
    }
  }
}

// "F12-3-15-dome" style ids: source, mount, direction, tilt and model, for finding it again.
std::string fmt_id(const char* source, std::size_t mount, int step, double pitch, const std::string& model) {
  return std::string(1, static_cast<char>(std::toupper(source[0]))) + std::to_string(mount) + "-" +
         std::to_string(step) + "-" + std::to_string(static_cast<int>(std::lround(-pitch))) +
         (model.empty() ? "" : "-" + model);
}

}  // namespace

std::vector<Candidate> GenerateCandidates(const geo::CityModel& city, const CandidateOptions& o) {
  if (o.models.empty()) throw core::InputError("", "optimise", "no camera model to place (give camera_models)");
  std::vector<Mount> mounts;
  if (o.facades || o.roofs) FacadeMounts(city, o, mounts);
  std::vector<geo::Vec3f> poles = o.extra_poles;
  if (o.poles)
    for (const geo::PointFeature& p : city.poles) poles.push_back(p.position);
  for (const geo::Vec3f& p : poles)
    if (!geo::PointInPolygons(o.no_mount, p.x, p.y))
      for (double h : o.heights_m) mounts.push_back({p.x, p.y, p.z + h, 0, true, "pole"});
  const int steps = std::max(1, o.yaw_steps);
  const std::size_t total = mounts.size() * steps * o.pitches_deg.size() * o.models.size();
  if (total > o.max_candidates)
    throw core::InputError("", "optimise.candidates",
                           std::to_string(total) + " candidates exceed the limit of " + std::to_string(o.max_candidates) +
                               ": use a larger spacing_m or fewer yaw_steps, heights or models");
  std::vector<Candidate> out;
  out.reserve(total);
  for (std::size_t m = 0; m < mounts.size(); ++m) {
    const Mount& mount = mounts[m];
    for (int s = 0; s < steps; ++s) {
      const double yaw = mount.all_round ? 360.0 * s / steps
                                         : mount.yaw_deg + (steps == 1 ? 0.0 : -60.0 + 120.0 * s / (steps - 1));
      for (double pitch : o.pitches_deg)
        for (const Camera& model : o.models) {
          Candidate c{model, mount.source, false};
          c.camera.id = fmt_id(mount.source, m, s, pitch, model.model);
          c.camera.position = {mount.x, mount.y, mount.z};
          c.camera.yaw_deg = std::fmod(yaw + 360.0, 360.0);
          c.camera.pitch_deg = pitch;
          out.push_back(std::move(c));
        }
    }
  }
  return out;
}

}  // namespace sim
