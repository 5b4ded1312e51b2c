// The planner's project without a window: open, edit through the live coverage worker, save,
// reopen; the live figures equal a fresh `coverage` run of the saved file.
#include <gtest/gtest.h>

#include "core/error.h"
#include "render/live_coverage.h"
#include "render/placement.h"
#include "render/project.h"
#include "test_util.h"

namespace render {
namespace {

const std::filesystem::path kDelft = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";

class DelftProject : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = Project::Open(kDelft).release(); }
  static void TearDownTestSuite() { delete project_; }
  static Project* project_;
};
Project* DelftProject::project_ = nullptr;

TEST_F(DelftProject, EditsThroughTheLiveWorkerMatchACoverageRunOfTheSavedFile) {
  Project& p = *project_;
  const geo::Frame& f = p.run().city.frame;
  EXPECT_FALSE(p.dirty());
  ASSERT_EQ(p.cameras().size(), 6u);
  std::vector<sim::Camera> cams = p.cameras();
  // Place a camera on the ground of the plaza, turn another, drop a third.
  auto pick = PickFromAbove(p.run().city, *p.run().scene, 84975 - f.origin_x, 447515 - f.origin_y);
  ASSERT_TRUE(pick);
  sim::Camera templ = p.Template("bullet-4mp");
  templ.id = NextCameraId(cams);
  auto placed = PlaceOnSurface(p.run().city, *pick, templ, false);
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->id, "C07");
  cams.push_back(*placed);
  p.history().Commit(cams, "Place C07");
  cams[0].yaw_deg = 120;
  p.history().Commit(cams, "Rotate C01");
  cams.erase(cams.begin() + 2);
  p.history().Commit(cams, "Delete C03");
  EXPECT_TRUE(p.dirty());

  LiveCoverage live(*p.run().coverage, p.run().zones);
  // Several requests while the worker is busy: only the newest counts in the end.
  p.history().Undo();
  live.Request(p.cameras(), p.history().state_id(), OverlayMode::k_coverage);
  p.history().Redo();
  live.Request(p.cameras(), p.history().state_id(), OverlayMode::density);
  live.WaitIdle();
  auto snap = live.TakeNew();
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->state_id, p.history().state_id());
  EXPECT_EQ(snap->cameras, p.cameras());
  EXPECT_EQ(snap->overlay.size(), p.run().grid.size() * 4);
  EXPECT_FALSE(live.TakeNew());  // taken once

  testing_util::TempDir dir;
  const auto saved = dir / "plan.yaml";
  p.Save(saved);
  EXPECT_FALSE(p.dirty());
  EXPECT_EQ(p.path(), saved);
  auto reopened = Project::Open(saved);
  ASSERT_EQ(reopened->cameras().size(), p.cameras().size());
  for (std::size_t i = 0; i < p.cameras().size(); ++i) {
    const sim::Camera& a = p.cameras()[i];
    const sim::Camera& b = reopened->cameras()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_NEAR(a.position.x, b.position.x, 1e-6);
    EXPECT_NEAR(a.position.y, b.position.y, 1e-6);
    EXPECT_NEAR(a.position.z, b.position.z, 1e-6);
    EXPECT_NEAR(a.yaw_deg, b.yaw_deg, 1e-9);
    EXPECT_NEAR(a.pitch_deg, b.pitch_deg, 1e-9);
    EXPECT_EQ(a.model, b.model);
    EXPECT_EQ(a.hfov_deg, b.hfov_deg);
  }
  const sim::CoverageSummary& fresh = reopened->run().summary;
  EXPECT_DOUBLE_EQ(snap->summary.covered_m2, fresh.covered_m2);
  EXPECT_EQ(snap->summary.at_level_m2, fresh.at_level_m2);
  EXPECT_EQ(snap->summary.k_histogram_m2, fresh.k_histogram_m2);
  EXPECT_DOUBLE_EQ(snap->summary.total_cost, fresh.total_cost);
  ASSERT_EQ(snap->zone_stats.size(), reopened->run().zone_stats.size());
  for (std::size_t i = 0; i < snap->zone_stats.size(); ++i)
    EXPECT_DOUBLE_EQ(snap->zone_stats[i].requirement_met_m2, reopened->run().zone_stats[i].requirement_met_m2);
}

