// The steps of BuildProblem (sim/optimise.h), shared with its distributed twin in dist/ so that
// both cast, classify, sign and key cells the same way, bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/coverage.h"
#include "sim/grid.h"
#include "sim/optimise.h"
#include "sim/scene.h"
#include "sim/zones.h"

namespace sim {

// What each cell of a grid asks of a camera: its zone's weight (x the cell weight), level and k;
// private or priority ground.
struct CellRequirements {
  std::vector<float> weight;
  std::vector<std::int8_t> level;
  std::vector<std::uint8_t> k, is_private, is_priority;
};
// cell_weight: empty, or one multiplier per cell of `grid`. Zones' cells index `grid`.
CellRequirements RequirementsOf(const Grid& grid, const std::vector<Zone>& zones, const std::vector<float>& cell_weight);

// One candidate's column over `grid`: the cells it covers at their required density
// (delta-coded, see ForEachCell) and the private cells it sees (ascending).
void CastColumn(const Scene& scene, const Grid& grid, const Camera& camera, const CellRequirements& req,
                const DensityLevels& levels, std::vector<std::uint8_t>& sees, std::vector<std::uint32_t>& exposes);

// CastColumn for candidates[i] of every i in `which`, in parallel (sees, exposes: one per candidate).
void CastColumns(const Scene& scene, const Grid& grid, const std::vector<Candidate>& candidates,
                 std::span<const std::size_t> which, const CellRequirements& req, const DensityLevels& levels,
                 std::vector<std::vector<std::uint8_t>>& sees, std::vector<std::vector<std::uint32_t>>& exposes);

// 0..m-1 in the order of their bit-reversed positions (van der Corput): every prefix of 2^k
// indices hits each block of m / 2^k consecutive indices about once.
std::vector<std::size_t> BitReversedOrder(std::size_t m);

// Ascending cells as LEB128 deltas: one or two bytes a cell instead of four.
void EncodeCells(const std::vector<std::uint32_t>& cells, std::vector<std::uint8_t>& out);
template <typename Fn>
void ForEachCell(const std::vector<std::uint8_t>& bytes, Fn fn) {
  std::uint32_t cell = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    std::uint32_t delta = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t b = bytes[i++];
      delta |= static_cast<std::uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    cell += delta;
    fn(cell);
  }
}

// A cell's signature after candidate `candidate` covers it (0: nobody yet), mixed in candidate
// order; cells with equal signatures, k and priority are one target (TargetKey).
std::uint64_t SignatureWith(std::uint64_t signature, std::size_t candidate);
std::uint64_t TargetKey(std::uint64_t signature, int k, bool priority);

// The solver weight of a priority m2: one more step of priority credit (smallest_step) outweighs
// all other coverable ground (other); 1 when there is nothing to rank first.
double PriorityFactor(bool priority_first, double other, double smallest_step);

}  // namespace sim
