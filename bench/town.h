// The benchmark town: 2 x 2 km of 40 m blocks (6-30 m high) along 12 m streets, and cameras
// on street corners. Synthetic, so the figures do not depend on a data download.
#pragma once

#include <random>
#include <vector>

#include "geo/city_model.h"
#include "sim/camera.h"

namespace bench {

inline geo::CityModel MakeTown(double size_m = 2000, double block_m = 40, double street_m = 12) {
  geo::CityModel city;
  city.area.Extend(0, 0);
  city.area.Extend(size_m, size_m);
  auto v = [&](double x, double y, double z) {
    city.vertices.push_back({static_cast<float>(x), static_cast<float>(y), static_cast<float>(z)});
    return static_cast<std::uint32_t>(city.vertices.size() - 1);
  };
  auto tri = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c, geo::Surface s) {
    city.triangles.push_back({a, b, c});
    city.triangle_feature.push_back(0);
    city.triangle_surface.push_back(s);
  };
  const auto g0 = v(0, 0, 0), g1 = v(size_m, 0, 0), g2 = v(size_m, size_m, 0), g3 = v(0, size_m, 0);
  tri(g0, g1, g2, geo::Surface::ground);
  tri(g0, g2, g3, geo::Surface::ground);
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> height(6, 30);
  const double pitch = block_m + street_m;
  for (double x0 = street_m; x0 + block_m < size_m; x0 += pitch)
    for (double y0 = street_m; y0 + block_m < size_m; y0 += pitch) {
      const double h = height(rng), x1 = x0 + block_m, y1 = y0 + block_m;
      const std::uint32_t b[8] = {v(x0, y0, 0), v(x1, y0, 0), v(x1, y1, 0), v(x0, y1, 0),
                                  v(x0, y0, h), v(x1, y0, h), v(x1, y1, h), v(x0, y1, h)};
      const int faces[5][4] = {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {4, 5, 6, 7}};
      for (int f = 0; f < 5; ++f) {
        const auto s = f == 4 ? geo::Surface::roof : geo::Surface::wall;
        tri(b[faces[f][0]], b[faces[f][1]], b[faces[f][2]], s);
        tri(b[faces[f][0]], b[faces[f][2]], b[faces[f][3]], s);
      }
    }
  return city;
}

// Cameras at street crossings, 6 m up, looking along a random direction.
inline std::vector<sim::Camera> TownCameras(int count, double size_m = 2000, double block_m = 40,
                                            double street_m = 12, double range_m = 150) {
  std::mt19937 rng(2);
  const double pitch = block_m + street_m;
  const int crossings = static_cast<int>(size_m / pitch);
  std::uniform_int_distribution<int> pick(2, crossings - 2);
  std::uniform_real_distribution<double> yaw(0, 360);
  std::vector<sim::Camera> cams;
  for (int i = 0; i < count; ++i) {
    sim::Camera c;
    c.id = "T";
    c.id += std::to_string(i);
    c.position = {pick(rng) * pitch + street_m / 2, pick(rng) * pitch + street_m / 2, 6};
    c.yaw_deg = yaw(rng);
    c.pitch_deg = -15;
    c.hfov_deg = 90;
    c.width_px = 1920;
    c.height_px = 1080;
    c.max_range_m = range_m;
    cams.push_back(c);
  }
  return cams;
}

}  // namespace bench
