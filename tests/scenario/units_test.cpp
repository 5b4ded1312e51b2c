// Units and limits: a CRS in US survey feet gives the same metres as its metric twin, and a
// run too big for the memory stops up front with the estimate.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/error.h"
#include "report/plan_exports.h"
#include "scenario/pipeline.h"
#include "sim/memory_budget.h"
#include "test_util.h"

namespace scenario {
namespace {

using namespace testing_util;

constexpr double kFtPerM = 3937.0 / 1200.0;  // US survey feet per metre

// One 20 x 20 x 10 m block on a flat 10 m DEM, a camera 6 m above the ground looking at it,
// and a 150 x 150 m area: in EPSG:32118 (NAD83 / New York Long Island, metres) or written in
// EPSG:2263 (the same projection in US survey feet), every coordinate, DEM value and height
// attribute in feet.
std::unique_ptr<CoverageResult> RunTown(const TempDir& dir, bool feet) {
  const double k = feet ? kFtPerM : 1.0;
  const int epsg = feet ? 2263 : 32118;
  const std::string tag = feet ? "ft" : "m";
  auto p = [&](double x, double y) { return fmt::format("{:.4f} {:.4f}", x * k, y * k); };
  WriteVector(dir / ("block_" + tag + ".gpkg"), epsg,
              {{"POLYGON((" + p(300050, 60050) + "," + p(300070, 60050) + "," + p(300070, 60070) + "," +
                    p(300050, 60070) + "," + p(300050, 60050) + "))",
                {{"height", fmt::format("{:.4f}", 10 * k)}}}});  // a bare number: in the layer's unit
  WriteRaster(dir / ("dem_" + tag + ".tif"), epsg, 299950 * k, 59950 * k, 1.0 * k, 250, 250,
              [&](double, double) { return 10 * k; });
  const std::string yaml = fmt::format(R"(version: 1
crs: EPSG:{0}
area: {{bbox: [{1:.4f}, {2:.4f}, {3:.4f}, {4:.4f}]}}
city: [{{source: dem_{5}.tif, role: terrain}}, {{source: block_{5}.gpkg}}]
grid: {{resolution_m: 0.5}}
camera_models:
  dome: {{resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60]}}
cameras:
  - {{id: A, model: dome, position: [{6:.4f}, {7:.4f}], height_m: 6, yaw: 45, pitch: -20}}
)",
                                       epsg, 300000 * k, 60000 * k, 300150 * k, 60150 * k, tag,
                                       300030 * k, 60030 * k);
  return RunCoverage(ParseScenario(yaml, dir / ("s_" + tag + ".yaml")));
}

TEST(Units, FeetCrsGivesTheSameSquareMetresAsItsMetricTwin) {
  TempDir dir;
  const auto m = RunTown(dir, false);
  const auto ft = RunTown(dir, true);
  EXPECT_TRUE(m->city.frame.feet_crs_name.empty());
  EXPECT_NE(ft->city.frame.feet_crs_name.find("ftUS"), std::string::npos) << ft->city.frame.feet_crs_name;
  // The metric twin is the catalogue's entry, so that outputs carry a code every GIS knows.
  EXPECT_EQ(ft->city.frame.epsg, 32118);
  EXPECT_EQ(ft->city.frame.Label(), "EPSG:32118");
  EXPECT_EQ(ft->diagnostics.Count("CRS in US survey foot: computed and written in metres, in the same projection"), 1u);
  EXPECT_EQ(ft->diagnostics.Count("heights of a layer in a feet CRS taken in feet (write '12 m' for metres)"), 1u);
  EXPECT_EQ(m->diagnostics.Count("heights of a layer in a feet CRS taken in feet (write '12 m' for metres)"), 0u);
  // The grid is metres in both: 150 m at 0.5 m is 300 cells, not 300 cells over 150 ft.
  EXPECT_EQ(ft->grid.nx, 300);
  EXPECT_EQ(ft->grid.ny, m->grid.ny);
  EXPECT_DOUBLE_EQ(ft->grid.resolution_m, 0.5);
  // Heights: the DEM's 32.8 ft are 10 m, the camera 6 m above them.
  ASSERT_EQ(ft->coverage->cameras().size(), 1u);
  EXPECT_NEAR(ft->coverage->cameras()[0].position.z, 16, 1e-3);
  EXPECT_NEAR(m->coverage->cameras()[0].position.z, 16, 1e-3);
  // Areas in m2 agree (ground minus the 400 m2 block; what the camera sees).
  EXPECT_NEAR(m->summary.target_m2, 150 * 150 - 400, 2);
  EXPECT_NEAR(ft->summary.target_m2, m->summary.target_m2, 1);
  EXPECT_GT(m->summary.covered_m2, 500);
  EXPECT_NEAR(ft->summary.covered_m2, m->summary.covered_m2, 0.005 * m->summary.covered_m2);
  for (std::size_t l = 0; l < m->summary.at_level_m2.size(); ++l)
    EXPECT_NEAR(ft->summary.at_level_m2[l], m->summary.at_level_m2[l], 0.005 * m->summary.covered_m2 + 1);
}

