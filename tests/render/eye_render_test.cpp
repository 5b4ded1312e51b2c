// Cross-checks of the coverage engine against rendering (OpenSceneGraph, off screen), and the
// GUI driven by a script in a real window. Needs an X display: scripts/test.sh starts Xvfb.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "agents/people_time.h"
#include "agents/run.h"
#include "gui/gui.h"
#include "scenario/build.h"
#include "scenario/pipeline.h"
#include "plan/project.h"
#include "render/camera_eye.h"
#include "render/city_view.h"
#include "render/render_check.h"
#include "sim/coverage.h"
#include "sim/synthetic_city.h"
#include "test_util.h"

namespace render {
namespace {

bool HaveDisplay() { return std::getenv("DISPLAY") != nullptr; }
#define REQUIRE_DISPLAY() \
  if (!HaveDisplay()) GTEST_SKIP() << "needs an X display (scripts/test.sh runs the tests under Xvfb)"

// The synthetic town of these checks: three blocks of 8 to 20 m, optionally an overhang.
struct TestTown {
  testing_util::SyntheticCity builder{-60, -60, 60, 60};
  std::unique_ptr<sim::Scene> scene;
  sim::Grid grid;
  explicit TestTown(bool overhang) {
    builder.Box(-30, 10, -10, 30, 0, 15).Box(5, 5, 15, 15, 0, 8).Box(20, -30, 40, -20, 0, 20);
    if (overhang) builder.Box(-20, -25, -5, -15, 3, 6);
    scene = sim::BuildScene(builder.city());
    grid = sim::MakeGrid(builder.city(), *scene, {0.5, 1.7});
  }
};

TEST(RenderCrossCheck, VisibleCellsProjectToPixelsWithNothingInFront) {
  REQUIRE_DISPLAY();
  const TestTown town(true);
  sim::Camera cam;
  cam.position = {-45, -45, 8};
  cam.yaw_deg = 45, cam.pitch_deg = -12;
  cam.width_px = 1280, cam.height_px = 720, cam.hfov_deg = 75, cam.max_range_m = 150;
  const RenderAgreement a = CompareWithRender(town.builder.city(), *town.scene, town.grid, cam, 1280, 720);
  EXPECT_GT(a.visible, 5000u);
  EXPECT_GT(a.hidden, 1000u);  // the boxes hide a good part of the town
  EXPECT_GE(a.Pct(), 99.5) << a.checked << " targets checked";
  std::cout << "synthetic town: " << a.Pct() << " % of " << a.checked << " targets agree with the render\n";
}

TEST(RenderCrossCheck, DelftCamerasAgreeWithTheirRenderedViews) {
  REQUIRE_DISPLAY();
  auto project = plan::Project::Open(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml");
  const auto& run = project->run();
  for (const sim::Camera& cam : project->cameras()) {
    const RenderAgreement a = CompareWithRender(run.city, *run.scene, run.grid, cam, 960, 960 * cam.height_px / cam.width_px);
    EXPECT_GE(a.Pct(), 98.0) << cam.id << ": " << a.checked << " targets";
    EXPECT_GT(a.checked, 500u) << cam.id;
    std::cout << "Delft " << cam.id << ": " << a.Pct() << " % of " << a.checked << " targets agree (" << a.on_edges << " on silhouette edges)\n";
  }
}

// Agents (issue #14): the Delft sample's scripted walkers and cyclist, every 6 s of their 90 s,
// drawn as the workbench draws them, in each camera's view (the fisheye through the cube): the
// bodies the rendering shows must be those the engine's people-time counts as seen.
TEST(RenderCrossCheck, DelftWalkersAgreeWithTheirRenderedBodies) {
  REQUIRE_DISPLAY();
  // The city, grid and zones of the sample without the coverage of its cameras (not needed
  // here), then the cameras as the scenario places them.
  const scenario::Scenario scenario = scenario::LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml");
  scenario::Scenario without_cameras = scenario;
  without_cameras.cameras.clear();
  const std::unique_ptr<scenario::CoverageResult> sample = scenario::RunCoverage(std::move(without_cameras));
  const scenario::CoverageResult& run = *sample;
  core::Diagnostics diagnostics;
  const std::vector<sim::Camera> cameras = scenario::BuildCameras(scenario, run.city, *run.scene, diagnostics);
  ASSERT_EQ(cameras.size(), 6u);
  const scenario::AgentsSpec& spec = *run.scenario.agents;
  const agents::Ground ground(run.grid);
  auto source = agents::MakeAgentSource(run, spec, ground, {}, diagnostics);
  agents::PeopleTimeCounter counter(*run.scene, cameras, ground, run.zones, run.coverage->levels(), spec.step_s);
  AgentRenderCheck check(run.city, *run.scene, 960, 540);
  AgentAgreement all;
  std::vector<AgentAgreement> per_camera(cameras.size());
  agents::Snapshot snap;
  std::vector<agents::StateView> views;
  const long every = std::lround(6 / spec.step_s);
  for (long step = 0; source->Next(snap); ++step) {
    counter.Add(snap, source->agents(), views);
    if (step % every != 0 || snap.states.empty()) continue;
    std::vector<AgentShape> shapes;
    for (const agents::AgentState& s : snap.states) {
      const agents::AgentInfo& info = source->agents()[s.agent];
      shapes.push_back(ShapeOf(info.agent_class, info.size, {s.x, s.y, s.z}, s.heading_deg, kUnseenPerson));
    }
    for (std::size_t c = 0; c < cameras.size(); ++c) {
      const AgentAgreement a = check.Compare(cameras[c], shapes);
      per_camera[c] += a;
      all += a;
    }
  }
  for (std::size_t c = 0; c < cameras.size(); ++c)
    std::cout << "Delft walkers, " << cameras[c].id << ": " << per_camera[c].Pct() << " % of " << per_camera[c].checked
              << " bodies agree (" << per_camera[c].visible << " seen, " << per_camera[c].hidden << " hidden; "
              << per_camera[c].on_edges << " on edges, " << per_camera[c].by_agents << " behind other agents, "
              << per_camera[c].touching_city << " touching the city, "
              << per_camera[c].out_of_view << " out of view)\n";
  EXPECT_GE(all.Pct(), 99.0) << all.checked << " bodies";
  EXPECT_GT(all.visible, 50u);
  EXPECT_GT(all.hidden, 15u);
  // The people-time counter saw these walkers through the same engine.
  EXPECT_GT(counter.result().totals.people.seen_s, 0);
}

// Lenses the renderer can only draw through the six-view cube: a barrel-distorted wide lens and
// a fisheye on the synthetic town.
TEST(RenderCrossCheck, DistortedAndFisheyeLensesAgreeToo) {
  REQUIRE_DISPLAY();
  const TestTown town(false);
  sim::Camera barrel;
  barrel.position = {-45, -45, 8};
  barrel.yaw_deg = 45, barrel.pitch_deg = -15;
  barrel.width_px = 1280, barrel.height_px = 720, barrel.hfov_deg = 100, barrel.max_range_m = 150;
  barrel.distortion = {-0.2, 0.05, 0, 0, 0};
  sim::Camera fisheye;
  fisheye.position = {0, -5, 6};
  fisheye.pitch_deg = -90;
  fisheye.lens = sim::LensModel::fisheye_equidistant;
  fisheye.width_px = 960, fisheye.height_px = 960, fisheye.hfov_deg = 180, fisheye.max_range_m = 40;
  for (const sim::Camera& cam : {barrel, fisheye}) {
    const RenderAgreement a = CompareWithRender(town.builder.city(), *town.scene, town.grid, cam, cam.width_px, cam.height_px);
    EXPECT_GT(a.visible, 2000u);
    EXPECT_GT(a.hidden, 200u);
    EXPECT_GE(a.Pct(), 99.0) << a.checked << " targets";
    std::cout << (cam.lens == sim::LensModel::rectilinear ? "barrel" : "fisheye") << ": " << a.Pct() << " % of "
              << a.checked << " targets agree (" << a.on_edges << " on edges)\n";
  }
}

TEST(RenderCrossCheck, PredictedPixelsPerMetreMatchARenderedOneMetreBoard) {
  REQUIRE_DISPLAY();
  sim::Camera cam;
  cam.position = {0, 0, 5};
  cam.width_px = 1920, cam.height_px = 1080, cam.hfov_deg = 60, cam.max_range_m = 300;
  for (double distance : {10.0, 25.0, 60.0}) {
    const sim::Vec3d on_axis{0, distance, 5};
    const double predicted = sim::PixelsPerMetreOnAxis(cam, distance);
    const double measured = RenderedBoardWidthPx(cam, on_axis);
    EXPECT_NEAR(measured, predicted, 0.05 * predicted) << distance << " m on axis";
    std::cout << "board at " << distance << " m: predicted " << predicted << " px, rendered " << measured << " px\n";
  }
  // Off axis, 20 degrees to the side and below: the engine's local density through the lens.
  cam.yaw_deg = 20, cam.pitch_deg = -8;
  const sim::Vec3d off{0, 30, 3};
  const double predicted = sim::Project(cam, off)->px_per_m;
  const double measured = RenderedBoardWidthPx(cam, off);
  EXPECT_NEAR(measured, predicted, 0.05 * predicted);
  std::cout << "board off axis: predicted " << predicted << " px, rendered " << measured << " px\n";
}

// The whole front end in a real window: load, place, move, rotate, delete, undo, save, and
// the saved plan's coverage equals what the GUI showed.
TEST(GuiSession, ScriptedEditsSaveAPlanWhoseCoverageMatchesTheLiveFigures) {
  REQUIRE_DISPLAY();
  testing_util::TempDir dir;
  const auto plan = dir / "plan.yaml", summary = dir / "summary.json", shot = dir / "gui.png";
  // A broken scenario opened mid-session is refused with its line; the edits so far survive.
  const auto broken = testing_util::WriteText(dir / "broken.yaml", "version: 1\ncity: [{source: x.gpkg}]\ngrid: {resolution: 1}\n");
  const auto script = testing_util::WriteText(dir / "actions.yaml", fmt::format(R"yaml(
- place: {{at: [84975, 447515], model: bullet-4mp}}
- open: {{file: {}, expect: error}}
- select: C07
- move: {{to: [84970, 447520]}}
- rotate: {{yaw: 40, pitch: -5}}
- place: {{at: [84930, 447500], model: bullet-8mp-tele}}
- select: C08
- delete
- select: C02
- delete
- undo
- select: C03
- set: {{yaw: 80, height_m: 7}}
- select: C04
- aim: {{at: [84961.5, 447570.5]}}
- overlay: density
- save: {}
- summary: {}
- screenshot: {}
)yaml", broken.string(), plan.string(), summary.string(), shot.string()));
  gui::GuiOptions options;
  options.scenario = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";
  options.script = script;
  options.width = 1280, options.height = 800;
  ASSERT_EQ(gui::RunGui(options), 0);

  auto saved = plan::Project::Open(plan);
  std::vector<std::string> ids;
  for (const sim::Camera& c : saved->cameras()) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"C01", "C02", "C03", "C04", "C05", "C06", "C07"}));
  const sim::Camera& c07 = saved->cameras()[6];
  EXPECT_NEAR(c07.position.x + saved->run().city.frame.origin_x, 84970, 0.01);
  // Placed on the plaza (a priority zone), the new pole faced the zone's centre (1 m west,
  // 0.5 m north: 296.57 degrees), then turned by 40.
  EXPECT_NEAR(c07.yaw_deg, 336.57, 1e-9);
  EXPECT_NEAR(saved->cameras()[2].yaw_deg, 80, 1e-9);
  EXPECT_NEAR(saved->cameras()[3].yaw_deg, 180, 0.01);  // aimed due south, 30 m away
  EXPECT_LT(saved->cameras()[3].pitch_deg, -5);

