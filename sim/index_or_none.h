// An index, or -1 for none, stored plus one: zeroed memory reads as none. The aggregate's
// per-cell arrays come zeroed from the kernel, so a cell no camera sees is never written and its
// pages are never touched (most of a city's grid, on a first run with few cameras).
#pragma once

namespace sim {

template <class T>
struct IndexOrNone {
  T stored;  // index + 1; 0: none. No initialiser: left as the allocator gives it (zero)

  IndexOrNone() = default;
  constexpr IndexOrNone(T index) : stored(static_cast<T>(index + 1)) {}  // NOLINT: an index is one
  constexpr operator T() const { return static_cast<T>(stored - 1); }   // NOLINT: reads as the index
};

}  // namespace sim
