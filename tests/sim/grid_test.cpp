// The grid set-up skips the vertical rays whose answer a conservative footprint raster
// (ColumnCover) already knows: every cell must stay what casting every ray gives (the reference
// below is MakeGrid as it was before), on scenes with water, terrain, DSM buildings, bridges,
// overhangs and low structures, in bands and on real data. The same cells are targets, bit for
// bit the same heights where rays were cast; on level ground known without a ray the height is
// the triangle's own, where the ray's distance carries a few float ulps of rounding.
#include "sim/grid.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <tuple>

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>

#include "geo/raster_io.h"
#include "scenario/scenario.h"
#include "sim/column_cover.h"
#include "sim/first_hits.h"
#include "sim/scene.h"
#include "sim/synthetic_city.h"
#include "test_util.h"

namespace sim {
namespace {

using geo::Surface;

// ---- The reference: MakeGrid casting every ray (as before ColumnCover). ----

float NormalZ(const geo::CityModel& city, std::uint32_t t) {
  const geo::Tri& tri = city.triangles[t];
  const geo::Vec3f& a = city.vertices[tri.a];
  const geo::Vec3f& b = city.vertices[tri.b];
  const geo::Vec3f& c = city.vertices[tri.c];
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool IsGroundLike(Surface s) {
  return s == Surface::ground || s == Surface::terrain || s == Surface::water || s == Surface::vegetation;
}

Scene::SurfaceSet GroundLikeSet() {
  Scene::SurfaceSet set = 0;
  for (int s = 0; s < geo::kSurfaceCount; ++s)
    if (IsGroundLike(static_cast<Surface>(s))) set |= Scene::Of(static_cast<Surface>(s));
  return set;
}

// The nearest triangle of the kind, the others as if absent (Scene::FirstHitOf).
std::optional<Scene::Hit> FirstHitOfKind(const Scene& scene, const geo::CityModel& city, Point3f from,
                                         float dir_z, float max_distance, bool ground_like) {
  return scene.FirstHitOf(from, {0, 0, dir_z}, max_distance, ground_like ? GroundLikeSet() : ~GroundLikeSet(), city);
}

bool WaterNear(const Scene& scene, const geo::CityModel& city, double x, double y, double z) {
  const Point3f from{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + 1.0)};
  return scene.FirstHitOf(from, {0, 0, -1}, 2.5f, Scene::Of(Surface::water), city).has_value();
}

Grid ReferenceGrid(const geo::CityModel& city, const Scene& scene, const GridOptions& options, RowBand band = {}) {
  Grid g;
  g.resolution_m = options.resolution_m;
  g.height_m = options.height_m;
  g.min_x = city.area.min_x;
  g.max_y = city.area.max_y;
  std::tie(g.nx, g.ny) = GridSize(city.area, g.resolution_m);
  if (band.count >= 0) {
    g.first_row = std::clamp(band.first, 0, g.ny);
    g.ny = std::clamp(band.count, 0, g.ny - g.first_row);
  }
  g.ground_z.assign(static_cast<std::size_t>(g.nx) * g.ny, NAN);
  const geo::Box3f bounds = city.Bounds();
  const float top = bounds.max.z + 1.0f, depth = bounds.max.z - bounds.min.z + 2.0f;
  for (int row = 0; row < g.ny; ++row) {
    for (int col = 0; col < g.nx; ++col) {
      const double x = g.CellX(col), y = g.CellY(row);
      double z;
      if (city.terrain) {
        z = city.terrain->Sample(x, y);
        if (std::isnan(z)) continue;
        if (WaterNear(scene, city, x, y, z)) continue;
        const Point3f target{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + g.height_m)};
        if (UnderTerrainSurface(city, scene, target)) continue;
      } else {
        const Point3f above{static_cast<float>(x), static_cast<float>(y), top};
        const auto ground = FirstHitOfKind(scene, city, above, -1, depth, true);
        if (ground && city.triangle_surface[ground->triangle] == Surface::water) continue;
        z = ground ? top - ground->distance : 0.0;
        if (WaterNear(scene, city, x, y, z)) continue;
      }
      const Point3f from{static_cast<float>(x), static_cast<float>(y), static_cast<float>(z + 0.05)};
      const auto structure = FirstHitOfKind(scene, city, from, 1, top - from.z, false);
      if (structure && (NormalZ(city, structure->triangle) > 0 || structure->distance + 0.05 < options.min_clear_height_m))
        continue;
      g.ground_z[g.Index(col, row)] = static_cast<float>(z);
    }
  }
  return g;
}

// ---- Comparison ----

// Same size, NaN where the reference has NaN, and every height bit for bit the reference's, or
// within float rounding of the rays' top where it is a level ground triangle's (`flat_z`: the
// heights of the scene's level ground triangles).
void ExpectSameCells(const Grid& expected, const Grid& actual, const std::string& what, float top = 0) {
  ASSERT_EQ(expected.nx, actual.nx) << what;
  ASSERT_EQ(expected.ny, actual.ny) << what;
  ASSERT_EQ(expected.first_row, actual.first_row) << what;
  const float ulps = 8 * std::numeric_limits<float>::epsilon() * (std::abs(top) + 1);
  std::size_t differ = 0, first = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const float e = expected.ground_z[i], a = actual.ground_z[i];
    if (std::memcmp(&e, &a, sizeof(float)) == 0) continue;
    const bool within = !std::isnan(e) && !std::isnan(a) && std::abs(e - a) <= ulps;
    if (!within && differ++ == 0) first = i;
  }
  EXPECT_EQ(differ, 0u) << what << ": first at cell " << first << " (col " << first % expected.nx << ", row "
                        << first / expected.nx << "): " << expected.ground_z[first] << " vs " << actual.ground_z[first];
}

