// Saving an edited plan into the planner's own scenario text: only the edited cameras' lines
// change, in the form the planner wrote them; the file reads back as the plan.
#include "scenario/plan_text.h"

#include <gtest/gtest.h>

#include <sstream>

#include "scenario/build.h"
#include "sim/scene.h"
#include "test_util.h"

namespace scenario {
namespace {

using namespace testing_util;

// A 20 m block in LKS-92 on a DEM sloping 0.1 m/m eastwards (z = 100 at x = 500000).
const char* kPlan = R"(# Town plan: the comments must survive a save
version: 1
crs: EPSG:3059
area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}
city: [{source: dem.tif}, {source: blocks.gpkg}]   # terrain and the block
grid: {resolution_m: 1}
camera_models:
  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60], cost: 450, mount: pole}
cameras:
  # on the block's east wall
  - {id: A, model: dome, position: [500020.5, 300010], height_m: 6, yaw: 90, pitch: -20, mount: wall}  # east wall
  - id: B            # block style, absolute height
    model: dome
    position: [499990, 300050]
    z: 112.5
    yaw: 180

  - {id: C, model: dome, position: [500060, 300060], height_m: 4, yaw: 0, pitch: -10}

# the end of the plan
)";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class PlanTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteRaster(dir / "dem.tif", 3059, 499900, 299900, 1.0, 300, 300,
                [](double x, double) { return 100 + 0.1 * (x - 500000); });
    WriteBlock(dir);
    scenario = ParseScenario(kPlan, dir / "plan.yaml");
    city = geo::LoadCity(scenario.city, diag);
    scene = sim::BuildScene(city);
    base = BuildCameras(scenario, city, *scene, diag);
    options.from_file = options.to_file = dir / "plan.yaml";
    options.ground_z = [this](double x, double y) { return city.GroundZ(x, y); };
  }
  PlanText Rewrite(const std::vector<sim::Camera>& cameras) {
    auto r = RewritePlanText(kPlan, scenario, city.frame, base, cameras, options);
    if (!r) throw std::runtime_error("not editable in place");
    return *r;
  }
  std::vector<sim::Camera> Reread(const std::string& text) {
    const Scenario s = ParseScenario(text, dir / "plan.yaml");
    return BuildCameras(s, city, *scene, diag);
  }
  TempDir dir;
  Scenario scenario;
  core::Diagnostics diag;
  geo::CityModel city;
  std::unique_ptr<sim::Scene> scene;
  std::vector<sim::Camera> base;
  PlanTextOptions options;
};

TEST_F(PlanTextTest, AnUnchangedPlanIsTheSameText) {
  ASSERT_EQ(base.size(), 3u);
  EXPECT_EQ(base[0].mount, sim::MountType::wall);
  EXPECT_EQ(Rewrite(base).text, kPlan);
}

TEST_F(PlanTextTest, OneEditedValueChangesOneLine) {
  std::vector<sim::Camera> cams = base;
  cams[1].yaw_deg = 200;
  const auto before = Lines(kPlan), after = Lines(Rewrite(cams).text);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].find("yaw: 180") == std::string::npos) {
      EXPECT_EQ(before[i], after[i]) << "line " << i + 1;
    } else {
      EXPECT_EQ(after[i], "    yaw: 200");
    }
  }
}

TEST_F(PlanTextTest, ARenamedCameraKeepsItsLines) {
  std::vector<sim::Camera> cams = base;
  cams[1].id = "B-north";
  const auto before = Lines(kPlan), after = Lines(Rewrite(cams).text);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].find("id: B") == std::string::npos) {
      EXPECT_EQ(before[i], after[i]) << "line " << i + 1;
    } else {
      EXPECT_EQ(after[i], "  - id: B-north            # block style, absolute height");
    }
  }
}

TEST_F(PlanTextTest, AMovedWallCameraKeepsHeightAboveGroundMountAndComment) {
  std::vector<sim::Camera> cams = base;
  // 10 m east on the slope: the ground rises 1 m, the camera keeps 6 m above it.
  cams[0].position.x += 10;
  cams[0].position.z += 1;
  cams[0].pitch_deg = -25;
  const PlanText r = Rewrite(cams);
  const auto before = Lines(kPlan), after = Lines(r.text);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (i != 10) {
      EXPECT_EQ(before[i], after[i]) << "line " << i + 1;
    }
  }
  EXPECT_EQ(
      after[10],
      "  - {id: A, model: dome, position: [500030.5, 300010], height_m: 6, yaw: 90, pitch: -25, "
      "mount: wall}  # east wall");
  const auto reread = Reread(r.text);
  EXPECT_EQ(reread[0].mount, sim::MountType::wall);
  EXPECT_NEAR(reread[0].position.z, cams[0].position.z, 1e-9);
  EXPECT_EQ(reread, r.cameras);
}

