#include "plan/home_view.h"

#include <algorithm>
#include <cmath>

namespace plan {
namespace {

double Dot(const sim::Vec3d& a, const sim::Vec3d& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

}  // namespace

EyePose FrameArea(const geo::Box2d& a, double ground_z, double z_low, double z_high,
                  const HomeViewOptions& o) {
  const sim::Vec3d centre{(a.min_x + a.max_x) / 2, (a.min_y + a.max_y) / 2, ground_z};
  const double back_len = std::hypot(0.64, 0.77);
  const sim::Vec3d back{0, -0.64 / back_len, 0.77 / back_len};  // from the south, about 50 degrees down
  // forward = -back; right = +x; up = right x forward.
  const sim::Vec3d forward{-back.x, -back.y, -back.z}, right{1, 0, 0};
  const sim::Vec3d up{right.y * forward.z - right.z * forward.y, right.z * forward.x - right.x * forward.z,
                      right.x * forward.y - right.y * forward.x};
  const double tan_v = std::tan(o.vertical_fov_deg * M_PI / 360), tan_h = tan_v * o.aspect;
  // Each corner at distance d: depth d + p.forward, offsets p.right and p.up; it fits when
  // both offsets are within the half-angles at that depth.
  double distance = 10;
  for (double x : {a.min_x, a.max_x})
    for (double y : {a.min_y, a.max_y})
      for (double z : {std::min(z_low, ground_z), std::max(z_high, ground_z)}) {
        const sim::Vec3d p{x - centre.x, y - centre.y, z - centre.z};
        distance = std::max({distance, std::abs(Dot(p, right)) / tan_h - Dot(p, forward),
                             std::abs(Dot(p, up)) / tan_v - Dot(p, forward)});
      }
  const double d = distance * o.margin;
  return {{centre.x + back.x * d, centre.y + back.y * d, centre.z + back.z * d}, centre};
}

}  // namespace plan
