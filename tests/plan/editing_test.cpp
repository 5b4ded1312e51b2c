// The GUI's editing model without a window: undo/redo, placing cameras on surfaces, the
// overlay colours and the script parser.
#include <gtest/gtest.h>

#include "core/error.h"
#include "plan/camera_history.h"
#include "plan/gui_script.h"
#include "plan/home_view.h"

#include <tuple>
#include "plan/overlay.h"
#include "plan/placement.h"
#include "report/palette.h"
#include "sim/synthetic_city.h"
#include "test_util.h"

namespace plan {
namespace {

sim::Camera Cam(const std::string& id, double x) {
  sim::Camera c;
  c.id = id;
  c.position = {x, 0, 6};
  c.hfov_deg = 90;
  return c;
}

TEST(CameraHistory, UndoRedoWalkThroughCommittedPlans) {
  CameraHistory h({Cam("A", 0)});
  const auto s0 = h.state_id();
  EXPECT_FALSE(h.CanUndo());
  h.Commit({Cam("A", 0), Cam("B", 5)}, "Place B");
  const auto s1 = h.state_id();
  h.Commit({Cam("A", 2), Cam("B", 5)}, "Move A");
  h.Amend({Cam("A", 3), Cam("B", 5)});  // the same drag goes on: no new step
  EXPECT_EQ(h.current()[0].position.x, 3);
  EXPECT_EQ(h.UndoLabel(), "Move A");
  ASSERT_TRUE(h.Undo());
  EXPECT_EQ(h.state_id(), s1);
  EXPECT_EQ(h.current().size(), 2u);
  EXPECT_EQ(h.RedoLabel(), "Move A");
  ASSERT_TRUE(h.Undo());
  EXPECT_EQ(h.state_id(), s0);
  EXPECT_FALSE(h.Undo());
  ASSERT_TRUE(h.Redo());
  // A new edit after undo drops the redo branch.
  h.Commit({Cam("B", 5)}, "Delete A");
  EXPECT_FALSE(h.CanRedo());
  EXPECT_EQ(h.current().size(), 1u);
  // Committing the same plan is no edit.
  const auto s = h.state_id();
  h.Commit({Cam("B", 5)}, "nothing");
  EXPECT_EQ(h.state_id(), s);
  EXPECT_EQ(h.UndoLabel(), "Delete A");
}

class Placement : public ::testing::Test {
 protected:
  Placement() : city_(testing_util::SyntheticCity(-50, -50, 50, 50).Box(0, 0, 10, 10, 0, 12).city()) {
    scene_ = sim::BuildScene(city_);
  }
  geo::CityModel city_;
  std::unique_ptr<sim::Scene> scene_;
};

TEST_F(Placement, ClickOnAFacadeMountsTheCameraFacingOutOfIt) {
  // A ray from the east hits the east wall (x = 10) at 5 m.
  const auto pick = PickSurface(city_, *scene_, {40, 5, 5}, {-1, 0, 0});
  ASSERT_TRUE(pick);
  EXPECT_EQ(pick->surface, geo::Surface::wall);
  EXPECT_NEAR(pick->point.x, 10, 1e-3);
  EXPECT_NEAR(pick->normal.x, 1, 1e-6);
  sim::Camera templ;
  templ.hfov_deg = 80;
  const auto cam = PlaceOnSurface(city_, *pick, templ, false);
  ASSERT_TRUE(cam);
  EXPECT_NEAR(cam->position.x, 10.25, 1e-9);  // on a 25 cm bracket
  EXPECT_NEAR(cam->position.z, 5, 1e-9);
  EXPECT_NEAR(cam->yaw_deg, 90, 1e-9);  // east
  EXPECT_EQ(cam->mount, sim::MountType::wall);
  EXPECT_EQ(cam->pitch_deg, PlacementRules{}.default_pitch_deg);
  // Low on the facade it is lifted out of reach.
  const auto low = PickSurface(city_, *scene_, {40, 5, 0.5}, {-1, 0, 0});
  ASSERT_TRUE(low);
  EXPECT_NEAR(PlaceOnSurface(city_, *low, templ, false)->position.z, 2.5, 1e-9);
}

TEST_F(Placement, GroundGetsAPoleAndRoofAMastAndMovingKeepsTheAim) {
  sim::Camera templ;
  templ.hfov_deg = 80;
  templ.yaw_deg = 33;
  templ.pitch_deg = -20;
  const auto ground = PickFromAbove(city_, *scene_, -20.0004, 30);
  ASSERT_TRUE(ground);
  EXPECT_EQ(ground->surface, geo::Surface::ground);
  const auto pole = PlaceOnSurface(city_, *ground, templ, true);
  ASSERT_TRUE(pole);
  EXPECT_EQ(pole->mount, sim::MountType::pole);
  EXPECT_NEAR(pole->position.z, 6, 1e-9);
  EXPECT_EQ(pole->position.x, -20.0);  // snapped to the millimetre, as the file stores it
  EXPECT_EQ(pole->yaw_deg, 33);
  EXPECT_EQ(pole->pitch_deg, -20);
  const auto roof = PickFromAbove(city_, *scene_, 5, 5);
  ASSERT_TRUE(roof);
  EXPECT_EQ(roof->surface, geo::Surface::roof);
  EXPECT_NEAR(PlaceOnSurface(city_, *roof, templ, false)->position.z, 13, 1e-6);
  // Next to a street lamp the camera goes on the lamp.
  geo::CityModel with_lamp = city_;
  with_lamp.poles.push_back({"street_lamp", "n1", {-21.0f, 31.0f, 0.0f}});
  const auto lamp = PlaceOnSurface(with_lamp, *ground, templ, false);
  EXPECT_EQ(lamp->position.x, -21.0);
  EXPECT_EQ(lamp->position.y, 31.0);
  SurfacePick water = *ground;
  water.surface = geo::Surface::water;
  EXPECT_FALSE(PlaceOnSurface(city_, water, templ, false));
}

TEST(FilePrecision, SnapsPosesAndNumbersIds) {
  sim::Camera c;
  c.position = {1.23456, -7.0004, 3.9996};
  c.yaw_deg = -90.004;
  c.pitch_deg = -12.345;
  SnapToFilePrecision(c);
  EXPECT_DOUBLE_EQ(c.position.x, 1.235);
  EXPECT_DOUBLE_EQ(c.position.y, -7.0);
  EXPECT_DOUBLE_EQ(c.position.z, 4.0);
  EXPECT_DOUBLE_EQ(c.yaw_deg, 270.0);
  EXPECT_NEAR(c.pitch_deg, -12.35, 1e-9);
  EXPECT_EQ(NextCameraId({Cam("C01", 0), Cam("C03", 0)}), "C02");
  EXPECT_EQ(NextCameraId({}), "C01");
}

TEST(Overlay, ColoursFollowTheMapPaletteBlindSpotsAndExposedPrivacy) {
  sim::Grid g;
  g.nx = 4, g.ny = 1;
  g.ground_z = {0, 0, 0, std::numeric_limits<float>::quiet_NaN()};
  sim::Aggregate a;
  a.k = {0, 1, 3, 0};
  a.best_level = {-1, 0, 3, -1};
  a.best_px_per_m = {0, 30, 300, 0};
  a.best_camera = {-1, 0, 1, -1};
  sim::Zone privacy;
  privacy.kind = sim::ZoneKind::privacy;
  privacy.cells = {2};
  const auto rgba = OverlayRgba(a, g, {privacy}, 4, OverlayMode::k_coverage);
  ASSERT_EQ(rgba.size(), 16u);
  // Unseen ground outside priority zones stays bare.
  EXPECT_EQ(rgba[3], 0);
  EXPECT_EQ(rgba[4], report::KColour(1)[0]);
  EXPECT_EQ(rgba[8], 204);   // privacy cell seen: magenta
  EXPECT_EQ(rgba[15], 0);    // no target: transparent
  const auto density = OverlayRgba(a, g, {}, 4, OverlayMode::density);
  EXPECT_EQ(density[4], report::LevelColour(0, 4)[0]);
  EXPECT_EQ(density[8], report::LevelColour(3, 4)[0]);
  for (std::uint8_t v : OverlayRgba(a, g, {}, 4, OverlayMode::off)) EXPECT_EQ(v, 0);
  // Unseen cells of a priority zone are blind spots.
  sim::Zone plaza;
  plaza.cells = {0, 1};
  const auto with_zone = OverlayRgba(a, g, {plaza}, 4, OverlayMode::k_coverage);
  EXPECT_EQ(with_zone[0], report::kBlindSpot[0]);
  EXPECT_GT(with_zone[3], 0);
  EXPECT_EQ(with_zone[4], report::KColour(1)[0]);
}

TEST(GuiScript, ParsesEveryActionAndNamesTheLineOfABadOne) {
  testing_util::TempDir dir;
  const auto ok = dir.path() / "ok.yaml";
  testing_util::WriteText(ok, R"yaml(
- place: {at: [10, 20], model: bullet, height_m: 5}
- select: [C01, C02]
- move: {to: [11, 21]}
- rotate: {yaw: 30}
- set: {pitch: -10, id: X}
- delete
- undo
- view: top
- overlay: density
- save: out.yaml
- benchmark: {frames: 5, moves: 2}
)yaml");
  const auto script = LoadScript(ok);
  ASSERT_EQ(script.size(), 11u);
  EXPECT_EQ(script[0].verb, "place");
  EXPECT_EQ(script[0].xy[1], 20);
  EXPECT_EQ(script[0].model, "bullet");
  EXPECT_EQ(script[0].numbers.at("height_m"), 5);
  EXPECT_EQ(script[1].ids.size(), 2u);
  EXPECT_EQ(script[4].text, "X");
  EXPECT_EQ(script[5].verb, "delete");
  EXPECT_EQ(script[9].text, "out.yaml");
  const auto bad = dir.path() / "bad.yaml";
  testing_util::WriteText(bad, "- undo\n- fly: {to: [1, 2]}\n");
  try {
    LoadScript(bad);
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.where(), "line 2");
    EXPECT_NE(e.problem().find("unknown action 'fly'"), std::string::npos);
  }
  testing_util::WriteText(bad, "- rotate: {yaw: 30, tilt: 2}\n");
  EXPECT_THROW(LoadScript(bad), core::InputError);
  testing_util::WriteText(bad, "- view: sideways\n");
  EXPECT_THROW(LoadScript(bad), core::InputError);
}

}  // namespace
}  // namespace plan

