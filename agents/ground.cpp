#include "agents/ground.h"

#include <cmath>

namespace agents {

bool Ground::InArea(double x, double y) const {
  const double col = (x - grid_.min_x) / grid_.resolution_m, row = (grid_.max_y - y) / grid_.resolution_m;
  return col >= 0 && row >= 0 && col < grid_.nx && row < grid_.ny;
}

std::uint32_t Ground::Cell(double x, double y) const {
  const int col = static_cast<int>((x - grid_.min_x) / grid_.resolution_m);
  const int row = static_cast<int>((grid_.max_y - y) / grid_.resolution_m);
  return grid_.Index(col, row);
}

std::optional<double> Ground::At(double x, double y) const {
  if (!InArea(x, y)) return std::nullopt;
  const int col = static_cast<int>((x - grid_.min_x) / grid_.resolution_m);
  const int row = static_cast<int>((grid_.max_y - y) / grid_.resolution_m);
  for (int r = 0; r <= 2; ++r) {
    // Ring r around the cell, scanned in a fixed order so the answer is deterministic.
    double best = NAN, best_d2 = 1e300;
    for (int dr = -r; dr <= r; ++dr)
      for (int dc = -r; dc <= r; ++dc) {
        if (std::max(std::abs(dr), std::abs(dc)) != r) continue;
        const int c = col + dc, w = row + dr;
        if (c < 0 || w < 0 || c >= grid_.nx || w >= grid_.ny) continue;
        const float z = grid_.ground_z[grid_.Index(c, w)];
        if (z != z) continue;
        const double d2 = dr * dr + dc * dc;
        if (d2 < best_d2) best_d2 = d2, best = z;
      }
    if (best == best) return best;
  }
  return std::nullopt;
}

}  // namespace agents
