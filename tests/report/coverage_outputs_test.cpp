#include "report/coverage_outputs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.h"
#include "scenario/scenario.h"
#include "test_util.h"

namespace report {
namespace {

using namespace testing_util;

// The block's scenario: camera A, then `more` (cameras, then zones:).
std::string BlockScenario(const std::string& more) {
  return R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60, cost: 400}
)" + more;
}

// A block, two cameras and a zone in LKS-92, run end to end into outputs.
class OutputsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteBlock(dir);
    run = scenario::RunCoverage(scenario::ParseScenario(BlockScenario(R"(  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300}
zones:
  - {name: Yard, kind: privacy, polygon: [[500030, 300000], [500045, 300000], [500045, 300020], [500030, 300020]]}
)"), dir / "s.yaml"));
  }
  const CoverageRun& Run() const { return *run; }

  TempDir dir;
  std::unique_ptr<scenario::CoverageResult> run;
  const sim::Grid& grid() const { return run->grid; }
};

// The blind spots are the unseen target cells, inside the priority zones when there are some:
// their polygons' area is those cells' area exactly.
TEST_F(OutputsFixture, BlindSpotsAreTheUnseenTargetCellsOfThePriorityZones) {
  const auto area_of = [](const std::vector<geo::Polygon>& polygons) {
    double area = 0;
    for (const geo::Polygon& p : polygons) {
      area += std::abs(geo::SignedArea(p[0]));
      for (std::size_t h = 1; h < p.size(); ++h) area -= std::abs(geo::SignedArea(p[h]));
    }
    return area;
  };
  const auto unseen_cells = [](const CoverageRun& r, const std::vector<std::uint8_t>& scope) {
    std::size_t n = 0;
    for (std::uint32_t i = 0; i < r.grid.size(); ++i)
      n += r.grid.IsTarget(i) && r.coverage->aggregate().k[i] == 0 && (scope.empty() || scope[i]);
    return n;
  };
  EXPECT_DOUBLE_EQ(area_of(BlindSpots(Run())), static_cast<double>(unseen_cells(Run(), {})));  // 1 m cells
  const auto prioritised = scenario::RunCoverage(scenario::ParseScenario(BlockScenario(R"(zones:
  - {name: Square, kind: priority, polygon: [[499960, 299960], [500020, 299960], [500020, 300020], [499960, 300020]]}
)"), dir / "p.yaml"));
  const std::vector<std::uint8_t> scope = PriorityScope(prioritised->zones, prioritised->grid);
  ASSERT_FALSE(scope.empty());
  const std::size_t inside = unseen_cells(*prioritised, scope);
  EXPECT_GT(inside, 0u);
  EXPECT_LT(inside, unseen_cells(*prioritised, {}));
  EXPECT_DOUBLE_EQ(area_of(BlindSpots(*prioritised)), static_cast<double>(inside));
}

TEST_F(OutputsFixture, GeoTiffHasCrsGeotransformAndTheAggregate) {
  WriteCoverageOutputs(Run(), dir / "out");
  GDALDataset* ds = GDALDataset::Open((dir / "out" / "coverage.tif").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
  ASSERT_NE(ds, nullptr);
  EXPECT_EQ(ds->GetRasterCount(), 4);
  OGRSpatialReference srs(*ds->GetSpatialRef());
  srs.AutoIdentifyEPSG();
  EXPECT_STREQ(srs.GetAuthorityCode(nullptr), "3059");
  double gt[6];
  ds->GetGeoTransform(gt);
  EXPECT_DOUBLE_EQ(gt[0], 499950);  // the area's west edge
  EXPECT_DOUBLE_EQ(gt[3], 300100);  // north edge
  EXPECT_DOUBLE_EQ(gt[1], 1.0);
  EXPECT_DOUBLE_EQ(gt[5], -1.0);
  EXPECT_EQ(ds->GetRasterXSize(), grid().nx);
  std::vector<float> k(grid().size()), px(grid().size());
  ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, grid().nx, grid().ny, k.data(), grid().nx, grid().ny, GDT_Float32, 0, 0), CE_None);
  ASSERT_EQ(ds->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, grid().nx, grid().ny, px.data(), grid().nx, grid().ny, GDT_Float32, 0, 0), CE_None);
  const auto& a = run->coverage->aggregate();
  std::size_t seen = 0;
  for (std::uint32_t i = 0; i < grid().size(); ++i) {
    if (!grid().IsTarget(i)) {
      EXPECT_EQ(k[i], -9999) << "nodata inside the block";
      continue;
    }
    EXPECT_EQ(k[i], a.k[i]);
    EXPECT_FLOAT_EQ(px[i], a.best_px_per_m[i]);
    seen += a.k[i] > 0;
  }
  EXPECT_GT(seen, 500u);
  // A cell inside the block (x = 500010, y = 300010) is nodata.
  const int col = static_cast<int>(500010 - gt[0]), row = static_cast<int>(gt[3] - 300010);
  EXPECT_EQ(k[static_cast<std::size_t>(row) * grid().nx + col], -9999);
  int has_nodata = 0;
  EXPECT_EQ(ds->GetRasterBand(1)->GetNoDataValue(&has_nodata), -9999);
  EXPECT_TRUE(has_nodata);
  GDALClose(ds);
}

