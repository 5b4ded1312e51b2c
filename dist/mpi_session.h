// Inside dist/ only: MPI started and stopped with a scope, the rows each rank owns, and how
// ranks stop together on an error.
#pragma once

#include <mpi.h>

#include <algorithm>
#include <exception>

#include "dist/tiled_coverage.h"
#include "sim/grid.h"

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
      throw QuietExit{1};
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

// This process's peak resident memory so far.
double PeakBytes();

}  // namespace dist
