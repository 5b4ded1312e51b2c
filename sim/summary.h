// The figures a coverage run reports: area per density level, k-coverage, per camera.
#pragma once

#include <span>
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

// Cell counts behind the area figures, kept exactly (integers) so they can be updated cell by
// cell as cameras move and still equal a fresh count.
struct CoverageTally {
  std::size_t targets = 0, covered = 0;
  std::vector<std::size_t> k_cells;      // [k]: target cells seen by exactly k cameras
  std::vector<std::size_t> level_cells;  // [l]: covered cells whose best level is >= l

  // Counts (sign +1) or uncounts (-1) one cell with the given aggregate values.
  void Count(const Grid& grid, std::uint32_t cell, std::uint16_t k, std::int8_t best_level, int sign);
};
CoverageTally TallyCells(const Grid& grid, const Aggregate& aggregate, int level_count);

// One camera's cells: seen, and seen at or above each density level (by its own px/m).
struct CameraTally {
  std::size_t visible = 0;
  std::vector<std::size_t> at_level;
};
std::vector<CameraTally> TallyCameras(const Coverage& coverage);

// The figures from cell counts (which add up exactly over the bands of MPI ranks).
CoverageSummary SummaryOf(const CoverageTally& cells, const std::vector<CameraTally>& cameras,
                          std::span<const Camera> camera_list, double cell_area_m2);

CoverageSummary Summarise(const Coverage& coverage);
// The same from a tally of the coverage's current aggregate (per-camera figures come from the
// layers).
CoverageSummary Summarise(const Coverage& coverage, const CoverageTally& tally);

}  // namespace sim
