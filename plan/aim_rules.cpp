#include "plan/aim_rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace plan {
namespace {

bool Inside(const geo::Ring& ring, double x, double y) {  // even-odd rule
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const geo::Vec2d &a = ring[i], &b = ring[j];
    if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

double Yaw(double dx, double dy) {
  const double yaw = std::atan2(dx, dy) * 180 / std::numbers::pi;
  return yaw < 0 ? yaw + 360 : yaw;
}

}  // namespace

std::optional<double> YawTowardNearestPriorityZone(const std::vector<sim::Zone>& zones, double x,
                                                   double y) {
  double best = std::numeric_limits<double>::infinity(), tx = 0, ty = 0;
  for (const sim::Zone& z : zones) {
    if (z.kind != sim::ZoneKind::priority) continue;
    for (const geo::Polygon& poly : z.outline) {
      if (poly.empty() || poly.front().size() < 3) continue;
      if (Inside(poly.front(), x, y)) {  // in the zone: look across it
        double cx = 0, cy = 0;
        for (const geo::Vec2d& p : poly.front()) cx += p.x, cy += p.y;
        cx /= poly.front().size(), cy /= poly.front().size();
        if (std::hypot(cx - x, cy - y) < 0.5) return std::nullopt;
        return Yaw(cx - x, cy - y);
      }
      for (const geo::Ring& ring : poly)
        for (std::size_t i = 0; i < ring.size(); ++i) {
          const geo::Vec2d& a = ring[i];
          const geo::Vec2d& b = ring[(i + 1) % ring.size()];
          const double ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey;
          const double t =
              len2 > 0 ? std::clamp(((x - a.x) * ex + (y - a.y) * ey) / len2, 0.0, 1.0) : 0.0;
          const double px = a.x + t * ex, py = a.y + t * ey, d = std::hypot(px - x, py - y);
          if (d < best) best = d, tx = px, ty = py;
        }
    }
  }
  if (!std::isfinite(best) || best < 1e-6) return std::nullopt;
  return Yaw(tx - x, ty - y);
}

}  // namespace plan
