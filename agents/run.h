// One `sightline agents` run: the coverage run's city, scene, grid, zones and cameras, agents
// moved by their source (scripted walkers and/or SUMO), people-time counted at every step and
// tracks sampled for the outputs.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "agents/agent.h"
#include "agents/ground.h"
#include "agents/people_time.h"
#include "core/diagnostics.h"
#include "scenario/pipeline.h"

namespace agents {

struct AgentsRunOptions {
  std::optional<double> duration_s;    // overrides the scenario's agents.duration_s
  std::optional<std::uint32_t> seed;   // overrides agents.seed
  std::filesystem::path work_dir;      // where a SUMO network and trips are built (kept for users)
  // Simulated seconds done and total, called once per simulated second at most.
  std::function<void(double, double)> progress;
  // A plan being edited (the workbench): these cameras and zones instead of the run's.
  std::optional<std::vector<sim::Camera>> cameras;
  std::optional<std::vector<sim::Zone>> zones;
  std::optional<double> output_step_s;  // overrides agents.output_step_s (tracks)
  const std::atomic<bool>* cancel = nullptr;  // set: the run stops after the current step
};

struct TrackPoint {
  double t_s = 0;
  AgentState state;
  StateView view;
};

struct AgentsResult {
  scenario::AgentsSpec spec;      // as run, with the options' overrides
  std::vector<AgentInfo> agents;  // index = AgentState::agent
  std::vector<TrackPoint> tracks; // every output_step_s, in time then agent order
  PeopleTime people_time;
  std::vector<float> flow;        // pedestrians per 100 m2 per grid cell (flow.h)
  core::Diagnostics diagnostics;
  double simulate_s = 0;          // wall time of simulation and visibility together
  std::size_t steps = 0;
  bool cancelled = false;         // stopped early by AgentsRunOptions::cancel
};

// Throws core::InputError for a scenario without an `agents:` section, saying what to add.
void RequireAgents(const scenario::Scenario& scenario);

// The agents of `spec` on the run's city: scripted walkers, or SUMO (a network built from the
// city's OSM in `work_dir` unless the spec names one), stepping at spec.step_s up to
// spec.duration_s. `ground` must outlive the source. Throws core::InputError for unusable input.
std::unique_ptr<AgentSource> MakeAgentSource(const scenario::CoverageResult& run, const scenario::AgentsSpec& spec,
                                             const Ground& ground, const std::filesystem::path& work_dir,
                                             core::Diagnostics& diagnostics);

// Throws core::InputError for a scenario without an `agents:` section (saying what to add) and
// for unusable SUMO input.
AgentsResult RunAgents(const scenario::CoverageResult& run, const AgentsRunOptions& options);

// For `optimise: {weight_by: flow}`: runs the scenario's agents over `run` and returns the
// optimiser's per-cell weights (flow.h: FlowWeights). Throws core::InputError when no
// pedestrian ever walks inside the area.
std::vector<float> FlowWeightsOf(const scenario::CoverageResult& run, const AgentsRunOptions& options);

}  // namespace agents
