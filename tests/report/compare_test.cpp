#include "report/compare.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "core/error.h"
#include "test_util.h"

namespace report {
namespace {

using namespace testing_util;

const char* kBase = R"(version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 1.0}
zones:
  - {name: Yard, kind: priority, polygon: [[500030, 300030], [500080, 300030], [500080, 300080], [500030, 300080]]}
cameras:
  - {id: A, position: [500060, 300010], height_m: 6, yaw: 270, pitch: -15, hfov_deg: 90, range_m: 60, cost: 400}
)";

class CompareFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteBlock(dir);
  }
  std::unique_ptr<scenario::CoverageResult> Run(const std::string& yaml) {
    return scenario::RunCoverage(scenario::ParseScenario(yaml, dir / "s.yaml"));
  }
  TempDir dir;
};

TEST_F(CompareFixture, AddingACameraOnlyGainsAndTheDeltasAddUp) {
  const auto a = Run(kBase);
  const auto b = Run(std::string(kBase) +
                     "  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300}\n");
  const auto j = ComparisonJson(*a, *b);
  EXPECT_DOUBLE_EQ(j["area_m2"]["lost"].get<double>(), 0) << "adding a camera loses nothing";
  EXPECT_GT(j["area_m2"]["gained"].get<double>(), 100);
  EXPECT_NEAR(j["covered_m2"]["delta"].get<double>(), j["area_m2"]["gained"].get<double>(), 0.01);
  EXPECT_NEAR(j["covered_m2"]["b"].get<double>(), b->summary.covered_m2, 0.01);
  EXPECT_DOUBLE_EQ(j["cost"]["delta"].get<double>(), 300);
  EXPECT_DOUBLE_EQ(j["cameras"]["delta"].get<double>(), 1);
  ASSERT_EQ(j["zones"].size(), 1u);
  const auto files = WriteComparison(*a, *b, dir / "out", {});
  for (const auto& f : files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  // difference.tif's tiles as the scenario says (ZSTD by default, deflate when asked).
  const auto compression = [](const std::filesystem::path& tif) {
    GDALDataset* ds = GDALDataset::Open(tif.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    EXPECT_NE(ds, nullptr) << tif;
    const char* c = ds ? ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") : nullptr;
    const std::string name = c ? c : "";
    if (ds) GDALClose(ds);
    return name;
  };
  EXPECT_EQ(compression(dir / "out" / "difference.tif"), "ZSTD");
  b->scenario.outputs.geotiff_compression = geo::TiffCompression::deflate;
  WriteComparison(*a, *b, dir / "deflate", {});
  EXPECT_EQ(compression(dir / "deflate" / "difference.tif"), "DEFLATE");
  // Swapping the plans swaps gained and lost.
  const auto back = ComparisonJson(*b, *a);
  EXPECT_DOUBLE_EQ(back["area_m2"]["lost"].get<double>(), j["area_m2"]["gained"].get<double>());
}

TEST_F(CompareFixture, PeopleTimeOfBothPlansIsComparedByGroupAndLevel) {
  const auto a = Run(kBase);
  const auto b = Run(kBase);
  PeopleComparison people;
  people.a.rows.push_back({"people", 600, 40, 10, {40, 30, 20, 5}, 12, 3});
  people.b.rows.push_back({"people", 600, 55, 20, {55, 41, 20, 7.5}, 12, 4});
  people.b.rows.push_back({"vehicles", 100, 10, 0, {10, 0, 0, 0}, 2, 0});  // only in B: left out
  const auto j = ComparisonJson(*a, *b, people);
  ASSERT_TRUE(j.contains("people_time"));
  EXPECT_FALSE(j["people_time"].contains("vehicles"));
  EXPECT_DOUBLE_EQ(j["people_time"]["people"]["seen_pct"]["delta"].get<double>(), 15);
  EXPECT_DOUBLE_EQ(j["people_time"]["people"]["at_level_pct"]["observe"]["delta"].get<double>(), 11);
  EXPECT_DOUBLE_EQ(j["people_time"]["people"]["at_level_pct"]["identify"]["b"].get<double>(), 7.5);
  EXPECT_FALSE(ComparisonJson(*a, *b).contains("people_time")) << "no agents, no people rows";
  const auto files = WriteComparison(*a, *b, dir / "out", {}, people);
  EXPECT_NE(PdfText(files[1]).find("people-time seen"), std::string::npos);
}

// The map shows both plans' cameras: a shared one once, the others marked with their plan.
TEST_F(CompareFixture, TheMapMarksEachPlansOwnCameras) {
  const auto a = Run(std::string(kBase) +
                     "  - {id: Old, position: [499990, 300090], height_m: 5, yaw: 180, pitch: -10, hfov_deg: 60, range_m: 40}\n");
  const auto b = Run(std::string(kBase) +
                     "  - {id: New, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60}\n");
  WriteComparison(*a, *b, dir / "out", {});
  const std::string text = PdfText(dir / "out" / "compare.pdf");
  EXPECT_NE(text.find("Old (A)"), std::string::npos) << text;
  EXPECT_NE(text.find("New (B)"), std::string::npos) << text;
  EXPECT_EQ(text.find("A (A)"), std::string::npos) << "camera A is in both plans";
  EXPECT_EQ(text.find("A (B)"), std::string::npos);
  EXPECT_NE(text.find("camera only in plan A"), std::string::npos);
}

// A zone file may give several features one name: each is compared with its namesake of the
// same rank, not all with the first.
TEST_F(CompareFixture, ZonesOfOneNameAreComparedInOrder) {
  WriteVector(dir / "lots.gpkg", 3059,
              {{"POLYGON((500030 300030,500040 300030,500040 300040,500030 300040,500030 300030))", {{"name", "Lot"}}},
               {"POLYGON((499960 300050,499990 300050,499990 300080,499960 300080,499960 300050))", {{"name", "Lot"}}}});
  std::string with_lots = kBase;
  with_lots.replace(with_lots.find("cameras:"), 0, "  - {kind: priority, source: lots.gpkg}\n");
  const auto a = Run(with_lots);
  const auto b = Run(with_lots +
                     "  - {id: B, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60, cost: 300}\n");
  ASSERT_EQ(a->zone_stats.size(), 3u);
  const auto j = ComparisonJson(*a, *b);
  ASSERT_EQ(j["zones"].size(), 3u);
  for (std::size_t z = 1; z < 3; ++z) {
    EXPECT_EQ(j["zones"][z]["name"], "Lot");
    EXPECT_NEAR(j["zones"][z]["requirement_met_m2"]["a"].get<double>(), a->zone_stats[z].requirement_met_m2, 0.01) << z;
    EXPECT_NEAR(j["zones"][z]["requirement_met_m2"]["b"].get<double>(), b->zone_stats[z].requirement_met_m2, 0.01) << z;
  }
  EXPECT_NE(b->zone_stats[1].requirement_met_m2, b->zone_stats[2].requirement_met_m2) << "the test needs two different lots";
}

TEST_F(CompareFixture, DifferentGridsCannotBeCompared) {
  const auto a = Run(kBase);
  std::string other = kBase;
  other.replace(other.find("resolution_m: 1.0"), 17, "resolution_m: 2.0");
  const auto b = Run(other);
  EXPECT_THROW(WriteComparison(*a, *b, dir / "out", {}), core::InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "out")) << "nothing written";
}

}  // namespace
}  // namespace report
