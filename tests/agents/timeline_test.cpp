// The agents timeline: positions between two samples, agents arriving and leaving, and which
// cameras see an agent at an instant (the same answers as the people-time counter).
#include "agents/timeline.h"

#include <gtest/gtest.h>

#include <cmath>

#include "agents/walkers.h"
#include "sim/grid.h"
#include "sim/synthetic_city.h"

namespace agents {
namespace {

using testing_util::SyntheticCity;

AgentInfo Person(const std::string& id) {
  return {id, scenario::AgentClass::pedestrian, scenario::DefaultSize(scenario::AgentClass::pedestrian)};
}

AgentState At(std::uint32_t agent, double x, double y, double heading) {
  AgentState s;
  s.agent = agent, s.x = x, s.y = y, s.heading_deg = heading;
  return s;
}

Timeline TwoFrames() {
  // Agent 0 walks east 10 m in 1 s, turning from 350 to 10 degrees; agent 1 leaves after the
  // first frame, agent 2 arrives in the second.
  Timeline t;
  t.agents = {Person("A"), Person("B"), Person("C")};
  t.frames = {{10, {At(0, 0, 0, 350), At(1, 5, 5, 90)}}, {11, {At(0, 10, 0, 10), At(2, -5, -5, 180)}}};
  return t;
}

TEST(Timeline, PositionsAreInterpolatedBetweenFrames) {
  const Snapshot s = StatesAt(TwoFrames(), 10.25);
  ASSERT_EQ(s.states.size(), 2u);  // A moving, B still there (first half)
  EXPECT_EQ(s.states[0].agent, 0u);
  EXPECT_DOUBLE_EQ(s.states[0].x, 2.5);
  EXPECT_DOUBLE_EQ(s.states[0].y, 0);
  EXPECT_NEAR(s.states[0].heading_deg, 355, 1e-9);  // the shorter turn, across north
  EXPECT_EQ(s.states[1].agent, 1u);
  const Snapshot mid = StatesAt(TwoFrames(), 10.5);
  EXPECT_NEAR(mid.states[0].heading_deg, 0, 1e-9);
}

TEST(Timeline, AgentsArriveAndLeaveHalfwayBetweenFrames) {
  const Snapshot late = StatesAt(TwoFrames(), 10.75);
  ASSERT_EQ(late.states.size(), 2u);
  EXPECT_EQ(late.states[0].agent, 0u);
  EXPECT_EQ(late.states[1].agent, 2u);  // C has arrived, B has gone
  EXPECT_DOUBLE_EQ(late.states[0].x, 7.5);
}

TEST(Timeline, FramesAreShownAsRecordedAndNothingOutside) {
  const Timeline t = TwoFrames();
  EXPECT_EQ(StatesAt(t, 10).states.size(), 2u);
  EXPECT_DOUBLE_EQ(StatesAt(t, 11).states[0].x, 10);
  EXPECT_TRUE(StatesAt(t, 9.99).states.empty());
  EXPECT_TRUE(StatesAt(t, 11.01).states.empty());
  EXPECT_TRUE(StatesAt(Timeline{}, 0).states.empty());
}

TEST(Timeline, TracksGroupIntoFrames) {
  std::vector<TrackPoint> tracks = {{0, At(0, 0, 0, 0), {}}, {0, At(1, 1, 1, 0), {}}, {1, At(0, 1, 0, 0), {}}};
  const Timeline t = TimelineOf({Person("A"), Person("B")}, tracks);
  ASSERT_EQ(t.frames.size(), 2u);
  EXPECT_EQ(t.frames[0].states.size(), 2u);
  EXPECT_EQ(t.start_s(), 0);
  EXPECT_EQ(t.end_s(), 1);
}

sim::Camera Looking(const std::string& id, double x, double y, double yaw) {
  sim::Camera c;
  c.id = id;
  c.position = {x, y, 3};
  c.yaw_deg = yaw;
  c.pitch_deg = -5;
  c.hfov_deg = 60;
  c.width_px = 1920;
  c.height_px = 1080;
  c.min_range_m = 0;
  c.max_range_m = 100;
  return c;
}

TEST(Timeline, TheNearerCameraIsTheHighlightAndAWallHides) {
  // A person 20 m north of camera N and 40 m south of camera S: both see them, N at twice the
  // px/m. A person behind the wall at x = 30 is seen by neither.
  SyntheticCity city(-50, -50, 60, 60);
  city.Box(25, -5, 26, 45, 0, 6);
  const geo::CityModel& model = city.city();
  const auto scene = sim::BuildScene(model);
  const std::vector<sim::Camera> cameras = {Looking("S", 0, 60, 180), Looking("N", 0, 0, 0)};
  Timeline t;
  t.agents = {Person("A"), Person("B")};
  const Snapshot snap{0, {At(0, 0, 20, 0), At(1, 40, 20, 0)}};
  const std::vector<Sighting> s = SightingsAt(*scene, cameras, t.agents, snap);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].cameras_seeing, 2);
  EXPECT_EQ(s[0].best_camera, 1);
  EXPECT_GT(s[0].best_px_per_m, 0);
  EXPECT_EQ(s[1].cameras_seeing, 0);
  EXPECT_EQ(s[1].best_camera, -1);
}

TEST(Timeline, SightingsAgreeWithThePeopleTimeCounter) {
  // Walkers crossing one camera's view past a wall: at every step the timeline's sightings
  // count the same cameras as the people-time counter.
  SyntheticCity city(-50, -10, 50, 50);
  city.Box(0, 9.9, 15, 10.1, 0, 5);
  const geo::CityModel& model = city.city();
  const auto scene = sim::BuildScene(model);
  const sim::Grid grid = sim::MakeGrid(model, *scene, {0.5, 1.7});
  const Ground ground(grid);
  const std::vector<sim::Camera> cameras = {Looking("C1", 0, 0, 0), Looking("C2", -20, 0, 30)};
  std::vector<Walker> walkers(2);
  walkers[0].info = Person("W1"), walkers[0].path = {{-30, 20}, {30, 20}}, walkers[0].speed_mps = 2;
  walkers[1].info = Person("W2"), walkers[1].path = {{20, 40}, {-20, 5}}, walkers[1].speed_mps = 1.5;
  auto source = MakeWalkerSource(walkers, ground, {0.2, 30});
  const std::vector<sim::Zone> zones;  // the counter keeps references
  const sim::DensityLevels levels = sim::DoriLevels();
  PeopleTimeCounter counter(*scene, cameras, ground, zones, levels, 0.2);
  Snapshot snap;
  std::vector<StateView> views;
  int compared = 0, seen = 0;
  while (source->Next(snap)) {
    counter.Add(snap, source->agents(), views);
    const std::vector<Sighting> s = SightingsAt(*scene, cameras, source->agents(), snap);
    for (std::size_t i = 0; i < snap.states.size(); ++i) {
      if (!views[i].in_area) continue;
      EXPECT_EQ(s[i].cameras_seeing, views[i].cameras_seeing) << "t = " << snap.t_s;
      EXPECT_FLOAT_EQ(s[i].best_px_per_m, views[i].best_px_per_m);
      ++compared, seen += s[i].cameras_seeing > 0;
    }
  }
  EXPECT_GT(compared, 100);
  EXPECT_GT(seen, 20);
  EXPECT_LT(seen, compared);
}

}  // namespace
}  // namespace agents