void ExpectAsReference(const geo::CityModel& city, const std::string& what, std::initializer_list<double> resolutions) {
  const auto scene = BuildScene(city);
  const float top = city.Bounds().max.z + 1.0f;  // where the set-up's vertical rays start
  for (const double res : resolutions) {
    const GridOptions options{res, 1.7};
    const Grid expected = ReferenceGrid(city, *scene, options);
    ExpectSameCells(expected, MakeGrid(city, *scene, options), what + " at " + std::to_string(res) + " m", top);
    // Bands that start inside a chunk of rows and end past the grid.
    for (const RowBand band : {RowBand{5, 41}, RowBand{expected.ny / 2, expected.ny}}) {
      ExpectSameCells(ReferenceGrid(city, *scene, options, band), MakeGrid(city, *scene, options, band),
                      what + " band from row " + std::to_string(band.first), top);
    }
  }
}

// A quarter turn of a box about its centre by `deg`: triangles off the axes.
void TurnedBuilding(testing_util::SyntheticCity& s, double cx, double cy, double half, double deg, float height) {
  const double a = deg * 3.14159265358979 / 180, c = std::cos(a), sn = std::sin(a);
  geo::Vec3f low[4], high[4];
  const double corners[4][2] = {{-half, -half}, {half, -half}, {half, half}, {-half, half}};
  for (int k = 0; k < 4; ++k) {
    const float x = static_cast<float>(cx + c * corners[k][0] - sn * corners[k][1]);
    const float y = static_cast<float>(cy + sn * corners[k][0] + c * corners[k][1]);
    low[k] = {x, y, 0};
    high[k] = {x, y, height};
  }
  for (int k = 0; k < 4; ++k) {
    const int n = (k + 1) % 4;
    s.Triangle(low[k], low[n], high[n], Surface::wall).Triangle(low[k], high[n], high[k], Surface::wall);
  }
  s.Triangle(high[0], high[1], high[2], Surface::roof).Triangle(high[0], high[2], high[3], Surface::roof);
  s.Triangle(low[0], low[2], low[1], Surface::underside).Triangle(low[0], low[3], low[2], Surface::underside);
}

