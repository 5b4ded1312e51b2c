#include "sim/scene.h"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <random>

#include "geo/load_city.h"
#include "test_util.h"

namespace sim {
namespace {

// A 10 x 10 x 10 m box centred at the origin, on the ground, plus a ground plane.
geo::CityModel BoxCity() {
  geo::CityModel city;
  auto v = [&](float x, float y, float z) {
    city.vertices.push_back({x, y, z});
    return static_cast<std::uint32_t>(city.vertices.size() - 1);
  };
  const std::uint32_t b[8] = {v(-5, -5, 0), v(5, -5, 0), v(5, 5, 0), v(-5, 5, 0),
                              v(-5, -5, 10), v(5, -5, 10), v(5, 5, 10), v(-5, 5, 10)};
  const int faces[6][4] = {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {4, 5, 6, 7}, {0, 3, 2, 1}};
  for (const auto& f : faces) {
    city.triangles.push_back({b[f[0]], b[f[1]], b[f[2]]});
    city.triangles.push_back({b[f[0]], b[f[2]], b[f[3]]});
  }
  const std::uint32_t g[4] = {v(-100, -100, 0), v(100, -100, 0), v(100, 100, 0), v(-100, 100, 0)};
  city.triangles.push_back({g[0], g[1], g[2]});
  city.triangles.push_back({g[0], g[2], g[3]});
  city.triangle_feature.assign(city.triangles.size(), 0);
  city.triangle_surface.assign(city.triangles.size(), geo::Surface::wall);
  return city;
}

class BothBackends : public ::testing::TestWithParam<SceneBackend> {};

TEST_P(BothBackends, BoxBlocksSegmentsThroughItOnly) {
  const auto scene = BuildScene(BoxCity(), GetParam());
  EXPECT_TRUE(scene->Occluded({-20, 0, 5}, {20, 0, 5})) << "straight through the box";
  EXPECT_FALSE(scene->Occluded({-20, 0, 12}, {20, 0, 12})) << "over the roof";
  EXPECT_FALSE(scene->Occluded({-20, 6, 5}, {20, 6, 5})) << "beside it";
  EXPECT_FALSE(scene->Occluded({-20, -20, 1.7f}, {-20, 20, 1.7f})) << "above the ground plane";
  // A camera mounted on the wall (on the surface) looking away sees the street.
  EXPECT_FALSE(scene->Occluded({-5, 0, 6}, {-30, 0, 1.7f})) << "no self-hit at the mount";
  // A camera on the wall looking into the wall sees nothing behind it.
  EXPECT_TRUE(scene->Occluded({-5.02f, 0, 6}, {30, 0, 1.7f}));
  // Target on the ground: the segment ends at the ground and must not hit it.
  EXPECT_FALSE(scene->Occluded({-20, -20, 6}, {-30, -30, 0}));
  EXPECT_FALSE(scene->Occluded({1, 1, 1}, {1, 1, 1})) << "zero-length segment";
}

INSTANTIATE_TEST_SUITE_P(Scene, BothBackends,
                         ::testing::Values(SceneBackend::embree, SceneBackend::cgal),
                         [](const auto& info) {
                           return std::string(info.param == SceneBackend::embree ? "Embree" : "Cgal");
                         });

TEST(Scene, EmbreeAgreesWithCgalOnTheDelftSampleCity) {
  core::Diagnostics diag;
  const geo::CityModel city =
      testing_util::Load({testing_util::Source(testing_util::DataPath("delft_lod1.city.json"))}, diag);
  const auto embree = BuildScene(city, SceneBackend::embree);
  const auto cgal = BuildScene(city, SceneBackend::cgal);
  // Camera-like segments: from 3..12 m high points to 1.7 m targets above the local ground.
  std::mt19937 rng(42);
  const geo::Box2d& a = city.area;
  std::uniform_real_distribution<float> x(a.min_x, a.max_x), y(a.min_y, a.max_y), h(3, 12);
  constexpr int kRays = 20000;
  std::vector<Point3f> from(kRays), to(kRays);
  for (int i = 0; i < kRays; ++i) {
    from[i] = {x(rng), y(rng), h(rng)};
    to[i] = {x(rng), y(rng), 1.7f};
  }
  std::vector<char> e(kRays), c(kRays);
  tbb::parallel_for(0, kRays, [&](int i) {
    e[i] = embree->Occluded(from[i], to[i]);
    c[i] = cgal->Occluded(from[i], to[i]);
  });
  int differ = 0, blocked = 0;
  for (int i = 0; i < kRays; ++i) {
    differ += e[i] != c[i];
    blocked += c[i];
  }
  EXPECT_GT(blocked, kRays / 10) << "the test must actually exercise occlusion";
  EXPECT_LT(blocked, kRays * 9 / 10);
  EXPECT_LE(differ, kRays / 1000) << "grazing-ray ties only (< 0.1 %)";
  // The batched path gives the same answers as one ray at a time.
  std::vector<std::uint8_t> batch(kRays);
  for (int i = 0; i < kRays; i += 100) {
    std::vector<Point3f> fan(to.begin() + i, to.begin() + i + 100);
    embree->OccludedFrom(from[i], fan, std::span(batch).subspan(i, 100));
    for (int j = 0; j < 100; ++j) EXPECT_EQ(batch[i + j], embree->Occluded(from[i], to[i + j])) << i + j;
  }
}

}  // namespace
}  // namespace sim
