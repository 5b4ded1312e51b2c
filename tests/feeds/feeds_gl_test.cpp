// Feeds rendered off screen (needs an X display; scripts/test.sh runs Xvfb): boxes against the
// analytic projection of the agents' bodies, occlusion by buildings and walls, ids across
// cameras, and a whole run on the sample city read back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "feeds/camera_view.h"
#include "feeds/encoder.h"
#include "core/error.h"
#include "feeds/labels_io.h"
#include "feeds/run.h"
#include "feeds/scene.h"
#include "scenario/pipeline.h"
#include "sim/synthetic_city.h"

namespace feeds {
namespace {

#define REQUIRE_DISPLAY()      \
  if (!std::getenv("DISPLAY")) \
  GTEST_SKIP() << "needs an X display (scripts/test.sh runs the tests under Xvfb)"

const std::vector<agents::AgentInfo> kAgents = {
    {"P1", scenario::AgentClass::pedestrian,
     scenario::DefaultSize(scenario::AgentClass::pedestrian)},
    {"P2", scenario::AgentClass::pedestrian,
     scenario::DefaultSize(scenario::AgentClass::pedestrian)},
    {"V1", scenario::AgentClass::car, scenario::DefaultSize(scenario::AgentClass::car)}};

agents::Snapshot At(std::vector<agents::AgentState> states) { return {0, std::move(states)}; }

sim::Camera LookingNorth(double x, double y, double z, double pitch_deg = 0) {
  sim::Camera c;
  c.id = "T";
  c.position = {x, y, z};
  c.yaw_deg = 0, c.pitch_deg = pitch_deg;
  c.width_px = 640, c.height_px = 360, c.hfov_deg = 60, c.max_range_m = 200;
  return c;
}

// The box the camera's lens model gives the body's boxes (edges sampled: straight edges bend
// under distortion).
struct PixelBox {
  double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9;
};
PixelBox Projected(const sim::Camera& cam, const std::vector<BodyBox>& body) {
  static const int kEdges[12][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6},
                                    {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  PixelBox b;
  for (const BodyBox& box : body)
    for (const auto& e : kEdges)
      for (int s = 0; s <= 16; ++s) {
        const sim::Vec3d& p = box.corners[e[0]];
        const sim::Vec3d& q = box.corners[e[1]];
        const double f = s / 16.0;
        const auto pr = sim::Project(
            cam, {p.x + f * (q.x - p.x), p.y + f * (q.y - p.y), p.z + f * (q.z - p.z)});
        if (!pr) continue;
        b.left = std::min(b.left, pr->u), b.right = std::max(b.right, pr->u);
        b.top = std::min(b.top, pr->v), b.bottom = std::max(b.bottom, pr->v);
      }
  return b;
}

void ExpectBoxMatches(const sim::Camera& cam, const AgentLabel& l,
                      const std::vector<BodyBox>& body) {
  const PixelBox want = Projected(cam, body);
  // Pixel (col, row) covers [col, col + 1): the box's edges in continuous pixel coordinates.
  EXPECT_NEAR(l.left, want.left, 2.0);
  EXPECT_NEAR(l.left + l.width, want.right, 2.0);
  EXPECT_NEAR(l.top, want.top, 2.0);
  EXPECT_NEAR(l.top + l.height, want.bottom, 2.0);
}

TEST(FeedsMask, RleIsColumnMajorAndStartsWithBackground) {
  // 4 x 3 image, agent 7 at (col 1, rows 0-1) and (col 2, row 1); agent 9 elsewhere.
  //   row 0: . 7 . 9
  //   row 1: . 7 7 .
  //   row 2: 9 . . .
  const std::uint32_t o = 0xffffffffu;
  const std::vector<std::uint32_t> ids = {o, 7, o, 9, o, 7, 7, o, 9, o, o, o};
  // Column-major indices: col 1 rows 0, 1 -> 3, 4; col 2 row 1 -> 7.
  EXPECT_EQ(MaskRle(ids, 4, 3, 7, 1, 0, 2, 2), (std::vector<std::uint32_t>{3, 2, 2, 1, 4}));
  EXPECT_EQ(MaskRle(ids, 4, 3, 9, 0, 0, 4, 3), (std::vector<std::uint32_t>{2, 1, 6, 1, 2}));
  EXPECT_EQ(MaskRle(ids, 4, 3, 5, 0, 0, 4, 3), (std::vector<std::uint32_t>{12})) << "nobody: all background";
}

TEST(FeedsRender, PinholeBoxIsTheProjectedBody) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 1.5, 12, 0, 30}, {2, -4, 20, 0, 90}}));
  const sim::Camera cam = LookingNorth(0, 0, 4, -8);
  CameraView view(cam);
  const CameraView::Frame f = view.Render(scene);
  ASSERT_EQ(f.labels.size(), 2u);
  EXPECT_EQ(f.labels[0].agent, 0u);
  EXPECT_EQ(f.labels[1].agent, 2u);
  ExpectBoxMatches(cam, f.labels[0], scene.bodies()[0]);
  ExpectBoxMatches(cam, f.labels[1], scene.bodies()[1]);
  EXPECT_NEAR(f.labels[0].visibility, 1.0, 0.01);
  EXPECT_GT(f.labels[0].height, 40);
  // The mask's RLE covers the whole image and holds exactly the visible pixels.
  for (const AgentLabel& m : f.labels) {
    std::uint64_t total = 0, ones = 0;
    for (std::size_t k = 0; k < m.mask_rle.size(); ++k) total += m.mask_rle[k], ones += k % 2 ? m.mask_rle[k] : 0;
    EXPECT_EQ(total, std::uint64_t(cam.width_px) * cam.height_px);
    EXPECT_EQ(ones, std::uint64_t(m.visible_px));
  }
  // The colour image shows something other than sky where the person stands.
  const AgentLabel& l = f.labels[0];
  const std::size_t centre =
      (std::size_t(l.top + l.height / 2) * cam.width_px + l.left + l.width / 2) * 3;
  EXPECT_NE(f.colour.rgb[centre + 2], f.colour.rgb[2]);
}

