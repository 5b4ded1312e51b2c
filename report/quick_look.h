// coverage.png: the quick-look density map (1 pixel per grid cell, or per `step` cells on big
// grids; small grids upsampled by whole pixels to at least 1000 px) above its legend. Drawn a
// grid row at a time from colours worked out wherever the cells are (one process's strips, or
// each MPI rank's own band), so the picture never needs the grid in one place.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "geo/raster_io.h"
#include "sim/pixel_density.h"

namespace report {

// The legend, drawn by cairo as wide as the map, stops at 32767 pixels; beyond this many the map
// takes every n-th cell.
inline constexpr int kMaxQuickLookPx = 16384;

// The map takes grid rows and columns 0, step, 2 step, ...: the smallest step that keeps it
// within `max_px` a side.
int QuickLookStep(const geo::RasterGrid& grid, int max_px = kMaxQuickLookPx);

// A cell's colour on the map, as an index into the map's palette (coverage.png is an indexed
// picture): buildings/water/excluded, not seen, or its best level; worked out once for
// `levels` levels, so that a cell's is a table look-up (31 M on Monaco).
class QuickLookColours {
 public:
  explicit QuickLookColours(int levels);
  std::uint8_t operator()(float ground_z, std::uint16_t k, std::int8_t best_level) const {
    if (ground_z != ground_z) return kBuildingIndex;  // NaN: buildings, water, excluded
    if (k == 0) return kUnseenIndex;
    // -1: seen below the first level; the levels' own after it.
    return static_cast<std::uint8_t>(kLevelsIndex + std::clamp<int>(best_level + 1, 0, last_level_));
  }
  // The colours (0x00RRGGBB) the indices stand for.
  const std::vector<std::uint32_t>& palette() const { return palette_; }

 private:
  static constexpr std::uint8_t kBuildingIndex = 0, kUnseenIndex = 1, kLevelsIndex = 2;
  int last_level_ = 0;  // of "below the first level" and the levels, counted from 0
  std::vector<std::uint32_t> palette_;
};

class QuickLook {
 public:
  // Writes to `path` (through a temporary file, renamed by Commit). A map of one pixel per
  // drawn cell goes out row by row as the rows come; only a small grid's map, upsampled, is
  // held until Commit.
  QuickLook(const std::filesystem::path& path, const geo::RasterGrid& grid, const sim::DensityLevels& levels,
            int max_px = kMaxQuickLookPx);
  ~QuickLook();
  QuickLook(const QuickLook&) = delete;
  QuickLook& operator=(const QuickLook&) = delete;

  int step() const;
  int columns() const;  // pixels of a map row: ceil(nx / step)
  // Grid row `row`, the next multiple of step from the north edge: the colours of its cells 0,
  // step, 2 step, ... (QuickLookColours' indices).
  void Row(int row, std::span<const std::uint8_t> colours);
  // After the last row: draws the legend and commits the file.
  void Commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace report
