// Scripted agents: each walks its polyline at a constant speed from its start time and leaves
// at the end. For tests and for cities without a road network.
#pragma once

#include <memory>
#include <vector>

#include "agents/agent.h"
#include "agents/ground.h"
#include "geo/vec.h"

namespace agents {

struct Walker {
  AgentInfo info;
  std::vector<geo::Vec2d> path;  // local frame metres
  double speed_mps = 1.3;
  double start_s = 0;
};

struct StepOptions {
  double step_s = 1.0 / 15;
  double duration_s = 300;
};

// Steps at t = 0, step_s, 2 step_s, ... while t < duration_s (each step stands for [t, t + step_s)).
std::unique_ptr<AgentSource> MakeWalkerSource(std::vector<Walker> walkers, const Ground& ground,
                                              const StepOptions& options);

}  // namespace agents