TEST(GridSetUp, ModelSceneCellsEqualCastingEveryRay) {
  // Edges on x.25 and x.75 run through the cell centres of the 0.5 m grid.
  testing_util::SyntheticCity s(0, 0, 83, 62);
  s.Box(5.25, 5.25, 20.75, 25.25, 0, 12)     // a building
      .Box(30, 5.75, 40.25, 15, 0.04, 9)     // its base a few cm above the ground: closed
      .Box(45.25, 5, 55, 12.25, 1.2, 6)      // a low structure: closed
      .Box(45, 20.25, 55.75, 26, 3.5, 8)     // an overhang: open under it
      .Box(60, 30.25, 80, 33.75, 6, 6.8);    // a bridge
  s.Patch(60.25, 5, 80, 25.25, 0.0f, Surface::water)     // water laid on the ground plane
      .Patch(5, 40.25, 20.25, 55, -0.8f, Surface::water)  // water just under the ground
      .Patch(25.75, 40, 40, 55.75, 0.6f, Surface::water)  // and just over it
      .Patch(60, 29.75, 80.25, 34.25, 6.8f, Surface::ground)  // the bridge deck, ground-like
      .Patch(45, 40, 55.25, 55, 0.3f, Surface::vegetation);
  TurnedBuilding(s, 70, 48, 6, 27, 15);
  TurnedBuilding(s, 30.25, 30.25, 3.3, 45, 4);  // its corners on cell centres
  // A sliver of water along a cell row's centres, and one along a column's.
  s.Triangle({1, 58.25f, 0.1f}, {40, 58.25f, 0.1f}, {40, 58.26f, 0.1f}, Surface::water);
  s.Triangle({42.25f, 30, 0.1f}, {42.26f, 30, 0.1f}, {42.25f, 39, 0.1f}, Surface::water);
  ExpectAsReference(s.city(), "model scene", {0.5, 0.37, 1.0});
}

// Structures whose first surface above the ground is known from the footprints, and those it
// is not: overhangs just under, at and over the clear height (2 m), stacked boxes, a green roof
// on a roof, a ground-like floor inside a building, a roof on a raised level patch, a low slab, a box sunk into the ground.
TEST(GridSetUp, StructureCellsKnownWithoutRaysEqualCastingEveryRay) {
  testing_util::SyntheticCity s(0, 0, 40, 30);
  s.Box(2.25, 2.25, 8.75, 8.75, 1.95, 5)            // under the clear height: no target
      .Box(10.25, 2.25, 16.75, 8.75, 2.0, 5)        // at it: the ray decides
      .Box(18.25, 2.25, 24.75, 8.75, 2.001, 5)      // just over it: open under it
      .Box(2.25, 12.25, 14.75, 20.75, 0, 4)         // a box, and a smaller one on its roof
      .Box(4.25, 14.25, 10.75, 18.75, 4, 9)
      .Box(18.25, 12.25, 24.75, 20.75, 0, 7)        // a green roof on a roof (a coplanar one
      .Patch(18.25, 12.25, 24.75, 20.75, 7.001, Surface::vegetation)  // is Embree's coin toss)
      .Patch(20.25, 14.25, 22.75, 18.75, 3, Surface::ground)  // a floor inside it, ground-like
      .Patch(28, 2, 38, 12, 1.0, Surface::ground)   // a raised level patch with a box on it
      .Box(30.25, 4.25, 35.75, 9.75, 1.0, 6)
      .Box(28.25, 14.25, 34.75, 20.75, 0.5, 0.6)    // a low slab
      .Box(2.25, 23.25, 8.75, 28.75, -2, 3);        // sunk into the ground
  ExpectAsReference(s.city(), "structures", {0.5, 0.37, 1.0});
}

