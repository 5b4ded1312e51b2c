#include "plan/plan_view.h"

#include <map>

#include "sim/coverage.h"

namespace plan {

sim::FootprintOptions PlanFootprintOptions(const scenario::CoverageResult& run) {
  sim::FootprintOptions o;
  o.target_height_m = run.grid.height_m;
  return o;
}

const std::vector<sim::ViewFootprint>& FootprintCache::Update(
    const scenario::CoverageResult& run, const std::vector<sim::Camera>& cameras) {
  if (cameras == cameras_) return footprints_;
  // Reuse by id first (a camera edited in place), then compute what is new or changed.
  std::map<std::string, std::size_t> before;
  for (std::size_t i = 0; i < cameras_.size(); ++i) before[cameras_[i].id] = i;
  std::vector<sim::ViewFootprint> next(cameras.size());
  const sim::FootprintOptions options = PlanFootprintOptions(run);
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    auto it = before.find(cameras[i].id);
    if (it != before.end() && sim::SameView(cameras_[it->second], cameras[i]))
      next[i] = std::move(footprints_[it->second]);
    else
      next[i] = sim::FootprintOf(cameras[i], *run.scene, run.city, run.scenario.levels, options);
  }
  cameras_ = cameras;
  footprints_ = std::move(next);
  ++revision_;
  return footprints_;
}

}  // namespace plan
