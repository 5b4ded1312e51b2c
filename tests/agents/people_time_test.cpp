// People-time on analytic scenes: a walker crossing one camera's field of view on open ground,
// a wall hiding part of the path, density levels at known distances, zones, thread counts.
#include "agents/people_time.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <numbers>

#include "agents/flow.h"
#include "agents/walkers.h"
#include "sim/grid.h"
#include "sim/synthetic_city.h"

namespace agents {
namespace {

using testing_util::SyntheticCity;
constexpr double kStep = 1.0 / 15;
const double kTan30 = std::tan(std::numbers::pi / 6);

sim::Camera LookingNorth(double x, double y, double z) {
  sim::Camera c;
  c.id = "C";
  c.position = {x, y, z};
  c.pitch_deg = 0;  // level: the left and right image edges are vertical planes
  c.hfov_deg = 60;
  c.width_px = 1920;
  c.height_px = 1080;
  c.min_range_m = 0;
  c.max_range_m = 200;
  return c;
}

Walker Straight(const std::string& id, geo::Vec2d a, geo::Vec2d b, double speed) {
  Walker w;
  w.info = {id, scenario::AgentClass::pedestrian, scenario::DefaultSize(scenario::AgentClass::pedestrian)};
  w.path = {a, b};
  w.speed_mps = speed;
  return w;
}

struct Outcome {
  PeopleTime time;
  std::vector<AgentInfo> agents;
  std::vector<std::vector<StateView>> views;
};

Outcome Simulate(const SyntheticCity& s, const std::vector<sim::Camera>& cameras, std::vector<Walker> walkers,
             double duration_s, const std::vector<sim::Zone>& zones = {}) {
  const geo::CityModel& city = s.city();
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {0.5, 1.7});
  const Ground ground(grid);
  const sim::DensityLevels levels = sim::DoriLevels();
  auto source = MakeWalkerSource(std::move(walkers), ground, {kStep, duration_s});
  PeopleTimeCounter counter(*scene, cameras, ground, zones, levels, kStep);
  Outcome r;
  Snapshot snap;
  std::vector<StateView> views;
  while (source->Next(snap)) {
    counter.Add(snap, source->agents(), views);
    r.views.push_back(views);
  }
  r.time = counter.result();
  r.agents = source->agents();
  return r;
}

TEST(PeopleTime, WalkerCrossingTheFrustumIsSeenForTheChordOverSpeed) {
  // Camera 1 m up looking north, HFOV 60 deg; a walker crosses west to east 20 m north at
  // 1.5 m/s. The field of view is 2 * 20 * tan 30 = 23.09 m wide there: seen for 15.40 s,
  // first at (30 - 11.55) / 1.5 = 12.30 s.
  const SyntheticCity city(-50, -10, 50, 50);
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1)}, {Straight("W1", {-30, 20}, {30, 20}, 1.5)}, 60);
  const AgentTime& a = r.time.agents.at(0);
  const double chord = 2 * 20 * kTan30;
  EXPECT_NEAR(a.time.in_area_s, 40, kStep * 1.01);
  EXPECT_NEAR(a.time.seen_s, chord / 1.5, kStep * 1.01);
  EXPECT_NEAR(a.first_seen_s, (30 - chord / 2) / 1.5, kStep * 1.01);
  EXPECT_EQ(a.time.seen_by_2_s, 0);
  EXPECT_NEAR(r.time.totals.people.seen_s, a.time.seen_s, 1e-9);
  EXPECT_EQ(r.time.totals.vehicles.in_area_s, 0);
  EXPECT_NEAR(r.time.cameras.at(0).people.seen_s, a.time.seen_s, 1e-9);
  // 20 to 23 m away: about 72 to 83 px/m, observe (62.5) but never recognise (125).
  EXPECT_NEAR(a.time.at_level_s[1], a.time.seen_s, 1e-9);
  EXPECT_EQ(a.time.at_level_s[2], 0);
  EXPECT_EQ(a.best_level, 1);
}

