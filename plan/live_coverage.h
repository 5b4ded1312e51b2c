// Coverage kept up to date off the UI thread: the UI posts the camera plan it shows, a worker
// brings the engine's incremental coverage to it (only changed cameras are re-cast) and
// publishes what changed: statistics, and the aggregate and overlay pixels of the changed
// cells only (or everything, after insertions, removals or a new overlay mode). Requests that
// arrive while the worker is busy are coalesced: only the newest plan is computed, and
// snapshots the UI has not taken yet are merged.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "plan/overlay.h"
#include "sim/summary.h"
#include "sim/zones.h"

namespace plan {

struct CoverageSnapshot {
  std::uint64_t state_id = 0;  // the plan it was computed for (CameraHistory::state_id)
  std::vector<sim::Camera> cameras;
  sim::CoverageSummary summary;
  std::vector<sim::ZoneStats> zone_stats;
  OverlayMode mode = OverlayMode::k_coverage;
  // Since the previous snapshot: everything (`full`: whole arrays, RGBA per grid cell) or the
  // listed cells (one aggregate entry and 4 overlay bytes per listed cell, in list order).
  bool full = true;
  std::vector<std::uint32_t> cells;
  sim::Aggregate values;
  std::vector<std::uint8_t> overlay;
  double sync_ms = 0;   // re-casting changed cameras and updating the aggregate
  double total_ms = 0;  // plus statistics and overlay

  // Brings a full copy (what the UI shows) up to date with this snapshot.
  void ApplyTo(sim::Aggregate& aggregate, std::vector<std::uint8_t>& overlay_rgba) const;
  // Folds a newer snapshot into this one (the UI did not take this one yet).
  void Merge(CoverageSnapshot&& newer);
};

class LiveCoverage {
 public:
  using Zones = std::shared_ptr<const std::vector<sim::Zone>>;
  // `coverage` is used by the worker alone from now on; `zones` are the first zones it counts.
  LiveCoverage(sim::Coverage& coverage, Zones zones);
  ~LiveCoverage();
  LiveCoverage(const LiveCoverage&) = delete;
  LiveCoverage& operator=(const LiveCoverage&) = delete;

  // `zones`: the plan's zones (shared, never changed in place); null keeps the last ones. New
  // zones repaint the whole overlay (blind spots and exposure follow the zones).
  void Request(std::vector<sim::Camera> cameras, std::uint64_t state_id, OverlayMode mode,
               Zones zones = nullptr);
  // What changed since the last snapshot taken (nullopt if nothing new).
  std::optional<CoverageSnapshot> TakeNew();
  // Blocks until the newest request is computed.
  void WaitIdle();
  bool Busy() const;

 private:
  struct Job {
    std::vector<sim::Camera> cameras;
    std::uint64_t state_id = 0;
    OverlayMode mode = OverlayMode::k_coverage;
    Zones zones;
  };
  void Work();
  CoverageSnapshot Compute(const Job& job);

  sim::Coverage& coverage_;
  Zones zones_;                            // worker-only after construction
  std::optional<OverlayPainter> painter_;  // for zones_
  // Worker-only: the tally of what was last published and the k / level it counted per cell.
  bool published_ = false;
  OverlayMode published_mode_ = OverlayMode::off;
  sim::CoverageTally tally_;
  std::vector<std::uint16_t> counted_k_;
  std::vector<std::int8_t> counted_level_;

  mutable std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::optional<Job> pending_;
  bool working_ = false, stop_ = false;
  std::optional<CoverageSnapshot> ready_;
  std::thread worker_;
};

}  // namespace plan