TEST(FeedsRender, DistortedLensBoxIsTheProjectedBody) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 5, 10, 0, 0}}));
  sim::Camera cam = LookingNorth(0, 0, 4, -10);
  cam.hfov_deg = 90;
  cam.distortion = {-0.18, 0.03, 0, 0, 0};
  CameraView view(cam);
  const CameraView::Frame f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 1u);
  ExpectBoxMatches(cam, f.labels[0], scene.bodies()[0]);
}

TEST(FeedsRender, AgentBehindABuildingHasNoBox) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  city.Box(-5, 8, 5, 14, 0, 10);  // a building between the camera and P1
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 0, 20, 0, 0}, {1, 12, 14, 0, 0}}));
  sim::Camera cam = LookingNorth(0, 0, 2);
  cam.hfov_deg = 90;
  CameraView view(cam);
  const CameraView::Frame f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 1u);
  EXPECT_EQ(f.labels[0].agent, 1u);  // P2 beside the building is seen, P1 is not
  EXPECT_NEAR(f.labels[0].visibility, 1.0, 0.01);
}

TEST(FeedsRender, AgentHalfBehindAWallIsHalfVisible) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  city.Box(-6, 17, 0, 17.2, 0, 3);  // a wall whose edge lines up with the agent's middle
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 0, 20, 0, 180}}));  // facing the camera
  CameraView view(LookingNorth(0, 0, 0.9));
  const CameraView::Frame f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 1u);
  EXPECT_NEAR(f.labels[0].visibility, 0.5, 0.05);
  EXPECT_GT(f.labels[0].alone_px, f.labels[0].visible_px);
}