TEST_F(PlanTextTest, DeletedAndNewCamerasAndAbsoluteHeights) {
  std::vector<sim::Camera> cams = base;
  cams[1].position.z = 115;  // B was written with z: it stays absolute
  cams.erase(cams.begin() + 2);
  sim::Camera d = cams[0];
  d.id = "D";
  d.position = {cams[0].position.x - 30, cams[0].position.y + 40, 0};
  d.position.z = city.GroundZ(d.position.x, d.position.y) + 5.25;
  d.yaw_deg = 12.5, d.roll_deg = 0;
  d.hfov_deg = 60;  // an override of the model
  cams.push_back(d);
  const PlanText r = Rewrite(cams);
  const std::string& t = r.text;
  EXPECT_EQ(t.find("id: C"), std::string::npos);
  EXPECT_NE(t.find("    z: 115\n"), std::string::npos) << t;
  EXPECT_NE(t.find("  - {id: D, model: dome, position: [499990.5, 300050], height_m: 5.25, yaw: "
                   "12.5, pitch: -20, "
                   "hfov_deg: 60, mount: wall}\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("# Town plan: the comments must survive a save\n"), std::string::npos);
  EXPECT_NE(t.find("\n# the end of the plan\n"), std::string::npos);
  EXPECT_NE(t.find("  # on the block's east wall\n"), std::string::npos);
  const auto reread = Reread(t);
  ASSERT_EQ(reread.size(), 3u);
  EXPECT_EQ(reread, r.cameras);
  EXPECT_EQ(reread[2].mount, sim::MountType::wall);
  EXPECT_DOUBLE_EQ(reread[2].hfov_deg, 60);
}

TEST_F(PlanTextTest, SavedElsewhereRelativePathsFollowAndAnEmptyListGrows) {
  options.to_file = dir / "sub" / "plan.yaml";
  const std::string moved = Rewrite(base).text;
  EXPECT_NE(moved.find(
                "city: [{source: ../dem.tif}, {source: ../blocks.gpkg}]   # terrain and the block"),
            std::string::npos)
      << moved;
  options.to_file = options.from_file;
  const std::string empty =
      "version: 1\ncrs: EPSG:3059\ncity: [{source: dem.tif}, {source: "
      "blocks.gpkg}]\ncamera_models:\n"
      "  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60], cost: 450, mount: "
      "pole}\n"
      "cameras: []  # none yet\n";
  auto r = RewritePlanText(empty, ParseScenario(empty, dir / "plan.yaml"), city.frame, {}, base,
                           options);
  ASSERT_TRUE(r);
  const auto reread = Reread(r->text);
  ASSERT_EQ(reread.size(), 3u) << r->text;
  EXPECT_EQ(reread[0].mount, sim::MountType::wall);
  EXPECT_NE(r->text.find("# none yet"), std::string::npos);
}

// A catalogue named relative to the scenario follows a save into another folder too.
TEST_F(PlanTextTest, SavedElsewhereTheCatalogueFollows) {
  WriteText(dir / "cat.yaml", "sightline_catalogue: 1\nmodels:\n  vf: {resolution: [1920, 1080], sensor: 1/2.8, "
                              "focal_range_mm: [2.8, 12]}\n");
  const std::string text = "version: 1\ncrs: EPSG:3059\ncity: [{source: dem.tif}, {source: blocks.gpkg}]\n"
                           "catalogue: cat.yaml   # our suppliers\ncameras: []\n";
  options.to_file = dir / "sub" / "plan.yaml";
  auto r = RewritePlanText(text, ParseScenario(text, dir / "plan.yaml"), city.frame, {}, base, options);
  ASSERT_TRUE(r);
  EXPECT_NE(r->text.find("catalogue: ../cat.yaml   # our suppliers\n"), std::string::npos) << r->text;
}

}  // namespace
}  // namespace scenario
