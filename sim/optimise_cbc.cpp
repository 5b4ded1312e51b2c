// The placement problem as an integer program, solved by CBC (COIN-OR):
//   max  sum_t w_t/k_t z_t - penalty sum_p a_p e_p
//   s.t. z_t <= sum_{c covers t} x_c     (z_t in [0, k_t]: partial credit up to k cameras)
//        x_c <= e_p for c exposing p     (e_p in [0, 1]: private ground seen)
//        sum cost_c x_c <= budget, sum x_c <= cameras (new cameras only)
//        x_c binary (fixed: 1; barred by the hard privacy rule: 0)
// Through CBC's C++ API (the C API has no way to stop a running solve): CbcMain1 as the C API
// runs it, plus an event handler that stops branch and bound at the deadline or on cancel.
#include <coin/CbcEventHandler.hpp>
#include <coin/ClpEventHandler.hpp>
#include <coin/CoinError.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <cmath>
#include <stdexcept>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "sim/optimise.h"

namespace sim {
namespace {

// Asked at every node, solution and cut pass: stop when the deadline passed or Cancel was pressed.
class StopHandler : public CbcEventHandler {
 public:
  explicit StopHandler(const StopControl& stop) : stop_(stop) {}
  CbcAction event(CbcEvent) override { return stop_.Expired() ? stop : noAction; }
  CbcEventHandler* clone() const override { return new StopHandler(*this); }

 private:
  StopControl stop_;
};

// Asked at every simplex iteration. CBC's own handler is not asked inside the root LP and the
// root heuristics' LPs, which overran a 4 s limit by 3 s on the sample city: the LP stops too.
class LpStopHandler : public ClpEventHandler {
 public:
  explicit LpStopHandler(const StopControl& stop) : stop_(stop) {}
  int event(Event which) override { return which == endOfIteration && stop_.Expired() ? 0 : -1; }
  ClpEventHandler* clone() const override { return new LpStopHandler(*this); }

