// Fidelity against rendering on the sample city (needs an X display: run it through
// scripts/with-display.sh): every Delft camera's view rendered at its own resolution with
// OpenSceneGraph, compared target by target with the engine; and the px/m the engine predicts
// for each camera model against a rendered 1 m board at 5 to 80 m.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>

#include "plan/project.h"
#include "render/render_check.h"
#include "sim/coverage.h"

namespace {

const std::filesystem::path kDelft = std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml";

void BM_RenderCrossCheckDelft(benchmark::State& state) {
  auto project = plan::Project::Open(kDelft);
  const auto& run = project->run();
  const sim::Camera& cam = project->cameras()[static_cast<std::size_t>(state.range(0))];
  render::RenderAgreement a;
  for (auto _ : state) a = render::CompareWithRender(run.city, *run.scene, run.grid, cam, cam.width_px, cam.height_px);
  const auto t0 = std::chrono::steady_clock::now();
  const sim::CameraLayer layer = sim::ComputeCameraLayer(*run.scene, run.grid, cam);
  const double engine_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  state.SetLabel(cam.id + " " + cam.model);
  state.counters["agree_pct"] = a.Pct();
  state.counters["checked"] = double(a.checked);
  state.counters["edges"] = double(a.on_edges);
  state.counters["engine_layer_ms"] = engine_ms;
  state.counters["visible_cells"] = double(layer.cells.size());
}
BENCHMARK(BM_RenderCrossCheckDelft)->DenseRange(0, 5)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_BoardPixelsPerMetre(benchmark::State& state) {
  auto project = plan::Project::Open(kDelft);
  const std::vector<std::string> models = project->ModelNames();
  const std::string& model = models[static_cast<std::size_t>(state.range(0)) % models.size()];
  sim::Camera cam = project->Template(model);
  if (cam.lens != sim::LensModel::rectilinear) {
    state.SkipWithError("fisheye: a flat board's width is not what px/m measures off a fisheye's axis");
    return;
  }
  cam.position = {0, 0, 6};
  double worst = 0;
  for (auto _ : state)
    for (double d : {5.0, 10.0, 20.0, 40.0, 80.0}) {
      const double predicted = sim::PixelsPerMetreOnAxis(cam, d);
      const double rendered = render::RenderedBoardWidthPx(cam, {0, d, 6});
      worst = std::max(worst, std::abs(rendered - predicted) / predicted);
    }
  state.SetLabel(model);
  state.counters["worst_error_pct"] = 100 * worst;
}
BENCHMARK(BM_BoardPixelsPerMetre)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
