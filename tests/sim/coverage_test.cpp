#include "sim/coverage.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include <numbers>

#include "sim/synthetic_city.h"
#include "test_util.h"

namespace sim {
namespace {

using testing_util::SyntheticCity;
constexpr double kDeg = std::numbers::pi / 180;

Camera LookingNorth(double x, double y, double z, double pitch, double hfov, double range) {
  Camera c;
  c.id = "C";
  c.position = {x, y, z};
  c.yaw_deg = 0;
  c.pitch_deg = pitch;
  c.hfov_deg = hfov;
  c.width_px = 1920;
  c.height_px = 1080;
  c.max_range_m = range;
  c.min_range_m = 0;
  return c;
}

struct World {
  explicit World(const SyntheticCity& s, double resolution = 0.25)
      : city(s.city()), scene(BuildScene(city)), grid(MakeGrid(city, *scene, {resolution, 1.7})) {}
  geo::CityModel city;
  std::unique_ptr<Scene> scene;
  Grid grid;
};

double ShoelaceArea(const std::vector<std::pair<double, double>>& p) {
  double a = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto& [x0, y0] = p[i];
    const auto& [x1, y1] = p[(i + 1) % p.size()];
    a += x0 * y1 - x1 * y0;
  }
  return std::abs(a) / 2;
}

TEST(Coverage, OpenPlaneVisibleAreaIsTheFrustumFootprint) {
  const World w(SyntheticCity(-100, -20, 100, 150));
  const Camera cam = LookingNorth(0, 0, 10, -30, 60, 1000);
  const CameraLayer layer = ComputeCameraLayer(*w.scene, w.grid, cam);
  // The four image-corner rays meet the target plane z = 1.7 in a trapezoid. Corner ray in camera
  // axes (right, up, forward) = (+-tan(h/2), +-tan(v/2), 1), pitched down by 30 deg.
  const double th = std::tan(30 * kDeg), tv = th * 1080 / 1920, p = -30 * kDeg;
  std::vector<std::pair<double, double>> quad;
  for (auto [sx, sy] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}) {
    const double r = sx * th, u = sy * tv;
    const double dy = std::cos(p) - u * std::sin(p), dz = std::sin(p) + u * std::cos(p);
    const double t = (1.7 - 10) / dz;
    quad.emplace_back(r * t, dy * t);
  }
  const double expected = ShoelaceArea(quad);
  EXPECT_NEAR(layer.VisibleArea(w.grid), expected, expected * 0.01) << "expected " << expected << " m^2";
}

TEST(Coverage, WallCastsTheShadowItsGeometryPredicts) {
  // Camera 8 m up; a 5 m high, 10 m long, 0.2 m thick wall 20 m north. At target height 1.7 m
  // the shadow spans y from 20 to 20 * 6.3 / 3 = 42 m and |x| <= y / 4: (42^2 - 20^2) / 4 m^2.
  const Camera cam = LookingNorth(0, 0, 8, -20, 120, 100);
  const World open(SyntheticCity(-60, -10, 60, 110));
  const World walled(SyntheticCity(-60, -10, 60, 110).Box(-5, 20, 5, 20.2, 0, 5));
  const double lost = ComputeCameraLayer(*open.scene, open.grid, cam).VisibleArea(open.grid) -
                      ComputeCameraLayer(*walled.scene, walled.grid, cam).VisibleArea(walled.grid);
  const double shadow = (42.0 * 42.0 - 20.0 * 20.0) / 4, wall_cells = 10 * 0.2;
  EXPECT_NEAR(lost, shadow + wall_cells, 0.03 * shadow) << "shadow predicted " << shadow << " m^2";
}

TEST(Coverage, CameraBehindAWallSeesNothing) {
  const World w(SyntheticCity(-50, -50, 50, 50).Box(-20, 1, 20, 2, 0, 12));
  const CameraLayer layer = ComputeCameraLayer(*w.scene, w.grid, LookingNorth(0, 0.5, 6, -10, 90, 100));
  EXPECT_TRUE(layer.cells.empty());
}