  const nlohmann::json live = nlohmann::json::parse(std::ifstream(summary));
  const sim::CoverageSummary& fresh = saved->run().summary;
  EXPECT_NEAR(live["area_m2"]["covered"].get<double>(), fresh.covered_m2, 1e-6);
  EXPECT_NEAR(live["total_cost"].get<double>(), fresh.total_cost, 1e-6);
  ASSERT_EQ(live["cameras"].size(), fresh.cameras.size());
  for (std::size_t i = 0; i < fresh.cameras.size(); ++i)
    EXPECT_NEAR(live["cameras"][i]["visible_m2"].get<double>(), fresh.cameras[i].visible_m2, 1e-6);

  // The screenshot shows something: many colours, not one flat fill.
  GDALAllRegister();
  GDALDataset* png = static_cast<GDALDataset*>(GDALOpen(shot.c_str(), GA_ReadOnly));
  ASSERT_NE(png, nullptr);
  EXPECT_EQ(png->GetRasterXSize(), 1280);
  std::vector<std::uint8_t> rgb(1280 * 800 * 3);
  int bands[3] = {1, 2, 3};
  ASSERT_EQ(png->RasterIO(GF_Read, 0, 0, 1280, 800, rgb.data(), 1280, 800, GDT_Byte, 3, bands, 3, 1280 * 3, 1, nullptr), CE_None);
  GDALClose(png);
  std::set<std::uint32_t> colours;
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < rgb.size(); i += 3) {
    colours.insert(rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
    sum += rgb[i], sum2 += double(rgb[i]) * rgb[i];
  }
  const double n = rgb.size() / 3.0, sd = std::sqrt(sum2 / n - (sum / n) * (sum / n));
  EXPECT_GT(colours.size(), 500u);
  EXPECT_GT(sd, 20.0);
}

}  // namespace
}  // namespace render