// MOTChallenge's truncation: an agent cut in half by the image's left border. The border is
// the plane through the camera and the ray at -HFOV/2; the agent stands on that ray facing
// along it, so the plane is its mirror plane and half of it lies outside the image.
TEST(FeedsRender, AgentHalfOutsideTheImageIsHalfVisible) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  const double edge_rad = -30 * M_PI / 180;  // LookingNorth: HFOV 60 degrees
  scene.Update(kAgents, At({{0, 12 * std::sin(edge_rad), 12 * std::cos(edge_rad), 0, -30}}));
  CameraView view(LookingNorth(0, 0, 0.9));
  const CameraView::Frame f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 1u);
  const AgentLabel& l = f.labels[0];
  EXPECT_EQ(l.left, 0);
  EXPECT_NEAR(l.inside, 0.5, 0.05);
  EXPECT_NEAR(l.visibility, 0.5, 0.05);
  EXPECT_NEAR(double(l.visible_px) / double(l.alone_px), 1.0, 0.01) << "nothing hides it";
  // Fully inside, next to it: nothing truncated.
  scene.Update(kAgents, At({{0, 0, 12, 0, 180}}));
  const CameraView::Frame g = view.Render(scene, false);
  ASSERT_EQ(g.labels.size(), 1u);
  EXPECT_EQ(g.labels[0].inside, 1.0);
  EXPECT_NEAR(g.labels[0].visibility, 1.0, 0.01);
}

// The same cut through a distorted lens: the extended image plane comes from the lens model.
TEST(FeedsRender, TruncationThroughADistortedLens) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  sim::Camera cam = LookingNorth(0, 0, 0.9);
  cam.distortion.k1 = -0.05;  // mild barrel: the border ray bends little near the horizon
  // The ray through the middle of the left border (u = 0, v = h / 2) stays in the horizontal plane.
  const sim::Vec3d edge = sim::PixelRay(cam, 0, cam.height_px / 2.0);
  const double heading = std::atan2(edge.x, edge.y) * 180 / M_PI;
  scene.Update(kAgents, At({{0, 12 * edge.x, 12 * edge.y, 0, heading}}));
  CameraView view(cam);
  const CameraView::Frame f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 1u);
  EXPECT_NEAR(f.labels[0].inside, 0.5, 0.08);
  EXPECT_NEAR(f.labels[0].visibility, 0.5, 0.08);
}

// Motion blur: sub-frames with the agents moved back along their last step, averaged.
TEST(FeedsScene, BodiesBeforeLieAlongTheLastStep) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 0, 12, 0, 90}}));
  scene.Update(kAgents, At({{0, 1, 12, 0, 90}}));  // one metre east
  const auto mean_x = [](const std::vector<BodyBox>& body) {
    double sum = 0;
    for (const BodyBox& b : body)
      for (const sim::Vec3d& p : b.corners) sum += p.x;
    return sum / (8.0 * body.size());
  };
  EXPECT_NEAR(mean_x(scene.BodiesBefore(0)[0]), mean_x(scene.bodies()[0]), 1e-12);
  // The walk cycle moves arms and legs too: the body's mean moves with the step within a few cm.
  EXPECT_NEAR(mean_x(scene.BodiesBefore(0.5)[0]) - mean_x(scene.bodies()[0]), -0.5, 0.03);
  EXPECT_NEAR(mean_x(scene.BodiesBefore(1)[0]) - mean_x(scene.bodies()[0]), -1.0, 0.03);
}

