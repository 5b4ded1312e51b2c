#include "scenario/pipeline.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string>

#include "core/error.h"
#include "geo/load_city.h"
#include "scenario/build.h"
#include "sim/memory_budget.h"

namespace scenario {
namespace {

class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

// Why no grid cell is a target: a run that evaluates 0 m2 must say so, not report zeros.
std::string NothingToEvaluate(const geo::CityModel& city, double resolution_m, int nx, int ny) {
  std::string why = "nothing to evaluate: none of the " + std::to_string(std::uint64_t(nx) * std::uint64_t(ny)) +
                    " grid cells has open ground";
  const geo::Box2d& area = city.area;
  if (area.width() < resolution_m || area.height() < resolution_m)
    return why + fmt::format(" (the area, {:g} x {:g} m, is smaller than one {:g} m cell: give a finer "
                             "`grid: {{resolution_m: ...}}` or a larger area)",
                             area.width(), area.height(), resolution_m);
  if (const auto& t = city.terrain) {
    std::size_t with_data = 0;
    for (int row = 0; row < ny; ++row)
      for (int col = 0; col < nx; ++col)
        with_data += !std::isnan(t->Sample(area.min_x + (col + 0.5) * resolution_m, area.max_y - (row + 0.5) * resolution_m));
    if (city.ground_source == geo::GroundSource::dem)
      why += " (the terrain raster has data under " + std::to_string(with_data) +
             " of them: a DEM must cover the area, with at least 2 x 2 pixels)";
    else
      why += " (the ground, " + std::string(geo::GroundSourceName(city.ground_source)) + ", covers " +
             std::to_string(with_data) + " of them)";
  } else {
    why += " (every cell lies inside a building, on water or in an exclude zone)";
  }
  return why;
}

std::unique_ptr<CoverageResult> RunCoverage(Scenario scenario, const sim::Coverage::ProgressFn& progress) {
  auto r = std::make_unique<CoverageResult>();
  r->scenario = std::move(scenario);
  const Scenario& s = r->scenario;
  Stopwatch watch;
  r->city = geo::LoadCity(s.city, r->diagnostics);
  RequireExtent(s, r->city);
  r->times.city_s = watch.Lap();
  sim::CheckCoverageMemory(r->city.area, s.grid.resolution_m, {s.max_memory_bytes, s.file.string()});
  r->scene = sim::BuildScene(r->city);
  r->times.scene_s = watch.Lap();
  r->grid = sim::MakeGrid(r->city, *r->scene, s.grid);
  r->zones = BuildZones(s, r->city, r->grid, r->diagnostics);
  sim::ApplyExcludeZones(r->zones, r->grid);
  if (r->grid.CountTargets() == 0) throw core::InputError(s.file.string(), "", NothingToEvaluate(r->city, r->grid.resolution_m, r->grid.nx, r->grid.ny));
  const std::vector<sim::Camera> cameras = BuildCameras(s, r->city, *r->scene, r->diagnostics);
  if (cameras.empty())
    r->diagnostics.Warn("scenario without cameras: everything is a blind spot", s.file.string());
  r->times.grid_s = watch.Lap();
  r->coverage = std::make_unique<sim::Coverage>(*r->scene, r->grid, s.levels, cameras, progress);
  for (std::size_t i = 0; i < cameras.size(); ++i)
    if (r->coverage->layers()[i].cells.empty())
      r->diagnostics.Warn("camera sees no evaluated ground (blocked, aimed away or out of the area)",
                          s.file.string() + ": camera '" + cameras[i].id + "'");
  r->zone_stats = sim::ComputeZoneStats(r->zones, *r->coverage);
  r->summary = sim::Summarise(*r->coverage);
  r->times.coverage_s = watch.Lap();
  return r;
}

}  // namespace scenario
