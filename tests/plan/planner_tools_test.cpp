// The planner's tools without a window (issue #17): measuring, the px/m read-out, where a new
// pole looks, undo/redo bringing back the selection, wedges cached per camera.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "plan/aim_rules.h"
#include "plan/edit_command.h"
#include "plan/live_coverage.h"
#include "plan/measure.h"
#include "plan/plan_view.h"
#include "plan/zone_text.h"
#include "scenario/build.h"
#include "scenario/scenario.h"
#include "sim/synthetic_city.h"
#include "test_util.h"

namespace plan {
namespace {

const std::filesystem::path kDelft = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";

TEST(Measure, DistancesAndHeightAboveTheGround) {
  testing_util::SyntheticCity town(-50, -50, 50, 50);
  town.Box(10, -5, 20, 5, 0, 12);
  const Measurement m = Measure(town.city(), {0, 0, 0}, {10, 0, 7.5});  // a point on the facade
  EXPECT_DOUBLE_EQ(m.ground_m, 10);
  EXPECT_DOUBLE_EQ(m.slant_m, 12.5);
  EXPECT_DOUBLE_EQ(m.rise_m, 7.5);
  EXPECT_DOUBLE_EQ(m.height_b_m, 7.5);  // flat city: the ground is z = 0
  EXPECT_DOUBLE_EQ(m.height_a_m, 0);
}

TEST(Measure, DensityReadOutFollowsTheEngine) {
  testing_util::SyntheticCity town(-100, -100, 100, 100);
  town.Box(-10, 30, 10, 32, 0, 10);  // a wall 30 m north
  const auto scene = sim::BuildScene(town.city());
  sim::Camera c;
  c.id = "C";
  c.position = {0, 0, 5};
  c.hfov_deg = 60, c.width_px = 2000, c.height_px = 1000, c.max_range_m = 60, c.min_range_m = 0.5;
  const sim::DensityLevels levels = sim::DoriLevels();
  // On the optical axis, 10 m out: width / (2 d tan 30) = 173 px/m, recognise.
  const DensityReading r = ReadDensity(c, *scene, levels, {0, 10, 5});
  EXPECT_EQ(r.seen, DensityReading::Seen::yes);
  EXPECT_NEAR(r.px_per_m, 2000 / (2 * 10 * std::tan(M_PI / 6)), 0.5);
  EXPECT_EQ(levels.levels[r.level].name, "recognise");
  EXPECT_EQ(ReadDensity(c, *scene, levels, {0, 40, 2}).seen, DensityReading::Seen::hidden);
  EXPECT_EQ(ReadDensity(c, *scene, levels, {0, -10, 2}).seen, DensityReading::Seen::outside_image);
  c.max_range_m = 8;
  EXPECT_EQ(ReadDensity(c, *scene, levels, {0, 10, 5}).seen, DensityReading::Seen::out_of_range);
}

TEST(AimRules, APoleFacesTheNearestPriorityZone) {
  sim::Zone east, west, privacy;
  east.outline = {{{{20, -5}, {30, -5}, {30, 5}, {20, 5}}}};
  west.outline = {{{{-60, -5}, {-50, -5}, {-50, 5}, {-60, 5}}}};
  privacy.kind = sim::ZoneKind::privacy;
  privacy.outline = {{{{-3, 2}, {3, 2}, {3, 8}, {-3, 8}}}};  // nearer, but not a priority zone
  const auto yaw = YawTowardNearestPriorityZone({west, privacy, east}, 0, 0);
  ASSERT_TRUE(yaw);
  EXPECT_NEAR(*yaw, 90, 1e-9);                                       // due east
  const auto inside = YawTowardNearestPriorityZone({east}, 25, -4);  // in it: across it
  ASSERT_TRUE(inside);
  EXPECT_NEAR(*inside, 0, 1e-9);
  EXPECT_FALSE(YawTowardNearestPriorityZone({privacy}, 0, 0));
}

TEST(AimRules, WithoutAZoneInRangeAPoleLooksAlongTheStreet) {
  // A street running west to east along y = 0, from x = -100 to x = 20, in two pieces; the
  // pole stands 5 m north of it at x = 0: most of the street lies west.
  geo::PathFeature street{"residential", "1", "Main", {{-100, 0, 0}, {-10, 0, 0}, {20, 0, 0}}};
  const std::vector<geo::PathFeature> paths = {street};
  const auto along = YawAlongNearestStreet(paths, 0, 5);
  ASSERT_TRUE(along);
  EXPECT_NEAR(*along, 270, 1e-9);  // west, not toward the street (180) nor north
  const auto east_end = YawAlongNearestStreet(paths, -95, -3);  // near the west end: look east
  ASSERT_TRUE(east_end);
  EXPECT_NEAR(*east_end, 90, 1e-9);
  // A diagonal street (north-east): the yaw follows it.
  const std::vector<geo::PathFeature> diagonal = {{"footway", "2", "", {{0, 0, 0}, {30, 30, 0}}}};
  EXPECT_NEAR(*YawAlongNearestStreet(diagonal, 2, 0), 45, 1e-9);
  EXPECT_FALSE(YawAlongNearestStreet(paths, 0, 45));  // 45 m off: no street of its own
  // The rule: a priority zone within range wins; beyond it the street; without a street, the
  // zone however far; with neither, north stays.
  sim::Zone far;
  far.outline = {{{{0, 200}, {10, 200}, {10, 210}, {0, 210}}}};  // 195 m north
  EXPECT_NEAR(*NewPoleYaw({far}, paths, 0, 5, 250), 0, 1e-9);
  EXPECT_NEAR(*NewPoleYaw({far}, paths, 0, 5, 80), 270, 1e-9);
  EXPECT_NEAR(*NewPoleYaw({far}, {}, 0, 5, 80), 0, 1e-9);
  EXPECT_FALSE(NewPoleYaw({}, {}, 0, 5, 80));
}

class PlannerOnDelft : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = Project::Open(kDelft).release(); }
  static void TearDownTestSuite() { delete project_; }
  SurfacePick GroundAt(double x, double y) const {  // frame CRS coordinates
    const geo::Frame& f = project_->run().city.frame;
    auto pick =
        PickFromAbove(project_->run().city, *project_->run().scene, x - f.origin_x, y - f.origin_y);
    EXPECT_TRUE(pick);
    return pick.value_or(SurfacePick{});
  }
  static Project* project_;
};
Project* PlannerOnDelft::project_ = nullptr;

