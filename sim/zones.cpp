#include "sim/zones.h"

#include <algorithm>
#include <cmath>

namespace sim {

const char* ZoneKindName(ZoneKind kind) {
  switch (kind) {
    case ZoneKind::priority: return "priority";
    case ZoneKind::privacy: return "privacy";
    case ZoneKind::exclude: return "exclude";
  }
  return "priority";
}

void ApplyExcludeZones(const std::vector<Zone>& zones, Grid& grid) {
  for (const Zone& z : zones)
    if (z.kind == ZoneKind::exclude)
      for (std::uint32_t c : z.cells) grid.ground_z[c] = NAN;
}

std::vector<ZoneStats> ComputeZoneStats(const std::vector<Zone>& zones, const Coverage& coverage) {
  const Grid& grid = coverage.grid();
  const Aggregate& a = coverage.aggregate();
  const double cell = grid.CellArea();
  std::vector<ZoneStats> out;
  for (const Zone& z : zones) {
    ZoneStats s;
    s.name = z.name;
    s.kind = z.kind;
    for (std::uint32_t c : z.cells) {
      if (!grid.IsTarget(c)) continue;
      s.area_m2 += cell;
      if (a.k[c] == 0) continue;
      s.covered_m2 += cell;
      const bool level = z.required_level < 0 || a.best_level[c] >= z.required_level;
      const bool k = a.k[c] >= z.required_k;
      s.level_met_m2 += level ? cell : 0;
      s.k_met_m2 += k ? cell : 0;
      s.requirement_met_m2 += (level && k) ? cell : 0;
    }
    // Which cameras see into the zone: their sorted layers against the sorted zone cells.
    std::vector<std::uint32_t> cells = z.cells;
    std::sort(cells.begin(), cells.end());
    for (std::size_t i = 0; i < coverage.layers().size(); ++i) {
      const auto& L = coverage.layers()[i].cells;
      auto it = cells.begin();
      bool sees = false;
      for (std::uint32_t c : L) {
        it = std::lower_bound(it, cells.end(), c);
        if (it == cells.end()) break;
        if (*it == c) {
          sees = true;
          break;
        }
      }
      if (sees) s.cameras_seeing.push_back(coverage.cameras()[i].id);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sim