TEST(Coverage, StreetCanyonConfinesTheViewToTheStreet) {
  // Two 20 m high blocks along a 12 m wide north-south street; the camera looks down it.
  const World w(SyntheticCity(-60, -10, 60, 200).Box(-60, 0, -6, 200, 0, 20).Box(6, 0, 60, 200, 0, 20));
  const CameraLayer layer = ComputeCameraLayer(*w.scene, w.grid, LookingNorth(0, 1, 6, -10, 100, 150));
  ASSERT_GT(layer.cells.size(), 1000u);
  for (std::uint32_t cell : layer.cells) {
    const Point3f t = w.grid.Target(cell);
    if (t.y > 1.0f) {
      EXPECT_LT(std::abs(t.x), 6.0f) << "seen past the street at " << t.x << ", " << t.y;
    }
  }
}

TEST(Coverage, DoriRingsAtTheFormulaDistances) {
  // Camera at target height looking level: on the axis px/m = 1920 / (2 d tan 30 deg), so the
  // levels end at d = 1920 / (2 tan 30 deg * level).
  const World w(SyntheticCity(-10, -5, 10, 120));
  const Camera cam = LookingNorth(0, 0, 1.7, 0, 60, 200);
  Coverage cov(*w.scene, w.grid, DoriLevels());
  cov.SetCameras(std::span(&cam, 1));
  const DensityLevels levels = DoriLevels();
  const int col = static_cast<int>((0.125 - w.grid.min_x) / w.grid.resolution_m);  // x ~ 0
  for (std::size_t l = 0; l < levels.levels.size(); ++l) {
    const double d = 1920 / (2 * std::tan(30 * kDeg) * levels.levels[l].min_px_per_m);
    auto level_at = [&](double y) {
      const int row = static_cast<int>((w.grid.max_y - y) / w.grid.resolution_m);
      return cov.aggregate().best_level[w.grid.Index(col, row)];
    };
    EXPECT_GE(level_at(d - 0.5), static_cast<int>(l)) << levels.levels[l].name << " at " << d - 0.5;
    EXPECT_LT(level_at(d + 0.5), static_cast<int>(l)) << levels.levels[l].name << " at " << d + 0.5;
  }
  // And the layer's px/m on the axis is the formula.
  const auto& L = cov.layers()[0];
  for (std::size_t j = 0; j < L.cells.size(); ++j) {
    const Point3f t = w.grid.Target(L.cells[j]);
    if (std::abs(t.x - 0.125f) < 0.01f && t.y > 5) {
      EXPECT_NEAR(L.px_per_m[j], PixelsPerMetreOnAxis(cam, std::hypot(t.x, t.y)), 0.2);
    }
  }
}

TEST(Grid, BuildingInteriorsAreNoTargetsButOverhangsAre) {
  const World w(SyntheticCity(-20, -20, 20, 20).Box(-10, -10, 0, 10, 0, 8).Box(0, -10, 10, 10, 4, 8), 0.5);
  auto target = [&](double x, double y) {
    const int col = static_cast<int>((x - w.grid.min_x) / 0.5), row = static_cast<int>((w.grid.max_y - y) / 0.5);
    return w.grid.IsTarget(w.grid.Index(col, row));
  };
  EXPECT_FALSE(target(-5, 0)) << "inside the building";
  EXPECT_TRUE(target(5, 0)) << "under the overhang";
  EXPECT_TRUE(target(15, 15)) << "in the open";
  EXPECT_EQ(w.grid.size() - w.grid.CountTargets(), 20u * 40u) << "10 x 20 m of interior at 0.5 m";
}

std::vector<Camera> DelftCameras(const geo::CityModel& city) {
  std::vector<Camera> cams;
  const geo::Box2d& a = city.area;
  for (int i = 0; i < 12; ++i) {
    Camera c = LookingNorth(a.min_x + a.width() * (0.2 + 0.05 * i), a.min_y + a.height() * (0.3 + 0.04 * i),
                            6 + i % 3, -15, 70 + 5 * (i % 4), 80);
    c.yaw_deg = 30.0 * i;
    c.id = fmt::format("D{}", i);
    cams.push_back(c);
  }
  return cams;
}

