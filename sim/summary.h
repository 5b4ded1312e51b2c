// The figures a coverage run reports: area per density level, k-coverage, per camera.
#pragma once

#include <string>
#include <vector>

#include "sim/coverage.h"

namespace sim {

struct CameraSummary {
  std::string id;
  std::string model;
  double visible_m2 = 0;
  std::vector<double> at_level_m2;  // per density level: visible at or above it (this camera)
  double cost = 0;
};

struct CoverageSummary {
  double target_m2 = 0;                // evaluated ground (outside buildings and exclude zones)
  double covered_m2 = 0;               // seen by at least one camera
  std::vector<double> at_level_m2;     // per level: best density at or above it
  std::vector<double> k_histogram_m2;  // [k] = area seen by exactly k cameras (k = 0..max)
  std::vector<CameraSummary> cameras;
  double total_cost = 0;
};

CoverageSummary Summarise(const Coverage& coverage);

}  // namespace sim
