// Work the workbench runs off the UI thread: loading a scenario or a background raster,
// running the optimiser and simulating the scenario's people and traffic.
// Each job is plain shared state: the worker writes, the UI reads under the rules noted here.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "agents/run.h"
#include "plan/edit_command.h"
#include "plan/project.h"

namespace gui {

// A scenario loading in the background (a city takes seconds); the UI stays live.
struct LoadJob {
  std::filesystem::path file;
  std::future<std::unique_ptr<plan::Project>> result;
  std::atomic<std::size_t> cameras_done{0}, cameras_total{0};  // coverage progress
  std::chrono::steady_clock::time_point started;
};

// Starts loading `file`; the project (or the exception of a bad file) waits in `result`.
std::shared_ptr<LoadJob> StartLoading(const std::filesystem::path& file);

// A background raster read off the UI thread (a big orthophoto without overviews takes
// seconds); the layer, or the exception naming the file, waits in `result`.
struct BackgroundJob {
  std::filesystem::path file;
  std::future<plan::CameraHistory::Background> result;
  bool expect_error = false;  // a script expects the file to be refused
  std::chrono::steady_clock::time_point started;
};

// Starts reading `file` for the project's frame and area (copied: the job may outlive the
// project), at `opacity`.
std::unique_ptr<BackgroundJob> StartBackgroundLoad(const plan::Project& project,
                                                   const std::filesystem::path& file, double opacity);

// An optimiser run in the background on a snapshot of the plan.
struct OptimiserJob {
  std::thread thread;
  std::atomic<bool> cancel{false}, done{false};
  std::mutex mutex;  // guards phase, error, cameras and summary
  std::string phase, error;
  std::vector<sim::Camera> cameras;  // the plan, when done without error
  std::string summary;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Runs the scenario's optimiser on a saved copy of the current plan (its cameras stay fixed).
// Throws when that copy cannot be written.
std::unique_ptr<OptimiserJob> StartOptimiser(const plan::Project& project,
                                             std::optional<double> time_limit_s);

// Cancels a running optimiser and waits for it; a finished one is just joined.
void StopOptimiser(std::unique_ptr<OptimiserJob>& job);

// The optimiser's plan as one undoable edit, snapped to file precision like every hand edit.
plan::ReplacePlan OptimisedPlanEdit(std::vector<sim::Camera> cameras);

// The scenario's `agents:` simulated in the background over the plan as it was when started
// (its cameras and zones): the timeline's tracks and the people-time figures, the same as
// `sightline agents` writes for that plan.
struct AgentsJob {
  std::thread thread;
  std::atomic<bool> cancel{false}, done{false};
  std::atomic<double> simulated_s{0}, duration_s{0};  // progress
  std::uint64_t plan_state = 0;                       // the plan it counts for (history state)
  std::mutex mutex;                                   // guards error and result
  std::string error;
  std::shared_ptr<const agents::AgentsResult> result;
};

// Starts the scenario's agents over the project's current plan; `duration_s` overrides the
// scenario's. The project must outlive the job (StopAgents before it goes). Tracks are kept
// every 0.2 s at most, so the timeline moves smoothly.
std::unique_ptr<AgentsJob> StartAgents(const plan::Project& project, std::optional<double> duration_s);

// Cancels a running simulation and waits for it; a finished one is just joined.
void StopAgents(std::unique_ptr<AgentsJob>& job);

}  // namespace gui
