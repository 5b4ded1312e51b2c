#include "sim/optimise.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.h"
#include "sim/problem_parts.h"

namespace sim {
namespace {

// Cells grouped by who covers them: (k, candidate list) -> target. FNV-1a over the list.
struct GroupKey {
  std::uint64_t hash;
  int k;
  bool operator==(const GroupKey& o) const { return hash == o.hash && k == o.k; }
};
struct GroupKeyHash {
  std::size_t operator()(const GroupKey& g) const { return g.hash ^ (static_cast<std::size_t>(g.k) << 56); }
};

std::uint64_t Fnv(const std::uint32_t* begin, const std::uint32_t* end) {
  std::uint64_t h = 1469598103934665603ull;
  for (const std::uint32_t* p = begin; p != end; ++p) {
    h ^= *p;
    h *= 1099511628211ull;
  }
  return h;
}

// Cell -> candidates (CSR), from per-candidate cell lists.
struct Inverse {
  std::vector<std::uint32_t> start;  // size cells + 1
  std::vector<std::uint32_t> cands;
};

Inverse Invert(std::size_t cells, const std::vector<std::vector<std::uint32_t>>& lists) {
  Inverse inv;
  inv.start.assign(cells + 1, 0);
  for (const auto& l : lists)
    for (std::uint32_t c : l) ++inv.start[c + 1];
  std::partial_sum(inv.start.begin(), inv.start.end(), inv.start.begin());
  inv.cands.resize(inv.start.back());
  std::vector<std::uint32_t> fill(inv.start.begin(), inv.start.end() - 1);
  for (std::uint32_t cand = 0; cand < lists.size(); ++cand)
    for (std::uint32_t c : lists[cand]) inv.cands[fill[c]++] = cand;  // candidates ascending per cell
  return inv;
}

// Groups cells with identical candidate lists (and k); appends to weights and per-candidate lists.
template <typename WeightFn, typename KFn>
void Group(const Inverse& inv, std::size_t cells, WeightFn weight, KFn kfn, std::vector<double>& target_weight,
           std::vector<int>* target_k, std::vector<std::vector<std::uint32_t>>& per_candidate) {
  std::unordered_map<GroupKey, std::vector<std::uint32_t>, GroupKeyHash> buckets;  // -> targets
  for (std::uint32_t c = 0; c < cells; ++c) {
    const std::uint32_t* b = inv.cands.data() + inv.start[c];
    const std::uint32_t* e = inv.cands.data() + inv.start[c + 1];
    if (b == e) continue;
    const int k = kfn(c);
    auto& bucket = buckets[GroupKey{Fnv(b, e), k}];
    std::uint32_t target = UINT32_MAX;
    // The bucket holds (representative cell, target) pairs: equal hashes are checked exactly.
    for (std::size_t i = 0; i + 1 < bucket.size(); i += 2) {
      const std::uint32_t rep = bucket[i];
      if (std::equal(b, e, inv.cands.data() + inv.start[rep], inv.cands.data() + inv.start[rep + 1])) {
        target = bucket[i + 1];
        break;
      }
    }
    if (target == UINT32_MAX) {
      target = static_cast<std::uint32_t>(target_weight.size());
      target_weight.push_back(0);
      if (target_k) target_k->push_back(k);
      bucket.push_back(c);
      bucket.push_back(target);
      for (const std::uint32_t* p = b; p != e; ++p) per_candidate[*p].push_back(target);
    }
    target_weight[target] += weight(c);
  }
}

struct State {
  const CoverageProblem& p;
  ColumnShare* share;             // null: every column is here
  std::vector<int> count;         // cameras covering each target
  std::vector<int> exposed_by;    // cameras seeing each private target
  double cost = 0;
  int cameras = 0;                // new (non-fixed) cameras
  explicit State(const CoverageProblem& problem)
      : p(problem), share(problem.share.get()), count(problem.targets(), 0), exposed_by(problem.privacy_area.size(), 0) {}