namespace render {
namespace {

// The optimiser from the GUI: runs on the current plan, its plan is one undoable edit; exports
// and the report come from the live figures.
TEST(GuiSession, OptimiserPlanIsOneUndoableEditAndExportsWork) {
  REQUIRE_DISPLAY();
  testing_util::TempDir dir;
  const auto script = testing_util::WriteText(dir / "actions.yaml", fmt::format(R"yaml(
- optimise: {{time_limit_s: 2}}
- save: {}
- export: {}
- undo
- save: {}
- report: {}
)yaml", (dir / "optimised.yaml").string(), (dir / "coverage").string(), (dir / "undone.yaml").string(),
                                                                           (dir / "report").string()));
  gui::GuiOptions options;
  options.scenario = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";
  options.script = script;
  options.width = 1280, options.height = 800;
  ASSERT_EQ(gui::RunGui(options), 0);
  auto optimised = plan::Project::Open(dir / "optimised.yaml");
  EXPECT_GT(optimised->cameras().size(), 6u);  // the budget buys new cameras; C01..C06 stay
  EXPECT_EQ(optimised->cameras()[0].id, "C01");
  EXPECT_EQ(plan::Project::Open(dir / "undone.yaml")->cameras().size(), 6u);
  for (const char* f : {"coverage/coverage.tif", "coverage/coverage.gpkg", "coverage/summary.json",
                        "report/report.pdf", "report/overview.png"})
    EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
  const nlohmann::json summary = nlohmann::json::parse(std::ifstream(dir / "coverage/summary.json"));
  EXPECT_NEAR(summary["area_m2"]["covered"].get<double>(), optimised->run().summary.covered_m2, 1e-6);
}

}  // namespace
}  // namespace render

