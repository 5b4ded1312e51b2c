#include "render/overlay.h"

#include "report/palette.h"

namespace render {

const char* OverlayModeName(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::off: return "off";
    case OverlayMode::k_coverage: return "cameras seeing (k)";
    case OverlayMode::density: return "pixel density (DORI)";
  }
  return "?";
}

std::vector<std::uint8_t> OverlayRgba(const sim::Aggregate& a, const sim::Grid& grid,
                                      const std::vector<sim::Zone>& zones, int level_count, OverlayMode mode) {
  std::vector<std::uint8_t> rgba(grid.size() * 4, 0);
  if (mode == OverlayMode::off) return rgba;
  auto put = [&](std::size_t cell, report::Rgb c, std::uint8_t alpha) {
    rgba[cell * 4 + 0] = c[0], rgba[cell * 4 + 1] = c[1], rgba[cell * 4 + 2] = c[2], rgba[cell * 4 + 3] = alpha;
  };
  std::vector<std::uint8_t> blind_candidate(grid.size(), 0);
  for (const sim::Zone& z : zones)
    if (z.kind == sim::ZoneKind::priority)
      for (std::uint32_t c : z.cells) blind_candidate[c] = 1;

  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!grid.IsTarget(static_cast<std::uint32_t>(i))) continue;
    if (a.k[i] == 0) {
      if (blind_candidate[i]) put(i, report::kBlindSpot, 150);
      continue;
    }
    if (mode == OverlayMode::k_coverage) put(i, report::KColour(a.k[i]), 200);
    else put(i, report::LevelColour(a.best_level[i], level_count), 200);
  }
  static constexpr report::Rgb kExposed{204, 0, 153};
  for (const sim::Zone& z : zones)
    if (z.kind == sim::ZoneKind::privacy)
      for (std::uint32_t c : z.cells)
        if (a.k[c] > 0) put(c, kExposed, 230);
  return rgba;
}

}  // namespace render
