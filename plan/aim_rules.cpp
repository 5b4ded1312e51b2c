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
                                                   double y, double within_m) {
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
  if (!std::isfinite(best) || best < 1e-6 || best > within_m) return std::nullopt;
  return Yaw(tx - x, ty - y);
}

std::optional<double> YawAlongNearestStreet(const std::vector<geo::PathFeature>& paths, double x,
                                            double y, double within_m) {
  const geo::PathFeature* street = nullptr;
  std::size_t segment = 0;
  double best = within_m, at = 0;  // distance, and where along the segment (0..1)
  for (const geo::PathFeature& path : paths)
    for (std::size_t i = 0; i + 1 < path.points.size(); ++i) {
      const geo::Vec3f &a = path.points[i], &b = path.points[i + 1];
      const double ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey;
      if (len2 <= 0) continue;
      const double t = std::clamp(((x - a.x) * ex + (y - a.y) * ey) / len2, 0.0, 1.0);
      const double d = std::hypot(a.x + t * ex - x, a.y + t * ey - y);
      if (d <= best) best = d, street = &path, segment = i, at = t;
    }
  if (!street) return std::nullopt;
  // The street's length on either side of the nearest point.
  auto length = [&](std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i)
      sum += std::hypot(street->points[i + 1].x - street->points[i].x, street->points[i + 1].y - street->points[i].y);
    return sum;
  };
  const geo::Vec3f &a = street->points[segment], &b = street->points[segment + 1];
  const double seg = std::hypot(b.x - a.x, b.y - a.y);
  const double back = length(0, segment) + at * seg;
  const double ahead = (1 - at) * seg + length(segment + 1, street->points.size() - 1);
  return ahead >= back ? Yaw(b.x - a.x, b.y - a.y) : Yaw(a.x - b.x, a.y - b.y);
}

std::optional<double> NewPoleYaw(const std::vector<sim::Zone>& zones,
                                 const std::vector<geo::PathFeature>& paths, double x, double y,
                                 double range_m) {
  if (auto yaw = YawTowardNearestPriorityZone(zones, x, y, range_m)) return yaw;
  if (auto yaw = YawAlongNearestStreet(paths, x, y)) return yaw;
  return YawTowardNearestPriorityZone(zones, x, y);
}

}  // namespace plan
