// People-time seen: at each step, which cameras see each agent (sim::ViewBodies: head, torso
// and feet through the lens, occlusion and px/m of the coverage engine), summed into seconds
// seen per agent, per camera, per density level and per zone.
#pragma once

#include <span>
#include <vector>

#include "agents/agent.h"
#include "agents/ground.h"
#include "sim/body_view.h"
#include "sim/camera.h"
#include "sim/pixel_density.h"
#include "sim/scene.h"
#include "sim/zones.h"

namespace agents {

// Agent-seconds of one group of agents (people or vehicles).
struct SeenTime {
  double in_area_s = 0;            // present inside the area (or zone)
  double seen_s = 0;               // seen by at least one camera
  double seen_by_2_s = 0;          // by at least two
  std::vector<double> at_level_s;  // best px/m at or above each density level
};

// People (pedestrians, cyclists) and vehicles counted apart: a plaza's people-seconds and a
// street's car-seconds answer different questions.
struct GroupTime {
  SeenTime people, vehicles;
  SeenTime& For(scenario::AgentClass c) { return scenario::IsPerson(c) ? people : vehicles; }
};

struct AgentTime {
  SeenTime time;
  double present_s = 0;      // in the simulation at all, inside the area or not
  double first_seen_s = -1;  // -1: never seen
  int best_level = -1;       // highest density level it was ever seen at
};

struct PeopleTime {
  double step_s = 0;
  GroupTime totals;
  std::vector<GroupTime> cameras;  // per camera: seconds it sees, at levels by its own px/m
  std::vector<GroupTime> zones;    // per zone: seconds inside, seen, at levels
  std::vector<AgentTime> agents;   // per agent index of the source
  // Per grid cell: seconds people (pedestrians, cyclists) spent on it, seen or not. The raw
  // material of the flow raster (flow.h).
  std::vector<float> person_s_per_cell;
};

// What the cameras make of one agent at one step (for tracks.csv and agents.gpkg).
struct StateView {
  int cameras_seeing = 0;
  float best_px_per_m = 0;
  bool in_area = false;
};

class PeopleTimeCounter {
 public:
  // Keeps references to everything; `step_s` is the time each snapshot stands for.
  PeopleTimeCounter(const sim::Scene& scene, std::span<const sim::Camera> cameras, const Ground& ground,
                    const std::vector<sim::Zone>& zones, const sim::DensityLevels& levels, double step_s,
                    const sim::BodyViewOptions& options = {});

  // Counts one snapshot; `views` gets one entry per state.
  void Add(const Snapshot& snapshot, const std::vector<AgentInfo>& agents, std::vector<StateView>& views);

  const PeopleTime& result() const { return result_; }

 private:
  const sim::Scene& scene_;
  std::span<const sim::Camera> cameras_;
  const Ground& ground_;
  const std::vector<sim::Zone>& zones_;
  const sim::DensityLevels& levels_;
  sim::BodyViewOptions options_;
  std::vector<std::vector<std::uint32_t>> zone_cells_;  // sorted, for membership tests
  PeopleTime result_;
  std::vector<sim::BodyPose> bodies_;       // reused between steps
  std::vector<std::size_t> body_state_;     // state index of each body
  std::vector<std::size_t> seeing_;         // cameras seeing the current body
  std::vector<sim::BodyView> views_;
};

}  // namespace agents
