#include "plan/live_coverage.h"

#include <algorithm>
#include <chrono>
#include <iterator>

namespace plan {
namespace {

void Put(sim::Aggregate& to, std::size_t at, const sim::Aggregate& from, std::size_t i) {
  to.k[at] = from.k[i];
  to.best_px_per_m[at] = from.best_px_per_m[i];
  to.best_camera[at] = from.best_camera[i];
  to.best_level[at] = from.best_level[i];
}

void Append(sim::Aggregate& to, const sim::Aggregate& from, std::size_t i) {
  to.k.push_back(from.k[i]);
  to.best_px_per_m.push_back(from.best_px_per_m[i]);
  to.best_camera.push_back(from.best_camera[i]);
  to.best_level.push_back(from.best_level[i]);
}

}  // namespace

void CoverageSnapshot::ApplyTo(sim::Aggregate& aggregate, std::vector<std::uint8_t>& rgba) const {
  if (full) {
    aggregate = values;
    rgba = overlay;
    return;
  }
  for (std::size_t j = 0; j < cells.size(); ++j) {
    Put(aggregate, cells[j], values, j);
    std::copy_n(overlay.begin() + j * 4, 4, rgba.begin() + std::size_t(cells[j]) * 4);
  }
}

void CoverageSnapshot::Merge(CoverageSnapshot&& newer) {
  if (newer.full) {
    *this = std::move(newer);
    return;
  }
  if (full) {
    newer.ApplyTo(values, overlay);
  } else {  // both partial: later entries win when the UI applies them in order
    for (std::size_t j = 0; j < newer.cells.size(); ++j) {
      cells.push_back(newer.cells[j]);
      Append(values, newer.values, j);
    }
    overlay.insert(overlay.end(), newer.overlay.begin(), newer.overlay.end());
  }
  state_id = newer.state_id;
  cameras = std::move(newer.cameras);
  summary = std::move(newer.summary);
  zone_stats = std::move(newer.zone_stats);
  mode = newer.mode;
  sync_ms = newer.sync_ms;
  total_ms = newer.total_ms;
}

LiveCoverage::LiveCoverage(sim::Coverage& coverage, Zones zones)
    : coverage_(coverage),
      zones_(zones ? std::move(zones) : std::make_shared<const std::vector<sim::Zone>>()),
      worker_([this] { Work(); }) {
  // The worker starts waiting for a request: the painter is made before any can arrive.
  std::lock_guard lock(mutex_);
  painter_.emplace(coverage_.grid(), *zones_, static_cast<int>(coverage_.levels().levels.size()));
}

LiveCoverage::~LiveCoverage() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void LiveCoverage::Request(std::vector<sim::Camera> cameras, std::uint64_t state_id, OverlayMode mode,
                           Zones zones) {
  {
    std::lock_guard lock(mutex_);
    if (!zones && pending_) zones = pending_->zones;  // a coalesced request keeps new zones
    pending_ = Job{std::move(cameras), state_id, mode, std::move(zones)};
  }
  wake_.notify_all();
}

std::optional<CoverageSnapshot> LiveCoverage::TakeNew() {
  std::lock_guard lock(mutex_);
  std::optional<CoverageSnapshot> out = std::move(ready_);
  ready_.reset();
  return out;
}

void LiveCoverage::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return !pending_ && !working_; });
}

bool LiveCoverage::Busy() const {
  std::lock_guard lock(mutex_);
  return pending_ || working_;
}

CoverageSnapshot LiveCoverage::Compute(const Job& job) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  // New zones (the grid's targets unchanged: exclude zones make a new worker) repaint only the
  // cells whose zone role changed, not the whole overlay (31 M cells in Monaco: seconds).
  std::vector<std::uint32_t> repainted;
  if (job.zones && job.zones != zones_) {
    zones_ = job.zones;
    OverlayPainter next(coverage_.grid(), *zones_, static_cast<int>(coverage_.levels().levels.size()));
    repainted = next.CellsPaintedDifferently(*painter_);
    painter_.emplace(std::move(next));
  }
  auto changed = coverage_.Sync(job.cameras);
  if (changed && !repainted.empty()) {  // both, sorted and once each
    std::vector<std::uint32_t> both;
    both.reserve(changed->size() + repainted.size());
    std::set_union(changed->begin(), changed->end(), repainted.begin(), repainted.end(), std::back_inserter(both));
    *changed = std::move(both);
  }
  const auto t1 = Clock::now();
  const sim::Grid& grid = coverage_.grid();
  const sim::Aggregate& a = coverage_.aggregate();
  CoverageSnapshot s;
  s.state_id = job.state_id;
  s.cameras = coverage_.cameras();
  s.mode = job.mode;
  s.full = !published_ || !changed || job.mode != published_mode_;
  if (s.full) {
    tally_ = sim::TallyCells(grid, a, static_cast<int>(coverage_.levels().levels.size()));
    counted_k_.assign(a.k.begin(), a.k.end());
    counted_level_.assign(a.best_level.begin(), a.best_level.end());
    s.values = a;
    s.overlay = painter_->Paint(a, job.mode);
  } else {
    s.cells = *changed;
    for (std::uint32_t c : s.cells) {  // re-count the changed cells: old values out, new in
      tally_.Count(grid, c, counted_k_[c], counted_level_[c], -1);
      tally_.Count(grid, c, a.k[c], a.best_level[c], +1);
      counted_k_[c] = a.k[c];
      counted_level_[c] = a.best_level[c];
      Append(s.values, a, c);
      const auto rgba = painter_->Colour(a, c, job.mode);
      s.overlay.insert(s.overlay.end(), rgba.begin(), rgba.end());
    }
  }
  published_ = true;
  published_mode_ = job.mode;
  s.summary = sim::Summarise(coverage_, tally_);
  s.zone_stats = sim::ComputeZoneStats(*zones_, coverage_);
  s.sync_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  s.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  return s;
}

void LiveCoverage::Work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || pending_; });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
      working_ = true;
    }
    CoverageSnapshot s = Compute(job);
    {
      std::lock_guard lock(mutex_);
      if (ready_) ready_->Merge(std::move(s));
      else ready_ = std::move(s);
      working_ = false;
    }
    idle_.notify_all();
  }
}

}  // namespace plan
