// Small plain vector/box types shared by the geometry code. Metres in the local frame.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace geo {

struct Vec2d {
  double x = 0, y = 0;
};

struct Vec3f {
  float x = 0, y = 0, z = 0;
};

struct Box2d {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
  void Extend(double x, double y) {
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
  void Extend(const Box2d& b) {
    if (b.empty()) return;
    Extend(b.min_x, b.min_y);
    Extend(b.max_x, b.max_y);
  }
  bool Intersects(const Box2d& b) const {
    return !empty() && !b.empty() && min_x <= b.max_x && b.min_x <= max_x && min_y <= b.max_y &&
           b.min_y <= max_y;
  }
  double width() const { return empty() ? 0 : max_x - min_x; }
  double height() const { return empty() ? 0 : max_y - min_y; }
};

struct Box3f {
  Vec3f min{std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity(),
            std::numeric_limits<float>::infinity()};
  Vec3f max{-std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
            -std::numeric_limits<float>::infinity()};

  bool empty() const { return !(min.x <= max.x); }
  void Extend(const Vec3f& p) {
    min = {std::min(min.x, p.x), std::min(min.y, p.y), std::min(min.z, p.z)};
    max = {std::max(max.x, p.x), std::max(max.y, p.y), std::max(max.z, p.z)};
  }
};

}  // namespace geo
