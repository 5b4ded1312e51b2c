// The scenario's `agents:` section as plain specs: people and vehicles to simulate (SUMO random
// demand, a user's own SUMO files) and scripted walkers. No SUMO here: agents/ runs them.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scenario {

enum class AgentClass { pedestrian, bicycle, car, van, bus };

const char* AgentClassName(AgentClass c);
// nullopt for an unknown name.
std::optional<AgentClass> ParseAgentClass(const std::string& name);
// People (pedestrians, cyclists) versus motor vehicles, for the two people-time totals.
inline bool IsPerson(AgentClass c) { return c == AgentClass::pedestrian || c == AgentClass::bicycle; }

struct AgentSize {
  double length_m = 0.5, width_m = 0.5, height_m = 1.75;
};
// Typical sizes: pedestrian 0.5 x 0.5 x 1.75 m, bicycle 1.8 x 0.6 x 1.7, car 4.5 x 1.8 x 1.5,
// van 5.5 x 2.0 x 2.3, bus 12 x 2.55 x 3.2.
AgentSize DefaultSize(AgentClass c);

// A scripted agent: walks `path` (scenario CRS metres) at a constant speed from `start_s`,
// then leaves.
struct WalkerSpec {
  std::string id;
  AgentClass agent_class = AgentClass::pedestrian;
  std::vector<std::array<double, 2>> path;
  double speed_mps = 1.3;
  double start_s = 0;
  std::string where;  // "line 12"
};

struct AgentsSpec {
  double duration_s = 300;       // simulated time
  double step_s = 1.0 / 15;      // simulation and visibility step
  double output_step_s = 1;      // tracks.csv / agents.gpkg sampling
  std::uint32_t seed = 1;
  double pedestrians_per_hour = 0;  // random SUMO trips on the network's walkways
  double vehicles_per_hour = 0;     // random SUMO trips on its roads
  std::filesystem::path sumo_net;   // a user's own network (else built from the city's OSM)
  std::vector<std::filesystem::path> routes;  // a user's own route files, used as they are
  std::vector<WalkerSpec> walkers;
  // Random trips start and end on ways inside a named zone `weight` times as often per metre
  // as elsewhere (a plaza, a station forecourt: where people go); 0 keeps them out.
  std::map<std::string, double> demand_weights;
  std::string demand_weights_where;
  std::string where;  // "line 40", for messages

  bool UsesSumo() const { return pedestrians_per_hour > 0 || vehicles_per_hour > 0 || !routes.empty(); }
};

}  // namespace scenario
