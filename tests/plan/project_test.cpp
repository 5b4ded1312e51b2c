// The planner's project without a window: open, edit through the live coverage worker, save,
// reopen; the live figures equal a fresh `coverage` run of the saved file.
#include <gtest/gtest.h>

#include "core/error.h"
#include <fstream>
#include <sstream>

#include "plan/edit_checks.h"
#include "plan/edit_command.h"
#include "plan/live_coverage.h"
#include "plan/placement.h"
#include "plan/project.h"
#include "test_util.h"

namespace plan {
namespace {

const std::filesystem::path kDelft = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";

class DelftProject : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = Project::Open(kDelft).release(); }
  static void TearDownTestSuite() { delete project_; }
  static Project* project_;
};
Project* DelftProject::project_ = nullptr;

// A coverage of the project's cameras, its live worker, and what the UI would show: the
// aggregate and the overlay built from the worker's snapshots.
std::unique_ptr<sim::Coverage> CoverageOf(const Project& p) {
  auto coverage = std::make_unique<sim::Coverage>(*p.run().scene, p.run().grid, p.run().scenario.levels);
  coverage->SetCameras(p.cameras());
  return coverage;
}

struct LiveView {
  explicit LiveView(Project& p) : coverage(CoverageOf(p)), live(*coverage, p.shared_zones()), cams(p.cameras()) {}
  // Sends the cameras (and zones) and waits; `take`: the UI applies the snapshot at once.
  std::optional<CoverageSnapshot> Post(OverlayMode mode, bool take, LiveCoverage::Zones zones = nullptr) {
    live.Request(cams, id++, mode, std::move(zones));
    live.WaitIdle();
    if (!take) return std::nullopt;
    auto snap = live.TakeNew();
    snap->ApplyTo(shown, overlay);
    return snap;
  }
  std::unique_ptr<sim::Coverage> coverage;
  LiveCoverage live;
  std::vector<sim::Camera> cams;
  sim::Aggregate shown;
  std::vector<std::uint8_t> overlay;
  std::uint64_t id = 1;
};

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

  LiveCoverage live(*p.run().coverage, p.shared_zones());
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
  LiveView v(p);
  std::vector<sim::Camera>& cams = v.cams;
  auto post = [&](bool take) { v.Post(OverlayMode::density, take); };
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
  const sim::Aggregate& a = v.coverage->aggregate();
  EXPECT_EQ(v.shown.k, a.k);
  EXPECT_EQ(v.shown.best_px_per_m, a.best_px_per_m);
  EXPECT_EQ(v.shown.best_camera, a.best_camera);
  EXPECT_EQ(v.overlay, OverlayRgba(a, p.run().grid, p.run().zones, 4, OverlayMode::density));
  v.live.Request(cams, v.id++, OverlayMode::density);
  v.live.WaitIdle();
  const auto last = v.live.TakeNew();
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->full);
  EXPECT_TRUE(last->cells.empty());  // nothing changed
  const sim::CoverageSummary fresh = sim::Summarise(*v.coverage);
  EXPECT_EQ(last->summary.at_level_m2, fresh.at_level_m2);
  EXPECT_EQ(last->summary.k_histogram_m2, fresh.k_histogram_m2);
  EXPECT_EQ(last->summary.covered_m2, fresh.covered_m2);
}

