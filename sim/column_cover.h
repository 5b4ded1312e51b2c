// Which grid cells a vertical ray could hit a triangle of a given kind in: a conservative
// raster of the triangles' 2D footprints, widened by a margin far above float rounding. Where a
// cell's flag is clear, no vertical ray through its centre can hit such a triangle, so the grid
// set-up knows that ray's answer without casting it (and the cells stay bit for bit the same).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "geo/city_model.h"

namespace sim {

struct Grid;

// Bit flags per surface class (0: not rasterised), e.g. water = 1, structures = 2.
using SurfaceKinds = std::array<std::uint8_t, geo::kSurfaceCount>;

class ColumnCover {
 public:
  // Buckets the triangles that have a kind by the chunks of `chunk_rows` rows of `grid` (its
  // geometry only: origin, resolution, size, first row) their footprint crosses.
  ColumnCover(const geo::CityModel& city, const Grid& grid, const SurfaceKinds& kinds, int chunk_rows);

  int chunks() const { return static_cast<int>(by_chunk_.size()); }
  int chunk_rows() const { return chunk_rows_; }

  // Heights per cell of some kinds, to know a vertical ray's first hit without casting it. Per
  // kind: the top of its triangles that may cover the cell (-inf: none), and the highest bottom
  // of those whose footprint holds the cell's centre with the margin to spare, so that a
  // vertical ray through it surely meets them (-inf: none).
  struct KindHeights {
    std::uint8_t kind = 0;
    std::vector<float> covering_top, containing_bottom;
  };
  using Heights = std::vector<KindHeights>;

  // The OR of the kinds of every triangle that may cover each cell of the chunk's rows (from
  // row chunk * chunk_rows, at most chunk_rows of them, nx cells each), into `flags`; with
  // `heights`, those of the kinds it lists too.
  void Rasterise(int chunk, std::vector<std::uint8_t>& flags, Heights* heights = nullptr) const;

 private:
  double Margin(double vertex_magnitude) const;

  const geo::CityModel& city_;
  const Grid& grid_;
  SurfaceKinds kinds_;
  int chunk_rows_;
  double grid_magnitude_;  // largest |coordinate| of the grid, for the margin
  std::vector<std::vector<std::uint32_t>> by_chunk_;
};

}  // namespace sim
