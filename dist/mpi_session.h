// Inside dist/ only: MPI started and stopped with a scope, the rows each rank owns, and how
// ranks stop together on an error.
#pragma once

#include <mpi.h>

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "dist/tiled_coverage.h"
#include "sim/grid.h"
#include "sim/memory_budget.h"

namespace dist {

inline constexpr int kTileRows = 16;  // the engine's row tiles (sim/coverage.cpp): bands are whole tiles

// The error of the rank that saw it first (MpiSession::Together): that rank says it.
struct RankError {
  std::exception_ptr error;
};

class MpiSession {
 public:
  MpiSession() {
    int ready = 0;
    MPI_Initialized(&ready);
    if (!ready) MPI_Init(nullptr, nullptr);
    owned_ = !ready;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    // Ranks on this node share its memory.
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
    MPI_Comm_size(node, &node_ranks);
    MPI_Comm_free(&node);
  }
  ~MpiSession() {
    if (owned_) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  // Runs this rank's own part of the work (input it reads, memory it checks); when any rank
  // threw, the lowest such rank throws RankError with its error (so it is said once) and the
  // others throw QuietExit, all together.
  template <typename Work>
  void Together(Work work) const {
    std::exception_ptr error;
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
    int failed = error ? rank : size, first_failed = size;
    MPI_Allreduce(&failed, &first_failed, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (first_failed < size) {
      if (rank == first_failed) throw RankError{error};
      throw QuietExit{};
    }
  }

  int rank = 0, size = 1, node_ranks = 1;

 private:
  bool owned_ = false;
};

// Rank r's rows: tiles of 16 rows dealt out in order, as evenly as they go.
inline sim::RowBand BandOf(int ny, int rank, int size) {
  const int tiles = (ny + kTileRows - 1) / kTileRows;
  const int t0 = static_cast<int>(static_cast<long long>(tiles) * rank / size);
  const int t1 = static_cast<int>(static_cast<long long>(tiles) * (rank + 1) / size);
  const int first = std::min(ny, t0 * kTileRows);
  return {first, std::min(ny, t1 * kTileRows) - first};
}

// The most rows any rank gets of `ny`.
inline int LargestBandRows(int ny, const MpiSession& mpi) {
  int largest = 0;
  for (int r = 0; r < mpi.size; ++r) largest = std::max(largest, BandOf(ny, r, mpi.size).count);
  return largest;
}

// The area of the largest band (all of `area`'s width): what every rank checks against its
// memory, so that all stop together with the same message.
inline geo::Box2d LargestBandArea(geo::Box2d area, int ny, double resolution_m, const MpiSession& mpi) {
  area.min_y = area.max_y - LargestBandRows(ny, mpi) * resolution_m;
  return area;
}

// A rank's memory budget: its share of --max-memory (`limit_bytes`), else of the memory
// available on its node (`available_bytes`), among the ranks on that node.
inline sim::MemoryBudget RankBudget(std::uint64_t limit_bytes, std::uint64_t available_bytes, const std::string& file,
                                    const MpiSession& mpi) {
  sim::MemoryBudget budget;
  budget.limit_bytes = (limit_bytes > 0 ? limit_bytes : available_bytes) / static_cast<std::uint64_t>(std::max(1, mpi.node_ranks));
  budget.context = file + " (one of " + std::to_string(mpi.size) + " ranks)";
  return budget;
}

// MpiSession::Together, the rank that says the error throwing it as it was thrown.
template <typename Work>
void AllOrNone(const MpiSession& mpi, Work work) {
  try {
    mpi.Together(work);
  } catch (const RankError& e) {
    std::rethrow_exception(e.error);
  }
}

// Every rank's `mine` on rank 0, one after another in rank order (empty on the other ranks):
// the counts first, then the data in one MPI_Gatherv. `type` is T's MPI type. `counts_out`: each
// rank's count, on rank 0, for telling the ranks' parts apart.
template <typename T>
std::vector<T> GatherOnRoot(const std::vector<T>& mine, MPI_Datatype type, const MpiSession& mpi,
                            std::vector<int>* counts_out = nullptr) {
  const int count = static_cast<int>(mine.size());
  std::vector<int> counts(mpi.rank == 0 ? mpi.size : 0), displs(counts.size());
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<T> all;
  if (mpi.rank == 0) {
    int total = 0;
    for (int r = 0; r < mpi.size; ++r) displs[r] = total, total += counts[r];
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(mine.data(), count, type, all.data(), counts.data(), displs.data(), type, 0, MPI_COMM_WORLD);
  if (counts_out) *counts_out = std::move(counts);
  return all;
}

// This process's peak resident memory so far.
double PeakBytes();

}  // namespace dist
