// Memory a run will need, estimated before the big allocations: a grid or an optimiser matrix
// that cannot fit stops at once with the estimate and what to change, instead of dying in
// std::bad_alloc after minutes (a 10 x 10 km city at 0.5 m is 400 million cells).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/vec.h"
#include "sim/optimise.h"

namespace sim {

// Peak bytes per grid cell of a coverage run (grid 4, aggregate 11, blind-spot mask 1, camera
// layers and statistics; outputs streamed by strips): 45 measured as the slope of GNU time's
// maximum resident size over three resolutions of the Delft sample with its six cameras
// (bench/README.md), rounded up, when the quick look (4) was still held whole; Monaco without
// cameras takes 24.
inline constexpr double kCoverageBytesPerCell = 48;

struct MemoryBudget {
  std::uint64_t limit_bytes = 0;  // --max-memory; 0: the memory available now
  std::string context;            // file for messages
  // Needed besides the grid's cells (an MPI rank 0's whole-grid blind-spot mask), and what it
  // is, for the message ("0.8 GB on rank 0 for ...").
  double extra_bytes = 0;
  std::string extra_text{};
  std::string grid_text = "the coverage grid";  // what the area is: an MPI rank's band says so
};

// Memory this process may still take: MemAvailable, capped by a cgroup limit when there is one.
std::uint64_t AvailableMemoryBytes();
// "1.2 GB", "350 MB".
std::string MemoryText(double bytes);

// Throws core::InputError when a coverage grid over `area` (local metres) at `resolution_m`
// (plus budget.extra_bytes) would not fit, naming the estimate, the limit and a resolution
// that would fit.
void CheckCoverageMemory(const geo::Box2d& area, double resolution_m, const MemoryBudget& budget);

// Same for the optimiser's visibility matrix: per-cell requirements plus, per candidate, the
// cells its view wedge can reach at the grid's resolution.
void CheckOptimiserMemory(const geo::Box2d& area, double resolution_m,
                          const std::vector<Candidate>& candidates, const MemoryBudget& budget);

}  // namespace sim