namespace render {
namespace {

// Distinct colours and the spread of the red channel of a PNG: a black or flat picture has few
// and none.
std::pair<std::size_t, double> PngStats(const std::filesystem::path& file) {
  GDALAllRegister();
  GDALDataset* png = static_cast<GDALDataset*>(GDALOpen(file.c_str(), GA_ReadOnly));
  if (!png) return {0, 0};
  const int w = png->GetRasterXSize(), h = png->GetRasterYSize();
  std::vector<std::uint8_t> rgb(std::size_t(w) * h * 3);
  int bands[3] = {1, 2, 3};
  const CPLErr err = png->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, w * 3, 1, nullptr);
  GDALClose(png);
  if (err != CE_None) return {0, 0};
  std::set<std::uint32_t> colours;
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < rgb.size(); i += 3) {
    colours.insert(rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
    sum += rgb[i], sum2 += double(rgb[i]) * rgb[i];
  }
  const double n = rgb.size() / 3.0;
  return {colours.size(), std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)))};
}

// An `eye` export renders in its own off-screen context; the window's must be current again
// afterwards, or every later screenshot is black. The file browser opens afresh over the view.
TEST(CityViewBackground, ThePictureLiesOnTheGroundWhereItsExtentSaysAtItsOpacity) {
  REQUIRE_DISPLAY();
  const TestTown town(false);
  CityView view(town.builder.city(), *town.scene, town.grid, {});
  // Two pixels of 60 m over x -60..60, y -90..-30: the west one red, the east one blue.
  auto picture = std::make_shared<geo::BackgroundImage>();
  picture->width = 2, picture->height = 1, picture->pixel_m = 60;
  picture->extent.Extend(-60, -90);
  picture->extent.Extend(60, -30);
  picture->rgba = {230, 20, 20, 255, 20, 20, 230, 255};
  EyeRenderer eye(200, 200, EyeReadback::colour);
  const osg::Matrixd look = osg::Matrixd::lookAt(osg::Vec3d(0, -45, 150), osg::Vec3d(0, -45, 0), osg::Vec3d(0, 1, 0));  // over open ground
  const osg::Matrixd lens = osg::Matrixd::perspective(30, 1, 10, 400);
  auto pixel = [](const EyeImage& img, int x, int y) {
    const std::size_t i = (std::size_t(y) * img.width + x) * 3;
    return std::array<int, 3>{img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]};
  };
  view.SetBackground(picture, 1.0);
  const EyeImage shown = eye.Render(view.root(), look, lens, 10, 400);
  const auto west = pixel(shown, 40, 100), east = pixel(shown, 160, 100);
  // The picture's own colours (a decal, unlit; filtered between its two texels).
  EXPECT_GT(west[0], west[2] + 80) << west[0] << " " << west[1] << " " << west[2];
  EXPECT_GT(east[2], east[0] + 80) << east[0] << " " << east[1] << " " << east[2];
  view.SetBackground(picture, 0.0);  // transparent: the ground's own colour again
  const auto bare = pixel(eye.Render(view.root(), look, lens, 10, 400), 40, 100);
  EXPECT_LT(std::abs(bare[0] - bare[2]), 60);
  view.SetBackground(nullptr, 1.0);
  EXPECT_EQ(pixel(eye.Render(view.root(), look, lens, 10, 400), 40, 100), bare);
}

TEST(GuiSession, ScreenshotsAfterAnEyeExportShowTheCity) {
  REQUIRE_DISPLAY();
  testing_util::TempDir dir;
  const auto script = testing_util::WriteText(dir / "actions.yaml", fmt::format(R"yaml(
- select: C02
- eye: {}
- screenshot: {}
- view: home
- dialog: save_as
- screenshot: {}
)yaml", (dir / "eye.png").string(), (dir / "after.png").string(), (dir / "browser.png").string()));
  gui::GuiOptions options;
  options.scenario = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";
  options.script = script;
  options.width = 1280, options.height = 800;
  ASSERT_EQ(gui::RunGui(options), 0);
  for (const char* f : {"eye.png", "after.png", "browser.png"}) {
    const auto [colours, sd] = PngStats(dir / f);
    EXPECT_GT(colours, 50u) << f;
    EXPECT_GT(sd, 15.0) << f;
  }
}

}  // namespace
}  // namespace render