class DelftCoverage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    core::Diagnostics diag;
    city_ = new geo::CityModel(testing_util::Load(
        {testing_util::Source(testing_util::DataPath("delft_lod1.city.json"))}, diag));
    scene_ = BuildScene(*city_).release();
    grid_ = new Grid(MakeGrid(*city_, *scene_, {0.5, 1.7}));
  }
  static void TearDownTestSuite() {
    delete grid_;
    delete scene_;
    delete city_;
  }
  static geo::CityModel* city_;
  static Scene* scene_;
  static Grid* grid_;
};
geo::CityModel* DelftCoverage::city_ = nullptr;
Scene* DelftCoverage::scene_ = nullptr;
Grid* DelftCoverage::grid_ = nullptr;

void ExpectSameAggregate(const Aggregate& a, const Aggregate& b) {
  EXPECT_EQ(a.k, b.k);
  EXPECT_EQ(a.best_px_per_m, b.best_px_per_m);
  EXPECT_EQ(a.best_camera, b.best_camera);
  EXPECT_EQ(a.best_level, b.best_level);
}

TEST_F(DelftCoverage, OneThreadAndManyThreadsGiveIdenticalResults) {
  const auto cams = DelftCameras(*city_);
  Coverage many(*scene_, *grid_, DoriLevels());
  many.SetCameras(cams);
  Coverage one(*scene_, *grid_, DoriLevels());
  tbb::task_arena single(1);
  single.execute([&] { one.SetCameras(cams); });
  ExpectSameAggregate(one.aggregate(), many.aggregate());
  std::size_t seen = 0;
  for (auto k : many.aggregate().k) seen += k > 0;
  EXPECT_GT(seen, 1000u);
}

// MPI ranks compute bands of whole 16-row tiles: every band's grid, layers and aggregate are
// the whole grid's rows, bit for bit (two bands through the plaza, where the cameras look; the
// last band is clipped to the grid).
TEST_F(DelftCoverage, BandsOfWholeTilesEqualTheWholeGrid) {
  const auto cams = DelftCameras(*city_);
  Coverage whole(*scene_, *grid_, DoriLevels(), cams);
  const std::size_t nx = static_cast<std::size_t>(grid_->nx);
  for (const RowBand band : {RowBand{96, 64}, RowBand{160, 96}, RowBand{400, 1000}}) {
    const Grid part = MakeGrid(*city_, *scene_, {0.5, 1.7}, band);
    ASSERT_EQ(part.first_row, band.first);
    ASSERT_EQ(part.ny, std::min(band.count, grid_->ny - band.first));
    const std::size_t at = band.first * nx, n = part.size();
    ASSERT_TRUE(std::equal(part.ground_z.begin(), part.ground_z.end(), grid_->ground_z.begin() + at,
                           [](float a, float b) { return a == b || (a != a && b != b); }));
    Coverage local(*scene_, part, DoriLevels(), cams);
    const Aggregate& a = local.aggregate();
    const Aggregate& w = whole.aggregate();
    EXPECT_TRUE(std::equal(a.k.begin(), a.k.end(), w.k.begin() + at));
    EXPECT_TRUE(std::equal(a.best_px_per_m.begin(), a.best_px_per_m.end(), w.best_px_per_m.begin() + at));
    EXPECT_TRUE(std::equal(a.best_camera.begin(), a.best_camera.end(), w.best_camera.begin() + at));
    EXPECT_TRUE(std::equal(a.best_level.begin(), a.best_level.end(), w.best_level.begin() + at));
    std::size_t seen = 0;
    for (std::size_t c = 0; c < cams.size(); ++c) {
      std::vector<std::uint32_t> expected;
      for (std::uint32_t i : whole.layers()[c].cells)
        if (i >= at && i < at + n) expected.push_back(static_cast<std::uint32_t>(i - at));
      EXPECT_EQ(local.layers()[c].cells, expected) << "camera " << c << ", band from row " << band.first;
      seen += expected.size();
    }
    if (band.first < 256) EXPECT_GT(seen, 1000u) << "the band must cross what the cameras see";
  }
}