TEST(PeopleTime, AgentInsideForTheWholeRunCountsExactlyTheDuration) {
  // Each snapshot stands for one step: a 2 s run at 1/15 s is 30 steps, 2.0 s (31 steps,
  // 2.07 s, before: the snapshot at t = duration was counted too).
  const SyntheticCity city(-50, -10, 50, 50);
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1)}, {Straight("W1", {-30, 20}, {30, 20}, 1.0)}, 2);
  EXPECT_EQ(r.views.size(), 30u);
  EXPECT_NEAR(r.time.agents.at(0).time.in_area_s, 2.0, 1e-9);
  EXPECT_NEAR(r.time.agents.at(0).present_s, 2.0, 1e-9);
}

TEST(PeopleTime, WallHidesTheEasternHalfOfThePath) {
  // A 5 m high wall from x = 0 to 15 at y = 10 hides every line of sight to x in [0, 11.55]
  // at y = 20 (they cross y = 10 at x / 2): half the chord is hidden.
  SyntheticCity city(-50, -10, 50, 50);
  city.Box(0, 9.9, 15, 10.1, 0, 5);
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1)}, {Straight("W1", {-30, 20}, {30, 20}, 1.5)}, 60);
  EXPECT_NEAR(r.time.agents.at(0).time.seen_s, 20 * kTan30 / 1.5, kStep * 1.01);
}

TEST(PeopleTime, WalkerBehindAWallIsNeverSeen) {
  SyntheticCity city(-50, -10, 50, 50);
  city.Box(-15, 9.9, 15, 10.1, 0, 5);
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1)}, {Straight("W1", {-30, 20}, {30, 20}, 1.5)}, 60);
  const AgentTime& a = r.time.agents.at(0);
  EXPECT_NEAR(a.time.in_area_s, 40, kStep * 1.01);
  EXPECT_EQ(a.time.seen_s, 0);
  EXPECT_EQ(a.first_seen_s, -1);
  EXPECT_EQ(a.best_level, -1);
}

TEST(PeopleTime, DensityLevelsAtKnownDistances) {
  // The camera at face height (0.93 x 1.75 m) on the walker's line, which walks away from 2 m
  // to 100 m at 1 m/s: px/m = 1920 / (2 d tan 30). Identify (250) up to 6.65 m, recognise
  // (125) to 13.30 m, observe (62.5) to 26.60 m, detect (25) to 66.51 m; the range is 200 m.
  const SyntheticCity city(-20, -10, 20, 120);
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 0.93 * 1.75)}, {Straight("W1", {0, 2}, {0, 100}, 1.0)}, 120);
  const AgentTime& a = r.time.agents.at(0);
  const double mins[4] = {25, 62.5, 125, 250};
  EXPECT_NEAR(a.time.seen_s, 98, kStep * 1.01);
  for (int l = 0; l < 4; ++l) {
    const double reach_m = 1920 / (2 * kTan30 * mins[l]);
    EXPECT_NEAR(a.time.at_level_s[l], reach_m - 2, kStep * 1.01) << "level " << l;
  }
  EXPECT_EQ(a.best_level, 3);
  // The per-step view says the same: at 10 m (t = 8 s) the best density is 166 px/m.
  const StateView& v = r.views.at(8 * 15).at(0);
  EXPECT_EQ(v.cameras_seeing, 1);
  EXPECT_NEAR(v.best_px_per_m, 1920 / (2 * kTan30 * 10), 0.5);
}

TEST(PeopleTime, TwoCamerasAndZones) {
  // A second camera 40 m east looking west sees the walker at y = 20 too; a zone covers the
  // western half of the path.
  const SyntheticCity city(-50, -10, 50, 50);
  sim::Camera east = LookingNorth(40, 20, 1);
  east.id = "E";
  east.yaw_deg = 270;
  sim::Zone west;
  west.name = "west";
  const auto scene = sim::BuildScene(city.city());
  const sim::Grid grid = sim::MakeGrid(city.city(), *scene, {0.5, 1.7});
  for (int row = 0; row < grid.ny; ++row)
    for (int col = 0; col < grid.nx; ++col)
      if (grid.CellX(col) < 0) west.cells.push_back(grid.Index(col, row));
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1), east}, {Straight("W1", {-30, 20}, {30, 20}, 1.5)}, 60, {west});
  const AgentTime& a = r.time.agents.at(0);
  // Camera E looks along the path: it sees the walker the whole way (10 to 70 m, in range).
  EXPECT_NEAR(r.time.cameras.at(1).people.seen_s, 40, kStep * 1.01);
  EXPECT_NEAR(a.time.seen_s, 40, kStep * 1.01);
  EXPECT_NEAR(a.time.seen_by_2_s, 2 * 20 * kTan30 / 1.5, kStep * 1.01);
  EXPECT_NEAR(r.time.zones.at(0).people.in_area_s, 20, kStep * 1.01);
}

