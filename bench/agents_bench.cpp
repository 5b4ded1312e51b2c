// People-time at scale (issue #14's target): N walkers on the benchmark town's streets for S
// simulated seconds at 15 Hz, seen through M cameras (feet, torso and head rays, px/m through
// the lens). Prints how many times faster than real time the simulation and the visibility
// run together, and the share of the wall time the visibility takes.
//   build/release/bench/sightline_agents_bench [agents=1000] [cameras=100] [seconds=60]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "agents/people_time.h"
#include "agents/walkers.h"
#include "bench/town.h"
#include "sim/grid.h"
#include "sim/pixel_density.h"
#include "sim/scene.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Walkers along the street centre lines, turning at random crossings: long enough to stay in
// the town for the whole run, so all N are there at every step.
std::vector<agents::Walker> StreetWalkers(int count, double seconds, double size_m = 2000, double block_m = 40,
                                          double street_m = 12) {
  std::mt19937 rng(3);
  const double pitch = block_m + street_m;
  const int crossings = static_cast<int>(size_m / pitch);
  std::uniform_int_distribution<int> pick(1, crossings - 2);
  std::uniform_real_distribution<double> speed(0.9, 1.6);
  std::vector<agents::Walker> walkers;
  for (int i = 0; i < count; ++i) {
    agents::Walker w;
    w.info = {"P" + std::to_string(i), scenario::AgentClass::pedestrian,
              scenario::DefaultSize(scenario::AgentClass::pedestrian)};
    w.speed_mps = speed(rng);
    int cx = pick(rng), cy = pick(rng);
    const auto at = [&](int x, int y) { return geo::Vec2d{x * pitch + street_m / 2, y * pitch + street_m / 2}; };
    w.path.push_back(at(cx, cy));
    double length = 0;
    while (length < w.speed_mps * seconds + pitch) {
      const int step = std::uniform_int_distribution<int>(1, 4)(rng) * (rng() % 2 ? 1 : -1);
      if (rng() % 2) cx = std::clamp(cx + step, 1, crossings - 2);
      else cy = std::clamp(cy + step, 1, crossings - 2);
      const geo::Vec2d p = at(cx, cy);
      length += std::hypot(p.x - w.path.back().x, p.y - w.path.back().y);
      w.path.push_back(p);
    }
    walkers.push_back(std::move(w));
  }
  return walkers;
}

}  // namespace

int main(int argc, char** argv) {
  const int n_agents = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int n_cameras = argc > 2 ? std::atoi(argv[2]) : 100;
  const double seconds = argc > 3 ? std::atof(argv[3]) : 60;
  constexpr double kStep = 1.0 / 15;
  const geo::CityModel city = bench::MakeTown();
  const auto scene = sim::BuildScene(city);
  const sim::Grid grid = sim::MakeGrid(city, *scene, {1.0, 1.7});
  const agents::Ground ground(grid);
  const std::vector<sim::Camera> cameras = bench::TownCameras(n_cameras);
  const sim::DensityLevels levels = sim::DoriLevels();
  auto source = agents::MakeWalkerSource(StreetWalkers(n_agents, seconds), ground, {kStep, seconds});
  agents::PeopleTimeCounter counter(*scene, cameras, ground, {}, levels, kStep);

  agents::Snapshot snapshot;
  std::vector<agents::StateView> views;
  double step_s = 0, view_s = 0;
  std::size_t steps = 0, states = 0;
  const auto start = Clock::now();
  for (;;) {
    auto t0 = Clock::now();
    if (!source->Next(snapshot)) break;
    step_s += Seconds(t0);
    t0 = Clock::now();
    counter.Add(snapshot, source->agents(), views);
    view_s += Seconds(t0);
    ++steps;
    states += snapshot.states.size();
  }
  const double wall = Seconds(start);
  const agents::PeopleTime& r = counter.result();
  fmt::print("town 2 x 2 km, {} cameras, {} walkers on the streets, {:g} s at 15 Hz ({} steps, {:.0f} agents per step)\n",
             n_cameras, n_agents, seconds, steps, steps ? double(states) / steps : 0.0);
  fmt::print("wall {:.2f} s: agents {:.2f} s, visibility {:.2f} s ({:.0f} %)\n", wall, step_s, view_s,
             100 * view_s / wall);
  fmt::print("faster than real time: {:.1f}x (target: 10x for 1000 agents, 100 cameras)\n", seconds / wall);
  fmt::print("people-time seen: {:.1f} % of {:.0f} agent-s\n",
             r.totals.people.in_area_s > 0 ? 100 * r.totals.people.seen_s / r.totals.people.in_area_s : 0.0,
             r.totals.people.in_area_s);
  return 0;
}
