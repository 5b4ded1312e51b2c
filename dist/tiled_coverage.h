// `sightline coverage` over MPI ranks. The grid is cut into bands of rows (whole 16-row tiles
// of the engine, dealt out in order); every rank loads the city and builds its scene, lays out
// and computes only its band (cameras whose range misses the band cost nothing), and the
// figures are reduced as integer cell counts, so summary.json equals a single process's.
// Rank 0 writes the outputs, receiving the other bands strip by strip in row order: the same
// writer as one process, so coverage.tif and coverage.png are the same bytes; it never holds
// the other ranks' aggregates, only the quick look and a 1-byte blind-spot mask of the whole
// grid. The folder is committed once, by rank 0, after every rank has finished.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostics.h"
#include "scenario/scenario.h"

namespace dist {

struct TiledCoverageOptions {
  std::filesystem::path output = "out/coverage";
};

struct TiledCoverageResult {
  bool root = false;          // rank 0: the one that wrote and holds the summary
  int ranks = 1;
  nlohmann::json summary;     // summary.json (rank 0)
  double wall_s = 0;          // whole run, on rank 0
  double max_peak_bytes = 0;  // largest peak resident memory over ranks (rank 0)
  core::Diagnostics diagnostics;  // the run's warnings, as one process would count them (rank 0)
};

// Runs on every rank (MPI initialised and finalised inside). Errors in the input stop every
// rank; the lowest rank that failed rethrows (so its message is printed once), the others
// throw QuietExit.
TiledCoverageResult RunTiledCoverage(scenario::Scenario scenario, const TiledCoverageOptions& options);

// Thrown on ranks whose error another rank reports.
struct QuietExit {
  int code = 1;
};

}  // namespace dist
