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

std::vector<ZoneTally> TallyZones(const std::vector<Zone>& zones, const Coverage& coverage) {
  const Grid& grid = coverage.grid();
  const Aggregate& a = coverage.aggregate();
  std::vector<ZoneTally> out;
  for (const Zone& z : zones) {
    ZoneTally s;
    for (std::uint32_t c : z.cells) {
      if (!grid.IsTarget(c)) continue;
      ++s.area;
      if (a.k[c] == 0) continue;
      ++s.covered;
      const bool level = z.required_level < 0 || a.best_level[c] >= z.required_level;
      const bool k = a.k[c] >= z.required_k;
      s.level_met += level;
      s.k_met += k;
      s.requirement_met += level && k;
    }
    // Which cameras see into the zone: their sorted layers against the sorted zone cells.
    std::vector<std::uint32_t> cells = z.cells;
    std::sort(cells.begin(), cells.end());
    s.camera_sees.assign(coverage.layers().size(), 0);
    for (std::size_t i = 0; i < coverage.layers().size(); ++i) {
      auto it = cells.begin();
      for (std::uint32_t c : coverage.layers()[i].cells) {
        it = std::lower_bound(it, cells.end(), c);
        if (it == cells.end()) break;
        if (*it == c) {
          s.camera_sees[i] = 1;
          break;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ZoneStats> ZoneStatsOf(const std::vector<Zone>& zones, const std::vector<ZoneTally>& tallies,
                                   std::span<const Camera> cameras, double cell) {
  std::vector<ZoneStats> out;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const ZoneTally& t = tallies[i];
    ZoneStats s;
    s.name = zones[i].name;
    s.kind = zones[i].kind;
    s.area_m2 = t.area * cell;
    s.covered_m2 = t.covered * cell;
    s.level_met_m2 = t.level_met * cell;
    s.k_met_m2 = t.k_met * cell;
    s.requirement_met_m2 = t.requirement_met * cell;
    for (std::size_t c = 0; c < cameras.size() && c < t.camera_sees.size(); ++c)
      if (t.camera_sees[c]) s.cameras_seeing.push_back(cameras[c].id);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ZoneStats> ComputeZoneStats(const std::vector<Zone>& zones, const Coverage& coverage) {
  return ZoneStatsOf(zones, TallyZones(zones, coverage), coverage.cameras(), coverage.grid().CellArea());
}

}  // namespace sim