// ZSTD unless the scenario asks for deflate (readers without ZSTD): the same pixels either way.
TEST_F(OutputsFixture, GeoTiffCompressionIsTheScenariosChoice) {
  const auto pixels = [&](const std::filesystem::path& file, std::string& compression) {
    GDALDataset* ds = GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    EXPECT_NE(ds, nullptr);
    if (!ds) return std::vector<float>{};
    const char* c = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
    compression = c ? c : "";
    std::vector<float> v(4 * grid().size());
    EXPECT_EQ(ds->RasterIO(GF_Read, 0, 0, grid().nx, grid().ny, v.data(), grid().nx, grid().ny, GDT_Float32, 4,
                           nullptr, 0, 0, 0, nullptr),
              CE_None);
    GDALClose(ds);
    return v;
  };
  WriteCoverageOutputs(Run(), dir / "zstd");
  run->scenario.outputs.geotiff_compression = geo::TiffCompression::deflate;
  WriteCoverageOutputs(Run(), dir / "deflate");
  std::string zstd_name, deflate_name;
  const std::vector<float> zstd = pixels(dir / "zstd" / "coverage.tif", zstd_name);
  const std::vector<float> deflate = pixels(dir / "deflate" / "coverage.tif", deflate_name);
  EXPECT_EQ(zstd_name, "ZSTD");
  EXPECT_EQ(deflate_name, "DEFLATE");
  EXPECT_EQ(zstd, deflate);
}