// The camera list of a feet scenario gives x and y in its feet, as they are read back (they
// were the metric twin's metres, then read as feet: 3.28 times off).
TEST(Units, CameraListOfAFeetScenarioIsInItsFeet) {
  TempDir dir;
  const auto ft = RunTown(dir, true);
  report::WriteCameraCsv(*ft, dir / "cameras.csv");
  std::ifstream in(dir / "cameras.csv");
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  ASSERT_EQ(header.rfind("id,lon,lat,x,y,", 0), 0u) << header;
  std::vector<std::string> cells;
  for (std::size_t start = 0, end; start <= row.size(); start = end + 1) {
    end = std::min(row.find(',', start), row.size());
    cells.push_back(row.substr(start, end - start));
  }
  ASSERT_GT(cells.size(), 5u) << row;
  EXPECT_NEAR(std::stod(cells[3]), 300030 * kFtPerM, 0.01) << row;
  EXPECT_NEAR(std::stod(cells[4]), 60030 * kFtPerM, 0.01) << row;
}

// A camera point's z in a State Plane (feet) layer is feet, as its x and y are: 52.49 ft is
// 16 m. A `z` attribute stays metres, as the camera field table says.
TEST(Units, CameraPointZInAFeetCrsIsTakenInFeet) {
  TempDir dir;
  auto p = [](double x, double y) { return fmt::format("{:.4f} {:.4f}", x * kFtPerM, y * kFtPerM); };
  WriteVector(dir / "block.gpkg", 2263,
              {{"POLYGON((" + p(300050, 60050) + "," + p(300070, 60050) + "," + p(300070, 60070) + "," +
                    p(300050, 60070) + "," + p(300050, 60050) + "))",
                {{"height", "10 m"}}}});
  WriteVector(dir / "cams.geojson", 2263,
              {{fmt::format("POINT Z ({:.4f} {:.4f} {:.4f})", 300030 * kFtPerM, 60030 * kFtPerM, 16 * kFtPerM),
                {{"id", "A"}, {"model", "dome"}, {"yaw", "45"}, {"pitch", "-20"}}},
               {fmt::format("POINT Z ({:.4f} {:.4f} {:.4f})", 300040 * kFtPerM, 60030 * kFtPerM, 99.0),
                {{"id", "B"}, {"model", "dome"}, {"z", "12.5"}, {"yaw", "45"}, {"pitch", "-20"}}}});
  const auto run = RunCoverage(ParseScenario(R"(version: 1
crs: EPSG:2263
area: {bbox: [984253, 196850, 984745, 197342]}
city: [{source: block.gpkg}]
camera_models:
  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60]}
cameras: {source: cams.geojson}
)",
                                             dir / "s.yaml"));
  const auto& cameras = run->coverage->cameras();
  ASSERT_EQ(cameras.size(), 2u);
  EXPECT_NEAR(cameras[0].position.z, 16, 1e-3);
  EXPECT_NEAR(cameras[1].position.z, 12.5, 1e-9);
  EXPECT_EQ(run->diagnostics.Count("camera point z in a feet CRS without vertical CRS taken in feet"), 1u);
}