  bool Here(std::uint32_t c) const { return !share || share->Owns(c); }
  // By c's owner: the coverage part of the marginal gain (partial credit up to k).
  double LocalCoverageGain(std::uint32_t c) const {
    double g = 0;
    for (std::uint32_t t : p.covers[c])
      if (count[t] < p.k[t]) g += p.weight[t] / p.k[t];
    return g;
  }
  double LocalPenaltyGain(std::uint32_t c) const {
    if (p.privacy_penalty == 0) return 0;
    double a = 0;
    for (std::uint32_t e : p.exposes[c])
      if (exposed_by[e] == 0) a += p.privacy_area[e];
    return p.privacy_penalty * a;
  }
  double LocalGain(std::uint32_t c) const { return LocalCoverageGain(c) - LocalPenaltyGain(c); }
  double LocalLoss(std::uint32_t c) const {  // objective lost by removing chosen c
    double g = 0;
    for (std::uint32_t t : p.covers[c])
      if (count[t] <= p.k[t]) g += p.weight[t] / p.k[t];
    if (p.privacy_penalty != 0)
      for (std::uint32_t e : p.exposes[c])
        if (exposed_by[e] == 1) g -= p.privacy_penalty * p.privacy_area[e];
    return g;
  }
  // On every process (from the owner when the columns are shared).
  double Gain(std::uint32_t c) { return share ? share->FromOwner(c, Here(c) ? LocalGain(c) : 0) : LocalGain(c); }
  double Loss(std::uint32_t c) { return share ? share->FromOwner(c, Here(c) ? LocalLoss(c) : 0) : LocalLoss(c); }
  // The gains of every candidate `wanted` picks (0 for the others), each computed by its owner:
  // the solvers' scans over all candidates, spread over the processes that hold the columns.
  template <typename Wanted>
  std::vector<double> Gains(Wanted wanted, bool coverage_only = false) {
    std::vector<double> g(p.candidates(), 0.0);
    tbb::parallel_for(std::size_t{0}, g.size(), [&](std::size_t i) {
      const auto c = static_cast<std::uint32_t>(i);
      if (Here(c) && wanted(c)) g[c] = coverage_only ? LocalCoverageGain(c) : LocalGain(c);
    });
    if (share) share->FromOwners(g);
    return g;
  }
  ColumnView Column(std::uint32_t c) {
    ColumnView own;
    if (Here(c)) own = {p.covers[c], p.exposes[c]};
    return share ? share->Column(c, own) : own;
  }
  void Add(std::uint32_t c) {
    const ColumnView col = Column(c);
    for (std::uint32_t t : col.covers) ++count[t];
    for (std::uint32_t e : col.exposes) ++exposed_by[e];
    if (!p.fixed[c]) cost += p.cost[c], ++cameras;
  }
  void Remove(std::uint32_t c) {
    const ColumnView col = Column(c);
    for (std::uint32_t t : col.covers) --count[t];
    for (std::uint32_t e : col.exposes) --exposed_by[e];
    if (!p.fixed[c]) cost -= p.cost[c], --cameras;
  }
  bool Affordable(std::uint32_t c, const Budget& b, double freed_cost = 0, int freed = 0) const {
    if (p.fixed[c]) return true;
    if (b.money && cost - freed_cost + p.cost[c] > *b.money + 1e-9) return false;
    if (b.cameras && cameras - freed + 1 > *b.cameras) return false;
    return true;
  }
  double Objective() const {
    double v = Coverage();
    if (p.privacy_penalty != 0)
      for (std::size_t e = 0; e < exposed_by.size(); ++e)
        if (exposed_by[e] > 0) v -= p.privacy_penalty * p.privacy_area[e];
    return v;
  }
  double Coverage() const {
    double v = 0;
    for (std::size_t t = 0; t < count.size(); ++t) v += p.weight[t] * std::min(count[t], p.k[t]) / p.k[t];
    return v;
  }
};

// No plan within the budget scores more than the current coverage plus the best set of
// marginal gains that fits (fractional knapsack on money, top-n on cameras): valid for the
// monotone submodular coverage part, and so for coverage minus penalties.
double UpperBound(State& s, const std::vector<bool>& chosen, const Budget& b) {
  const CoverageProblem& p = s.p;
  std::vector<std::pair<double, double>> items;  // gain, cost
  auto open = [&](std::uint32_t c) { return !chosen[c] && p.allowed[c] && !p.fixed[c]; };
  const std::vector<double> gains_of = s.Gains(open, /*coverage_only=*/true);
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (open(c)) {
      const double g = gains_of[c];
      if (g > 0) items.emplace_back(g, p.cost[c]);
    }
  double bound = std::numeric_limits<double>::infinity();
  double all = 0;
  for (const auto& [g, c] : items) all += g;
  if (!b.money && !b.cameras) bound = all;
  if (b.cameras) {
    std::vector<double> gains;
    for (const auto& [g, c] : items) gains.push_back(g);
    std::sort(gains.rbegin(), gains.rend());
    double top = 0;
    for (int i = 0; i < *b.cameras && i < static_cast<int>(gains.size()); ++i) top += gains[i];
    bound = std::min(bound, top);
  }
  if (b.money) {
    std::sort(items.begin(), items.end(), [](const auto& x, const auto& y) {
      return x.first * std::max(y.second, 1e-9) > y.first * std::max(x.second, 1e-9);
    });
    double room = *b.money, take = 0;
    for (const auto& [g, c] : items) {
      if (room <= 0) break;
      const double f = c <= room ? 1.0 : room / c;
      take += f * g;
      room -= c;
    }
    bound = std::min(bound, take);
  }
  return s.Coverage() + bound;
}

}  // namespace

double StopControl::SecondsLeft() const {
  if (Cancelled()) return 0;
  if (deadline == std::chrono::steady_clock::time_point::max()) return 1e9;
  return std::max(0.0, std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count());
}

StopControl StopControl::In(double seconds, const std::atomic<bool>* cancel) {
  StopControl s;
  s.cancel = cancel;
  if (seconds < 1e8)
    s.deadline = std::chrono::steady_clock::now() +
                 std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
  return s;
}

CoverageProblem BuildProblem(const Scene& scene, const Grid& grid, const std::vector<Candidate>& candidates,
                             const std::vector<Zone>& zones, const DensityLevels& levels,
                             const ProblemOptions& options) {
  const std::size_t n = grid.size();
  const CellRequirements req = RequirementsOf(grid, zones, options.cell_weight);
  const std::vector<float>& w = req.weight;
  const std::vector<std::uint8_t>&k = req.k, &priv = req.is_private, &prio = req.is_priority;
  CoverageProblem p;
  const std::size_t m = candidates.size();
  p.grid_cells = grid.CountTargets();
  p.cost.resize(m);
  p.fixed.resize(m);
  p.allowed.assign(m, true);
  p.privacy_penalty = options.privacy == PrivacyRule::penalty ? options.privacy_penalty : 0;
  // Per candidate: cells covered at their required density (delta-coded), private cells seen.
  std::vector<std::vector<std::uint8_t>> sees(m);
  std::vector<std::vector<std::uint32_t>> exposes(m);
  std::vector<std::uint8_t> evaluated(m, 0);
  // Cast in bit-reversed index order (0, m/2, m/4, 3m/4, ...): candidates come grouped by
  // building, and a deadline that cuts the casting then thins them evenly across the area
  // instead of dropping its last streets. The first tenth is cast whatever the deadline: a
  // thin plan beats none.
  const std::vector<std::size_t> order = BitReversedOrder(m);
  const std::size_t always_cast = (m + 9) / 10;
  tbb::parallel_for(std::size_t{0}, m, [&](std::size_t nth) {
    const std::size_t i = order[nth];
    // Cancelled, or out of time: the rest is left out (installed cameras are always cast).
    if (options.stop.Cancelled() || (!candidates[i].fixed && nth >= always_cast && options.stop.Expired())) return;
    CastColumn(scene, grid, candidates[i].camera, req, levels, sees[i], exposes[i]);
    evaluated[i] = 1;
  });
  if (options.stop.Cancelled()) {
    p.cancelled = true;
    return p;
  }
  for (std::size_t i = 0; i < m; ++i) {
    p.cost[i] = candidates[i].camera.cost;
    p.fixed[i] = candidates[i].fixed;
    if (!evaluated[i]) ++p.unevaluated;
    if (!candidates[i].fixed && ((options.privacy == PrivacyRule::hard && !exposes[i].empty()) || !evaluated[i])) {
      p.allowed[i] = false;  // never in a plan: drop its columns
      std::vector<std::uint8_t>().swap(sees[i]);
      std::vector<std::uint32_t>().swap(exposes[i]);
    }
  }
  const double area = grid.CellArea();
  p.covers.assign(m, {});
  p.exposes.assign(m, {});
  {
    // Cells covered by the same candidates (and with the same k and priority) are one target.
    // Each cell's candidate set is summarised by a 64-bit signature mixed in candidate order,
    // so no cell -> candidates inverse is held (that doubled the peak memory); two different
    // sets share a signature with probability ~ sets^2 / 2^65, negligible.
    std::vector<std::uint64_t> slot(n, 0);  // signature (0: nobody covers it), then target
    for (std::size_t i = 0; i < m; ++i)
      ForEachCell(sees[i], [&](std::uint32_t c) { slot[c] = SignatureWith(slot[c], i); });
    auto covered = [&](std::uint32_t c) { return slot[c] != 0; };
    // The priority factor: everything outside priority zones that any candidate covers, over
    // the smallest credit step in a priority zone.
    double other = 0, smallest_step = std::numeric_limits<double>::infinity();
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!grid.IsTarget(c) || priv[c]) continue;
      p.total_weight += area * w[c];
      if (!covered(c)) continue;
      ++p.covered_cells;
      if (prio[c] && w[c] > 0) smallest_step = std::min(smallest_step, area * w[c] / k[c]);
      else other += area * w[c];
    }
    p.priority_factor = PriorityFactor(options.priority_first, other, smallest_step);
    for (const Zone& z : zones)
      if (z.kind == ZoneKind::priority && std::none_of(z.cells.begin(), z.cells.end(), covered))
        p.unreachable_zones.push_back(z.name);
    const double factor = p.priority_factor;
    {
      std::unordered_map<std::uint64_t, std::uint32_t> target_of;
      for (std::uint32_t c = 0; c < n; ++c) {
        if (!covered(c)) continue;
        const std::uint64_t key = TargetKey(slot[c], k[c], prio[c]);
        const auto [it, fresh] = target_of.try_emplace(key, static_cast<std::uint32_t>(p.weight.size()));
        if (fresh) {
          p.weight.push_back(0);
          p.k.push_back(k[c]);
          p.priority.push_back(prio[c]);
        }
        p.weight[it->second] += area * w[c] * (prio[c] ? factor : 1.0);
        slot[c] = it->second;
      }
    }
    std::vector<std::uint32_t> last(p.targets(), UINT32_MAX);  // the candidate that listed it last
    for (std::uint32_t i = 0; i < m; ++i) {
      ForEachCell(sees[i], [&](std::uint32_t c) {
        const auto t = static_cast<std::uint32_t>(slot[c]);
        if (last[t] != i) last[t] = i, p.covers[i].push_back(t);
      });
      std::vector<std::uint8_t>().swap(sees[i]);
      std::sort(p.covers[i].begin(), p.covers[i].end());
    }
  }
  {
    const Inverse inv = Invert(n, exposes);
    Group(inv, n, [&](std::uint32_t) { return area; }, [](std::uint32_t) { return 1; }, p.privacy_area, nullptr,
          p.exposes);
  }
  for (auto& l : p.covers) l.shrink_to_fit();
  for (auto& l : p.exposes) l.shrink_to_fit();
  for (const auto& l : p.covers) p.memory_bytes += l.size() * sizeof(std::uint32_t);
  for (const auto& l : p.exposes) p.memory_bytes += l.size() * sizeof(std::uint32_t);
  p.memory_bytes += p.weight.size() * (sizeof(double) + sizeof(int) + 1) + m * 24;
  return p;
}

