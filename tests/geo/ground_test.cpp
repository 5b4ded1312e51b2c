// Where the ground is: derived from a city model at national heights, from a DSM alone, a DEM
// under LoD2 bases a few cm off, water, and the frame's origin for data without a CRS.
#include "geo/derived_ground.h"

#include <gtest/gtest.h>

#include "geo/city_json_writer.h"
#include "geo/load_city.h"
#include "sim/grid.h"
#include "sim/scene.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

// Cells on the raster's pixels: an area on pixel edges in EPSG:3059.
CityModel LoadInArea(const std::vector<CitySource>& sources, std::array<double, 4> bbox,
                     core::Diagnostics& diag) {
  CityLoadOptions options;
  options.sources = sources;
  options.area = AreaOfInterest{};
  options.area->bbox = bbox;
  options.area->crs = "EPSG:3059";
  return LoadCity(options, diag);
}

// Three LoD2 blocks on ground rising 4 m over 100 m eastwards, at Zurich heights, no DEM.
std::filesystem::path WriteHillsideTown(const TempDir& dir) {
  return CityJsonWriter()
      .Add(Lod2Building{0, 0, 20, 20, 410.0, 425.0})
      .Add(Lod2Building{50, 0, 70, 20, 412.0, 430.0})
      .Add(Lod2Building{100, 0, 120, 20, 414.0, 424.0})
      .Add(Lod2Building{50, 60, 70, 80, 412.0, 422.0})
      .Write(dir / "zurich.city.json");
}

TEST(Ground, ModelAtNationalHeightsStandsOnAGroundDerivedFromItsBases) {
  TempDir dir;
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteHillsideTown(dir))}, diag);
  ASSERT_TRUE(city.terrain.has_value());
  EXPECT_EQ(city.ground_source, GroundSource::model);
  // Between the first two blocks (x = 20 at 410 m, x = 50 at 412 m) the TIN is linear.
  const double x = 35 - city.frame.origin_x + 2683000, y = 10 - city.frame.origin_y + 1247000;
  EXPECT_NEAR(city.GroundZ(x, y), 411.0, 0.05);
  // Beside a block the ground is its base: the buildings stand on it, nothing floats.
  EXPECT_NEAR(city.GroundZ(x + 64.5, y), 412.0 + 2.0 * 29.5 / 30.0, 0.05);
  EXPECT_EQ(diag.Count("building floats above the ground in use (derived from the model (terrain objects, building bases))"), 0u);
  // The derived ground is meshed over the whole area, nowhere near z = 0.
  EXPECT_GT(city.CountTriangles(Surface::ground), 0u);
  EXPECT_GT(city.Bounds().min.z, 409.9f);
}

TEST(Ground, TargetsSitOnTheDerivedGroundBetweenBuildingsAndNotInside) {
  TempDir dir;
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteHillsideTown(dir))}, diag);
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  const double ox = 2683000 - city.frame.origin_x, oy = 1247000 - city.frame.origin_y;
  auto cell = [&](double x, double y) {
    const int col = static_cast<int>((ox + x - grid.min_x) / grid.resolution_m);
    const int row = static_cast<int>((grid.max_y - (oy + y)) / grid.resolution_m);
    return grid.Index(col, row);
  };
  EXPECT_TRUE(grid.IsTarget(cell(35.5, 10.5)));
  EXPECT_NEAR(grid.ground_z[cell(35.5, 10.5)], 411.0, 0.1);
  EXPECT_FALSE(grid.IsTarget(cell(10.5, 10.5))) << "inside a building";
  EXPECT_FALSE(grid.IsTarget(cell(60.5, 70.5))) << "inside a building";
  // Every footprint cell is closed: 4 blocks x 400 m2.
  EXPECT_EQ(grid.size() - grid.CountTargets(), 4u * 400u);
}

TEST(Ground, TerrainObjectsComeBeforeBuildingBases) {
  TempDir dir;
  core::Diagnostics diag;
  const auto file = CityJsonWriter()
                        .Add(Lod2Building{0, 0, 20, 20, 500.0, 512.0})
                        .Add(Lod2Building{80, 0, 100, 20, 500.0, 512.0})
                        .Add(FlatPatch{"LandUse", 30, -10, 70, 30, 503.0})
                        .Write(dir / "terrain.city.json");
  const CityModel city = Load({Source(file)}, diag);
  const double ox = 2683000 - city.frame.origin_x, oy = 1247000 - city.frame.origin_y;
  EXPECT_NEAR(city.GroundZ(ox + 50, oy + 10), 503.0, 0.01) << "on the land use";
  EXPECT_NEAR(city.GroundZ(ox + 25, oy + 10), 501.5, 0.05) << "between base (500 at x 20) and land use (503 at x 30)";
}

