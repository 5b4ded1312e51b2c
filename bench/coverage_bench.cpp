// The town scenario of issue #4: 100 cameras over 2 x 2 km at 0.5 m, 150 m range. Prints the
// aggregate time with 1 and 2 threads, the time to move one camera, and the grid set-up.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <sys/resource.h>

#include <map>

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
    sim::Coverage cov(*t.scene, t.grid, sim::DoriLevels(), t.cameras);
    entries = 0;
    for (const auto& l : cov.layers()) entries += l.cells.size();
    benchmark::DoNotOptimize(cov.aggregate().k.data());
  }
  state.counters["cells"] = static_cast<double>(t.grid.size());
  state.counters["visible_entries"] = static_cast<double>(entries);
  state.counters["cameras"] = static_cast<double>(t.cameras.size());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = usage.ru_maxrss / 1024.0;  // whole process so far
}

// How cost grows: grid resolution (cm) x camera count, 2 threads, layers + aggregate.
void BM_TownScaling(benchmark::State& state) {
  static std::map<long, std::unique_ptr<Town>> towns;  // per resolution
  const double res = state.range(0) / 100.0;
  auto& town = towns[state.range(0)];
  if (!town) {
    town = std::make_unique<Town>();
    town->grid = sim::MakeGrid(town->city, *town->scene, {res, 1.7});
  }
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  const std::vector<sim::Camera> cams = bench::TownCameras(static_cast<int>(state.range(1)));
  for (auto _ : state) {
    sim::Coverage cov(*town->scene, town->grid, sim::DoriLevels(), cams);
    benchmark::DoNotOptimize(cov.aggregate().k.data());
  }
  state.counters["cells"] = static_cast<double>(town->grid.size());
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
BENCHMARK(BM_TownScaling)
    ->Args({100, 100})->Args({50, 25})->Args({50, 50})->Args({50, 100})->Args({50, 200})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(BM_TownMoveOneCamera)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TownGridSetup)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

// Fidelity benchmark side: GDAL's viewshed from all-round observers on the town's DSM (150 m
// radius) against the engine's all-round cameras on the same observers.
#include "geo/viewshed.h"
#include "sim/viewshed_check.h"

namespace {

std::vector<std::pair<int, int>> TownObservers(const Town& t, int n) {
  std::vector<std::pair<int, int>> cells;
  for (const sim::Camera& c : t.cameras) {
    const int col = static_cast<int>((c.position.x - t.grid.min_x) / t.grid.resolution_m);
    const int row = static_cast<int>((t.grid.max_y - c.position.y) / t.grid.resolution_m);
    if (t.grid.IsTarget(t.grid.Index(col, row))) cells.emplace_back(col, row);
    if (static_cast<int>(cells.size()) == n) break;
  }
  return cells;
}

void BM_TownGdalViewshed(benchmark::State& state) {
  Town& t = TheTown();
  const auto dsm = sim::SurfaceHeights(t.city, *t.scene, t.grid);
  const auto observers = TownObservers(t, static_cast<int>(state.range(0)));
  for (auto _ : state)
    for (const auto& [col, row] : observers) {
      geo::ViewshedOptions o;
      o.observer_x = t.grid.CellX(col);
      o.observer_y = t.grid.CellY(row);
      o.observer_height_m = 6;
      o.max_distance_m = 150;
      benchmark::DoNotOptimize(geo::Viewshed(t.grid.Raster(), dsm, o).data());
    }
  state.counters["observers"] = static_cast<double>(observers.size());
}

void BM_TownEngineAllRound(benchmark::State& state) {
  Town& t = TheTown();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  std::vector<sim::Camera> cams;
  for (const auto& [col, row] : TownObservers(t, static_cast<int>(state.range(0)))) {
    sim::Camera c = sim::AllRoundObserver(t.grid, col, row, 6);
    c.max_range_m = 150;
    cams.push_back(c);
  }
  for (auto _ : state) {
    sim::Coverage cov(*t.scene, t.grid, sim::DoriLevels(), cams);
    benchmark::DoNotOptimize(cov.aggregate().k.data());
  }
  state.counters["observers"] = static_cast<double>(cams.size());
}

BENCHMARK(BM_TownGdalViewshed)->Arg(10)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_TownEngineAllRound)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