MetArea Met(const CoverageProblem& p, const std::vector<std::uint32_t>& chosen) {
  State s(p);
  for (std::uint32_t c : chosen) s.Add(c);
  const std::vector<int>& count = s.count;
  MetArea m;
  for (std::size_t t = 0; t < count.size(); ++t) {
    const double credit = p.weight[t] * std::min(count[t], p.k[t]) / p.k[t];
    if (t < p.priority.size() && p.priority[t]) m.priority_m2 += credit / p.priority_factor;
    else m.other_m2 += credit;
  }
  return m;
}

double Evaluate(const CoverageProblem& p, const std::vector<std::uint32_t>& chosen) {
  State s(p);
  for (std::uint32_t c : chosen) s.Add(c);
  return s.Objective();
}

namespace {

// A deadline every process sees at once when the columns are shared.
bool Expired(const CoverageProblem& p, const StopControl& stop) {
  const bool expired = stop.Expired();
  return p.share ? p.share->Any(expired) : expired;
}

// Lazy greedy from the fixed cameras plus `first` (if any), without the single-camera fix.
Plan GreedyFrom(const CoverageProblem& p, const Budget& budget, std::optional<std::uint32_t> first) {
  State s(p);
  std::vector<bool> chosen(p.candidates(), false);
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (p.fixed[c]) s.Add(c), chosen[c] = true;
  if (first && !chosen[*first] && s.Affordable(*first, budget)) s.Add(*first), chosen[*first] = true;
  const bool by_ratio = budget.money.has_value() || budget.target_objective.has_value();
  auto key = [&](double gain, std::uint32_t c) { return by_ratio ? gain / std::max(p.cost[c], 1e-6) : gain; };
  // Lazy greedy: stale keys are upper bounds (gains only shrink), re-checked on pop.
  using Entry = std::pair<double, std::uint32_t>;
  auto cmp = [](const Entry& a, const Entry& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); };
  std::priority_queue<Entry, std::vector<Entry>, decltype(cmp)> queue(cmp);
  auto open = [&](std::uint32_t c) { return !chosen[c] && p.allowed[c] && s.Affordable(c, budget); };
  const std::vector<double> gains = s.Gains(open);
  for (std::uint32_t c = 0; c < p.candidates(); ++c) {
    if (!open(c)) continue;
    const double g = gains[c];
    if (g > 0) queue.push({key(g, c), c});
  }
  auto reached = [&] { return budget.target_objective && s.Objective() >= *budget.target_objective - 1e-9; };
  while (!queue.empty() && !reached()) {
    auto [stale, c] = queue.top();
    queue.pop();
    if (!s.Affordable(c, budget)) continue;
    const double g = s.Gain(c);
    if (g <= 1e-12) continue;
    const double fresh = key(g, c);
    if (!queue.empty() && fresh < queue.top().first - 1e-12) {
      queue.push({fresh, c});
      continue;
    }
    s.Add(c);
    chosen[c] = true;
  }
  Plan plan;
  plan.method = "greedy";
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (chosen[c]) plan.chosen.push_back(c);
  plan.objective = Evaluate(p, plan.chosen);
  plan.cost = s.cost;
  plan.upper_bound = std::max(plan.objective, UpperBound(s, chosen, budget));
  return plan;
}

}  // namespace