// A zone drawn, retyped or deleted (the targets unchanged) repaints only the cells whose zone
// role changed, with a camera moved in the same request; the overlay still equals a full
// repaint under the new zones.
TEST_F(DelftProject, ZoneEditsRepaintOnlyTheirCells) {
  Project& p = *project_;
  LiveView v(p);
  auto post = [&](LiveCoverage::Zones zones) { return *v.Post(OverlayMode::k_coverage, true, std::move(zones)); };
  const auto full_repaint = [&](const std::vector<sim::Zone>& zones) {
    return OverlayRgba(v.coverage->aggregate(), p.run().grid, zones, 4, OverlayMode::k_coverage);
  };
  post(p.shared_zones());
  std::vector<sim::Zone> zones = p.run().zones;
  sim::Zone drawn;
  drawn.name = "drawn";
  for (std::uint32_t c = 0; c < p.run().grid.size(); c += 7) drawn.cells.push_back(c);
  zones.push_back(drawn);
  const auto added = post(std::make_shared<const std::vector<sim::Zone>>(zones));
  EXPECT_FALSE(added.full);
  EXPECT_FALSE(added.cells.empty());
  EXPECT_LT(added.cells.size(), drawn.cells.size() + 1);
  EXPECT_EQ(v.overlay, full_repaint(zones));
  zones.back().kind = sim::ZoneKind::privacy;
  v.cams[0].yaw_deg += 40;
  const auto retyped = post(std::make_shared<const std::vector<sim::Zone>>(zones));
  EXPECT_FALSE(retyped.full);
  EXPECT_EQ(v.overlay, full_repaint(zones));
  EXPECT_EQ(v.shown.k, v.coverage->aggregate().k);
  zones.pop_back();
  post(std::make_shared<const std::vector<sim::Zone>>(zones));
  EXPECT_EQ(v.overlay, full_repaint(zones));
  EXPECT_FALSE(v.live.TakeNew().has_value());
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
}  // namespace plan

namespace plan {
namespace {

// The Delft scenario copied into `dir` with its data and catalogue paths made absolute: the planner's own
// file, comments and all.
std::filesystem::path CopyOfDelft(const testing_util::TempDir& dir) {
  std::ifstream in(kDelft);
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string rel = "../data/delft_lod1.city.json";
  yaml.replace(yaml.find(rel), rel.size(), testing_util::DataPath("delft_lod1.city.json").string());
  const std::string catalogue = "catalogue: catalogue.yaml";
  if (const std::size_t at = yaml.find(catalogue); at != std::string::npos)
    yaml.replace(at, catalogue.size(), "catalogue: " + (kDelft.parent_path() / "catalogue.yaml").string());
  return testing_util::WriteText(dir / "delft.yaml", yaml);
}

std::vector<std::string> LinesOf(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Project, SaveEditsOnlyTheEditedCamerasLinesAndTheFileGivesTheLiveFigures) {
  testing_util::TempDir dir;
  const auto file = CopyOfDelft(dir);
  const std::vector<std::string> before = LinesOf(file);
  auto p = Project::Open(file);
  std::vector<sim::Camera> cams = p->cameras();
  ASSERT_EQ(cams[2].id, "C03");
  cams[2].yaw_deg = 131.5;
  cams[2].position.x += 2;  // along the street: the height above ground is kept as height_m
  cams[2].position.z = p->run().city.GroundZ(cams[2].position.x, cams[2].position.y) + 5.5;
  SnapToFilePrecision(cams[2]);
  p->history().Commit(cams, "Edit C03");
  LiveCoverage live(*p->run().coverage, p->shared_zones());
  p->Save();
  live.Request(p->cameras(), p->history().state_id(), OverlayMode::k_coverage);
  live.WaitIdle();
  const auto snap = live.TakeNew();
  ASSERT_TRUE(snap);

  const std::vector<std::string> after = LinesOf(file);
  ASSERT_EQ(after.size(), before.size());
  int differing = 0;
  for (std::size_t i = 0; i < before.size(); ++i)
    if (before[i] != after[i]) {
      ++differing;
      EXPECT_EQ(after[i], "  - {id: C03, model: bullet-4mp, position: [84918.5, 447478], height_m: 5.5, yaw: 131.5, "
                          "pitch: -12}");
    }
  EXPECT_EQ(differing, 1);
  auto reopened = Project::Open(file);
  EXPECT_EQ(reopened->cameras(), p->cameras());
  const sim::CoverageSummary& fresh = reopened->run().summary;
  EXPECT_DOUBLE_EQ(snap->summary.covered_m2, fresh.covered_m2);
  EXPECT_EQ(snap->summary.at_level_m2, fresh.at_level_m2);
  EXPECT_EQ(snap->summary.k_histogram_m2, fresh.k_histogram_m2);
}

TEST(Project, AWallCameraPlacedInTheGuiReopensOnItsWall) {
  testing_util::TempDir dir;
  auto p = Project::Open(CopyOfDelft(dir));
  std::vector<sim::Camera> cams = p->cameras();
  sim::Camera wall = p->Template("bullet-4mp");  // the model says pole
  wall.id = "W1";
  wall.position = cams[0].position;
  wall.mount = sim::MountType::wall;
  cams.push_back(wall);
  p->history().Commit(cams, "Place W1");
  p->Save(dir / "plan.yaml");
  auto reopened = Project::Open(dir / "plan.yaml");
  ASSERT_EQ(reopened->cameras().size(), 7u);
  EXPECT_EQ(reopened->cameras()[6].mount, sim::MountType::wall);
  EXPECT_EQ(reopened->cameras()[0].mount, sim::MountType::pole);
  EXPECT_EQ(reopened->cameras(), p->cameras());
  // Comments came along to the new folder, and the city path still resolves.
  const auto lines = LinesOf(dir / "plan.yaml");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "# The README's demo runs on this scenario."), lines.end());
}

