// coverage.tif, coverage.png and the blind-spot mask, written from strips of grid rows as they
// come: from the run's own aggregate (one process) or from every rank's band in turn (MPI).
// Memory: one strip, the quick look (4 bytes per pixel) and the blind-spot mask (1 byte per
// cell); never a copy of the aggregate.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "geo/tiff_compression.h"
#include "geo/raster_io.h"
#include "sim/index_or_none.h"
#include "sim/pixel_density.h"

namespace report {

// Per-cell values of consecutive grid rows, as sim::Grid and sim::Aggregate hold them.
struct CellStrip {
  int rows = 0;                               // each span holds rows * nx values
  std::span<const float> ground_z;            // NaN: no target (building, water, excluded)
  std::span<const std::uint16_t> k;           // cameras seeing
  std::span<const float> best_px_per_m;
  std::span<const sim::IndexOrNone<std::int32_t>> best_camera;  // -1: unseen
  std::span<const sim::IndexOrNone<std::int8_t>> best_level;    // -1: below the first level or unseen
  std::span<const std::uint8_t> scope;        // 1 inside a priority zone; empty: no priority zones
};

struct CoverageRasterOptions {
  std::filesystem::path tif = "coverage.tif";  // in `dir`: a distributed run's rank writes its tile
  bool quick_look = true;                      // coverage.png (of `grid`)
  // The blind-spot mask and its polygons (Finish); false: the caller, holding the whole grid,
  // polygonises them itself while the rasters are written.
  bool blind_spots = true;
  geo::TiffCompression compression = geo::TiffCompression::zstd;  // the scenario's outputs: geotiff_compression
};

inline constexpr double kCoverageNoData = -9999;  // every band: no target (building, water, excluded)

// The names of coverage.tif's four bands, for rasters assembled from tiles (a VRT).
std::vector<std::string> CoverageBandNames(const sim::DensityLevels& levels);

class QuickLook;

// Draws the strip's rows that `look` takes (every step-th), the strip starting at grid row
// `first_row`; `colours` is scratch.
void DrawQuickLookRows(QuickLook& look, int first_row, const CellStrip& strip, int levels,
                       std::vector<std::uint8_t>& colours);

class CoverageRasterWriter {
 public:
  // `grid` is what the GeoTIFF covers: the whole area, or one rank's band of rows (a tile);
  // `any_priority`: blind spots count inside priority zones only.
  CoverageRasterWriter(const std::filesystem::path& dir, const geo::Frame& frame, const geo::RasterGrid& grid,
                       const sim::DensityLevels& levels, bool any_priority, const CoverageRasterOptions& options = {});
  ~CoverageRasterWriter();
  CoverageRasterWriter(const CoverageRasterWriter&) = delete;
  CoverageRasterWriter& operator=(const CoverageRasterWriter&) = delete;

  // The next rows, in order from the north edge, in any number at a time.
  void Add(const CellStrip& strip);
  // After the last row: commits coverage.tif and coverage.png; returns the blind spots
  // (target ground no camera sees) as polygons in local metres, cut at the edges of `grid`
  // (none without options.blind_spots).
  std::vector<geo::Polygon> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace report
