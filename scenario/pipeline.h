// One coverage run from a parsed scenario, start to finish: what `sightline coverage`,
// `report` and `compare` (and later the GUI) share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "scenario/scenario.h"
#include "sim/coverage.h"
#include "sim/scene.h"
#include "sim/summary.h"
#include "sim/zones.h"

namespace scenario {

struct PhaseTimes {
  double city_s = 0, scene_s = 0, grid_s = 0, coverage_s = 0;
};

// Everything a run made. Not movable: the coverage refers to the scene and grid it holds.
struct CoverageResult {
  Scenario scenario;
  core::Diagnostics diagnostics;
  geo::CityModel city;
  std::unique_ptr<sim::Scene> scene;
  sim::Grid grid;
  std::vector<sim::Zone> zones;
  std::unique_ptr<sim::Coverage> coverage;
  std::vector<sim::ZoneStats> zone_stats;
  sim::CoverageSummary summary;
  PhaseTimes times;

  CoverageResult() = default;
  CoverageResult(const CoverageResult&) = delete;
  CoverageResult& operator=(const CoverageResult&) = delete;
};

// Why no cell of an nx x ny grid over city.area is a target, for the error that says so (a run
// that evaluates 0 m2 must say why, not report zeros); also what MPI ranks say together.
std::string NothingToEvaluate(const geo::CityModel& city, double resolution_m, int nx, int ny);

// scenario -> city -> scene -> grid -> zones -> cameras -> coverage -> statistics.
// Throws core::InputError for unusable input; a scenario without cameras is a warning.
std::unique_ptr<CoverageResult> RunCoverage(Scenario scenario,
                                            const sim::Coverage::ProgressFn& progress = {});

}  // namespace scenario