// A TIN terrain (as a DSM or DEM gives) with a DSM building on it, a LoD1 box, water.
TEST(GridSetUp, TerrainSceneCellsEqualCastingEveryRay) {
  testing_util::SyntheticCity s(0, 0, 40, 30);
  geo::Heightfield hf;
  hf.x0 = 0;
  hf.y0 = 0;
  hf.spacing = 1;
  hf.nx = 41;
  hf.ny = 31;
  for (int j = 0; j < hf.ny; ++j)
    for (int i = 0; i < hf.nx; ++i) {
      const bool dsm_building = i >= 5 && i <= 12 && j >= 5 && j <= 14;
      const bool nodata = i >= 30 && i <= 32 && j >= 20 && j <= 22;
      hf.z.push_back(nodata ? NAN : static_cast<float>(3 + 0.1 * i + 0.05 * j + (dsm_building ? 9 : 0)));
    }
  auto node = [&](int i, int j) { return geo::Vec3f{float(i), float(j), hf.At(i, j)}; };
  for (int j = 0; j + 1 < hf.ny; ++j)
    for (int i = 0; i + 1 < hf.nx; ++i) {
      const geo::Vec3f a = node(i, j), b = node(i + 1, j), c = node(i + 1, j + 1), d = node(i, j + 1);
      if (std::isnan(a.z) || std::isnan(b.z) || std::isnan(c.z) || std::isnan(d.z)) continue;
      s.Triangle(a, b, c, Surface::terrain).Triangle(a, c, d, Surface::terrain);
    }
  s.Box(20.25, 5, 28, 12.75, 4, 14);                   // a LoD1 building on the slope
  s.Patch(30.25, 2, 38, 10.75, 5.5f, Surface::water);  // a pond on the terrain
  s.Patch(2, 20.25, 10.75, 28, 3.4f, Surface::water);  // water 0.x m under it
  s.city().terrain = hf;
  ExpectAsReference(s.city(), "terrain scene", {0.5, 0.3});
}

TEST(GridSetUp, DelftCellsEqualCastingEveryRay) {
  core::Diagnostics diag;
  const geo::CityModel model =
      testing_util::Load({testing_util::Source(testing_util::DataPath("delft_lod1.city.json"))}, diag);
  ASSERT_GT(model.CountTriangles(Surface::water), 0u);
  ExpectAsReference(model, "Delft LoD1", {0.5});
  {  // one thread lays the same cells as many
    const auto scene = BuildScene(model);
    Grid one;
    tbb::task_arena single(1);
    single.execute([&] { one = MakeGrid(model, *scene, {0.5, 1.7}); });
    ExpectSameCells(one, MakeGrid(model, *scene, {0.5, 1.7}), "Delft, 1 vs many threads");
  }
  geo::CitySource dsm = testing_util::Source(testing_util::DataPath("delft_dsm_1m_from_lod1.tif"));
  dsm.role = geo::SourceRole::terrain;
  const geo::CityModel relief = testing_util::Load({dsm}, diag);
  ASSERT_TRUE(relief.terrain.has_value());
  ExpectAsReference(relief, "Delft DSM as terrain", {0.5});
}

// Monaco at 0.5 m (31.6 M cells, half a minute for the reference on two cores): run by hand,
// `sightline_tests --gtest_also_run_disabled_tests --gtest_filter='*Monaco*'`.
TEST(GridSetUp, DISABLED_MonacoCellsEqualCastingEveryRay) {
  const scenario::Scenario s = scenario::LoadScenario(testing_util::DataPath("../scenarios/monaco.yaml"));
  core::Diagnostics diag;
  const geo::CityModel city = geo::LoadCity(s.city, diag);
  const auto scene = BuildScene(city);
  ExpectSameCells(ReferenceGrid(city, *scene, s.grid), MakeGrid(city, *scene, s.grid), "Monaco",
                  city.Bounds().max.z + 1.0f);
}

