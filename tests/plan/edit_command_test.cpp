// The one edit path (plan::ApplyEdit) on the sample city: each kind of edit is one undo step,
// gestures amend their own step, refused edits leave the plan alone, undo/redo cover all.
#include <gtest/gtest.h>

#include "plan/edit_command.h"
#include "test_util.h"

namespace plan {
namespace {

const std::filesystem::path kDelft = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";

class EditCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = Project::Open(kDelft).release(); }
  static void TearDownTestSuite() { delete project_; }
  SurfacePick GroundAt(double x, double y) const {  // frame CRS coordinates
    const geo::Frame& f = project_->run().city.frame;
    auto pick = PickFromAbove(project_->run().city, *project_->run().scene, x - f.origin_x, y - f.origin_y);
    EXPECT_TRUE(pick);
    return pick.value_or(SurfacePick{});
  }
  static Project* project_;
};
Project* EditCommands::project_ = nullptr;

TEST_F(EditCommands, EveryEditIsOneUndoStepAndUndoingAllRestoresThePlan) {
  Project& p = *project_;
  const std::vector<sim::Camera> initial = p.cameras();
  ASSERT_GE(initial.size(), 2u);

  ASSERT_TRUE(ApplyEdit(p, PlaceCamera{GroundAt(84975, 447515), "bullet-4mp", 5.0, 90.0, -20.0}).applied());
  ASSERT_EQ(p.cameras().size(), initial.size() + 1);
  const sim::Camera placed = p.cameras().back();
  EXPECT_EQ(p.selection, std::set<std::string>{placed.id});
  EXPECT_DOUBLE_EQ(placed.yaw_deg, 90);
  EXPECT_DOUBLE_EQ(placed.pitch_deg, -20);
  EXPECT_NEAR(placed.position.z - p.run().city.GroundZ(placed.position.x, placed.position.y), 5, 0.002);
  EXPECT_EQ(p.history().UndoLabel(), "Place " + placed.id);

  // A drag: the first step commits, the rest amend it.
  ASSERT_TRUE(ApplyEdit(p, MoveCamera{placed.id, GroundAt(84978, 447515)}).applied());
  ASSERT_TRUE(ApplyEdit(p, MoveCamera{placed.id, GroundAt(84981, 447516)}, Gesture::continues).applied());
  EXPECT_EQ(p.history().UndoLabel(), "Move " + placed.id);

  ASSERT_TRUE(ApplyEdit(p, RotateSelected{10, -5, 0}).applied());
  ASSERT_TRUE(ApplyEdit(p, RotateSelected{10, 0, 0}, Gesture::continues).applied());  // key repeat
  EXPECT_NEAR(p.cameras().back().yaw_deg, 110, 1e-9);
  ASSERT_TRUE(ApplyEdit(p, AimSelected{{placed.position.x, placed.position.y + 20, placed.position.z - 5}}).applied());

  sim::Camera renamed = p.cameras().back();
  renamed.id = "NEW";
  renamed.cost = 999;
  ASSERT_TRUE(ApplyEdit(p, ReplaceCamera{placed.id, renamed}).applied());
  EXPECT_EQ(p.selection, std::set<std::string>{"NEW"});  // the selection follows the id
  ASSERT_TRUE(ApplyEdit(p, DeleteSelected{}).applied());
  EXPECT_TRUE(p.selection.empty());
  EXPECT_EQ(p.cameras(), initial);

  // Six steps: place, move, rotate, aim, edit, delete.
  int undone = 0;
  while (ApplyEdit(p, Undo{}).applied()) ++undone;
  EXPECT_EQ(undone, 6);
  EXPECT_EQ(p.cameras(), initial);
  EXPECT_EQ(ApplyEdit(p, Undo{}).outcome, EditResult::Outcome::refused);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(ApplyEdit(p, Redo{}).applied());
  EXPECT_EQ(p.cameras().back().id, "NEW");
  EXPECT_EQ(ApplyEdit(p, Undo{}).message, "Undone: Edit NEW");
  while (ApplyEdit(p, Undo{}).applied()) {
  }
}

TEST_F(EditCommands, RefusedEditsSayWhyAndLeaveThePlanAlone) {
  Project& p = *project_;
  const std::vector<sim::Camera> initial = p.cameras();
  const std::uint64_t state = p.history().state_id();
  sim::Camera c = initial[0];
  c.id = initial[1].id;
  EditResult r = ApplyEdit(p, ReplaceCamera{initial[0].id, c});
  EXPECT_EQ(r.outcome, EditResult::Outcome::refused);
  EXPECT_EQ(r.message, "camera id '" + initial[1].id + "' is taken");
  c = initial[0];
  c.position.z = p.run().city.GroundZ(c.position.x, c.position.y) - 3;
  r = ApplyEdit(p, ReplaceCamera{initial[0].id, c});
  EXPECT_EQ(r.outcome, EditResult::Outcome::refused);
  EXPECT_NE(r.message.find("below the ground"), std::string::npos) << r.message;
  p.selection.clear();
  EXPECT_EQ(ApplyEdit(p, DeleteSelected{}).outcome, EditResult::Outcome::refused);
  EXPECT_EQ(ApplyEdit(p, MoveCamera{"nope", GroundAt(84975, 447515)}).outcome, EditResult::Outcome::refused);
  EXPECT_EQ(p.history().state_id(), state);
  EXPECT_EQ(p.cameras(), initial);
}

TEST_F(EditCommands, SaveWritesThePlanAndAFailedSaveSaysSo) {
  Project& p = *project_;
  testing_util::TempDir dir;
  p.selection = {p.cameras()[0].id};
  ASSERT_TRUE(ApplyEdit(p, RotateSelected{15, 0, 0}).applied());
  EXPECT_TRUE(p.dirty());
  const auto not_a_folder = testing_util::WriteText(dir / "file.txt", "x");
  EXPECT_EQ(ApplyEdit(p, Save{not_a_folder / "plan.yaml"}).outcome, EditResult::Outcome::failed);
  EXPECT_TRUE(p.dirty());
  const EditResult saved = ApplyEdit(p, Save{dir / "plan.yaml"});
  ASSERT_TRUE(saved.applied()) << saved.message;
  EXPECT_FALSE(p.dirty());
  const auto reopened = Project::Open(dir / "plan.yaml");
  ASSERT_EQ(reopened->cameras().size(), p.cameras().size());
  EXPECT_NEAR(reopened->cameras()[0].yaw_deg, p.cameras()[0].yaw_deg, 1e-9);
}

}  // namespace
}  // namespace plan
