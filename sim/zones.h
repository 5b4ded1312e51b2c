// Zones on the grid: where coverage matters more (priority), where it must not reach (privacy)
// and where nothing is evaluated (exclude), with their statistics.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "geo/triangulate.h"
#include "sim/coverage.h"

namespace sim {

enum class ZoneKind { priority, privacy, exclude };
const char* ZoneKindName(ZoneKind kind);

struct Zone {
  std::string name;
  ZoneKind kind = ZoneKind::priority;
  double weight = 1;
  int required_level = -1;  // density level index; -1: any coverage counts
  int required_k = 1;       // cameras that must see a cell
  std::vector<std::uint32_t> cells;  // grid cells whose centre lies inside
  std::vector<geo::Polygon> outline;  // local metres, for drawing and outputs
};

struct ZoneStats {
  std::string name;
  ZoneKind kind = ZoneKind::priority;
  double area_m2 = 0;             // target cells inside
  double covered_m2 = 0;          // seen by at least one camera
  double level_met_m2 = 0;        // best density at or above the required level
  double k_met_m2 = 0;            // seen by at least required_k cameras
  double requirement_met_m2 = 0;  // both
  std::vector<std::string> cameras_seeing;  // ids, in camera order (privacy: who exposes it)
};

// Cells of exclude zones stop being targets (before coverage is computed).
void ApplyExcludeZones(const std::vector<Zone>& zones, Grid& grid);

std::vector<ZoneStats> ComputeZoneStats(const std::vector<Zone>& zones, const Coverage& coverage);

// The cell counts behind ZoneStats (they add up exactly over the bands of MPI ranks).
struct ZoneTally {
  std::size_t area = 0, covered = 0, level_met = 0, k_met = 0, requirement_met = 0;
  std::vector<std::uint8_t> camera_sees;  // per camera: 1 when it sees a cell of the zone
};
std::vector<ZoneTally> TallyZones(const std::vector<Zone>& zones, const Coverage& coverage);
std::vector<ZoneStats> ZoneStatsOf(const std::vector<Zone>& zones, const std::vector<ZoneTally>& tallies,
                                   std::span<const Camera> cameras, double cell_area_m2);

}  // namespace sim
