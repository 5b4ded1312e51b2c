// Coverage kept up to date off the UI thread: the UI posts the camera plan it shows, a worker
// brings the engine's incremental coverage to it (only changed cameras are re-cast) and
// publishes a snapshot with statistics and the overlay image. Requests that arrive while the
// worker is busy are coalesced: only the newest plan is computed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "render/overlay.h"
#include "sim/summary.h"
#include "sim/zones.h"

namespace render {

struct CoverageSnapshot {
  std::uint64_t state_id = 0;  // the plan it was computed for (CameraHistory::state_id)
  std::vector<sim::Camera> cameras;
  std::shared_ptr<const sim::Aggregate> aggregate;
  sim::CoverageSummary summary;
  std::vector<sim::ZoneStats> zone_stats;
  OverlayMode mode = OverlayMode::k_coverage;
  std::vector<std::uint8_t> overlay;  // RGBA per grid cell (OverlayRgba)
  double sync_ms = 0;   // re-casting changed cameras and updating the aggregate
  double total_ms = 0;  // plus statistics and overlay
};

class LiveCoverage {
 public:
  // `coverage` is used by the worker alone from now on; `zones` must outlive this object.
  LiveCoverage(sim::Coverage& coverage, const std::vector<sim::Zone>& zones);
  ~LiveCoverage();
  LiveCoverage(const LiveCoverage&) = delete;
  LiveCoverage& operator=(const LiveCoverage&) = delete;

  void Request(std::vector<sim::Camera> cameras, std::uint64_t state_id, OverlayMode mode);
  // The newest finished snapshot the caller has not taken yet.
  std::optional<CoverageSnapshot> TakeNew();
  // Blocks until the newest request is computed.
  void WaitIdle();
  bool Busy() const;

 private:
  struct Job {
    std::vector<sim::Camera> cameras;
    std::uint64_t state_id = 0;
    OverlayMode mode = OverlayMode::k_coverage;
  };
  void Work();

  sim::Coverage& coverage_;
  const std::vector<sim::Zone>& zones_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::optional<Job> pending_;
  bool working_ = false, stop_ = false;
  std::optional<CoverageSnapshot> ready_;
  std::thread worker_;
};

}  // namespace render