TEST(Ground, DsmAloneGivesADtmByOpeningAndTargetsOnIt) {
  TempDir dir;
  // 1 m DSM: ground rising 2 cm/m eastwards, a 12 m high 20 x 20 m block.
  auto ground = [](double x, double) { return 100 + 0.02 * (x - 500000); };
  WriteRaster(dir / "dsm.tif", 3059, 500000, 300000, 1.0, 120, 80, [&](double x, double y) {
    const bool block = x > 500040 && x < 500060 && y > 300030 && y < 300050;
    return ground(x, y) + (block ? 12.0 : 0.0);
  });
  CitySource dsm = Source(dir / "dsm.tif");
  dsm.role = SourceRole::surface;
  core::Diagnostics diag;
  const CityModel city = LoadInArea({dsm}, {500000, 300000, 500120, 300080}, diag);
  ASSERT_TRUE(city.terrain && city.surface);
  EXPECT_EQ(city.ground_source, GroundSource::dtm_from_dsm);
  const double ox = 500000 - city.frame.origin_x, oy = 300000 - city.frame.origin_y;
  EXPECT_NEAR(city.GroundZ(ox + 50.5, oy + 40.5), ground(500050.5, 0), 0.05) << "under the block: the slope";
  EXPECT_NEAR(city.GroundZ(ox + 10.5, oy + 10.5), ground(500010.5, 0), 0.05);

  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  const int col_open = static_cast<int>(ox + 10.5 - grid.min_x), row = static_cast<int>(grid.max_y - (oy + 40.5));
  const int col_block = static_cast<int>(ox + 50.5 - grid.min_x);
  EXPECT_TRUE(grid.IsTarget(grid.Index(col_open, row)));
  EXPECT_NEAR(grid.ground_z[grid.Index(col_open, row)], ground(500010.5, 0), 0.05);
  EXPECT_FALSE(grid.IsTarget(grid.Index(col_block, row))) << "inside the DSM's block: no target";
  EXPECT_TRUE(sim::UnderTerrainSurface(city, *scene, {static_cast<float>(ox + 50.5), static_cast<float>(oy + 40.5), 107.0f}));
  EXPECT_FALSE(sim::UnderTerrainSurface(city, *scene, {static_cast<float>(ox + 10.5), static_cast<float>(oy + 40.5), 107.0f}));
}

TEST(Ground, OpeningKeepsSlopesAndRemovesNarrowObjects) {
  Heightfield dsm;
  dsm.nx = 60;
  dsm.ny = 40;
  dsm.spacing = 1;
  dsm.z.resize(60 * 40);
  for (int j = 0; j < 40; ++j)
    for (int i = 0; i < 60; ++i)
      dsm.z[j * 60 + i] = static_cast<float>(10 + 0.1 * i + 0.05 * j + ((i >= 20 && i < 30 && j >= 10 && j < 20) ? 8 : 0));
  dsm.z[5 * 60 + 5] = NAN;
  const Heightfield dtm = GroundFromSurface(dsm, 16);
  for (int j = 0; j < 40; ++j)
    for (int i = 0; i < 60; ++i) {
      if (i == 5 && j == 5) {
        EXPECT_TRUE(std::isnan(dtm.At(i, j))) << "no data stays no data";
        continue;
      }
      const double plane = 10 + 0.1 * i + 0.05 * j;
      const bool near_block = i >= 12 && i < 38 && j >= 2 && j < 28;
      // The 8 m block is gone; a flat window on a slope leaves a residual of at most the slope
      // across the block next to it (a documented limit), none away from it, none at the border.
      EXPECT_NEAR(dtm.At(i, j), plane, near_block ? 1.0 : 1e-4) << i << ", " << j;
    }
}

TEST(Ground, DtmAndDsmTogetherTargetsOnTheDtmOcclusionByTheDsm) {
  TempDir dir;
  WriteRaster(dir / "dtm.tif", 3059, 500000, 300000, 1.0, 80, 80, [](double, double) { return 50.0; });
  WriteRaster(dir / "dsm.tif", 3059, 500000, 300000, 1.0, 80, 80, [](double x, double y) {
    return 50.0 + ((x > 500030 && x < 500040 && y > 300030 && y < 300040) ? 9.0 : 0.0);
  });
  CitySource dtm = Source(dir / "dtm.tif"), dsm = Source(dir / "dsm.tif");
  dtm.role = SourceRole::terrain;
  dsm.role = SourceRole::surface;
  core::Diagnostics diag;
  const CityModel city = LoadInArea({dsm, dtm}, {500000, 300000, 500080, 300080}, diag);
  EXPECT_EQ(city.ground_source, GroundSource::dem);
  ASSERT_TRUE(city.surface.has_value());
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  EXPECT_EQ(grid.size() - grid.CountTargets(), 100u) << "the 10 x 10 m object in the DSM";
  for (std::uint32_t i = 0; i < grid.size(); ++i) {
    if (grid.IsTarget(i)) ASSERT_NEAR(grid.ground_z[i], 50.0, 1e-3);
  }
  // Occlusion by the DSM: a target behind the object is hidden from a low point in front.
  const double ox = 500000 - city.frame.origin_x, oy = 300000 - city.frame.origin_y;
  const sim::Point3f eye{static_cast<float>(ox + 20), static_cast<float>(oy + 35), 53.0f};
  const sim::Point3f behind{static_cast<float>(ox + 50), static_cast<float>(oy + 35), 51.7f};
  EXPECT_TRUE(scene->Occluded(eye, behind));
}