TEST(Units, CoverageGridBeyondTheMemoryLimitStopsWithAdvice) {
  TempDir dir;
  WriteBlock(dir);
  Scenario s = ParseScenario(R"(version: 1
crs: EPSG:3059
area: {bbox: [499000, 299000, 501000, 301000]}
city: [{source: blocks.gpkg}]
grid: {resolution_m: 0.1}
)",
                             dir / "big.yaml");
  s.max_memory_bytes = 1'000'000'000;  // 2 x 2 km at 0.1 m: 400 million cells, ~19 GB
  try {
    RunCoverage(s);
    ADD_FAILURE() << "must refuse";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("big.yaml"), std::string::npos) << what;
    EXPECT_NE(what.find("400 million cells"), std::string::npos) << what;
    EXPECT_NE(what.find("19.2 GB"), std::string::npos) << what;
    EXPECT_NE(what.find("1.0 GB (--max-memory)"), std::string::npos) << what;
    EXPECT_NE(what.find("resolution_m: 0.5"), std::string::npos) << "0.5 m needs 770 MB: " << what;
  }
  s.grid.resolution_m = 1;  // 4 million cells fit
  EXPECT_NO_THROW(RunCoverage(s));
}

TEST(Units, OptimiserMatrixBeyondTheLimitStopsWithAdvice) {
  sim::Candidate c;
  c.camera.hfov_deg = 90;
  c.camera.max_range_m = 100;
  const std::vector<sim::Candidate> candidates(1000, c);
  // 1 km2 at 0.5 m: 4 million cells x 8 B, plus 1000 x (pi 100^2 / 4 / 0.25 = 31,416 cells) x 4 B.
  const geo::Box2d area{0, 0, 1000, 1000};
  EXPECT_NO_THROW(sim::CheckOptimiserMemory(area, 0.5, candidates, {200'000'000, "s.yaml"}));
  try {
    sim::CheckOptimiserMemory(area, 0.5, candidates, {100'000'000, "s.yaml"});
    ADD_FAILURE() << "158 MB needed, 100 MB allowed";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("158 MB"), std::string::npos) << what;
    EXPECT_NE(what.find("spacing_m"), std::string::npos) << what;
  }
}

// A small area's refusal counts its cells, not "0 million cells", and reads as a sentence.
TEST(Units, SmallAreaBeyondATinyLimitCountsItsCells) {
  try {
    sim::CheckCoverageMemory({0, 0, 150, 120}, 1.0, {1000, "s.yaml"});
    ADD_FAILURE() << "18,000 cells cannot fit in 1 kB";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("(18000 cells of 1 m"), std::string::npos) << what;
    EXPECT_NE(what.find("but the limit is 1 kB (--max-memory)"), std::string::npos) << what;
  }
}

// What is needed never reads as what is allowed: 2.4 MB against a 2 MB limit is said with a
// digit more, not "needs about 2 MB but the limit is 2 MB".
TEST(Units, NeededMemoryReadsAsMoreThanTheLimit) {
  try {
    sim::CheckCoverageMemory({0, 0, 150, 75}, 0.5, {2'000'000, "s.yaml"});  // 45,000 cells, ~2.2 MB
    ADD_FAILURE() << "must refuse";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    const std::size_t needs = what.find("needs about "), limit = what.find("the limit is ");
    ASSERT_NE(needs, std::string::npos) << what;
    ASSERT_NE(limit, std::string::npos) << what;
    const std::string needed = what.substr(needs + 12, what.find(' ', what.find(' ', needs + 12) + 1) - needs - 12);
    EXPECT_NE(needed, "2 MB") << what;
    EXPECT_NE(what.find("the limit is 2 MB"), std::string::npos) << what;
  }
}

// A limit is shown as given: --max-memory 1K is 1 kB, not "1 MB".
TEST(Units, MemoryIsShownInTheUnitItWasGivenIn) {
  EXPECT_EQ(sim::MemoryText(1024), "1 kB");
  EXPECT_EQ(sim::MemoryText(512), "512 bytes");
  EXPECT_EQ(sim::MemoryText(1'048'576), "1 MB");
  EXPECT_EQ(sim::MemoryText(2.5e9), "2.5 GB");
}

}  // namespace
}  // namespace scenario