TEST_F(PlannerOnDelft, ANewPoleFacesThePlazaStandsOnTheGroundAndAimsAtTheGroundPoint) {
  Project& p = *project_;
  // Open ground west of the plaza (84946.5 .. 85001.5 east, 447490.5 .. 447540.5 north): the
  // pole should look east.
  double x = 84944;
  while (x > 84900 && GroundAt(x, 447515).surface != geo::Surface::ground) x -= 0.5;
  ASSERT_GT(x, 84900) << "no open ground west of the plaza";
  ASSERT_TRUE(ApplyEdit(p, PlaceCamera{GroundAt(x, 447515), "bullet-4mp"}).applied());
  const sim::Camera pole = p.cameras().back();
  ASSERT_EQ(pole.mount, sim::MountType::pole);
  EXPECT_NEAR(pole.yaw_deg, 90, 1);
  EXPECT_NEAR(pole.position.z - p.run().city.GroundZ(pole.position.x, pole.position.y), 6, 0.002);
  // Ctrl+drag to a ground point 20 m east: the optical axis goes through that point.
  const SurfacePick target = GroundAt(x + 20, 447515);
  ASSERT_TRUE(ApplyEdit(p, AimSelected{target.point}).applied());
  const sim::Camera aimed = p.cameras().back();
  const double expected = std::atan2(target.point.z - aimed.position.z, 20.0) * 180 / M_PI;
  EXPECT_NEAR(aimed.pitch_deg, expected, 0.05);
  EXPECT_LT(aimed.pitch_deg, -15);  // 6 m down over 20 m, not a face's -0.8 degrees
  while (ApplyEdit(p, Undo{}).applied()) {
  }
}