Plan SolveGreedy(const CoverageProblem& p, const Budget& budget) {
  const bool by_ratio = budget.money.has_value();
  {
    State s(p);
    bool allowed_any = false, affordable_any = false;
    for (std::uint32_t c = 0; c < p.candidates(); ++c) {
      allowed_any |= !p.fixed[c] && p.allowed[c];
      affordable_any |= !p.fixed[c] && p.allowed[c] && s.Affordable(c, budget);
    }
    if (!allowed_any)
      throw core::InputError("", "optimise",
                             "every candidate would see a private zone (privacy: hard): use privacy: penalty, "
                             "other mounts or directions");
    if (!affordable_any)
      throw core::InputError("", "optimise", "no candidate is affordable: the budget is below the cheapest camera");
  }
  Plan plan = GreedyFrom(p, budget, std::nullopt);
  if (budget.target_objective) {
    if (plan.objective < *budget.target_objective - 1e-9)
      throw core::InputError("", "optimise",
                             fmt::format("the target coverage cannot be reached: the candidates reach at most "
                                         "{:.0f} of {:.0f} weighted m2", plan.objective, *budget.target_objective));
    plan.method = "greedy (minimum cost)";
    return plan;
  }
  // The budgeted-coverage fix: the best single affordable camera can beat greedy by ratio.
  if (by_ratio) {
    std::vector<std::uint32_t> base;
    for (std::uint32_t c = 0; c < p.candidates(); ++c)
      if (p.fixed[c]) base.push_back(c);
    State b(p);
    for (std::uint32_t c : base) b.Add(c);
    std::optional<std::uint32_t> best;
    double best_gain = 0;
    auto open = [&](std::uint32_t c) { return !p.fixed[c] && p.allowed[c] && b.Affordable(c, budget); };
    const std::vector<double> gains = b.Gains(open);
    for (std::uint32_t c = 0; c < p.candidates(); ++c)
      if (open(c)) {
        const double g = gains[c];
        if (g > best_gain + 1e-12) best_gain = g, best = c;
      }
    if (best) {
      std::vector<std::uint32_t> single = base;
      single.insert(std::upper_bound(single.begin(), single.end(), *best), *best);
      const double v = Evaluate(p, single);
      if (v > plan.objective + 1e-9) {
        plan.chosen = single;
        plan.objective = v;
        plan.cost = p.cost[*best];
        plan.method = "greedy (best single camera)";
      }
    }
  }
  if (plan.objective <= 0 && plan.chosen.empty())
    throw core::InputError("", "optimise", "no candidate sees any evaluated ground (zones nobody can see?)");
  return plan;
}

