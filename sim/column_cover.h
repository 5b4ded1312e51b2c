// Which grid cells a vertical ray could hit a triangle of a given kind in: a conservative
// raster of the triangles' 2D footprints, widened by a margin far above float rounding. Where a
// cell's flag is clear, no vertical ray through its centre can hit such a triangle, so the grid
// set-up knows that ray's answer without casting it (and the cells stay bit for bit the same).
#pragma once

#include <array>
#include <cstdint>
#include <span>
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

  // Per cell of a chunk, what a vertical ray up from `from_z` (per cell; NaN: not asked) may
  // meet first among the triangles of `kind`: of those that may cover the cell and whose top
  // reaches from_z - z_margin, the lowest bottom and the next (another triangle's, +inf: none),
  // the triangle of the lowest, and whether that one is level and holds the cell's centre with
  // the margin to spare. When it does, and the next bottom lies above it by more than z_margin,
  // the ray surely meets that triangle first, at its height.
  struct LowestAbove {
    std::vector<float> bottom, next_bottom;
    std::vector<std::uint32_t> triangle;
    std::vector<std::uint8_t> level_and_containing;
  };
  void FindLowestAbove(int chunk, std::uint8_t kind, std::span<const float> from_z, float z_margin,
                       LowestAbove& out) const;

 private:
  double Margin(double vertex_magnitude) const;
  // Calls row_span(r, c0, c1) for each row r of the chunk whose cells c0..c1 the triangle may
  // cover and, when `inside` is asked for, inside(r, col) for each cell whose centre it holds
  // with the margin to spare.
  template <typename RowSpan, typename Inside>
  void VisitCells(int chunk, std::uint32_t t, bool inside_asked, RowSpan&& row_span, Inside&& inside) const;

  const geo::CityModel& city_;
  const Grid& grid_;
  SurfaceKinds kinds_;
  int chunk_rows_;
  double grid_magnitude_;  // largest |coordinate| of the grid, for the margin
  std::vector<std::vector<std::uint32_t>> by_chunk_;
};

}  // namespace sim
