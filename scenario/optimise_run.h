// `sightline optimise`: from a scenario with an `optimise:` section to a camera plan, written
// back as a scenario file that `coverage`, `report`, `compare` (and the GUI) open directly.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <memory>
#include <optional>
#include <vector>

#include "scenario/pipeline.h"
#include "sim/candidates.h"
#include "sim/optimise.h"

namespace scenario {

struct OptimiseOverrides {  // command-line values win over the scenario's
  std::optional<double> budget;
  std::optional<int> max_cameras;
  std::optional<double> time_limit_s;
  std::optional<double> target_coverage_pct;
  int seed = 1;  // CBC's random seed
  // Told each phase as it starts ("visibility matrix", ...); returning false cancels the run
  // (RunOptimise then throws OptimiseCancelled). Called on the running thread.
  std::function<bool(const std::string& phase)> progress;
  // Raised by another thread (the GUI's Cancel): the run stops within about a second, inside
  // CBC too. Once a plan exists RunOptimise returns the best so far (OptimiseResult::cancelled);
  // before that it throws OptimiseCancelled.
  const std::atomic<bool>* cancel = nullptr;
  // When the run began for the user (the time limit counts from here); unset = RunOptimise's start.
  std::optional<std::chrono::steady_clock::time_point> started;
  // Per grid cell weights from the base run, for `weight_by: flow` (the agents module runs the
  // people and returns their flow: agents::FlowWeightsOf). Unset with weight_by: flow is an error.
  std::function<std::vector<float>(const CoverageResult& base)> cell_weights;
  // The parts of the run when it is spread over MPI ranks (dist/); unset: all in this process.
  struct Parts {
    // The installed cameras' coverage (RunCoverage): a rank's band of the grid.
    std::function<std::unique_ptr<CoverageResult>(Scenario)> base;
    // The visibility matrix (sim::BuildProblem after sim::CheckOptimiserMemory).
    std::function<sim::CoverageProblem(const CoverageResult& base, const std::vector<sim::Candidate>&,
                                       const sim::ProblemOptions&)>
        build_problem;
    // The exact solver (sim::SolveExact).
    std::function<sim::Plan(const sim::CoverageProblem&, const sim::Budget&, const sim::Plan& start,
                            const sim::StopControl&, int seed)>
        solve_exact;
  } parts;
};

struct OptimiseCancelled : std::runtime_error {
  OptimiseCancelled() : std::runtime_error("optimisation cancelled") {}
};

struct OptimiseResult {
  std::unique_ptr<CoverageResult> base;  // the city, grid, zones and the fixed cameras' coverage
  std::vector<sim::Candidate> candidates;
  std::size_t targets = 0, covered_cells = 0, matrix_bytes = 0;
  sim::Plan greedy, plan;
  sim::MetArea greedy_met;  // the greedy plan's credit
  sim::MetArea met;        // the plan's credit in weighted m2: priority zones, the rest
  bool cancelled = false;  // stopped by OptimiseOverrides::cancel: `plan` is the best found so far
  std::vector<sim::Camera> cameras;  // the plan: fixed cameras first, then the new ones (O01, O02...)
  sim::Budget budget;
  double seconds_matrix = 0, seconds_solve = 0;
};

// The time limit is a wall-clock budget for the whole run, set-up included; the solvers stop
// earlier once the plan is proven optimal.
// Throws core::InputError: no `optimise:` section, no budget, no candidates, nothing visible.
std::unique_ptr<OptimiseResult> RunOptimise(Scenario scenario, const OptimiseOverrides& overrides);

// Who writes the file and what of the original it keeps.
struct ScenarioWriteOptions {
  std::string written_by = "sightline optimise";  // in the header comment
  std::string name_suffix = " (optimised)";       // appended to the scenario's name
  bool keep_optimise = false;                     // keep the `optimise:` section
  // The ground under a frame point: a camera the scenario placed by `height_m` keeps its
  // height_m (a planner's mast height, not an absolute z). Unset: every camera gets `z`.
  std::function<double(double x, double y)> ground_z;
};

// The scenario with `cameras:` replaced by `cameras` (absolute positions in the frame CRS,
// millimetres and hundredths of a degree) and with relative paths rewritten for the new
// folder; written atomically.
void WriteScenarioWithCameras(const Scenario& original, const std::vector<sim::Camera>& cameras,
                              const geo::Frame& frame, const std::filesystem::path& out_yaml,
                              const ScenarioWriteOptions& options = {});

}  // namespace scenario
