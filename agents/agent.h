// Agents as objects: who they are (class, size, a stable id) and where they are at each step
// (local frame metres, heading), from any source that moves them: scripted walkers or SUMO.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/agents_spec.h"

namespace agents {

struct AgentInfo {
  std::string id;  // stable over the run (the walker id, SUMO's person or vehicle id)
  scenario::AgentClass agent_class = scenario::AgentClass::pedestrian;
  scenario::AgentSize size;
};

struct AgentState {
  std::uint32_t agent = 0;   // index into the source's agents()
  double x = 0, y = 0, z = 0;  // local frame metres; z: the ground under the agent
  double heading_deg = 0;      // direction of travel, clockwise from north
};

struct Snapshot {
  double t_s = 0;
  std::vector<AgentState> states;  // agents present at t_s, in ascending agent index
};

// Moves agents at a fixed step. Not thread safe; one source per run.
class AgentSource {
 public:
  virtual ~AgentSource() = default;
  // Every agent met so far; indices are stable (new agents are appended).
  virtual const std::vector<AgentInfo>& agents() const = 0;
  // Advances to the next step and fills `out`; false once the run is over.
  virtual bool Next(Snapshot& out) = 0;
};

}  // namespace agents