// Level ground known without a ray has its triangle's height exactly, not the ray's top less
// its distance; where water lies over it, or the ground slopes, the ray decides. Under a
// building standing on the level ground the ground is known too: casting, the step past the
// building's floor (1 mm) skipped the ground it stands on and found the plane below, so its
// inside was taken for ground with 120 m of clearance.
// GDAL's rasteriser over a grid (cell centres inside the polygons), the reference CellsInside
// replaced for outlines and zones.
std::vector<std::uint8_t> GdalRasterized(const std::vector<geo::Polygon>& polygons, const geo::RasterGrid& grid) {
  GDALAllRegister();
  GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("MEM")->Create("", grid.nx, grid.ny, 1, GDT_Byte, nullptr);
  double gt[6] = {grid.min_x, grid.cell_m, 0, grid.max_y, 0, -grid.cell_m};
  ds->SetGeoTransform(gt);
  std::vector<std::unique_ptr<OGRPolygon>> owned;
  std::vector<OGRGeometryH> geoms;
  for (const geo::Polygon& polygon : polygons) {
    auto p = std::make_unique<OGRPolygon>();
    for (const geo::Ring& ring : polygon) {
      OGRLinearRing r;
      for (const geo::Vec2d& v : ring) r.addPoint(v.x, v.y);
      r.closeRings();
      p->addRing(&r);
    }
    geoms.push_back(OGRGeometry::ToHandle(p.get()));
    owned.push_back(std::move(p));
  }
  int band = 1;
  std::vector<double> burn(geoms.size(), 1.0);
  EXPECT_EQ(GDALRasterizeGeometries(ds, 1, &band, static_cast<int>(geoms.size()), geoms.data(), nullptr, nullptr,
                                    burn.data(), nullptr, nullptr, nullptr),
            CE_None);
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(grid.nx) * grid.ny);
  EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, grid.nx, grid.ny, mask.data(), grid.nx, grid.ny, GDT_Byte, 0, 0),
            CE_None);
  GDALClose(ds);
  return mask;
}

// A band of a grid marks the cells inside an outline as the whole grid does, bit for bit: a
// round-numbered triangle on a 0.7 m grid puts 16 cell centres exactly on its slanted edge, and
// GDAL's rasteriser, working from each band's own origin, put them in or out by band (a tester
// saw coverage.tif differ under mpirun -np 2 and 4). The same cells as GDAL's elsewhere.
TEST(CellsInside, BandsMarkTheWholeGridsCells) {
  const std::vector<geo::Polygon> triangle{{{{0, 0}, {70, 0}, {0, 70}}}};
  Grid whole;
  whole.min_x = 0, whole.max_y = 70, whole.resolution_m = 0.7, whole.nx = 100, whole.ny = 100;
  const std::vector<std::uint8_t> all = CellsInside(triangle, whole);
  ASSERT_EQ(all.size(), 10000u);
  for (int first : {0, 16, 48, 61, 99}) {
    for (int rows : {1, 16, 52}) {
      Grid band = whole;
      band.first_row = first;
      band.ny = std::min(rows, 100 - first);
      const std::vector<std::uint8_t> part = CellsInside(triangle, band);
      ASSERT_EQ(part.size(), static_cast<std::size_t>(band.ny) * 100);
      EXPECT_TRUE(std::equal(part.begin(), part.end(), all.begin() + first * 100)) << "band from row " << first;
    }
  }
  // Against GDAL's rasteriser over the whole grid: the same cells but those whose centre lies on
  // the edge within a float's rounding. (GDAL's over the bands from rows 48 and 61 differ from
  // its whole grid's here.)
  const std::vector<std::uint8_t> gdal = GdalRasterized(triangle, whole.Raster());
  std::size_t inside = 0, differ = 0;
  for (int row = 0; row < 100; ++row)
    for (int col = 0; col < 100; ++col) {
      const std::size_t i = static_cast<std::size_t>(row) * 100 + col;
      inside += all[i];
      if (all[i] != gdal[i]) {
        ++differ;
        EXPECT_NEAR(whole.CellX(col) + whole.CellY(row), 70.0, 1e-9) << "off the edge: col " << col << ", row " << row;
      }
    }
  EXPECT_NEAR(inside * 0.49, 70.0 * 70.0 / 2, 70 * 0.7) << "the triangle's area, to a row of cells";
  EXPECT_LE(differ, 100u);
  // A hole and a second part: even-odd over every ring.
  const std::vector<geo::Polygon> holed{{{{0, 0}, {70, 0}, {70, 70}, {0, 70}}, {{10, 10}, {60, 10}, {60, 60}, {10, 60}}},
                                        {{{100, 100}, {110, 100}, {110, 110}}}};
  const std::vector<std::uint8_t> ring = CellsInside(holed, whole);
  EXPECT_EQ(ring[static_cast<std::size_t>(50) * 100 + 50], 0) << "in the hole";
  EXPECT_EQ(ring[static_cast<std::size_t>(95) * 100 + 5], 1) << "in the frame";
}