TEST_F(DelftCoverage, IncrementalUpdatesEqualAFullRecompute) {
  auto cams = DelftCameras(*city_);
  Coverage live(*scene_, *grid_, DoriLevels());
  live.SetCameras(cams);
  cams[3].position.x += 7.5;  // drag one camera
  cams[3].yaw_deg += 40;
  live.UpdateCamera(3, cams[3]);
  Camera extra = cams[0];
  extra.yaw_deg += 180;
  live.AddCamera(extra);
  cams.push_back(extra);
  live.RemoveCamera(5);
  cams.erase(cams.begin() + 5);
  Coverage fresh(*scene_, *grid_, DoriLevels());
  fresh.SetCameras(cams);
  ExpectSameAggregate(live.aggregate(), fresh.aggregate());
  ASSERT_EQ(live.layers().size(), fresh.layers().size());
  for (std::size_t i = 0; i < cams.size(); ++i) EXPECT_EQ(live.layers()[i].cells, fresh.layers()[i].cells);
}

// The GUI's edit sequence: move, rename, insert in the middle, delete, undo back.
TEST_F(DelftCoverage, SyncToAnyCameraListEqualsAFullRecompute) {
  const auto start = DelftCameras(*city_);
  Coverage live(*scene_, *grid_, DoriLevels());
  live.SetCameras(start);
  auto expect_synced = [&](const std::vector<Camera>& cams) {
    const Aggregate before = live.aggregate();
    const auto changed = live.Sync(cams);
    if (changed) {  // every cell that changed is reported
      const Aggregate& after = live.aggregate();
      std::size_t differ = 0;
      for (std::uint32_t c = 0; c < before.k.size(); ++c) {
        if (before.k[c] == after.k[c] && before.best_camera[c] == after.best_camera[c] &&
            before.best_px_per_m[c] == after.best_px_per_m[c])
          continue;
        ++differ;
        EXPECT_TRUE(std::binary_search(changed->begin(), changed->end(), c)) << "cell " << c;
      }
      EXPECT_LE(differ, changed->size());
    }
    Coverage fresh(*scene_, *grid_, DoriLevels());
    fresh.SetCameras(cams);
    EXPECT_EQ(live.cameras(), cams);
    ExpectSameAggregate(live.aggregate(), fresh.aggregate());
    ASSERT_EQ(live.layers().size(), fresh.layers().size());
    for (std::size_t i = 0; i < cams.size(); ++i) EXPECT_EQ(live.layers()[i].cells, fresh.layers()[i].cells);
  };
  auto cams = start;
  cams[2].position.y -= 4;
  cams[2].pitch_deg -= 5;
  expect_synced(cams);
  cams[1].id = "renamed";
  cams[1].cost += 100;
  expect_synced(cams);
  EXPECT_TRUE(live.Sync(cams)->empty());  // nothing to do
  Camera appended = cams[4];
  appended.yaw_deg += 90;
  cams.push_back(appended);
  expect_synced(cams);
  Camera extra = cams[0];
  extra.yaw_deg += 120;
  cams.insert(cams.begin() + 3, extra);
  expect_synced(cams);
  cams.erase(cams.begin() + 1);
  expect_synced(cams);
  std::reverse(cams.begin(), cams.end());
  expect_synced(cams);
  expect_synced(start);
}

TEST_F(DelftCoverage, EmbreeAndCgalSeeTheSameCells) {
  const auto cgal = BuildScene(*city_, SceneBackend::cgal);
  const auto cams = DelftCameras(*city_);
  std::size_t total = 0, differ = 0;
  for (const Camera& c : {cams[1], cams[6], cams[10]}) {
    const CameraLayer e = ComputeCameraLayer(*scene_, *grid_, c);
    const CameraLayer r = ComputeCameraLayer(*cgal, *grid_, c);
    std::vector<std::uint32_t> sym;
    std::set_symmetric_difference(e.cells.begin(), e.cells.end(), r.cells.begin(), r.cells.end(),
                                  std::back_inserter(sym));
    total += r.cells.size();
    differ += sym.size();
  }
  ASSERT_GT(total, 1000u);
  EXPECT_LE(differ, total / 1000) << "grazing-ray ties only (< 0.1 %)";
}

}  // namespace
}  // namespace sim