TEST_F(PlannerOnDelft, UndoAndRedoBringBackTheSelection) {
  Project& p = *project_;
  p.selection = {"C01"};
  ASSERT_TRUE(ApplyEdit(p, RotateSelected{5, 0, 0}).applied());
  p.selection = {"C02", "C03"};
  ASSERT_TRUE(ApplyEdit(p, RotateSelected{0, -2, 0}).applied());
  p.selection.clear();
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.selection, (std::set<std::string>{"C02", "C03"}));
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.selection, std::set<std::string>{"C01"});
  p.selection.clear();
  ASSERT_TRUE(ApplyEdit(p, Redo{}).applied());
  EXPECT_EQ(p.selection, std::set<std::string>{"C01"});
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  // Two separate rotations stay two steps even when the second says it continues a gesture of
  // another kind.
  p.selection = {"C01"};
  ASSERT_TRUE(ApplyEdit(p, RotateSelected{5, 0, 0}).applied());
  ASSERT_TRUE(
      ApplyEdit(p, AimSelected{GroundAt(84975, 447515).point}, Gesture::continues).applied());
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.history().UndoLabel(), "Rotate");
  while (ApplyEdit(p, Undo{}).applied()) {
  }
}

TEST_F(PlannerOnDelft, WedgesAreRecastOnlyForCamerasThatChanged) {
  Project& p = *project_;
  FootprintCache cache;
  const auto& first = cache.Update(p.run(), p.cameras());
  ASSERT_EQ(first.size(), p.cameras().size());
  for (const sim::ViewFootprint& f : first) EXPECT_FALSE(f.pieces.empty());
  const std::vector<sim::ViewFootprint> before = first;
  const std::uint64_t revision = cache.revision();
  cache.Update(p.run(), p.cameras());
  EXPECT_EQ(cache.revision(), revision);  // nothing changed
  std::vector<sim::Camera> moved = p.cameras();
  moved[1].yaw_deg += 40;
  const auto& after = cache.Update(p.run(), moved);
  EXPECT_GT(cache.revision(), revision);
  EXPECT_EQ(after[0].pieces.size(), before[0].pieces.size());
  EXPECT_NE(after[1].area_m2(0), before[1].area_m2(0));
}

TEST(ZoneText, TheZonesSectionIsReplacedAndTheRestKept) {
  const std::string text =
      "version: 1  # keep me\nzones:\n  - {source: zones.geojson}\n  # a note\n\n# about the next\n"
      "optimise: {budget: 10}\n";
  sim::Zone z;
  z.name = "Market \"east\"";
  z.required_level = 2;
  z.required_k = 2;
  z.outline = {{{{0, 0}, {10, 0}, {10, 5.25}}}};
  geo::Frame frame;
  frame.origin_x = 1000, frame.origin_y = 2000;
  const std::string out = WithZonesSection(text, {z}, frame, sim::DoriLevels());
  EXPECT_EQ(out,
            "version: 1  # keep me\nzones:\n  - {name: \"Market \\\"east\\\"\", kind: priority, "
            "dori: recognise, "
            "k: 2, weight: 1,\n     polygon: [[1000, 2000], [1010, 2000], [1010, 2005.25]]}\n"
            "\n# about the next\noptimise: {budget: 10}\n");
  // No section yet: appended.
  EXPECT_EQ(WithZonesSection("version: 1\n", {}, frame, sim::DoriLevels()),
            "version: 1\nzones: []\n");
}