Plan SolveGreedyMultiStart(const CoverageProblem& p, const Budget& budget, int starts, const StopControl& stop) {
  Plan best = SolveGreedy(p, budget);
  if (budget.target_objective) return best;  // minimum-cost mode: CBC does the rest
  // Partial enumeration: force each of the best single cameras first, greedy for the rest.
  State empty(p);
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (p.fixed[c]) empty.Add(c);
  std::vector<std::pair<double, std::uint32_t>> singles;
  auto open = [&](std::uint32_t c) { return !p.fixed[c] && p.allowed[c] && empty.Affordable(c, budget); };
  const std::vector<double> gains = empty.Gains(open);
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (open(c)) singles.emplace_back(-gains[c], c);
  std::sort(singles.begin(), singles.end());
  for (int i = 0; i < starts && i < static_cast<int>(singles.size()) && !Expired(p, stop); ++i) {
    Plan plan = GreedyFrom(p, budget, singles[i].second);
    if (plan.objective > best.objective + 1e-9) {
      plan.method = "greedy (multi-start)";
      plan.upper_bound = best.upper_bound;  // every greedy bound is valid: keep the first
      best = plan;
    }
  }
  return best;
}

Plan ImproveBySwaps(const CoverageProblem& p, const Budget& budget, Plan plan, double seconds) {
  return ImproveBySwaps(p, budget, std::move(plan), StopControl::In(seconds));
}

