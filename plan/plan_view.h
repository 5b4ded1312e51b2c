// The plan view's wedges: every camera's ground footprint by density band (sim::FootprintOf),
// kept per camera so an edit re-casts only the cameras it changed (a drag: one camera a frame).
#pragma once

#include <cstdint>
#include <vector>

#include "scenario/pipeline.h"
#include "sim/view_footprint.h"

namespace plan {

class FootprintCache {
 public:
  // The footprints of `cameras` in `run`'s city, in camera order; cameras unchanged since the
  // last call (same pose, optics and range) keep theirs. `changed()` tells whether any moved.
  const std::vector<sim::ViewFootprint>& Update(const scenario::CoverageResult& run,
                                                const std::vector<sim::Camera>& cameras);
  const std::vector<sim::ViewFootprint>& footprints() const { return footprints_; }
  std::uint64_t revision() const { return revision_; }  // grows whenever the footprints change

 private:
  std::vector<sim::Camera> cameras_;
  std::vector<sim::ViewFootprint> footprints_;
  std::uint64_t revision_ = 0;
};

// The options the plan view and the report's plan page share for `run` (its target height).
sim::FootprintOptions PlanFootprintOptions(const scenario::CoverageResult& run);

}  // namespace plan