 private:
  StopControl stop_;
};

}  // namespace

Plan SolveExact(const CoverageProblem& p, const Budget& budget, const Plan& start, double seconds, int seed) {
  return SolveExact(p, budget, start, StopControl::In(seconds), seed);
}

Plan SolveExact(const CoverageProblem& p, const Budget& budget, const Plan& start, const StopControl& stop,
                int seed) {
  if (p.share) throw std::logic_error("SolveExact: the matrix's columns are spread over processes; gather them first");
  const int n_cand = static_cast<int>(p.candidates());
  const int n_tgt = static_cast<int>(p.targets());
  const bool penalty = p.privacy_penalty > 0;
  const int n_priv = penalty ? static_cast<int>(p.privacy_area.size()) : 0;
  // Rows: one per target, one per (candidate, private target) pair, then budget and count.
  std::size_t pairs = 0;
  if (penalty)
    for (const auto& e : p.exposes) pairs += e.size();
  const bool min_cost = budget.target_objective.has_value();
  const int row_budget = n_tgt + static_cast<int>(pairs);
  const int row_count = row_budget + (budget.money ? 1 : 0);
  const int row_target = row_count + (budget.cameras ? 1 : 0);
  const int n_rows = row_target + (min_cost ? 1 : 0);
  const int n_cols = n_cand + n_tgt + n_priv;

  std::vector<CoinBigIndex> col_start(n_cols + 1, 0);
  std::vector<int> row_index;
  std::vector<double> value;
  std::vector<double> col_lb(n_cols), col_ub(n_cols), obj(n_cols, 0);
  std::vector<double> row_lb(n_rows, -std::numeric_limits<double>::max()), row_ub(n_rows, 0);
  // Private pairs get consecutive rows in candidate order; remember which rows each p uses.
  std::vector<std::vector<int>> priv_rows(n_priv);
  int pair_row = n_tgt;
  for (int c = 0; c < n_cand; ++c) {
    for (std::uint32_t t : p.covers[c]) row_index.push_back(static_cast<int>(t)), value.push_back(-1);
    if (penalty)
      for (std::uint32_t e : p.exposes[c]) {
        row_index.push_back(pair_row), value.push_back(1);
        priv_rows[e].push_back(pair_row++);
      }
    if (!p.fixed[c]) {
      if (budget.money) row_index.push_back(row_budget), value.push_back(p.cost[c]);
      if (budget.cameras) row_index.push_back(row_count), value.push_back(1);
      if (min_cost) obj[c] = p.cost[c];
    }
    col_lb[c] = p.fixed[c] ? 1 : 0;
    col_ub[c] = (p.fixed[c] || p.allowed[c]) ? 1 : 0;
    col_start[c + 1] = static_cast<CoinBigIndex>(row_index.size());
  }
  for (int t = 0; t < n_tgt; ++t) {
    const int col = n_cand + t;
    row_index.push_back(t), value.push_back(1);
    if (min_cost) row_index.push_back(row_target), value.push_back(p.weight[t] / p.k[t]);
    col_lb[col] = 0, col_ub[col] = p.k[t];
    obj[col] = min_cost ? 0 : p.weight[t] / p.k[t];
    col_start[col + 1] = static_cast<CoinBigIndex>(row_index.size());
  }
  for (int e = 0; e < n_priv; ++e) {
    const int col = n_cand + n_tgt + e;
    for (int r : priv_rows[e]) row_index.push_back(r), value.push_back(-1);
    if (min_cost) row_index.push_back(row_target), value.push_back(-p.privacy_penalty * p.privacy_area[e]);
    col_lb[col] = 0, col_ub[col] = 1;
    obj[col] = min_cost ? 0 : -p.privacy_penalty * p.privacy_area[e];
    col_start[col + 1] = static_cast<CoinBigIndex>(row_index.size());
  }
  if (budget.money) row_ub[row_budget] = *budget.money;
  if (budget.cameras) row_ub[row_count] = *budget.cameras;
  if (min_cost) {
    row_lb[row_target] = *budget.target_objective;
    row_ub[row_target] = std::numeric_limits<double>::max();
  }

  OsiClpSolverInterface solver;
  solver.loadProblem(n_cols, n_rows, col_start.data(), row_index.data(), value.data(), col_lb.data(),
                     col_ub.data(), obj.data(), row_lb.data(), row_ub.data());
  // The matrix lives in the solver now: free our copy before CBC makes its own.
  std::vector<CoinBigIndex>().swap(col_start);
  std::vector<int>().swap(row_index);
  std::vector<double>().swap(value);
  solver.setObjSense(min_cost ? 1 : -1);  // minimise cost, or maximise coverage
  for (int c = 0; c < n_cand; ++c) solver.setInteger(c);
  solver.messageHandler()->setLogLevel(0);
  const LpStopHandler lp_handler(stop);
  solver.getModelPtr()->passInEventHandler(&lp_handler);  // copied, and copied with the solver
  if (stop.Expired()) {  // no time left after the set-up: the heuristic plan stands
    Plan plan = start;
    plan.stopped = stop.Cancelled();
    return plan;
  }
  const StopHandler handler(stop);
  const std::string seed_text = std::to_string(seed);
  auto solve = [&](CbcModel& model, bool warm_start) {
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    model.messageHandler()->setLogLevel(0);
    model.passInEventHandler(&handler);
    if (warm_start) {  // from the heuristic plan (by column name, as CbcMain1 reads it)
      std::vector<std::string> names(n_cand);
      std::vector<const char*> name_ptrs(n_cand);
      std::vector<double> val(n_cand, 0);
      for (int c = 0; c < n_cand; ++c) names[c] = model.solver()->getColName(c), name_ptrs[c] = names[c].c_str();
      for (std::uint32_t c : start.chosen) val[c] = 1;
      model.setMIPStart(n_cand, name_ptrs.data(), val.data());
    }
    const std::string seconds = std::to_string(std::max(0.05, stop.SecondsLeft()));
    // Single thread: deterministic. Elapsed time: the limit is wall clock, as the user reads it.
    const char* argv[] = {"sightline", "-log", "0", "-threads", "1", "-randomCbcSeed", seed_text.c_str(),
                          "-timeMode", "elapsed", "-seconds", seconds.c_str(), "-solve", "-quit"};
    CbcMain1(static_cast<int>(std::size(argv)), argv, model, nullptr, data);
  };
  std::optional<CbcModel> model(std::in_place, solver);
  try {
    solve(*model, true);
  } catch (const CoinError&) {
    // CBC 2.10 can throw on a warm start when its preprocessing dropped columns the start names
    // ("Illegal index ... in ClpModel::getColumnName", seen with max_cameras: 1): solve cold.
    model.emplace(solver);
    try {
      solve(*model, false);
    } catch (const CoinError& e) {
      Plan plan = start;
      plan.stopped = stop.Cancelled();
      plan.method += " (CBC failed: " + e.message() + ")";
      return plan;
    }
  }

  Plan plan = start;
  const double* x = model->bestSolution();
  if (x) {
    std::vector<std::uint32_t> chosen;
    for (int c = 0; c < n_cand; ++c)
      if (x[c] > 0.5) chosen.push_back(static_cast<std::uint32_t>(c));
    const double v = Evaluate(p, chosen);
    double cost = 0;
    for (std::uint32_t c : chosen)
      if (!p.fixed[c]) cost += p.cost[c];
    const bool better = min_cost ? (v >= *budget.target_objective - 1e-6 && cost <= start.cost + 1e-9)
                                 : v >= start.objective - 1e-9;
    if (better) {
      plan.chosen = chosen;
      plan.objective = v;
      plan.cost = 0;
      for (std::uint32_t c : chosen)
        if (!p.fixed[c]) plan.cost += p.cost[c];
    }
  }
  plan.stopped = stop.Cancelled();
  // An LP stopped at the deadline can read as a pruned node: no proof once the time is up.
  plan.proven_optimal = !stop.Expired() && model->isProvenOptimal();
  if (min_cost) {
    plan.cost_lower_bound = plan.proven_optimal ? plan.cost : std::min(plan.cost, model->getBestPossibleObjValue());
    plan.method = plan.proven_optimal ? "cbc minimum cost (optimal)" : "cbc minimum cost (time limit; plan and bound)";
    return plan;
  }
  // CBC minimises internally; its best possible value comes back in the model's sense.
  const double bound = std::abs(model->getBestPossibleObjValue());
  plan.upper_bound = plan.proven_optimal ? plan.objective : std::min(start.upper_bound, std::max(bound, plan.objective));
  plan.method = plan.proven_optimal ? "cbc (optimal)"
                : plan.stopped      ? "cbc (cancelled; best plan so far)"
                                    : "cbc (time limit; best plan and bound)";
  return plan;
}

}  // namespace sim
