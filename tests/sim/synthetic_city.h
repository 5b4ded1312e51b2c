// Analytic test scenes built in code: a ground plane and axis-aligned boxes (buildings, walls,
// overhangs), with outward counter-clockwise triangles like the importer makes.
#pragma once

#include "geo/city_model.h"

namespace testing_util {

class SyntheticCity {
 public:
  // Ground plane z = 0 over [min_x, max_x] x [min_y, max_y]; it is also the city's area.
  SyntheticCity(double min_x, double min_y, double max_x, double max_y) {
    city_.area.Extend(min_x, min_y);
    city_.area.Extend(max_x, max_y);
    const auto a = V(min_x, min_y, 0), b = V(max_x, min_y, 0), c = V(max_x, max_y, 0), d = V(min_x, max_y, 0);
    T(a, b, c, geo::Surface::ground);
    T(a, c, d, geo::Surface::ground);
  }

  // A box from z0 to z1 (z0 > 0: floating, like an overhang).
  SyntheticCity& Box(double x0, double y0, double x1, double y1, double z0, double z1) {
    const std::uint32_t v[8] = {V(x0, y0, z0), V(x1, y0, z0), V(x1, y1, z0), V(x0, y1, z0),
                                V(x0, y0, z1), V(x1, y0, z1), V(x1, y1, z1), V(x0, y1, z1)};
    const int walls[4][4] = {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
    for (const auto& w : walls) Quad(v[w[0]], v[w[1]], v[w[2]], v[w[3]], geo::Surface::wall);
    Quad(v[4], v[5], v[6], v[7], geo::Surface::roof);
    Quad(v[0], v[3], v[2], v[1], geo::Surface::underside);
    return *this;
  }

  // A horizontal rectangle facing up at height z: water, land use, a bridge deck.
  SyntheticCity& Patch(double x0, double y0, double x1, double y1, double z, geo::Surface s) {
    Quad(V(x0, y0, z), V(x1, y0, z), V(x1, y1, z), V(x0, y1, z), s);
    return *this;
  }

  // One triangle, counter-clockwise seen from outside.
  SyntheticCity& Triangle(const geo::Vec3f& a, const geo::Vec3f& b, const geo::Vec3f& c, geo::Surface s) {
    T(V(a.x, a.y, a.z), V(b.x, b.y, b.z), V(c.x, c.y, c.z), s);
    return *this;
  }

  const geo::CityModel& city() const { return city_; }
  geo::CityModel& city() { return city_; }

 private:
  std::uint32_t V(double x, double y, double z) {
    city_.vertices.push_back({static_cast<float>(x), static_cast<float>(y), static_cast<float>(z)});
    return static_cast<std::uint32_t>(city_.vertices.size() - 1);
  }
  void T(std::uint32_t a, std::uint32_t b, std::uint32_t c, geo::Surface s) {
    city_.triangles.push_back({a, b, c});
    city_.triangle_feature.push_back(0);
    city_.triangle_surface.push_back(s);
  }
  void Quad(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d, geo::Surface s) {
    T(a, b, c, s);
    T(a, c, d, s);
  }
  geo::CityModel city_;
};

}  // namespace testing_util
