// The agents of a run as a timeline to play back: the tracks sampled every output step, looked
// up at any instant between two samples (positions interpolated), and which cameras of a plan
// see each agent at that instant (the same body samples, lens, range and occlusion rays as
// people-time). No GL: the workbench draws what this says, tests check it.
#pragma once

#include <span>
#include <vector>

#include "agents/agent.h"
#include "agents/run.h"
#include "sim/camera.h"
#include "sim/scene.h"

namespace agents {

struct Timeline {
  std::vector<AgentInfo> agents;  // index = AgentState::agent
  std::vector<Snapshot> frames;   // ascending t_s; states in ascending agent index
  double start_s() const { return frames.empty() ? 0 : frames.front().t_s; }
  double end_s() const { return frames.empty() ? 0 : frames.back().t_s; }
};

// Groups a run's tracks (time, then agent order) into frames.
Timeline TimelineOf(const std::vector<AgentInfo>& agents, const std::vector<TrackPoint>& tracks);

// The agents present at t_s. Between two frames, an agent in both moves on the straight line
// between its two positions (heading along the shorter turn); one in only the earlier frame
// (it left) is shown for the first half of the interval, one in only the later frame (it
// arrived) for the second half. Outside [start_s, end_s]: no agents.
Snapshot StatesAt(const Timeline& timeline, double t_s);

// What the plan's cameras make of one agent at one instant.
struct Sighting {
  int cameras_seeing = 0;
  int best_camera = -1;  // index of the camera with the highest px/m on the agent; -1: unseen
  float best_px_per_m = 0;
};

// One entry per state of `snapshot`, from sim::ViewBodies as PeopleTimeCounter counts them
// (the area is not checked: an agent drawn outside it is still highlighted when seen).
std::vector<Sighting> SightingsAt(const sim::Scene& scene, std::span<const sim::Camera> cameras,
                                  const std::vector<AgentInfo>& agents, const Snapshot& snapshot);

}  // namespace agents
