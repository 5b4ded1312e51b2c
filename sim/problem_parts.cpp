#include "sim/problem_parts.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sim {
namespace {

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

CellRequirements RequirementsOf(const Grid& grid, const std::vector<Zone>& zones, const std::vector<float>& cell_weight) {
  const std::size_t n = grid.size();
  CellRequirements r;
  r.weight.assign(n, 1.0f);
  // Required density per cell: the zone's level, and everywhere at least the first level
  // (ground seen below it cannot be told from noise: it is not covered).
  r.level.assign(n, 0);
  r.k.assign(n, 1);
  r.is_private.assign(n, 0);
  r.is_priority.assign(n, 0);
  for (const Zone& z : zones) {
    for (std::uint32_t c : z.cells) {
      if (z.kind == ZoneKind::privacy) {
        r.is_private[c] = 1;
      } else if (z.kind == ZoneKind::priority) {
        r.is_priority[c] = 1;
        r.weight[c] = std::max(r.weight[c], static_cast<float>(z.weight));
        r.level[c] = std::max<std::int8_t>(r.level[c], static_cast<std::int8_t>(z.required_level));
        r.k[c] = std::max<std::uint8_t>(r.k[c], static_cast<std::uint8_t>(std::clamp(z.required_k, 1, 255)));
      }
    }
  }
  if (!cell_weight.empty()) {
    if (cell_weight.size() != n) throw std::invalid_argument("BuildProblem: cell_weight is not one per grid cell");
    for (std::size_t c = 0; c < n; ++c) r.weight[c] *= std::max(0.0f, cell_weight[c]);
  }
  return r;
}

void CastColumn(const Scene& scene, const Grid& grid, const Camera& camera, const CellRequirements& req,
                const DensityLevels& levels, std::vector<std::uint8_t>& sees, std::vector<std::uint32_t>& exposes) {
  const CameraLayer layer = ComputeCameraLayer(scene, grid, camera);
  std::vector<std::uint32_t> cells;
  for (std::size_t j = 0; j < layer.cells.size(); ++j) {
    const std::uint32_t c = layer.cells[j];
    if (req.is_private[c]) {
      exposes.push_back(c);
    } else if (levels.Classify(layer.px_per_m[j]) >= req.level[c]) {
      cells.push_back(c);
    }
  }
  EncodeCells(cells, sees);
  sees.shrink_to_fit();
  exposes.shrink_to_fit();
}

void CastColumns(const Scene& scene, const Grid& grid, const std::vector<Candidate>& candidates,
                 std::span<const std::size_t> which, const CellRequirements& req, const DensityLevels& levels,
                 std::vector<std::vector<std::uint8_t>>& sees, std::vector<std::vector<std::uint32_t>>& exposes) {
  tbb::parallel_for(std::size_t{0}, which.size(), [&](std::size_t j) {
    const std::size_t i = which[j];
    CastColumn(scene, grid, candidates[i].camera, req, levels, sees[i], exposes[i]);
  });
}

std::vector<std::size_t> BitReversedOrder(std::size_t m) {
  int bits = 0;
  while ((std::size_t{1} << bits) < m) ++bits;
  std::vector<std::size_t> order;
  order.reserve(m);
  for (std::size_t j = 0; j < (std::size_t{1} << bits); ++j) {
    std::size_t r = 0;
    for (int b = 0; b < bits; ++b) r |= ((j >> b) & 1) << (bits - 1 - b);
    if (r < m) order.push_back(r);
  }
  return order;
}

void EncodeCells(const std::vector<std::uint32_t>& cells, std::vector<std::uint8_t>& out) {
  std::uint32_t previous = 0;
  for (std::uint32_t c : cells) {
    std::uint32_t delta = c - previous;
    previous = c;
    while (delta >= 0x80) {
      out.push_back(static_cast<std::uint8_t>(delta | 0x80));
      delta >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(delta));
  }
}

std::uint64_t SignatureWith(std::uint64_t signature, std::size_t candidate) {
  return std::max<std::uint64_t>(1, SplitMix(signature ^ (candidate + 1)));
}

std::uint64_t TargetKey(std::uint64_t signature, int k, bool priority) {
  return SplitMix(signature ^ (static_cast<std::uint64_t>(k | (priority ? 1 << 8 : 0)) << 40));
}

double PriorityFactor(bool priority_first, double other, double smallest_step) {
  if (priority_first && std::isfinite(smallest_step) && other > 0) return 1 + other / smallest_step;
  return 1;
}

}  // namespace sim
