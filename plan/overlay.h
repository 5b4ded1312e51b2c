// The coverage draped on the ground in the 3D view: one RGBA pixel per grid cell (row 0 at the
// north edge, like the grid), transparent where there is nothing to show. Painted whole once,
// then repainted only where cameras changed what is seen.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/coverage.h"
#include "sim/zones.h"

namespace plan {

enum class OverlayMode { off, k_coverage, density };
const char* OverlayModeName(OverlayMode mode);

// k-coverage: cameras seeing a cell (1, 2, 3, 4+); density: the best DORI/density level.
// Blind spots (unseen targets inside priority zones) are vermillion; unseen ground elsewhere
// stays bare, so a city without zones is not painted over. Privacy-zone cells that a camera
// sees are magenta, whatever the mode.
class OverlayPainter {
 public:
  OverlayPainter(const sim::Grid& grid, const std::vector<sim::Zone>& zones, int level_count);

  std::array<std::uint8_t, 4> Colour(const sim::Aggregate& aggregate, std::uint32_t cell, OverlayMode mode) const;
  std::vector<std::uint8_t> Paint(const sim::Aggregate& aggregate, OverlayMode mode) const;
  // The cells this painter may colour differently from `before` (over the same grid): those
  // whose zone role (priority, privacy) differs. A zone drawn repaints only these.
  std::vector<std::uint32_t> CellsPaintedDifferently(const OverlayPainter& before) const;

 private:
  const sim::Grid& grid_;
  int level_count_;
  std::vector<std::uint8_t> role_;  // per cell: bit 0 in a priority zone, bit 1 in a privacy zone
};

// The whole image at once (OverlayPainter::Paint).
std::vector<std::uint8_t> OverlayRgba(const sim::Aggregate& aggregate, const sim::Grid& grid,
                                      const std::vector<sim::Zone>& zones, int level_count, OverlayMode mode);

}  // namespace plan
