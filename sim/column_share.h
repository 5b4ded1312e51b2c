// The visibility matrix's columns spread over processes (MPI ranks: dist/ implements this; sim
// never sees MPI). Each process holds the targets whole (weights, k, counts) and the columns of
// its own candidates; every process runs the same solver steps in lockstep on the same replicated
// state, and what only a column's owner can compute reaches the others through these calls. Each
// call is collective: every process makes it, in the same order, with the same candidate.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace sim {

struct ColumnView {
  std::span<const std::uint32_t> covers, exposes;
};

class ColumnShare {
 public:
  virtual ~ColumnShare() = default;
  virtual bool Owns(std::uint32_t candidate) const = 0;
  // The owner's value, on every process.
  virtual double FromOwner(std::uint32_t candidate, double value) = 0;
  // The owner's column, on every process (the owner passes its own; valid until the next call).
  virtual ColumnView Column(std::uint32_t candidate, ColumnView owned) = 0;
  // values[c] as set by c's owner (0 on every other process) -> every process has all of them.
  // Exact: each entry is one owner's value plus zeros.
  virtual void FromOwners(std::vector<double>& values) = 0;
  // True on every process when true on any (a deadline seen by one stops all together).
  virtual bool Any(bool flag) = 0;
};

}  // namespace sim
