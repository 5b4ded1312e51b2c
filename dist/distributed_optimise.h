// `sightline optimise` over MPI ranks: the same plan, scores and files as one process.
//
// The grid is cut into the same bands of 16-row tiles as `coverage` (tiled_coverage.h). Each
// rank loads the city, lays out its band and casts every candidate over it (a candidate whose
// range misses the band costs nothing), so the casting, the bulk of the time, is split by area
// and a rank holds the grid of its band only. The matrix is then put together as one process
// would: cells with the same candidates are one target, numbered and weighted in the whole
// grid's row order (the running sums pass from rank to rank, so every float is added in the
// same order), and each candidate's column (the targets it covers) goes to one rank (candidate
// i to rank i mod N). The targets are held whole on every rank, the columns once.
//
// The solvers (sim/optimise.h) then run on every rank in lockstep over the same state: a
// marginal gain is computed by its column's owner, the scans over all candidates (the greedy's
// queue, the best single camera, the swaps' best replacement, the upper bound) by every rank
// for its own candidates at once; the argmax is taken over all of them in candidate order, so
// ties fall as in one process. CBC runs on rank 0 over the gathered matrix when it fits there,
// else it is skipped with a warning and the plan is the greedy's and swaps'.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "scenario/optimise_run.h"

namespace dist {

struct DistributedOptimiseResult {
  bool root = false;  // rank 0: the one that writes
  int ranks = 1;
  std::unique_ptr<scenario::OptimiseResult> result;  // on every rank (the same plan)
  double wall_s = 0;                                 // on rank 0
  std::vector<double> peak_bytes;                    // per rank, on rank 0
  std::vector<sim::RowBand> bands;                   // per rank
};

// Runs on every rank (MPI initialised and finalised inside). `on_root` runs first on rank 0
// (the output folder's lock), inside the agreement on errors. Errors stop every rank: the rank
// that saw it rethrows, the others throw QuietExit (tiled_coverage.h). `weight_by: flow` is
// refused (the people simulation runs in one process).
DistributedOptimiseResult RunDistributedOptimise(scenario::Scenario scenario, scenario::OptimiseOverrides overrides,
                                                 const std::function<void()>& on_root = {});

}  // namespace dist