TEST(PeopleTime, SameResultForOneAndManyThreads) {
  SyntheticCity city(-50, -10, 50, 50);
  city.Box(-5, 25, 5, 30, 0, 8);
  std::vector<sim::Camera> cams;
  for (int i = 0; i < 6; ++i) {
    sim::Camera c = LookingNorth(-40 + 15 * i, -5, 4);
    c.pitch_deg = -8;
    c.yaw_deg = 10 * i - 20;
    c.id = "C" + std::to_string(i);
    cams.push_back(c);
  }
  std::vector<Walker> walkers;
  for (int i = 0; i < 20; ++i)
    walkers.push_back(Straight("W" + std::to_string(i), {-45.0 + i, 5.0 + 2 * i}, {45.0 - 2 * i, 45.0 - i}, 1 + 0.05 * i));
  Outcome one, many;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = Simulate(city, cams, walkers, 30);
  }
  many = Simulate(city, cams, walkers, 30);
  ASSERT_EQ(one.time.agents.size(), many.time.agents.size());
  for (std::size_t a = 0; a < one.time.agents.size(); ++a) {
    EXPECT_EQ(one.time.agents[a].time.seen_s, many.time.agents[a].time.seen_s);
    EXPECT_EQ(one.time.agents[a].time.at_level_s, many.time.agents[a].time.at_level_s);
    EXPECT_EQ(one.time.agents[a].first_seen_s, many.time.agents[a].first_seen_s);
  }
  for (std::size_t c = 0; c < cams.size(); ++c)
    EXPECT_EQ(one.time.cameras[c].people.seen_s, many.time.cameras[c].people.seen_s);
  EXPECT_GT(one.time.totals.people.seen_s, 0);
}

}  // namespace
}  // namespace agents

namespace agents {
namespace {

TEST(PedestrianFlow, DensityKeepsThePersonSecondsAndPeaksOnThePath) {
  // One walker for 40 s along y = 20 across a 100 x 60 m plane, in a 60 s run: the field holds
  // 40 person-seconds (the Gaussian spreads it, the plane's edges are far), its ridge lies on
  // y = 20, and a cell 10 m off the path has nothing left (5 sigma).
  const SyntheticCity city(-50, -10, 50, 50);
  const geo::CityModel& model = city.city();
  const auto scene = sim::BuildScene(model);
  const sim::Grid grid = sim::MakeGrid(model, *scene, {0.5, 1.7});
  const Outcome r = Simulate(city, {LookingNorth(0, 0, 1)}, {Straight("W1", {-30, 20}, {30, 20}, 1.5)}, 60);
  ASSERT_EQ(r.time.person_s_per_cell.size(), grid.size());
  const std::vector<float> density = PedestrianDensity(r.time.person_s_per_cell, grid, 60);
  double person_s = 0;
  for (float v : density) person_s += v / 100.0 * grid.CellArea() * 60;
  EXPECT_NEAR(person_s, 40, 0.05 * 40);
  const auto at = [&](double x, double y) {
    const int col = static_cast<int>((x - grid.min_x) / grid.resolution_m);
    const int row = static_cast<int>((grid.max_y - y) / grid.resolution_m);
    return density[grid.Index(col, row)];
  };
  EXPECT_GT(at(0, 20), at(0, 22));
  EXPECT_GT(at(0, 22), at(0, 25));
  EXPECT_EQ(at(0, 30), 0.0f);
  EXPECT_EQ(at(40, 20), 0.0f) << "east of where the walker stopped";
  // Weights: mean 1 over the targets, zero where nobody walked.
  const std::vector<float> weights = FlowWeights(density, grid);
  double sum = 0;
  std::size_t targets = 0;
  for (std::uint32_t i = 0; i < grid.size(); ++i)
    if (grid.IsTarget(i)) sum += weights[i], ++targets;
  EXPECT_NEAR(sum / targets, 1.0, 1e-4);
  EXPECT_EQ(FlowWeights(std::vector<float>(grid.size(), 0.0f), grid), std::vector<float>(grid.size(), 0.0f));
}

}  // namespace
}  // namespace agents