TEST(GridSetUp, LevelGroundIsItsTrianglesHeight) {
  testing_util::SyntheticCity s(0, 0, 40, 30);
  const float level = 123.456f;
  s.Patch(0, 0, 40, 30, level, Surface::ground)
      .Box(5.25, 5.25, 10.75, 10.75, level, level + 30)                  // a building
      .Patch(20.25, 5.25, 30.75, 10.75, level - 0.5f, Surface::water);  // water under the ground
  s.Triangle({0, 20, level}, {40, 20, level}, {40, 30, level + 2}, Surface::ground);  // a slope over it
  const geo::CityModel& city = s.city();
  const auto scene = BuildScene(city);
  const Grid g = MakeGrid(city, *scene, {0.5, 1.7});
  std::size_t level_cells = 0, inside = 0;
  for (int row = 0; row < g.ny; ++row)
    for (int col = 0; col < g.nx; ++col) {
      const double x = g.CellX(col), y = g.CellY(row);
      const float z = g.ground_z[g.Index(col, row)];
      if (y > 12 && y < 19 && (x < 4 || x > 28)) {  // off the patch's diagonal
        EXPECT_EQ(z, level) << col << ", " << row;
        ++level_cells;
      }
      if (x > 5.25 && x < 10.75 && y > 5.25 && y < 10.75) {
        EXPECT_TRUE(std::isnan(z)) << "inside the building: " << col << ", " << row << ": " << z;
        ++inside;
      }
    }
  EXPECT_GT(level_cells, 400u);
  EXPECT_EQ(inside, 100u);  // 5.5 x 5.5 m, 0.5 m cells
}

// Rows of rays traced together give what each ray gives alone: vertical rays down and up on
// Delft (roofs, walls, roads, water, vegetation), rays at a slant, misses and short ones.
TEST(FirstHits, EqualFirstHitRayByRay) {
  core::Diagnostics diag;
  const geo::CityModel city =
      testing_util::Load({testing_util::Source(testing_util::DataPath("delft_lod1.city.json"))}, diag);
  const auto scene = BuildScene(city);
  const geo::Box3f b = city.Bounds();
  std::vector<HitQuery> rays;
  for (double y = city.area.min_y; y < city.area.max_y; y += 0.77)
    for (double x = city.area.min_x; x < city.area.max_x; x += 0.9) {
      const float fx = static_cast<float>(x), fy = static_cast<float>(y);
      rays.push_back({{fx, fy, b.max.z + 1}, {0, 0, -1}, b.max.z - b.min.z + 2});
      rays.push_back({{fx, fy, b.min.z + 0.05f}, {0, 0, 1}, (rays.size() % 7) * 3.0f});
      if (rays.size() % 5 == 0) rays.push_back({{fx, fy, 2}, {0.6f, 0, 0.8f}, 100});
    }
  std::vector<std::optional<Scene::Hit>> hits(rays.size());
  FirstHits(*scene, rays, hits);
  std::size_t differ = 0, hit = 0;
  for (std::size_t i = 0; i < rays.size(); ++i) {
    const auto one = scene->FirstHit(rays[i].origin, rays[i].direction, rays[i].max_distance);
    hit += one.has_value();
    differ += one.has_value() != hits[i].has_value() ||
              (one && (std::memcmp(&one->distance, &hits[i]->distance, sizeof(float)) != 0 ||
                       one->triangle != hits[i]->triangle));
  }
  EXPECT_EQ(differ, 0u) << "of " << rays.size() << " rays";
  EXPECT_GT(hit, rays.size() / 2);
}

