// Camera placement as weighted maximum coverage: which candidates to install, under a budget or
// a camera count, so that the most (weighted) ground is seen at the density each zone requires,
// k-fold where a zone asks for it, and private ground is not. Solved by lazy greedy with
// swap local search, and exactly (or with a proven bound) by an integer program in CBC.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/column_share.h"
#include "sim/coverage.h"
#include "sim/zones.h"

namespace sim {

struct Candidate {
  Camera camera;
  std::string source;  // "fixed", "facade", "pole"
  bool fixed = false;  // already installed: always in the plan, its cost is not spent again
};

enum class PrivacyRule { hard, penalty };

// When a solver must stop: a wall-clock deadline and a flag another thread may raise (the GUI's
// Cancel). Solvers stopped early return the best plan they have.
struct StopControl {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  const std::atomic<bool>* cancel = nullptr;
  bool Cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
  bool Expired() const { return Cancelled() || std::chrono::steady_clock::now() >= deadline; }
  double SecondsLeft() const;  // 0 once expired; a large number without deadline
  static StopControl In(double seconds, const std::atomic<bool>* cancel = nullptr);
};

struct ProblemOptions {
  PrivacyRule privacy = PrivacyRule::hard;
  double privacy_penalty = 10;  // objective per m2 of private ground exposed (penalty rule)
  // Priority zones first: a weighted m2 of a priority zone's requirement outweighs all the other
  // ground together (lexicographic objective by weights; see BuildProblem).
  bool priority_first = true;
  // Per grid cell: a multiplier of its weight, e.g. the pedestrian flow (`weight_by: flow`), so
  // that a plan covers where people walk. Empty: every cell counts by its area alone.
  std::vector<float> cell_weight;
  // Cancel: stop casting (CoverageProblem::cancelled). Deadline: candidates not cast by then are
  // left out of the plan (CoverageProblem::unevaluated), evenly across the area; a tenth of
  // them is always cast.
  StopControl stop;
};

// The visibility matrix, compressed: grid cells covered by exactly the same candidates are one
// target (their weights added).
struct CoverageProblem {
  std::vector<double> weight;  // per target: m2 x zone weight (x priority_factor in priority zones)
  std::vector<int> k;          // per target: cameras needed for full credit
  std::vector<std::uint8_t> priority;  // per target: 1 in a priority zone
  double priority_factor = 1;  // the solver weight of a priority m2 over an ordinary one
  std::vector<std::vector<std::uint32_t>> covers;   // per candidate: targets (sorted)
  std::vector<double> privacy_area;                 // per private target: m2
  std::vector<std::vector<std::uint32_t>> exposes;  // per candidate: private targets (sorted)
  std::vector<double> cost;
  std::vector<bool> fixed;
  std::vector<bool> allowed;   // false: removed by the hard privacy rule
  double privacy_penalty = 0;  // 0 under the hard rule
  std::size_t grid_cells = 0, covered_cells = 0;
  double total_weight = 0;  // weighted m2 of all evaluated ground outside private zones
  std::vector<std::string> unreachable_zones;  // priority zones no candidate sees at their level
  std::size_t memory_bytes = 0;  // of the matrix, for the report
  bool cancelled = false;        // ProblemOptions::stop was cancelled: incomplete, do not solve
  std::size_t unevaluated = 0;   // candidates left out at the deadline (not allowed)
  // Set when the columns are spread over processes (dist/): covers and exposes then hold only
  // this process's candidates' columns, and every solver below runs in lockstep on all of them.
  // SolveExact needs every column here (share unset).
  std::shared_ptr<ColumnShare> share;

  std::size_t candidates() const { return cost.size(); }
  std::size_t targets() const { return weight.size(); }
};

// Builds every candidate's coverage layer (in parallel) and the compressed matrix. A cell counts
// as covered by a candidate when seen at the density its zone requires, and elsewhere at the
// first density level at least (ground seen below it is not covered). Zone weights multiply the
// cell area (and ProblemOptions::cell_weight, when given); cells in several zones take the
// largest weight, level and k.
// Priority first (the default): cells of priority zones (every zone of kind priority) are
// multiplied by priority_factor = 1 + (weighted m2 of every other
// coverable cell) / (smallest credit step of a priority cell: m2 x weight / k), so that one
// more step of priority credit is worth more than all other ground: plans are ranked by the priority zones'
// met area first, then by the rest.
CoverageProblem BuildProblem(const Scene& scene, const Grid& grid, const std::vector<Candidate>& candidates,
                             const std::vector<Zone>& zones, const DensityLevels& levels,
                             const ProblemOptions& options);

struct Budget {
  std::optional<double> money;  // total cost of the new cameras
  std::optional<int> cameras;   // number of new cameras
  // Minimum-cost mode: reach at least this objective (weighted m2) as cheaply as possible.
  std::optional<double> target_objective;
};

struct Plan {
  std::vector<std::uint32_t> chosen;  // candidate indices, sorted (fixed ones included)
  double objective = 0;               // weighted covered area (partial credit below k) - penalty
  double upper_bound = 0;             // no plan within the budget can score more
  double cost = 0;                    // of the new cameras
  std::string method;                 // "greedy", "greedy+swap", "cbc optimal", "cbc (time limit)"
  bool proven_optimal = false;
  bool stopped = false;               // cut short by a cancel: the best plan found until then
  double cost_lower_bound = 0;        // minimum-cost mode: no plan reaching the target is cheaper
  double Gap() const { return upper_bound > 0 ? std::max(0.0, (upper_bound - objective) / upper_bound) : 0.0; }
  double CostGap() const { return cost > 0 ? std::max(0.0, (cost - cost_lower_bound) / cost) : 0.0; }
};

double Evaluate(const CoverageProblem& problem, const std::vector<std::uint32_t>& chosen);

// The plan's credit in plain weighted m2 (zone weight x area, partial credit below k): in
// priority zones and elsewhere.
struct MetArea {
  double priority_m2 = 0, other_m2 = 0;
};
MetArea Met(const CoverageProblem& problem, const std::vector<std::uint32_t>& chosen);

// Throws core::InputError when nothing is affordable or no candidate sees anything useful.
Plan SolveGreedy(const CoverageProblem& problem, const Budget& budget);
// SolveGreedy, then greedy again with each of the `starts` best single cameras forced first
// (partial enumeration); the best plan wins.
// More starts stop at `stop` (the first greedy always runs).
Plan SolveGreedyMultiStart(const CoverageProblem& problem, const Budget& budget, int starts = 64,
                           const StopControl& stop = {});
// First-improvement swaps (one chosen for one unchosen) until no swap helps or `stop` expires.
Plan ImproveBySwaps(const CoverageProblem& problem, const Budget& budget, Plan plan, const StopControl& stop);
Plan ImproveBySwaps(const CoverageProblem& problem, const Budget& budget, Plan plan, double seconds);
// The integer program in CBC, started from `start`; returns the optimum or, at the time limit,
// the best plan found with CBC's bound.
// `seed` feeds CBC's randomised heuristics: the same seed gives the same plan whenever CBC
// finishes within the time limit.
// It stops at `stop`'s deadline (wall clock) or within a fraction of a second of a cancel, inside
// branch and bound too (CBC event handler), keeping the best plan found.
Plan SolveExact(const CoverageProblem& problem, const Budget& budget, const Plan& start, const StopControl& stop,
                int seed = 1);
Plan SolveExact(const CoverageProblem& problem, const Budget& budget, const Plan& start, double seconds,
                int seed = 1);

}  // namespace sim
