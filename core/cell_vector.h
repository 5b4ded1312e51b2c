// Storage for a big grid's per-cell arrays (tens of millions of cells).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <limits>
#include <new>
#include <memory>
#include <utility>
#include <vector>

namespace core {

// Asks the kernel to back the 2 MB-aligned part of [p, p + bytes) with 2 MB pages (Linux
// transparent huge pages, which many distributions give only to memory that asks). A grid's
// first touch then takes one page fault per 2 MB instead of one per 4 kB: on a virtual machine,
// where a fault costs microseconds, that was a tenth of a whole coverage run. A hint only:
// nothing changes where the kernel declines.
void AdviseHugePages(void* p, std::size_t bytes);

// Allocates zeroed memory (calloc: a big block comes straight from the kernel, zero without a
// memset, and its pages cost nothing until first touched), with that hint from 4 MB up; resizes
// without writing: the owner fills the cells itself, in parallel bands, so that each thread
// first touches its own pages, or leaves zero what is zero. (Only a fresh allocation is zero:
// storage reused after shrinking keeps its old values.)
template <class T>
struct CellAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = CellAllocator<U>;
  };
  CellAllocator() = default;
  template <class U>
  CellAllocator(const CellAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_array_new_length();
    void* p = std::calloc(n == 0 ? 1 : n, sizeof(T));
    if (!p) throw std::bad_alloc();
    if (n * sizeof(T) >= (std::size_t{4} << 20)) AdviseHugePages(p, n * sizeof(T));
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) noexcept { std::free(p); }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) ::new (static_cast<void*>(p)) U;
    else ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <class T>
using CellVector = std::vector<T, CellAllocator<T>>;

}  // namespace core
