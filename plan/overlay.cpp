#include "plan/overlay.h"

#include "report/palette.h"

namespace plan {
namespace {
constexpr std::uint8_t kPriority = 1, kPrivacy = 2;
constexpr report::Rgb kExposed{204, 0, 153};
}  // namespace

const char* OverlayModeName(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::off: return "off";
    case OverlayMode::k_coverage: return "cameras seeing (k)";
    case OverlayMode::density: return "pixel density (DORI)";
  }
  return "?";
}

OverlayPainter::OverlayPainter(const sim::Grid& grid, const std::vector<sim::Zone>& zones, int level_count)
    : grid_(grid), level_count_(level_count), role_(grid.size(), 0) {
  for (const sim::Zone& z : zones) {
    const std::uint8_t bit = z.kind == sim::ZoneKind::priority ? kPriority
                             : z.kind == sim::ZoneKind::privacy ? kPrivacy : 0;
    for (std::uint32_t c : z.cells) role_[c] |= bit;
  }
}

std::vector<std::uint32_t> OverlayPainter::CellsPaintedDifferently(const OverlayPainter& before) const {
  std::vector<std::uint32_t> cells;
  for (std::size_t i = 0; i < role_.size(); ++i)
    if (role_[i] != before.role_[i]) cells.push_back(static_cast<std::uint32_t>(i));
  return cells;
}

std::array<std::uint8_t, 4> OverlayPainter::Colour(const sim::Aggregate& a, std::uint32_t i, OverlayMode mode) const {
  auto rgba = [](report::Rgb c, std::uint8_t alpha) { return std::array<std::uint8_t, 4>{c[0], c[1], c[2], alpha}; };
  if (mode == OverlayMode::off || !grid_.IsTarget(i)) return {0, 0, 0, 0};
  if (a.k[i] == 0) return (role_[i] & kPriority) ? rgba(report::kBlindSpot, 150) : std::array<std::uint8_t, 4>{0, 0, 0, 0};
  if (role_[i] & kPrivacy) return rgba(kExposed, 230);
  return mode == OverlayMode::k_coverage ? rgba(report::KColour(a.k[i]), 200)
                                         : rgba(report::LevelColour(a.best_level[i], level_count_), 200);
}

std::vector<std::uint8_t> OverlayPainter::Paint(const sim::Aggregate& a, OverlayMode mode) const {
  std::vector<std::uint8_t> out(grid_.size() * 4, 0);
  if (mode == OverlayMode::off) return out;
  for (std::uint32_t i = 0; i < grid_.size(); ++i) {
    const auto c = Colour(a, i, mode);
    std::copy(c.begin(), c.end(), out.begin() + std::size_t(i) * 4);
  }
  return out;
}

std::vector<std::uint8_t> OverlayRgba(const sim::Aggregate& a, const sim::Grid& grid,
                                      const std::vector<sim::Zone>& zones, int level_count, OverlayMode mode) {
  return OverlayPainter(grid, zones, level_count).Paint(a, mode);
}

}  // namespace plan