TEST(Project, DiscardedOrStaleAutosavesAreNotOffered) {
  testing_util::TempDir dir;
  const auto file = CopyOfDelft(dir);
  auto p = Project::Open(file);
  std::vector<sim::Camera> cams = p->cameras();
  cams.pop_back();
  p->history().Commit(cams, "Delete");
  EXPECT_FALSE(Project::HasFreshAutosave(file));
  p->Autosave();
  EXPECT_TRUE(Project::HasFreshAutosave(file));
  // The scenario saved later by someone else: the older autosave is not offered.
  std::filesystem::last_write_time(file, std::filesystem::last_write_time(Project::AutosavePath(file)) +
                                             std::chrono::seconds(5));
  EXPECT_FALSE(Project::HasFreshAutosave(file));
  std::filesystem::last_write_time(file, std::filesystem::last_write_time(Project::AutosavePath(file)) -
                                             std::chrono::seconds(5));
  EXPECT_TRUE(Project::HasFreshAutosave(file));
  p->DiscardAutosave();  // "Keep the saved plan" or "Quit without saving"
  EXPECT_FALSE(std::filesystem::exists(Project::AutosavePath(file)));
  EXPECT_FALSE(Project::HasFreshAutosave(file));
}

std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The background raster is part of the plan: loading, clearing and its opacity (a held slider
// one step) are undo steps, make the plan unsaved, are autosaved and restored from the autosave.
TEST(Project, BackgroundChangesAreUndoStepsSavedAndAutosaved) {
  testing_util::TempDir dir;
  const auto file = CopyOfDelft(dir);
  auto p = Project::Open(file);
  const geo::CityModel& city = p->run().city;
  const auto layer = ReadBackgroundLayer({testing_util::DataPath("delft_dsm_1m_from_lod1.tif"), 0.5, ""},
                                         city.frame, city.area);
  ASSERT_TRUE(layer && layer->image && !layer->image->empty());
  EXPECT_EQ(ApplyEdit(*p, SetBackground{layer}).outcome, EditResult::Outcome::applied);
  EXPECT_TRUE(p->dirty());
  EXPECT_EQ(p->history().UndoLabel(), "Background delft_dsm_1m_from_lod1.tif");
  ASSERT_TRUE(p->run().scenario.background);  // the report's overview reads the run's
  EXPECT_EQ(p->background_image(), layer->image);
  const std::size_t steps = p->history().position();
  ApplyEdit(*p, SetBackgroundOpacity{0.3});
  ApplyEdit(*p, SetBackgroundOpacity{0.2}, Gesture::continues);
  EXPECT_EQ(p->history().position(), steps + 1);  // one step for the slider held
  EXPECT_DOUBLE_EQ(p->background()->opacity, 0.2);
  EXPECT_DOUBLE_EQ(p->run().scenario.background->opacity, 0.2);
  EXPECT_FALSE(ApplyEdit(*p, SetBackgroundOpacity{1.5}).applied());

  p->Autosave();  // a background change alone is autosaved
  ASSERT_TRUE(std::filesystem::exists(Project::AutosavePath(file)));
  EXPECT_NE(ReadAll(Project::AutosavePath(file)).find("opacity: 0.2}"), std::string::npos);
  EXPECT_EQ(p->LoadAutosaveBackground(), p->history().background());  // the picture not read again

  EXPECT_TRUE(ApplyEdit(*p, Undo{}).applied());
  EXPECT_DOUBLE_EQ(p->background()->opacity, 0.5);
  EXPECT_TRUE(ApplyEdit(*p, Undo{}).applied());
  EXPECT_FALSE(p->background());
  EXPECT_FALSE(p->background_image());
  EXPECT_FALSE(p->run().scenario.background);
  EXPECT_FALSE(p->dirty());
  ApplyEdit(*p, Redo{});
  ApplyEdit(*p, Redo{});
  EXPECT_DOUBLE_EQ(p->background()->opacity, 0.2);

  // Restoring the autosave in a fresh session brings the background back as one step.
  auto again = Project::Open(file);
  EXPECT_FALSE(again->background());
  ApplyEdit(*again, ReplacePlan{again->LoadAutosave(), "Restore autosave", again->LoadAutosaveZones(),
                                again->LoadAutosaveBackground()});
  ASSERT_TRUE(again->background());
  EXPECT_DOUBLE_EQ(again->background()->opacity, 0.2);
  EXPECT_EQ(again->history().position(), 1u);

  p->Save();
  EXPECT_NE(ReadAll(file).find("background: {file: "), std::string::npos);
  EXPECT_NE(ReadAll(file).find("opacity: 0.2}"), std::string::npos);
  EXPECT_EQ(ApplyEdit(*p, SetBackground{nullptr}).message, "");
  EXPECT_EQ(p->history().UndoLabel(), "Clear background");
  p->Save();
  EXPECT_EQ(ReadAll(file).find("background:"), std::string::npos);
  EXPECT_FALSE(scenario::LoadScenario(file).background);
}

TEST(Project, ImpossibleEditsAreRefusedWithTheReason) {
  testing_util::TempDir dir;
  auto p = Project::Open(CopyOfDelft(dir));
  const sim::Camera c = p->cameras()[0];  // bullet-4mp: a fixed 85 degree lens
  sim::Camera low = c;
  low.position.z = p->run().city.GroundZ(c.position.x, c.position.y) - 3;
  EXPECT_NE(RefusedEdit(*p, c, low).find("below the ground"), std::string::npos);
  sim::Camera narrow = c;
  narrow.hfov_deg = 1;
  EXPECT_NE(RefusedEdit(*p, c, narrow).find("fixed 85.0\u00b0 lens"), std::string::npos) << RefusedEdit(*p, c, narrow);
  narrow.model.clear();  // a custom camera may have any lens the engine accepts
  EXPECT_EQ(RefusedEdit(*p, c, narrow), "");
  sim::Camera turned = c;
  turned.yaw_deg += 30;
  EXPECT_EQ(RefusedEdit(*p, c, turned), "");
  // Into a building: under a roof, 2 m below it.
  const geo::CityModel& city = p->run().city;
  std::optional<sim::Vec3d> indoors;
  for (double x = city.area.min_x; x < city.area.max_x && !indoors; x += 3)
    for (double y = city.area.min_y; y < city.area.max_y && !indoors; y += 3)
      if (auto pick = PickFromAbove(city, *p->run().scene, x, y); pick && pick->surface == geo::Surface::roof &&
                                                                   pick->point.z - city.GroundZ(x, y) > 6)
        indoors = sim::Vec3d{x, y, pick->point.z - 2};
  ASSERT_TRUE(indoors);
  sim::Camera inside = c;
  inside.position = *indoors;
  EXPECT_TRUE(InsideBuilding(*p, inside));
  EXPECT_FALSE(InsideBuilding(*p, c));
  EXPECT_NE(RefusedEdit(*p, c, inside).find("inside a building"), std::string::npos);
}

}  // namespace
}  // namespace plan