Plan ImproveBySwaps(const CoverageProblem& p, const Budget& budget, Plan plan, const StopControl& stop) {
  if (budget.target_objective) return plan;  // swaps maximise coverage; minimum cost is CBC's job
  State s(p);
  std::vector<bool> chosen(p.candidates(), false);
  for (std::uint32_t c : plan.chosen) s.Add(c), chosen[c] = true;
  bool improved = true, any = false;
  while (improved && !Expired(p, stop)) {
    improved = false;
    for (std::uint32_t out = 0; out < p.candidates(); ++out) {
      if (!chosen[out] || p.fixed[out]) continue;
      if (Expired(p, stop)) break;  // checked where work follows: every process agrees
      const double loss = s.Loss(out);
      s.Remove(out);
      chosen[out] = false;
      std::optional<std::uint32_t> best;
      double best_gain = loss + 1e-9;
      auto open = [&](std::uint32_t in) { return !chosen[in] && in != out && p.allowed[in] && s.Affordable(in, budget); };
      const std::vector<double> gains = s.Gains(open);
      for (std::uint32_t in = 0; in < p.candidates(); ++in) {
        if (!open(in)) continue;
        const double g = gains[in];
        if (g > best_gain) best_gain = g, best = in;
      }
      const std::uint32_t take = best.value_or(out);
      s.Add(take);
      chosen[take] = true;
      if (best) improved = any = true;
    }
    // Money freed by swaps may buy another camera. Without penalties gains only shrink as
    // cameras are added, so one scan of all gains rules out the rest before asking one by one.
    auto open = [&](std::uint32_t in) { return !chosen[in] && p.allowed[in] && s.Affordable(in, budget); };
    std::vector<double> upper;
    if (p.share && p.privacy_penalty == 0) upper = s.Gains(open);
    for (std::uint32_t in = 0; in < p.candidates(); ++in)
      if (open(in) && (upper.empty() || upper[in] > 1e-9) && s.Gain(in) > 1e-9) {
        s.Add(in);
        chosen[in] = true;
        improved = any = true;
      }
  }
  plan.chosen.clear();
  for (std::uint32_t c = 0; c < p.candidates(); ++c)
    if (chosen[c]) plan.chosen.push_back(c);
  plan.objective = Evaluate(p, plan.chosen);
  plan.cost = s.cost;
  if (any) plan.method += "+swap";
  plan.stopped = stop.Cancelled();
  plan.upper_bound = std::max(plan.upper_bound, plan.objective);
  return plan;
}

}  // namespace sim
