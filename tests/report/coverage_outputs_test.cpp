#include "report/coverage_outputs.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "test_util.h"

namespace report {
namespace {

using namespace testing_util;

// A block, two cameras and a zone in LKS-92, run end to end into outputs.
class OutputsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteBlock(dir);
    run = scenario::RunCoverage(scenario::ParseScenario(R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60, cost: 400}
  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300}
zones:
  - {name: Yard, kind: privacy, polygon: [[500030, 300000], [500045, 300000], [500045, 300020], [500030, 300020]]}
)", dir / "s.yaml"));
  }
  const CoverageRun& Run() const { return *run; }

  TempDir dir;
  std::unique_ptr<scenario::CoverageResult> run;
  const sim::Grid& grid() const { return run->grid; }
};

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

}  // namespace
}  // namespace report