TEST(Ground, LoD2BasesAFewCentimetresAboveTheDemAreSnappedNoHollowBuilding) {
  TempDir dir;
  // DEM flat at 400 m; one block 5 cm above it, one 3 m above it (floating), one sunk 2 m.
  WriteRaster(dir / "dem.tif", 2056, 2683000 - 20, 1247000 - 20, 1.0, 160, 60, [](double, double) { return 400.0; });
  const auto file = CityJsonWriter()
                        .Add(Lod2Building{0, 0, 20, 20, 400.05, 412.0})
                        .Add(Lod2Building{40, 0, 60, 20, 403.0, 412.0})
                        .Add(Lod2Building{80, 0, 100, 20, 398.0, 412.0})
                        .Write(dir / "lod2.city.json");
  core::Diagnostics diag;
  const CityModel city = Load({Source(dir / "dem.tif"), Source(file)}, diag);
  EXPECT_EQ(diag.Count("building base snapped onto the ground (within 0.5 m)"), 1u);
  EXPECT_EQ(diag.Count("building floats above the ground in use (DEM)"), 1u);
  EXPECT_EQ(diag.Count("building sinks below the ground in use (DEM)"), 1u);
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  const double ox = 2683000 - city.frame.origin_x, oy = 1247000 - city.frame.origin_y;
  auto target = [&](double x, double y) {
    return grid.IsTarget(grid.Index(static_cast<int>(ox + x - grid.min_x), static_cast<int>(grid.max_y - (oy + y))));
  };
  EXPECT_FALSE(target(10.5, 10.5)) << "snapped: its interior is no target";
  EXPECT_TRUE(target(50.5, 10.5)) << "3 m of clear height under a floating body: a passage";
  EXPECT_FALSE(target(90.5, 10.5));
  EXPECT_TRUE(target(30.5, 10.5));
}

TEST(Ground, BaseJustAboveTheGroundClosesTheCellWithoutSnapping) {
  // A body 0.8 m above the DEM (beyond the snap tolerance): less than 2 m clear height.
  TempDir dir;
  WriteRaster(dir / "dem.tif", 2056, 2683000 - 20, 1247000 - 20, 1.0, 60, 60, [](double, double) { return 400.0; });
  const auto file = CityJsonWriter().Add(Lod2Building{0, 0, 20, 20, 400.8, 412.0}).Write(dir / "b.city.json");
  core::Diagnostics diag;
  const CityModel city = Load({Source(dir / "dem.tif"), Source(file)}, diag);
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  EXPECT_EQ(grid.size() - grid.CountTargets(), 400u);
}

TEST(Ground, WaterBodiesAreNoTargetsOnDerivedGround) {
  TempDir dir;
  const auto file = CityJsonWriter()
                        .Add(Lod2Building{0, 0, 20, 20, 430.0, 440.0})
                        .Add(Lod2Building{60, 0, 80, 20, 430.0, 440.0})
                        .Add(FlatPatch{"WaterBody", 30, 0, 50, 20, 429.5})
                        .Write(dir / "lake.city.json");
  core::Diagnostics diag;
  const CityModel city = Load({Source(file)}, diag);
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  // Area: the model's extent, 80 x 20 m: two buildings and the lake are no targets.
  EXPECT_EQ(grid.size(), 1600u);
  EXPECT_EQ(grid.CountTargets(), 1600u - 400u - 400u - 400u);
}

TEST(Ground, OriginFromTheDataExtentWhenNoCrsAndNoArea) {
  TempDir dir;
  WriteVector(dir / "anon.gpkg", 0,
              {{"POLYGON((155000 414000,155020 414000,155020 414020,155000 414020,155000 414000))", {{"height", "10"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(dir / "anon.gpkg")}, diag, "EPSG:28992");
  EXPECT_NEAR(city.frame.origin_x, 155000, 100);
  EXPECT_NEAR(city.frame.origin_y, 414000, 100);
}

}  // namespace
}  // namespace geo
