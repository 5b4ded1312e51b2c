// The town scenario of issue #4: 100 cameras over 2 x 2 km at 0.5 m, 150 m range. Prints the
// aggregate time with 1 and 2 threads, the time to move one camera, and the grid set-up.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include "bench/town.h"
#include "sim/coverage.h"

namespace {

struct Town {
  geo::CityModel city = bench::MakeTown();
  std::unique_ptr<sim::Scene> scene = sim::BuildScene(city);
  sim::Grid grid = sim::MakeGrid(city, *scene, {0.5, 1.7});
  std::vector<sim::Camera> cameras = bench::TownCameras(100);
};

Town& TheTown() {
  static Town town;
  return town;
}

void BM_TownCoverage(benchmark::State& state) {
  Town& t = TheTown();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, state.range(0));
  std::size_t entries = 0;
  for (auto _ : state) {
    sim::Coverage cov(*t.scene, t.grid, sim::DoriLevels());
    cov.SetCameras(t.cameras);
    entries = 0;
    for (const auto& l : cov.layers()) entries += l.cells.size();
    benchmark::DoNotOptimize(cov.aggregate().k.data());
  }
  state.counters["cells"] = static_cast<double>(t.grid.size());
  state.counters["visible_entries"] = static_cast<double>(entries);
  state.counters["cameras"] = static_cast<double>(t.cameras.size());
}

void BM_TownMoveOneCamera(benchmark::State& state) {
  Town& t = TheTown();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, state.range(0));
  sim::Coverage cov(*t.scene, t.grid, sim::DoriLevels());
  cov.SetCameras(t.cameras);
  sim::Camera moved = t.cameras[17];
  int step = 0;
  for (auto _ : state) {
    moved.position.x = t.cameras[17].position.x + (step++ % 2 ? 0.5 : -0.5);
    moved.yaw_deg += 3;
    cov.UpdateCamera(17, moved);
  }
}

void BM_TownGridSetup(benchmark::State& state) {
  Town& t = TheTown();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, state.range(0));
  for (auto _ : state) {
    sim::Grid g = sim::MakeGrid(t.city, *t.scene, {0.5, 1.7});
    benchmark::DoNotOptimize(g.ground_z.data());
  }
}

BENCHMARK(BM_TownCoverage)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TownMoveOneCamera)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TownGridSetup)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