TEST(FeedsRender, MotionBlurSmearsAlongTheStepAndKeepsTheLabels) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene empty(city.city(), {}), scene(city.city(), {});
  empty.Update(kAgents, At({}));
  scene.Update(kAgents, At({{0, 0, 12, 0, 90}}));
  scene.Update(kAgents, At({{0, 1, 12, 0, 90}}));
  const sim::Camera cam = LookingNorth(0, 0, 0.9);
  CameraView sharp_view(cam), blurred_view(cam, 1.0), empty_view(cam);
  const CameraView::Frame sharp = sharp_view.Render(scene), blurred = blurred_view.Render(scene),
                          background = empty_view.Render(empty);
  // Columns where the agent changes the image.
  const auto span = [&](const render::EyeImage& img) {
    int lo = img.width, hi = -1;
    for (int row = 0; row < img.height; ++row)
      for (int col = 0; col < img.width; ++col)
        for (int k = 0; k < 3; ++k) {
          const std::size_t i = (std::size_t(row) * img.width + col) * 3 + k;
          if (std::abs(int(img.rgb[i]) - int(background.colour.rgb[i])) > 2)
            lo = std::min(lo, col), hi = std::max(hi, col);
        }
    return hi - lo + 1;
  };
  // Sub-frames at 0, 1/4, 1/2 and 3/4 of the step: the agent sweeps 0.75 m at 12 m more.
  const double extra_px = 0.75 / 12 * sim::FocalPx(cam);
  EXPECT_NEAR(span(blurred.colour) - span(sharp.colour), extra_px, 4);
  ASSERT_EQ(blurred.labels.size(), 1u);
  ASSERT_EQ(sharp.labels.size(), 1u);
  EXPECT_EQ(blurred.labels[0].left, sharp.labels[0].left);
  EXPECT_EQ(blurred.labels[0].width, sharp.labels[0].width);
  EXPECT_EQ(blurred.labels[0].visible_px, sharp.labels[0].visible_px);
}

TEST(FeedsRender, SameAgentSameIdInTwoCameras) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{1, 0, 15, 0, 45}}));
  sim::Camera south = LookingNorth(0, 0, 4, -10), east = LookingNorth(15, 15, 4, -10);
  east.yaw_deg = 270;
  CameraView a(south), b(east);
  const auto fa = a.Render(scene, false), fb = b.Render(scene, false);
  ASSERT_EQ(fa.labels.size(), 1u);
  ASSERT_EQ(fb.labels.size(), 1u);
  EXPECT_EQ(fa.labels[0].agent, 1u);
  EXPECT_EQ(fb.labels[0].agent, 1u);
}

// Agents that overlap in the image: each one's unoccluded pixels come from its own pass.
TEST(FeedsRender, AgentInFrontOfAnotherHidesPartOfIt) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-50, -50, 50, 50);
  FeedScene scene(city.city(), {});
  scene.Update(kAgents, At({{0, 0, 10, 0, 0}, {1, 0.2, 14, 0, 0}}));
  CameraView view(LookingNorth(0, 0, 1.5));
  const auto f = view.Render(scene, false);
  ASSERT_EQ(f.labels.size(), 2u);
  EXPECT_NEAR(f.labels[0].visibility, 1.0, 0.01);
  EXPECT_LT(f.labels[1].visibility, 0.6);
  EXPECT_GT(f.labels[1].alone_px, 0);
}

}  // namespace
}  // namespace feeds

