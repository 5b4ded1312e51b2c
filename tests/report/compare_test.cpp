#include "report/compare.h"

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
  // Swapping the plans swaps gained and lost.
  const auto back = ComparisonJson(*b, *a);
  EXPECT_DOUBLE_EQ(back["area_m2"]["lost"].get<double>(), j["area_m2"]["gained"].get<double>());
}

// The map shows both plans' cameras: a shared one once, the others marked with their plan.
TEST_F(CompareFixture, TheMapMarksEachPlansOwnCameras) {
  const auto a = Run(std::string(kBase) +
                     "  - {id: Old, position: [499990, 300090], height_m: 5, yaw: 180, pitch: -10, hfov_deg: 60, range_m: 40}\n");
  const auto b = Run(std::string(kBase) +
                     "  - {id: New, position: [499980, 300060], height_m: 6, yaw: 135, pitch: -15, hfov_deg: 60, range_m: 60}\n");
  WriteComparison(*a, *b, dir / "out", {});
  FILE* pipe = popen(("pdftotext '" + (dir / "out" / "compare.pdf").string() + "' -").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string text;
  for (char buf[4096]; std::fgets(buf, sizeof buf, pipe);) text += buf;
  pclose(pipe);
  EXPECT_NE(text.find("Old (A)"), std::string::npos) << text;
  EXPECT_NE(text.find("New (B)"), std::string::npos) << text;
  EXPECT_EQ(text.find("A (A)"), std::string::npos) << "camera A is in both plans";
  EXPECT_EQ(text.find("A (B)"), std::string::npos);
  EXPECT_NE(text.find("camera only in plan A"), std::string::npos);
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