// What the UI holds, built from the worker's deltas (taken at once, or merged while it did not
// look), equals a full repaint of the current coverage, and the figures a fresh summary.
TEST_F(DelftProject, LiveDeltasAddUpToTheFullState) {
  Project& p = *project_;
  auto coverage = std::make_unique<sim::Coverage>(*p.run().scene, p.run().grid, p.run().scenario.levels);
  coverage->SetCameras(p.cameras());
  LiveCoverage live(*coverage, p.run().zones);
  sim::Aggregate shown;
  std::vector<std::uint8_t> overlay;
  std::vector<sim::Camera> cams = p.cameras();
  std::uint64_t id = 1;
  auto post = [&](bool take) {
    live.Request(cams, id++, OverlayMode::density);
    live.WaitIdle();
    if (take) live.TakeNew()->ApplyTo(shown, overlay);
  };
  post(true);
  for (int step = 0; step < 6; ++step) {
    cams[step % cams.size()].yaw_deg += 25;
    cams[(step + 2) % cams.size()].position.x += 1.5;
    post(step % 3 == 2);  // two of three snapshots are merged before the UI takes them
  }
  cams.push_back(cams[0]);
  cams.back().id = "extra";
  cams.back().yaw_deg += 180;
  post(false);
  cams[1].pitch_deg -= 10;
  post(true);
  const sim::Aggregate& a = coverage->aggregate();
  EXPECT_EQ(shown.k, a.k);
  EXPECT_EQ(shown.best_px_per_m, a.best_px_per_m);
  EXPECT_EQ(shown.best_camera, a.best_camera);
  EXPECT_EQ(overlay, OverlayRgba(a, p.run().grid, p.run().zones, 4, OverlayMode::density));
  live.Request(cams, id++, OverlayMode::density);
  live.WaitIdle();
  const auto last = live.TakeNew();
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->full);
  EXPECT_TRUE(last->cells.empty());  // nothing changed
  const sim::CoverageSummary fresh = sim::Summarise(*coverage);
  EXPECT_EQ(last->summary.at_level_m2, fresh.at_level_m2);
  EXPECT_EQ(last->summary.k_histogram_m2, fresh.k_histogram_m2);
  EXPECT_EQ(last->summary.covered_m2, fresh.covered_m2);
}

TEST(Project, AutosaveKeepsUnsavedEditsBesideTheFileAndSavingRemovesIt) {
  testing_util::TempDir dir;
  // A copy of the scenario in a new folder: relative data paths are rebased on save.
  auto p = Project::Open(kDelft);
  p->Save(dir / "copy.yaml");
  auto copy = Project::Open(dir / "copy.yaml");
  std::vector<sim::Camera> cams = copy->cameras();
  cams.pop_back();
  copy->history().Commit(cams, "Delete");
  copy->Autosave();
  const auto autosave = Project::AutosavePath(dir / "copy.yaml");
  ASSERT_TRUE(std::filesystem::exists(autosave));
  EXPECT_EQ(Project::Open(autosave)->cameras().size(), 5u);
  EXPECT_EQ(copy->LoadAutosave(), cams);
  EXPECT_EQ(Project::Open(dir / "copy.yaml")->cameras().size(), 6u);  // the file is untouched
  copy->Save();
  EXPECT_FALSE(std::filesystem::exists(autosave));
  EXPECT_EQ(Project::Open(dir / "copy.yaml")->cameras().size(), 5u);
}

TEST(Project, ABrokenScenarioIsAnInputErrorNamingTheLine) {
  testing_util::TempDir dir;
  const auto bad = testing_util::WriteText(dir / "bad.yaml", "version: 1\ncity:\n  - {source: nowhere.gpkg}\ncamras: []\n");
  try {
    Project::Open(bad);
    FAIL() << "opened a broken scenario";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.yaml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 4"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace render