TEST_F(OutputsFixture, GeoPackageLayersAndSummaryJsonMatchTheRun) {
  WriteCoverageOutputs(Run(), dir / "out");
  GDALDataset* ds = GDALDataset::Open((dir / "out" / "coverage.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  ASSERT_NE(ds, nullptr);
  EXPECT_EQ(ds->GetLayerByName("cameras")->GetFeatureCount(), 2);
  EXPECT_EQ(ds->GetLayerByName("fov")->GetFeatureCount(), 2);
  EXPECT_EQ(ds->GetLayerByName("visibility")->GetFeatureCount(), 2);
  EXPECT_GT(ds->GetLayerByName("blind_spots")->GetFeatureCount(), 0);
  ASSERT_EQ(ds->GetLayerByName("zones")->GetFeatureCount(), 1);
  OGRLayer* cams = ds->GetLayerByName("cameras");
  std::unique_ptr<OGRFeature> a(cams->GetNextFeature());
  EXPECT_STREQ(a->GetFieldAsString("id"), "A");
  EXPECT_NEAR(a->GetGeometryRef()->toPoint()->getX(), 500060, 1e-6);
  EXPECT_NEAR(a->GetFieldAsDouble("visible_m2"), run->summary.cameras[0].visible_m2, 0.01);
  GDALClose(ds);

  std::ifstream in(dir / "out" / "summary.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_NEAR(j["area_m2"]["covered"].get<double>(), run->summary.covered_m2, 0.01);
  EXPECT_NEAR(j["area_m2"]["at_level"]["detect"].get<double>(), run->summary.at_level_m2[0], 0.01);
  EXPECT_EQ(j["cameras"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["total_cost"].get<double>(), 700);
  ASSERT_EQ(j["privacy"].size(), 1u);
  EXPECT_NEAR(j["privacy"][0]["exposed_m2"].get<double>(), run->zone_stats[0].covered_m2, 0.01);
  EXPECT_GT(run->zone_stats[0].covered_m2, 0) << "camera A looks across the yard";
  EXPECT_EQ(j["privacy"][0]["cameras"][0], "A");
  // The quick look: a 150 x 150 grid upsampled to at least 1000 px, a legend below it.
  GDALDataset* png = GDALDataset::Open((dir / "out" / "coverage.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
  ASSERT_NE(png, nullptr);
  EXPECT_GE(png->GetRasterXSize(), 1000);
  EXPECT_GT(png->GetRasterYSize(), grid().ny * (png->GetRasterXSize() / grid().nx)) << "room for the legend";
  GDALClose(png);
}

TEST_F(OutputsFixture, AFailedWriteLeavesNoPartialFiles) {
  WriteText(dir / "blocker", "a file where the output folder should be");
  EXPECT_THROW(WriteCoverageOutputs(Run(), dir / "blocker" / "out"), core::InputError);
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
}


// Every camera field the engine uses survives coverage.gpkg -> `cameras: {source: ...}`:
// the coverage of the read-back plan is the same cell for cell (yaw and pitch used to fall to 0).
TEST(CameraRoundTrip, CoverageGpkgAsCameraSourceGivesIdenticalCoverage) {
  TempDir dir;
  WriteBlock(dir);
  const std::string city = R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
camera_models:
  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60], cost: 450, mount: pole}
)";
  const auto first = scenario::RunCoverage(scenario::ParseScenario(city + R"(cameras:
  - {id: A, model: dome, position: [500060, 300010], height_m: 6, yaw: 250, pitch: -25, roll: 3}
  - {id: B, position: [499980, 300060], z: 7.5, yaw: 135, pitch: -15, hfov_deg: 60, range_m: [2, 55], cost: 300,
     resolution: [1280, 720], distortion: {k1: -0.12, p2: 0.001}}
  - {id: C, position: [500080, 300080], height_m: 9, yaw: 200, pitch: -60, hfov_deg: 180, lens: fisheye, range_m: 40}
)", dir / "s.yaml"));
  WriteCoverageOutputs(*first, dir / "out");
  const std::string yaml = city + "cameras: {source: out/coverage.gpkg}\n";
  std::ofstream(dir / "back.yaml") << yaml;
  const auto back = scenario::RunCoverage(scenario::LoadScenario(dir / "back.yaml"));
  ASSERT_EQ(back->coverage->cameras().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const sim::Camera& a = first->coverage->cameras()[i];
    const sim::Camera& b = back->coverage->cameras()[i];
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.model, a.model);
    EXPECT_DOUBLE_EQ(b.yaw_deg, a.yaw_deg) << a.id;
    EXPECT_DOUBLE_EQ(b.pitch_deg, a.pitch_deg) << a.id;
    EXPECT_DOUBLE_EQ(b.roll_deg, a.roll_deg) << a.id;
    EXPECT_DOUBLE_EQ(b.position.z, a.position.z) << a.id;
    EXPECT_EQ(b.width_px, a.width_px) << a.id;
    EXPECT_EQ(b.lens, a.lens) << a.id;
    EXPECT_EQ(b.mount, a.mount) << a.id;
    EXPECT_EQ(b.distortion, a.distortion) << a.id;
    EXPECT_DOUBLE_EQ(b.min_range_m, a.min_range_m) << a.id;
  }
  EXPECT_EQ(back->coverage->aggregate().k, first->coverage->aggregate().k);
  EXPECT_EQ(back->coverage->aggregate().best_px_per_m, first->coverage->aggregate().best_px_per_m);
  EXPECT_DOUBLE_EQ(back->summary.covered_m2, first->summary.covered_m2);
  EXPECT_GT(first->summary.covered_m2, 1000);
  EXPECT_EQ(back->diagnostics.Total(), 0u) << "coverage.gpkg's statistics are known, not unknown attributes";
}

// A camera layer written by other tools: unknown attributes and a missing direction are
// warnings, never a silent 0; aliases (heading, tilt) are read.
TEST(CameraRoundTrip, ForeignLayerAttributesAreReadOrReported) {
  TempDir dir;
  WriteBlock(dir);
  WriteVector(dir / "cams.gpkg", 3059,
              {{"POINT(500060 300010)", {{"id", "H"}, {"height_m", "6"}, {"heading", "250"}, {"tilt", "-20"},
                                         {"hfov_deg", "80"}, {"colour", "red"}}},
               {"POINT(499980 300060)", {{"id", "N"}, {"height_m", "6"}, {"hfov_deg", "80"}}}});
  const auto run = scenario::RunCoverage(scenario::ParseScenario(R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
cameras: {source: cams.gpkg}
)", dir / "s.yaml"));
  const auto& cams = run->coverage->cameras();
  ASSERT_EQ(cams.size(), 2u);
  EXPECT_DOUBLE_EQ(cams[0].yaw_deg, 250);
  EXPECT_DOUBLE_EQ(cams[0].pitch_deg, -20);
  EXPECT_EQ(run->diagnostics.Count("unknown camera attribute ignored"), 1u) << "colour";
  EXPECT_EQ(run->diagnostics.Count("camera without yaw_deg (0 degrees assumed)"), 1u) << "N";
  EXPECT_EQ(run->diagnostics.Count("camera without pitch_deg (0 degrees assumed)"), 1u) << "N";
  // A value that is not a number names the feature and the column.
  WriteVector(dir / "bad.gpkg", 3059, {{"POINT(500060 300010)", {{"id", "X"}, {"height_m", "6"}, {"yaw_deg", "east"}}}});
  try {
    scenario::RunCoverage(scenario::ParseScenario(R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
cameras: {source: bad.gpkg}
)", dir / "s.yaml"));
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.gpkg: feature 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("yaw_deg"), std::string::npos) << e.what();
  }
}

// CSV camera lists: x, y in the scenario CRS, or lon, lat (EPSG:4326 unless the source says).
TEST(CameraRoundTrip, CsvCameraLists) {
  TempDir dir;
  WriteBlock(dir);
  const std::string head = R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
)";
  WriteText(dir / "xy.csv", "id,X,Y,height_m,yaw_deg,pitch_deg,hfov_deg\nC1,500060,300010,6,250,-20,80\nC2,499980,300060,5,135,-15,60\n");
  auto run = scenario::RunCoverage(scenario::ParseScenario(head + "cameras: {source: xy.csv}\n", dir / "s.yaml"));
  ASSERT_EQ(run->coverage->cameras().size(), 2u);
  const sim::Camera& c1 = run->coverage->cameras()[0];
  EXPECT_NEAR(c1.position.x + run->city.frame.origin_x, 500060, 1e-6);
  EXPECT_NEAR(c1.position.y + run->city.frame.origin_y, 300010, 1e-6);
  EXPECT_DOUBLE_EQ(c1.yaw_deg, 250);
  EXPECT_EQ(run->diagnostics.Total(), 0u) << "x and y are the position, not unknown attributes";
  // LKS-92's central meridian is 24 E: lon 24 lands on x = 500000.
  WriteText(dir / "ll.csv", "longitude;latitude;id;height_m;yaw;pitch;hfov_deg\n24.0;56.7;L;5;90;-10;60\n");
  run = scenario::RunCoverage(scenario::ParseScenario(head + "cameras: {source: ll.csv}\n", dir / "s.yaml"));
  ASSERT_EQ(run->coverage->cameras().size(), 1u);
  EXPECT_NEAR(run->coverage->cameras()[0].position.x + run->city.frame.origin_x, 500000, 1e-3);
  // Spreadsheets end lines with a separator: the unnamed empty column GDAL calls field_8 is
  // not an attribute; a value under a column without a name still is (and is warned about).
  WriteText(dir / "trail.csv", "id,X,Y,height_m,yaw_deg,pitch_deg,hfov_deg,\nC1,500060,300010,6,250,-20,80,\n");
  run = scenario::RunCoverage(scenario::ParseScenario(head + "cameras: {source: trail.csv}\n", dir / "s.yaml"));
  ASSERT_EQ(run->coverage->cameras().size(), 1u);
  EXPECT_EQ(run->diagnostics.Total(), 0u) << "a trailing separator is not an unknown attribute";
  WriteText(dir / "trail.csv", "id,X,Y,height_m,yaw_deg,pitch_deg,hfov_deg,\nC1,500060,300010,6,250,-20,80,red\n");
  run = scenario::RunCoverage(scenario::ParseScenario(head + "cameras: {source: trail.csv}\n", dir / "s.yaml"));
  EXPECT_EQ(run->diagnostics.Count("unknown camera attribute ignored"), 1u) << "'red' under a column without a name";
  // Without position columns: an error naming the file and what it found.
  WriteText(dir / "none.csv", "id,east_ish,north_ish\nA,1,2\n");
  try {
    scenario::RunCoverage(scenario::ParseScenario(head + "cameras: {source: none.csv}\n", dir / "s.yaml"));
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("none.csv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("east_ish"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace report
