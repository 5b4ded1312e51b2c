// Agents moved by SUMO, in-process through libsumo at a fixed step: seeded random trips (people
// on walkways, cars on roads) routed by SUMO's own routers, and/or a user's route files.
// libsumo holds one simulation per process: one SUMO source at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "agents/agent.h"
#include "agents/ground.h"
#include "agents/sumo_network.h"
#include "core/diagnostics.h"

namespace agents {

struct SumoOptions {
  std::filesystem::path net_file;
  std::vector<std::filesystem::path> route_files;  // a user's own demand, used as it is
  double pedestrians_per_hour = 0;  // random trips between walkable edges (weighted by length)
  double vehicles_per_hour = 0;     // random trips between roads cars may use
  std::uint32_t seed = 1;           // our trips and SUMO's own randomness
  double step_s = 1.0 / 15;
  double duration_s = 300;
  // Zones where random trips start and end more (or less) often: each zone's grid cells
  // (sorted) and its weight per metre of way; a way counts by its midpoint, elsewhere 1.
  struct ZoneWeight {
    std::string zone;
    std::vector<std::uint32_t> cells;
    double weight = 1;
  };
  std::vector<ZoneWeight> zone_weights;
};

// Loads the network and demand into libsumo. Throws core::InputError naming the network or
// route file and SUMO's message when SUMO cannot load them, and when the network has no edge
// for the demand asked (no walkable ways for pedestrians, no roads for vehicles).
std::unique_ptr<AgentSource> MakeSumoSource(const SumoOptions& options, NetFrame frame, const Ground& ground,
                                            core::Diagnostics& diagnostics);

}  // namespace agents
