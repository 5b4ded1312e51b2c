#include "sim/memory_budget.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

#include "core/error.h"

namespace sim {
namespace {

// Bytes the optimiser keeps per grid cell (weight, level, k, privacy flag) and per cell a
// candidate sees (its index in the cell's list of candidates).
constexpr double kMatrixBytesPerCell = 8;
constexpr double kMatrixBytesPerSeenCell = 4;

std::uint64_t CgroupLimitBytes() {
  for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(path);
    std::string text;
    if (in >> text && text != "max") {
      const double v = std::atof(text.c_str());
      if (v > 0 && v < 1e18) return static_cast<std::uint64_t>(v);
    }
  }
  return 0;
}

std::uint64_t Limit(const MemoryBudget& budget) {
  return budget.limit_bytes > 0 ? budget.limit_bytes : AvailableMemoryBytes();
}

// MemoryText with `more` digits after those it shows.
std::string MemoryTextWith(double bytes, int more) {
  if (bytes >= 1e9) return fmt::format("{:.{}f} GB", bytes / 1e9, 1 + more);
  if (bytes >= 1e6) return fmt::format("{:.{}f} MB", bytes / 1e6, more);
  if (bytes >= 1e3) return fmt::format("{:.{}f} kB", bytes / 1e3, more);  // a limit like --max-memory 1K
  return fmt::format("{:.0f} bytes", bytes);
}

std::string LimitText(const MemoryBudget& budget, std::uint64_t limit) {
  return budget.limit_bytes > 0 ? "the limit is " + MemoryText(static_cast<double>(limit)) + " (--max-memory)"
                                : MemoryText(static_cast<double>(limit)) + " available";
}

// What a run needs, said so that it reads as more than `limit` (2.4 MB against a 2 MB limit
// is not "about 2 MB"): more digits while the two would print alike.
std::string NeededText(double needed, double limit) {
  std::string text = MemoryText(needed);
  const std::string limit_text = MemoryText(limit);
  for (int more = 1; text == limit_text && more <= 3; ++more) text = MemoryTextWith(needed, more);
  return text;
}

// A cell count as a reader takes it in: "400 million", or "18000" for a small area.
std::string CellsText(double cells) {
  if (cells >= 1e6) return fmt::format("{:.0f} million", cells / 1e6);
  return fmt::format("{:.0f}", cells);
}

}  // namespace

std::uint64_t AvailableMemoryBytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  std::uint64_t available = 0;
  while (std::getline(in, line))
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream fields(line.substr(13));
      std::uint64_t kb = 0;
      fields >> kb;
      available = kb * 1024;
    }
  const std::uint64_t cgroup = CgroupLimitBytes();
  if (cgroup > 0 && (available == 0 || cgroup < available)) available = cgroup;
  return available;
}

std::string MemoryText(double bytes) { return MemoryTextWith(bytes, 0); }

void CheckCoverageMemory(const geo::Box2d& area, double resolution_m, const MemoryBudget& budget) {
  if (area.empty() || !(resolution_m > 0)) return;
  const double cells = std::ceil(area.width() / resolution_m) * std::ceil(area.height() / resolution_m);
  const double needed = cells * kCoverageBytesPerCell + budget.extra_bytes;
  const std::uint64_t limit = Limit(budget);
  if (limit == 0 || needed <= static_cast<double>(limit)) return;
  // The extra shrinks with the resolution too (a quick look and mask per cell), at most as fast.
  const auto at = [&](double r) { return needed * (resolution_m * resolution_m) / (r * r); };
  // The coarsest "nice" resolution that fits, for the advice.
  double fits = resolution_m;
  for (double r : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0})
    if (r > resolution_m) {
      fits = r;
      if (at(r) <= static_cast<double>(limit)) break;
    }
  throw core::InputError(
      budget.context, "grid",
      fmt::format("{} needs about {} ({} cells of {} m over {:.1f} x {:.1f} km, "
                  "~{:.0f} bytes each{}) but {}: give a smaller `area:` or a coarser "
                  "`grid: {{resolution_m: {}}}` (--resolution {} needs about {})",
                  budget.grid_text, NeededText(needed, static_cast<double>(limit)), CellsText(cells), resolution_m,
                  area.width() / 1000,
                  area.height() / 1000, kCoverageBytesPerCell,
                  budget.extra_bytes > 0 ? ", plus " + MemoryText(budget.extra_bytes) + " " + budget.extra_text : "",
                  LimitText(budget, limit), fits, fits, MemoryText(at(fits))));
}

void CheckOptimiserMemory(const geo::Box2d& area, double resolution_m,
                          const std::vector<Candidate>& candidates, const MemoryBudget& budget) {
  if (area.empty() || !(resolution_m > 0)) return;
  const double grid_cells = std::ceil(area.width() / resolution_m) * std::ceil(area.height() / resolution_m);
  double seen = 0;
  for (const Candidate& c : candidates) {
    const double fov = std::clamp(c.camera.hfov_deg, 0.0, 360.0) / 360.0;
    const double wedge_m2 = std::numbers::pi * c.camera.max_range_m * c.camera.max_range_m * fov;
    seen += std::min(grid_cells, wedge_m2 / (resolution_m * resolution_m));
  }
  const double needed = grid_cells * kMatrixBytesPerCell + seen * kMatrixBytesPerSeenCell;
  const std::uint64_t limit = Limit(budget);
  if (limit == 0 || needed <= static_cast<double>(limit)) return;
  throw core::InputError(
      budget.context, "optimise",
      fmt::format("the optimiser's visibility matrix could need about {} ({} candidates seeing up to "
                  "{} cells of {} m between them, a cell once for each candidate that sees it) but {}: "
                  "use fewer candidates (a larger "
                  "`spacing_m`, fewer `yaw_steps`, `heights_m`, `pitches_deg` or `models`), a "
                  "smaller `area:` or a coarser `grid: {{resolution_m: ...}}`",
                  NeededText(needed, static_cast<double>(limit)), candidates.size(), CellsText(seen), resolution_m,
                  LimitText(budget, limit)));
}

}  // namespace sim