namespace feeds {
namespace {

// The whole run on the sample city: what a user gets, read back with libav and the strict
// MOT reader, ids shared across cameras, pixel visibility against the engine's ray casts.
// The colour image's brightness (r + g + b, mean of 3 x 3 pixels) where a world point shows.
double Brightness(const sim::Camera& cam, const render::EyeImage& img, sim::Vec3d at) {
  const auto p = sim::Project(cam, at);
  if (!p) ADD_FAILURE() << "point off the image";
  if (!p) return 0;
  double sum = 0;
  for (int dr = -1; dr <= 1; ++dr)
    for (int dc = -1; dc <= 1; ++dc) {
      const int col = std::clamp(int(p->u) + dc, 0, img.width - 1),
                row = std::clamp(int(p->v) + dr, 0, img.height - 1);
      const std::uint8_t* px = &img.rgb[(std::size_t(row) * img.width + col) * 3];
      sum += px[0] + px[1] + px[2];
    }
  return sum / 9;
}

// A 10 m tall box under a sun 45 degrees up in the south: its shadow lies on the ground north
// of it, 10 m long; the ground south of it, on the sun's side, is lit as open ground. The
// labels are those without shadows.
TEST(FeedsLighting, BoxCastsItsShadowAwayFromTheSun) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-60, -60, 60, 60);
  city.Box(-2, -2, 2, 2, 0, 10);
  const sim::Camera cam = LookingNorth(0, 0, 70, -90);
  SceneLook look;
  look.sun = SunPosition{180, 45};
  std::map<bool, CameraView::Frame> frames;
  for (bool shadows : {true, false}) {
    look.shadows = shadows;
    FeedScene scene(city.city(), look);
    EXPECT_EQ(scene.CastsShadows(), shadows);
    scene.Update(kAgents, At({{0, 6, 7, 0, 0}, {1, -6, -7, 0, 0}}));  // one in the shadow
    CameraView view(cam);
    frames[shadows] = view.Render(scene);
  }
  const render::EyeImage& on = frames[true].colour;
  const double behind = Brightness(cam, on, {0, 7, 0}), sun_side = Brightness(cam, on, {0, -7, 0}),
               open = Brightness(cam, on, {30, 7, 0}), beyond = Brightness(cam, on, {0, 16, 0});
  EXPECT_LT(behind, 0.75 * sun_side);
  EXPECT_NEAR(sun_side, open, 3);
  EXPECT_NEAR(beyond, open, 3);  // the shadow ends 10 m behind the box
  const render::EyeImage& off = frames[false].colour;
  EXPECT_NEAR(Brightness(cam, off, {0, 7, 0}), Brightness(cam, off, {0, -7, 0}), 3);
  // The agent in the shadow is darker, its box the same.
  ASSERT_EQ(frames[true].labels.size(), 2u);
  ASSERT_EQ(frames[false].labels.size(), 2u);
  for (int k = 0; k < 2; ++k) {
    const AgentLabel &a = frames[true].labels[k], &b = frames[false].labels[k];
    EXPECT_EQ(a.agent, b.agent);
    EXPECT_EQ(std::tie(a.left, a.top, a.width, a.height, a.visible_px, a.alone_px),
              std::tie(b.left, b.top, b.width, b.height, b.visible_px, b.alone_px));
    EXPECT_EQ(a.mask_rle, b.mask_rle);
  }
}

// A street lamp at (10, 0): at night the ground below it is bright, 30 m away it is not; by
// day the lamp adds nothing.
TEST(FeedsLighting, LampsLightTheGroundAroundThemAtNight) {
  REQUIRE_DISPLAY();
  testing_util::SyntheticCity city(-60, -60, 60, 60);
  geo::CityModel model = city.city();
  model.poles.push_back({"street_lamp", "node/1", {10, 0, 0}});
  model.poles.push_back({"mast", "node/2", {-20, 0, 0}});  // not a lamp
  const sim::Camera cam = LookingNorth(0, 0, 70, -90);
  SceneLook look;
  look.daylight = 0;
  FeedScene night(model, look);
  EXPECT_EQ(night.Lamps(), 1u);
  EXPECT_TRUE(night.GainInRender());
  night.Update(kAgents, At({}));
  CameraView view(cam);
  const render::EyeImage dark = view.Render(night).colour;
  const double below = Brightness(cam, dark, {10, 0, 0}), near = Brightness(cam, dark, {16, 0, 0}),
               away = Brightness(cam, dark, {-20, 0, 0});
  EXPECT_GT(below, 2 * away);
  EXPECT_GT(near, away + 20);
  EXPECT_GT(below, near);
  EXPECT_NEAR(Brightness(cam, dark, {-20, 20, 0}), away, 2);  // beyond the pool: night ground
  look.daylight = 1;
  FeedScene day(model, look);
  EXPECT_EQ(day.Lamps(), 0u);
  EXPECT_FALSE(day.GainInRender());
  day.Update(kAgents, At({}));
  const render::EyeImage lit = view.Render(day).colour;
  EXPECT_NEAR(Brightness(cam, lit, {10, 0, 0}), Brightness(cam, lit, {-20, 0, 0}), 2);
}

