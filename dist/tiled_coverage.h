// `sightline coverage` over MPI ranks. The grid is cut into bands of rows (whole 16-row tiles
// of the engine, dealt out in order); every rank loads the city and builds its scene, lays out
// and computes only its band (cameras whose range misses the band cost nothing), and the
// figures are reduced as integer cell counts, so summary.json equals a single process's.
//
// The rasters, two ways:
// - one file (small grids): rank 0 writes the outputs, receiving the other bands strip by strip
//   in row order: the same writer as one process, so coverage.tif and coverage.png are the same
//   bytes; it never holds the other ranks' aggregates, but it holds a 1-byte blind-spot mask
//   of the whole grid (coverage.png goes out a row at a time).
// - tiles (big grids, or asked for): every rank writes its own band as tiles/coverage_RRRR.tif
//   into the output folder (which every rank must see: a shared file system) and polygonises
//   its own blind spots; rank 0 writes coverage.vrt over the tiles (GDALBuildVRT; the pixels
//   are coverage.tif's), coverage.png from every rank's every n-th row (at most 4096 px a
//   side), and the GeoPackage, taking each rank's blind spots in turn. Blind spots stay cut at
//   the bands' edges (a polygon crossing one is two features): their areas add up to one
//   process's.
// The folder is committed once, by rank 0, after every rank has finished.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostics.h"
#include "scenario/scenario.h"

namespace dist {

enum class TileOutput { automatic, always, never };

// Above this many cells (16384 x 16384), `automatic` writes tiles: rank 0 would otherwise hold
// the whole grid's blind-spot mask (1 byte a cell) besides its band, and polygonise it alone.
inline constexpr double kTilesAboveCells = 268435456;

struct TiledCoverageOptions {
  std::filesystem::path output = "out/coverage";
  // automatic: tiles above kTilesAboveCells, or when rank 0 could not hold the whole grid's
  // blind-spot mask in its share of the memory; always, never: as said.
  TileOutput tiles = TileOutput::automatic;
};

struct TiledCoverageResult {
  bool root = false;          // rank 0: the one that wrote and holds the summary
  int ranks = 1;
  bool tiled = false;         // coverage.vrt over tiles/ instead of coverage.tif
  nlohmann::json summary;     // summary.json (rank 0)
  double wall_s = 0;          // whole run, on rank 0
  double max_peak_bytes = 0;  // largest peak resident memory over ranks (rank 0)
  core::Diagnostics diagnostics;  // the run's warnings, as one process would count them (rank 0)
};

// Runs on every rank (MPI initialised and finalised inside). Errors in the input stop every
// rank; the lowest rank that failed rethrows (so its message is printed once), the others
// throw QuietExit.
TiledCoverageResult RunTiledCoverage(scenario::Scenario scenario, const TiledCoverageOptions& options);

// Thrown on ranks whose error another rank reports. Such a rank exits 0: mpirun ends the whole
// job as soon as one rank exits non-zero, which can kill the reporting rank before it has said
// why; the job's exit status is then the reporting rank's.
struct QuietExit {
  int code = 0;
};

}  // namespace dist
