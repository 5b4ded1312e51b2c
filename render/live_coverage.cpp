#include "render/live_coverage.h"

#include <chrono>

namespace render {

LiveCoverage::LiveCoverage(sim::Coverage& coverage, const std::vector<sim::Zone>& zones)
    : coverage_(coverage), zones_(zones), worker_([this] { Work(); }) {}

LiveCoverage::~LiveCoverage() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void LiveCoverage::Request(std::vector<sim::Camera> cameras, std::uint64_t state_id, OverlayMode mode) {
  {
    std::lock_guard lock(mutex_);
    pending_ = Job{std::move(cameras), state_id, mode};
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

void LiveCoverage::Work() {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
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
    const auto t0 = Clock::now();
    coverage_.Sync(job.cameras);
    const auto t1 = Clock::now();
    CoverageSnapshot s;
    s.state_id = job.state_id;
    s.cameras = coverage_.cameras();
    s.aggregate = std::make_shared<const sim::Aggregate>(coverage_.aggregate());
    s.summary = sim::Summarise(coverage_);
    s.zone_stats = sim::ComputeZoneStats(zones_, coverage_);
    s.mode = job.mode;
    s.overlay = OverlayRgba(coverage_.aggregate(), coverage_.grid(), zones_,
                            static_cast<int>(coverage_.levels().levels.size()), job.mode);
    s.sync_ms = ms(t0, t1);
    s.total_ms = ms(t0, Clock::now());
    {
      std::lock_guard lock(mutex_);
      ready_ = std::move(s);
      working_ = false;
    }
    idle_.notify_all();
  }
}

}  // namespace render