namespace plan {
namespace {

sim::Vec3d Sub(const sim::Vec3d& a, const sim::Vec3d& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
double Dot(const sim::Vec3d& a, const sim::Vec3d& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
sim::Vec3d Cross(const sim::Vec3d& a, const sim::Vec3d& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
sim::Vec3d Unit(const sim::Vec3d& a) {
  const double n = std::sqrt(Dot(a, a));
  return {a.x / n, a.y / n, a.z / n};
}

// The home view shows the whole area, ground to roofs, whatever the 3D view's shape, and not
// from needlessly far away.
TEST(HomeView, FramesEveryCornerOfTheAreaTightly) {
  for (const auto& [w, h, aspect, top] : std::vector<std::tuple<double, double, double, double>>{
           {290, 210, 550.0 / 752, 40}, {1200, 150, 1.8, 25}, {100, 900, 1.2, 120}}) {
    geo::Box2d area;
    area.Extend(-w / 2, -h / 2);
    area.Extend(w / 2, h / 2);
    HomeViewOptions o;
    o.aspect = aspect;
    const EyePose pose = FrameArea(area, 2, 0, top, o);
    // The view as a perspective camera at the pose, up +z (what the GUI's manipulator sets).
    const sim::Vec3d f = Unit(Sub(pose.centre, pose.eye)), s = Unit(Cross(f, {0, 0, 1})), u = Cross(s, f);
    const double tan_v = std::tan(o.vertical_fov_deg * M_PI / 360);
    double widest = 0;
    for (double x : {area.min_x, area.max_x})
      for (double y : {area.min_y, area.max_y})
        for (double z : {0.0, top}) {
          const sim::Vec3d d = Sub({x, y, z}, pose.eye);
          const double depth = Dot(d, f);
          ASSERT_GT(depth, 0);
          const double nx = Dot(d, s) / (depth * tan_v * aspect), ny = Dot(d, u) / (depth * tan_v);
          EXPECT_LE(std::abs(nx), 1.0) << w << " x " << h;
          EXPECT_LE(std::abs(ny), 1.0) << w << " x " << h;
          widest = std::max({widest, std::abs(nx), std::abs(ny)});
        }
    EXPECT_GT(widest, 0.9) << "framed tightly, " << w << " x " << h;
  }
}

}  // namespace
}  // namespace plan
