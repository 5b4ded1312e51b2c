// Camera placement as weighted maximum coverage: which candidates to install, under a budget or
// a camera count, so that the most (weighted) ground is seen at the density each zone requires,
// k-fold where a zone asks for it, and private ground is not. Solved by lazy greedy with
// swap local search, and exactly (or with a proven bound) by an integer program in CBC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/coverage.h"
#include "sim/zones.h"

namespace sim {

struct Candidate {
  Camera camera;
  std::string source;  // "fixed", "facade", "pole"
  bool fixed = false;  // already installed: always in the plan, its cost is not spent again
};

enum class PrivacyRule { hard, penalty };

struct ProblemOptions {
  PrivacyRule privacy = PrivacyRule::hard;
  double privacy_penalty = 10;  // objective per m2 of private ground exposed (penalty rule)
};

// The visibility matrix, compressed: grid cells covered by exactly the same candidates are one
// target (their weights added).
struct CoverageProblem {
  std::vector<double> weight;  // per target: m2 x zone weight
  std::vector<int> k;          // per target: cameras needed for full credit
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

  std::size_t candidates() const { return cost.size(); }
  std::size_t targets() const { return weight.size(); }
};

// Builds every candidate's coverage layer (in parallel) and the compressed matrix. A cell counts
// as covered by a candidate when seen at the density its zone requires (any density elsewhere).
// Zone weights multiply the cell area; cells in several zones take the largest weight, level and k.
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
  double cost_lower_bound = 0;        // minimum-cost mode: no plan reaching the target is cheaper
  double Gap() const { return upper_bound > 0 ? std::max(0.0, (upper_bound - objective) / upper_bound) : 0.0; }
  double CostGap() const { return cost > 0 ? std::max(0.0, (cost - cost_lower_bound) / cost) : 0.0; }
};

double Evaluate(const CoverageProblem& problem, const std::vector<std::uint32_t>& chosen);

// Throws core::InputError when nothing is affordable or no candidate sees anything useful.
Plan SolveGreedy(const CoverageProblem& problem, const Budget& budget);
// SolveGreedy, then greedy again with each of the `starts` best single cameras forced first
// (partial enumeration); the best plan wins.
Plan SolveGreedyMultiStart(const CoverageProblem& problem, const Budget& budget, int starts = 64);
// First-improvement swaps (one chosen for one unchosen) until no swap helps or time runs out.
Plan ImproveBySwaps(const CoverageProblem& problem, const Budget& budget, Plan plan, double seconds);
// The integer program in CBC, started from `start`; returns the optimum or, at the time limit,
// the best plan found with CBC's bound.
// `seed` feeds CBC's randomised heuristics: the same seed gives the same plan whenever CBC
// finishes within the time limit.
Plan SolveExact(const CoverageProblem& problem, const Budget& budget, const Plan& start, double seconds,
                int seed = 1);

}  // namespace sim