// Wherever a vertical ray hits a triangle, its cell carries the triangle's kind and the
// covering top is above the hit; where a water footprint holds the centre, the ray meets water:
// random triangles, slivers and walls (no footprint at all) on a 0.25 m grid.
TEST(ColumnCover, EveryCellAVerticalRayHitsATriangleInIsFlaggedAndHeightsHold) {
  testing_util::SyntheticCity s(0, 0, 30, 20);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> x(-2, 32), y(-2, 22), d(-1.5f, 1.5f), z(1, 5);
  for (int t = 0; t < 300; ++t) {
    const geo::Vec3f a{x(rng), y(rng), z(rng)};
    const geo::Vec3f b{a.x + d(rng), a.y + d(rng), z(rng)};
    geo::Vec3f c{a.x + d(rng), a.y + d(rng), z(rng)};
    if (t % 3 == 0) c = {b.x, b.y, b.z + 2};  // a wall: its footprint is a segment
    if (t % 3 == 1) c = {a.x + 1e-4f, a.y + 2.0f, a.z};  // a sliver
    s.Triangle(a, b, c, t % 2 ? Surface::water : Surface::roof);
  }
  const geo::CityModel& city = s.city();
  const auto scene = BuildScene(city);
  Grid g;
  g.resolution_m = 0.25;
  g.min_x = 0;
  g.max_y = 20;
  g.nx = 120;
  g.ny = 80;
  SurfaceKinds kinds{};
  kinds[static_cast<int>(Surface::water)] = 1;
  kinds[static_cast<int>(Surface::roof)] = 2;
  const ColumnCover cover(city, g, kinds, 16);
  std::vector<std::uint8_t> flags;
  ColumnCover::Heights heights(2);
  heights[0].kind = 2;  // roofs' tops
  heights[1].kind = 1;  // water's bottoms
  std::size_t hits = 0, contained = 0;
  for (int chunk = 0; chunk < cover.chunks(); ++chunk) {
    cover.Rasterise(chunk, flags, &heights);
    for (int r = 0; r < 16 && chunk * 16 + r < g.ny; ++r)
      for (int col = 0; col < g.nx; ++col) {
        const int row = chunk * 16 + r;
        const std::size_t at = r * g.nx + col;
        Point3f from{static_cast<float>(g.CellX(col)), static_cast<float>(g.CellY(row)), 10};
        bool water_hit = false;
        for (int step = 0; step < 64; ++step) {  // every triangle down the column
          const auto hit = scene->FirstHit(from, {0, 0, -1}, 20);
          if (!hit || city.triangle_surface[hit->triangle] == Surface::ground) break;
          ++hits;
          const Surface surface = city.triangle_surface[hit->triangle];
          EXPECT_TRUE(flags[at] & kinds[static_cast<int>(surface)])
              << "col " << col << " row " << row << " triangle " << hit->triangle;
          if (surface == Surface::roof) {
            EXPECT_GE(heights[0].covering_top[at], from.z - hit->distance - 1e-4f);
          }
          water_hit |= surface == Surface::water;
          from.z -= hit->distance + 0.0001f;
        }
        // A centre well inside a water footprint: the ray surely meets water.
        if (heights[1].containing_bottom[at] > -INFINITY) {
          ++contained;
          EXPECT_TRUE(water_hit) << "col " << col << " row " << row;
        }
      }
  }
  EXPECT_GT(hits, 1000u);
  EXPECT_GT(contained, 100u);
}

}  // namespace
}  // namespace sim