TEST_F(PlannerOnDelft, HolesPartsAndExcludeZonesRoundTripAndTheGroundFollows) {
  const testing_util::TempDir dir;
  Project& p = *project_;  // the save moves it into the temporary folder (the next test saves too)
  const geo::Frame& f = p.run().city.frame;
  auto at = [&](double x, double y) { return geo::Vec2d{x - f.origin_x, y - f.origin_y}; };
  const std::size_t before = p.zones().size();
  const std::vector<float> ground(p.run().grid.ground_z.begin(), p.run().grid.ground_z.end());
  const std::size_t targets = p.run().grid.CountTargets();
  // A priority zone of two parts: 40 x 20 m with a 10 x 10 m hole, and a 10 x 10 m square.
  sim::Zone z;
  z.name = "Two squares";
  z.outline = {{{at(84950, 447560), at(84990, 447560), at(84990, 447580), at(84950, 447580)},
                {at(84960, 447565), at(84960, 447575), at(84970, 447575), at(84970, 447565)}},
               {{at(85000, 447560), at(85010, 447560), at(85010, 447570), at(85000, 447570)}}};
  ASSERT_TRUE(ApplyEdit(p, AddZone{z}).applied());
  EXPECT_EQ(p.zones().back().cells.size(), (800 - 100 + 100) * 4);  // cells of 0.5 m
  // An exclude zone: the ground under it stops being evaluated once the project lays the grid.
  sim::Zone works;
  works.name = "Works";
  works.kind = sim::ZoneKind::exclude;
  works.outline = {{{at(84950, 447490), at(84990, 447490), at(84990, 447520), at(84950, 447520)}}};
  ASSERT_TRUE(ApplyEdit(p, AddZone{works}).applied());
  EXPECT_TRUE(p.ExcludedGroundChanged());
  ASSERT_TRUE(p.ApplyExcludedGround());
  EXPECT_FALSE(p.ExcludedGroundChanged());
  std::size_t taken = 0;
  for (std::uint32_t c : p.zones().back().cells) taken += ground[c] == ground[c];
  ASSERT_GT(taken, 1000u);
  EXPECT_EQ(p.run().grid.CountTargets(), targets - taken);
  p.run().coverage->SetCameras(p.cameras());

  // Saved and run again from the file: the same zones, the same ground, the same coverage.
  ASSERT_TRUE(ApplyEdit(p, Save{dir.path() / "holes.yaml"}).applied());
  const auto rerun = scenario::RunCoverage(scenario::LoadScenario(dir.path() / "holes.yaml"));
  ASSERT_EQ(rerun->zones.size(), p.zones().size());
  for (std::size_t i = 0; i < p.zones().size(); ++i) {
    EXPECT_EQ(rerun->zones[i].kind, p.zones()[i].kind);
    EXPECT_EQ(rerun->zones[i].cells, p.zones()[i].cells) << p.zones()[i].name;
    EXPECT_EQ(rerun->zones[i].outline.size(), p.zones()[i].outline.size());
  }
  EXPECT_EQ(rerun->zones[before].outline[0].size(), 2u);  // the hole
  EXPECT_EQ(rerun->grid.CountTargets(), p.run().grid.CountTargets());
  EXPECT_EQ(rerun->coverage->aggregate().k, p.run().coverage->aggregate().k);

  // Undone: the ground comes back bit for bit.
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.zones().size(), before);
  ASSERT_TRUE(p.ApplyExcludedGround());
  ASSERT_EQ(p.run().grid.ground_z.size(), ground.size());
  EXPECT_EQ(std::memcmp(p.run().grid.ground_z.data(), ground.data(), ground.size() * sizeof(float)), 0);
  p.run().coverage->SetCameras(p.cameras());
}

