// --threads N for every verb that computes: a TBB limit held for the run (none for N = 0).
#pragma once

#include <tbb/global_control.h>

#include <memory>

namespace app {

inline std::unique_ptr<tbb::global_control> LimitThreads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
}

}  // namespace app