TEST(FeedsRun, ShutterAndShadowsFromTheScenario) {
  FeedsOptions o;
  scenario::FeedsSpec spec;
  spec.shutter = 0.5;
  spec.shadows = false;
  ApplyFeedsSpec(spec, o);
  EXPECT_EQ(o.shutter, 0.5);
  EXPECT_FALSE(o.shadows);
  o.shutter = 1.5;
  EXPECT_THROW(CheckFeedsOptions(o), core::InputError);
}

TEST(FeedsRun, DelftFeedsDecodeParseAndAgreeWithTheEngine) {
  REQUIRE_DISPLAY();
  const auto run = scenario::RunCoverage(
      scenario::LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml"));
  FeedsOptions o;
  o.cameras = {"C01", "C04", "C06"};  // two bullets, the fisheye looking down
  o.width = 480, o.height = 270, o.fps = 10, o.start_s = 40, o.duration_s = 1.5;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sightline_feeds_run_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const FeedsResult r = RunFeeds(*run, o, dir);
  ASSERT_EQ(r.cameras.size(), 3u);
  EXPECT_EQ(r.frames, 15u);
  std::map<int, std::set<std::string>> cameras_of_id;
  for (const CameraFeed& f : r.cameras) {
    const std::string id = f.camera.id;
    const VideoInfo v = ReadVideo(dir / (id + ".mp4"));
    EXPECT_EQ(v.frames, 15) << id;
    EXPECT_EQ(v.width, 480) << id;
    EXPECT_EQ(v.height, 270) << id;
    EXPECT_NEAR(v.fps, 10, 1e-6) << id;
    // frames.csv adds up to the stream.
    std::ifstream trace(dir / id / "frames.csv");
    std::string line;
    std::getline(trace, line);
    std::int64_t sum = 0, rows = 0;
    while (std::getline(trace, line)) sum += std::stoll(line.substr(line.rfind(',') + 1)), ++rows;
    EXPECT_EQ(rows, 15) << id;
    EXPECT_EQ(sum, v.stream_bytes) << id;
    std::ifstream gt(dir / id / "gt" / "gt.txt");
    const std::vector<MotRow> rows_gt = ReadMotGt(gt, id + "/gt/gt.txt");
    EXPECT_EQ(rows_gt.size(), f.boxes) << id;
    EXPECT_GT(f.boxes, 10u) << id;
    for (const MotRow& m : rows_gt) {
      EXPECT_LE(m.left + m.width - 1, 480);
      EXPECT_LE(m.top + m.height - 1, 270);
      cameras_of_id[m.id].insert(id);
    }
    // The check: pixel and ray-cast visibility agree within 0.05 on average. The fisheye
    // C06 (180 degrees on a 16:9 image, looking down) cuts many walkers at the border: the
    // engine's rays count those parts as unseen, and so does the pixel visibility (truncation);
    // before it did (occlusion only) the two differed by 0.31.
    EXPECT_LE(std::abs(f.raycast_minus_pixels), 0.05) << id;
  }
  // Global ids: some walker is in both views, under the same id.
  EXPECT_TRUE(std::any_of(cameras_of_id.begin(), cameras_of_id.end(),
                          [](const auto& kv) { return kv.second.size() >= 2; }));
  const nlohmann::json coco = nlohmann::json::parse(std::ifstream(dir / "annotations.json"));
  std::map<int, std::string> agent_of_track;
  for (const auto& a : coco["annotations"]) {
    const auto [it, fresh] =
        agent_of_track.try_emplace(a["track_id"].get<int>(), a["agent_id"].get<std::string>());
    EXPECT_EQ(it->second, a["agent_id"].get<std::string>());
  }
  EXPECT_EQ(coco["images"].size(), 45u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feeds