TEST_F(PlannerOnDelft, DrawnZonesAreUndoableCountedLiveAndSavedToTheScenario) {
  const testing_util::TempDir dir;
  Project& p = *project_;  // last in the suite: the save moves it into the temporary folder
  const geo::Frame& f = p.run().city.frame;
  const std::size_t before = p.zones().size();
  sim::Zone z;
  z.name = "North street";
  z.required_level = 1;
  z.outline = {{{{84950 - f.origin_x, 447560 - f.origin_y},
                 {84990 - f.origin_x, 447560 - f.origin_y},
                 {84990 - f.origin_x, 447580 - f.origin_y},
                 {84950 - f.origin_x, 447580 - f.origin_y}}}};
  ASSERT_TRUE(ApplyEdit(p, AddZone{z}).applied());
  ASSERT_EQ(p.zones().size(), before + 1);
  EXPECT_NEAR(p.zones().back().cells.size() * 0.25, 800, 20);  // 40 x 20 m on a 0.5 m grid
  EXPECT_EQ(ApplyEdit(p, AddZone{z}).outcome, EditResult::Outcome::refused);  // same name
  sim::Zone degenerate = z;
  degenerate.name = "x";
  degenerate.outline.push_back({{{0, 0}, {1, 1}}});  // a part of two points
  EXPECT_EQ(ApplyEdit(p, AddZone{degenerate}).outcome, EditResult::Outcome::refused);
  // A vertex dragged: one step however many moves.
  sim::Zone moved = p.zones().back();
  for (int i = 1; i <= 3; ++i) {
    moved.outline[0][0][2].x += 2;
    ASSERT_TRUE(
        ApplyEdit(p, ReplaceZone{before, moved}, i == 1 ? Gesture::starts : Gesture::continues)
            .applied());
  }
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.zones().back().outline[0][0][2].x, z.outline[0][0][2].x);
  ASSERT_TRUE(ApplyEdit(p, Redo{}).applied());

  // The live worker counts the new zone.
  LiveCoverage live(*p.run().coverage, p.shared_zones());
  live.Request(p.cameras(), p.history().state_id(), OverlayMode::k_coverage, p.shared_zones());
  live.WaitIdle();
  const auto snap = live.TakeNew();
  ASSERT_TRUE(snap);
  ASSERT_EQ(snap->zone_stats.size(), before + 1);
  EXPECT_EQ(snap->zone_stats.back().name, "North street");
  EXPECT_GT(snap->zone_stats.back().area_m2, 0);

  // Saved:
  ASSERT_TRUE(ApplyEdit(p, Save{dir.path() / "edited.yaml"}).applied());  // data paths rebased
  EXPECT_FALSE(p.dirty());
  // Read back into the same city and grid (no second coverage run): the same zones and cells.
  const scenario::Scenario saved = scenario::LoadScenario(dir.path() / "edited.yaml");
  core::Diagnostics diagnostics;
  const std::vector<sim::Zone> reread =
      scenario::BuildZones(saved, p.run().city, p.run().grid, diagnostics);
  ASSERT_EQ(reread.size(), p.zones().size());
  for (std::size_t i = 0; i < p.zones().size(); ++i) {
    EXPECT_EQ(reread[i].name, p.zones()[i].name);
    EXPECT_EQ(reread[i].kind, p.zones()[i].kind);
    EXPECT_EQ(reread[i].required_level, p.zones()[i].required_level);
    EXPECT_EQ(reread[i].required_k, p.zones()[i].required_k);
    EXPECT_EQ(reread[i].cells, p.zones()[i].cells);
  }
  // Edited again and autosaved (beside the saved copy): restoring brings the zones back too,
  // as one undo step.
  ASSERT_TRUE(ApplyEdit(p, DeleteZone{before}).applied());
  p.Autosave();
  const std::vector<sim::Zone> autosaved = p.LoadAutosaveZones();
  EXPECT_EQ(autosaved.size(), before);
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  ASSERT_EQ(p.zones().size(), before + 1);
  ASSERT_TRUE(ApplyEdit(p, ReplacePlan{p.LoadAutosave(), "Restore autosave", autosaved}).applied());
  EXPECT_EQ(p.zones().size(), before);
  EXPECT_EQ(p.history().UndoLabel(), "Restore autosave");
  ASSERT_TRUE(ApplyEdit(p, Undo{}).applied());
  EXPECT_EQ(p.zones().size(), before + 1);
}

}  // namespace
}  // namespace plan
