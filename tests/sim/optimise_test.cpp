#include "sim/optimise.h"
#include "sim/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <memory>
#include <numeric>
#include <thread>
#include <random>

#include "core/error.h"
#include "sim/synthetic_city.h"

namespace sim {
namespace {

// A random instance: m candidates, targets with weights and k, covers, private targets.
CoverageProblem RandomProblem(std::uint32_t seed, int m, int targets, bool k2, bool privacy) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> w(1, 10), cost(100, 500);
  std::bernoulli_distribution covers(0.25), exposes(0.15);
  CoverageProblem p;
  p.weight.resize(targets);
  p.k.assign(targets, 1);
  for (int t = 0; t < targets; ++t) {
    p.weight[t] = w(rng);
    if (k2 && t % 3 == 0) p.k[t] = 2;
  }
  p.covers.resize(m);
  p.exposes.resize(m);
  p.privacy_area.assign(privacy ? 5 : 0, 2.0);
  p.privacy_penalty = privacy ? 3.0 : 0;
  for (int c = 0; c < m; ++c) {
    for (int t = 0; t < targets; ++t)
      if (covers(rng)) p.covers[c].push_back(t);
    for (std::size_t e = 0; e < p.privacy_area.size(); ++e)
      if (exposes(rng)) p.exposes[c].push_back(static_cast<std::uint32_t>(e));
    p.cost.push_back(std::round(cost(rng)));
  }
  p.fixed.assign(m, false);
  p.allowed.assign(m, true);
  return p;
}

double BruteForce(const CoverageProblem& p, const Budget& b) {
  double best = -1e300;
  const int m = static_cast<int>(p.candidates());
  for (int mask = 0; mask < (1 << m); ++mask) {
    std::vector<std::uint32_t> chosen;
    double cost = 0;
    int count = 0;
    bool ok = true;
    for (int c = 0; c < m; ++c) {
      const bool in = (mask >> c) & 1;
      if (p.fixed[c] && !in) ok = false;
      if (in && !p.allowed[c]) ok = false;
      if (in) {
        chosen.push_back(c);
        if (!p.fixed[c]) cost += p.cost[c], ++count;
      }
    }
    if (!ok || (b.money && cost > *b.money + 1e-9) || (b.cameras && count > *b.cameras)) continue;
    best = std::max(best, Evaluate(p, chosen));
  }
  return best;
}

struct Case {
  std::uint32_t seed;
  bool k2, privacy, money;
};

class TinyInstances : public ::testing::TestWithParam<Case> {};

TEST_P(TinyInstances, GreedyBelowOptimumCbcEqualsItBoundsAbove) {
  const Case c = GetParam();
  CoverageProblem p = RandomProblem(c.seed, 9, 40, c.k2, c.privacy);
  Budget b;
  if (c.money) b.money = 1000; else b.cameras = 3;
  const double opt = BruteForce(p, b);
  const Plan greedy = SolveGreedy(p, b);
  EXPECT_LE(greedy.objective, opt + 1e-9);
  EXPECT_GE(greedy.upper_bound, opt - 1e-9) << "the greedy bound holds";
  const Plan multi = SolveGreedyMultiStart(p, b);
  EXPECT_GE(multi.objective, greedy.objective - 1e-9);
  EXPECT_LE(multi.objective, opt + 1e-9);
  const Plan swapped = ImproveBySwaps(p, b, greedy, 5);
  EXPECT_GE(swapped.objective, greedy.objective - 1e-9);
  EXPECT_LE(swapped.objective, opt + 1e-9);
  const Plan exact = SolveExact(p, b, swapped, 30);
  EXPECT_TRUE(exact.proven_optimal);
  EXPECT_NEAR(exact.objective, opt, 1e-6);
  EXPECT_NEAR(exact.Gap(), 0, 1e-9);
  // The plans respect the budget.
  double cost = 0;
  for (std::uint32_t i : exact.chosen) cost += p.cost[i];
  if (c.money) {
    EXPECT_LE(cost, 1000 + 1e-9);
  } else {
    EXPECT_LE(exact.chosen.size(), 3u);
  }
}

INSTANTIATE_TEST_SUITE_P(Optimise, TinyInstances,
                         ::testing::Values(Case{1, false, false, false}, Case{2, false, false, true},
                                           Case{3, true, false, false}, Case{4, true, false, true},
                                           Case{5, false, true, false}, Case{6, true, true, true},
                                           Case{7, false, false, true}, Case{8, true, false, true}));

TEST(Optimise, MinimumCostToReachATargetMatchesBruteForce) {
  for (std::uint32_t seed : {31u, 32u, 33u}) {
    const CoverageProblem p = RandomProblem(seed, 9, 40, seed % 2 == 0, false);
    double all = Evaluate(p, [&] {
      std::vector<std::uint32_t> v(p.candidates());
      std::iota(v.begin(), v.end(), 0u);
      return v;
    }());
    Budget b;
    b.target_objective = 0.7 * all;
    // Brute force: the cheapest subset reaching the target.
    double best = 1e300;
    for (int mask = 0; mask < (1 << 9); ++mask) {
      std::vector<std::uint32_t> chosen;
      double cost = 0;
      for (int c = 0; c < 9; ++c)
        if ((mask >> c) & 1) chosen.push_back(c), cost += p.cost[c];
      if (cost < best && Evaluate(p, chosen) >= *b.target_objective - 1e-9) best = cost;
    }
    const Plan g = SolveGreedyMultiStart(p, b);
    EXPECT_GE(g.objective, *b.target_objective - 1e-9);
    EXPECT_GE(g.cost, best - 1e-9);
    const Plan e = SolveExact(p, b, g, 30);
    EXPECT_TRUE(e.proven_optimal) << seed;
    EXPECT_NEAR(e.cost, best, 1e-6) << seed;
    EXPECT_GE(e.objective, *b.target_objective - 1e-6);
    b.target_objective = 1.01 * all;
    EXPECT_THROW(SolveGreedy(p, b), core::InputError) << "an unreachable target is explained";
  }
}

TEST(Optimise, FixedCamerasAreKeptAndCostNothing) {
  CoverageProblem p = RandomProblem(11, 8, 30, false, false);
  p.fixed[2] = true;
  Budget b;
  b.money = 600;
  const Plan g = SolveGreedy(p, b);
  EXPECT_TRUE(std::binary_search(g.chosen.begin(), g.chosen.end(), 2u));
  EXPECT_LE(g.cost, 600 + 1e-9) << "the fixed camera's cost is not spent again";
  const Plan e = SolveExact(p, b, g, 30);
  EXPECT_TRUE(std::binary_search(e.chosen.begin(), e.chosen.end(), 2u));
  EXPECT_NEAR(e.objective, BruteForce(p, b), 1e-6);
}

TEST(Optimise, DeterministicAndBudgetTooSmallIsAnError) {
  const CoverageProblem p = RandomProblem(21, 9, 40, true, false);
  Budget b;
  b.money = 900;
  EXPECT_EQ(SolveGreedy(p, b).chosen, SolveGreedy(p, b).chosen);
  b.money = 50;  // below every camera
  try {
    SolveGreedy(p, b);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("budget is below the cheapest camera"), std::string::npos);
  }
}

// Processes as threads: ColumnShare's collectives over a barrier, so the solvers' lockstep over
// spread columns (what dist/ does with MPI) is checked here without MPI.
struct Rendezvous {
  explicit Rendezvous(int n) : size(n), sync(n), vectors(n), flags(n) {}
  int size;
  std::barrier<> sync;
  double scalar = 0;
  ColumnView column;
  std::vector<std::vector<double>> vectors;
  std::vector<int> flags;
};

class ThreadShare final : public ColumnShare {
 public:
  ThreadShare(Rendezvous& r, int rank) : r_(r), rank_(rank) {}
  bool Owns(std::uint32_t c) const override { return static_cast<int>(c % r_.size) == rank_; }
  double FromOwner(std::uint32_t c, double value) override {
    if (Owns(c)) r_.scalar = value;
    r_.sync.arrive_and_wait();
    const double v = r_.scalar;
    r_.sync.arrive_and_wait();
    return v;
  }
  ColumnView Column(std::uint32_t c, ColumnView owned) override {
    if (Owns(c)) r_.column = owned;
    r_.sync.arrive_and_wait();
    covers_.assign(r_.column.covers.begin(), r_.column.covers.end());
    exposes_.assign(r_.column.exposes.begin(), r_.column.exposes.end());
    r_.sync.arrive_and_wait();
    return {covers_, exposes_};
  }
  void FromOwners(std::vector<double>& values) override {
    r_.vectors[rank_] = values;
    r_.sync.arrive_and_wait();
    for (std::size_t i = 0; i < values.size(); ++i) {
      double sum = 0;
      for (int q = 0; q < r_.size; ++q) sum += r_.vectors[q][i];
      values[i] = sum;
    }
    r_.sync.arrive_and_wait();
  }
  bool Any(bool flag) override {
    r_.flags[rank_] = flag;
    r_.sync.arrive_and_wait();
    const bool any = std::any_of(r_.flags.begin(), r_.flags.end(), [](int f) { return f != 0; });
    r_.sync.arrive_and_wait();
    return any;
  }

 private:
  Rendezvous& r_;
  int rank_;
  std::vector<std::uint32_t> covers_, exposes_;
};

TEST(Optimise, ColumnsSpreadOverProcessesGiveTheSamePlans) {
  for (const bool privacy : {false, true}) {
    CoverageProblem whole = RandomProblem(privacy ? 41 : 42, 24, 80, true, privacy);
    whole.fixed[5] = true;
    Budget budget;
    budget.money = 1200;
    const Plan greedy = SolveGreedyMultiStart(whole, budget, 8);
    const Plan swapped = ImproveBySwaps(whole, budget, greedy, 60);
    const MetArea met = Met(whole, swapped.chosen);
    for (int n : {2, 3}) {
      Rendezvous r(n);
      std::vector<Plan> greedies(n), swaps(n);
      std::vector<MetArea> mets(n);
      std::vector<std::thread> ranks;
      for (int q = 0; q < n; ++q)
        ranks.emplace_back([&, q] {
          CoverageProblem mine = whole;  // the targets whole, its own columns only
          mine.share = std::make_shared<ThreadShare>(r, q);
          for (std::uint32_t c = 0; c < mine.candidates(); ++c)
            if (!mine.share->Owns(c)) mine.covers[c].clear(), mine.exposes[c].clear();
          greedies[q] = SolveGreedyMultiStart(mine, budget, 8);
          swaps[q] = ImproveBySwaps(mine, budget, greedies[q], 60);
          mets[q] = Met(mine, swaps[q].chosen);
        });
      for (std::thread& t : ranks) t.join();
      for (int q = 0; q < n; ++q) {
        SCOPED_TRACE(testing::Message() << "privacy " << privacy << ", " << n << " processes, rank " << q);
        EXPECT_EQ(greedies[q].chosen, greedy.chosen);
        EXPECT_EQ(greedies[q].objective, greedy.objective);  // bit for bit
        EXPECT_EQ(greedies[q].upper_bound, greedy.upper_bound);
        EXPECT_EQ(greedies[q].method, greedy.method);
        EXPECT_EQ(swaps[q].chosen, swapped.chosen);
        EXPECT_EQ(swaps[q].objective, swapped.objective);
        EXPECT_EQ(swaps[q].method, swapped.method);
        EXPECT_EQ(mets[q].other_m2, met.other_m2);
      }
    }
  }
}

TEST(Optimise, HardPrivacyRuleBarsCamerasThatSeePrivateGround) {
  // Two cameras on an open square: one looks across a private yard, one away from it.
  const testing_util::SyntheticCity s(-50, -50, 50, 50);
  const auto scene = BuildScene(s.city());
  const Grid grid = MakeGrid(s.city(), *scene, {1.0, 1.7});
  auto cam = [](double yaw) {
    Camera c;
    c.position = {0, 0, 6};
    c.yaw_deg = yaw;
    c.pitch_deg = -20;
    c.hfov_deg = 60;
    c.max_range_m = 40;
    c.cost = 100;
    return Candidate{c, "pole", false};
  };
  Zone yard;
  yard.name = "yard";
  yard.kind = ZoneKind::privacy;
  for (int col = 45; col < 55; ++col)
    for (int row = 20; row < 30; ++row) yard.cells.push_back(grid.Index(col, row));  // ~10 m north
  const std::vector<Candidate> cands = {cam(0), cam(180)};
  ProblemOptions hard;
  const CoverageProblem p = BuildProblem(*scene, grid, cands, {yard}, DoriLevels(), hard);
  EXPECT_FALSE(p.allowed[0]) << "looks into the yard";
  EXPECT_TRUE(p.unreachable_zones.empty());
  EXPECT_TRUE(p.allowed[1]);
  Budget b;
  b.cameras = 2;
  const Plan plan = SolveGreedy(p, b);
  EXPECT_EQ(plan.chosen, std::vector<std::uint32_t>{1});
  ProblemOptions soft;
  soft.privacy = PrivacyRule::penalty;
  soft.privacy_penalty = 0.01;  // cheap: both cameras are worth it
  const CoverageProblem q = BuildProblem(*scene, grid, cands, {yard}, DoriLevels(), soft);
  EXPECT_EQ(SolveGreedy(q, b).chosen.size(), 2u);
  EXPECT_GT(q.privacy_area.size(), 0u);
  // A priority zone far east, where neither camera looks, is reported.
  Zone east;
  east.name = "east";
  east.kind = ZoneKind::priority;
  for (int col = 95; col < 100; ++col)
    for (int row = 45; row < 55; ++row) east.cells.push_back(grid.Index(col, row));
  EXPECT_EQ(BuildProblem(*scene, grid, cands, {yard, east}, DoriLevels(), hard).unreachable_zones,
            std::vector<std::string>{"east"});
  // Infeasible privacy: the only candidate looks into the yard.
  const CoverageProblem only = BuildProblem(*scene, grid, {cam(0)}, {yard}, DoriLevels(), hard);
  try {
    SolveGreedy(only, b);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("every candidate would see a private zone"), std::string::npos);
  }
}


// The priority rule on an open square: A looks north over plenty of open ground, B looks south
// at a small priority zone that asks for "recognise". By area A wins; priority first, B does.
TEST(Optimise, PriorityZonesCountFirstAndGroundBelowDetectIsNotCovered) {
  const testing_util::SyntheticCity s(-50, -50, 50, 50);
  const auto scene = BuildScene(s.city());
  const Grid grid = MakeGrid(s.city(), *scene, {1.0, 1.7});
  auto cam = [](double yaw, double hfov, double range) {
    Camera c;
    c.position = {0, 0, 6};
    c.yaw_deg = yaw;
    c.pitch_deg = -20;
    c.hfov_deg = hfov;
    c.max_range_m = range;
    c.cost = 100;
    return Candidate{c, "pole", false};
  };
  const std::vector<Candidate> cands = {cam(0, 90, 200), cam(180, 30, 30)};
  const DensityLevels levels = DoriLevels();
  Zone plaza;
  plaza.name = "plaza";
  plaza.kind = ZoneKind::priority;
  plaza.required_level = levels.Find("recognise");
  EXPECT_EQ(levels.Find("Recognise"), plaza.required_level) << "a GIS table's capitalised level";
  EXPECT_EQ(levels.Find("recognize"), -1);
  for (int col = 49; col <= 51; ++col)  // x from -1 to 2 m
    for (int row = 58; row <= 62; ++row) plaza.cells.push_back(grid.Index(col, row));  // y from -8 to -13 m
  Budget one;
  one.cameras = 1;
  ProblemOptions by_area;
  by_area.priority_first = false;
  const CoverageProblem old_rule = BuildProblem(*scene, grid, cands, {plaza}, levels, by_area);
  EXPECT_EQ(SolveGreedy(old_rule, one).chosen, std::vector<std::uint32_t>{0}) << "A sees more ground";
  EXPECT_EQ(SolveExact(old_rule, one, SolveGreedy(old_rule, one), 10).chosen, std::vector<std::uint32_t>{0});
  const CoverageProblem p = BuildProblem(*scene, grid, cands, {plaza}, levels, ProblemOptions{});
  EXPECT_GT(p.priority_factor, 1000);
  const Plan greedy = SolveGreedy(p, one);
  EXPECT_EQ(greedy.chosen, std::vector<std::uint32_t>{1}) << "B meets the plaza's requirement";
  EXPECT_EQ(SolveExact(p, one, greedy, 10).chosen, std::vector<std::uint32_t>{1});
  const MetArea met = Met(p, {1});
  EXPECT_DOUBLE_EQ(met.priority_m2, 15) << "all 15 cells of the plaza, in plain m2";
  EXPECT_GT(Met(p, {0}).other_m2, 5 * met.other_m2);
  EXPECT_DOUBLE_EQ(Met(p, {0}).priority_m2, 0);
  // A's 200 m range reaches far beyond the first DORI level: only cells seen at "detect" or
  // better count (the layer's own cells at that density, no more).
  const CameraLayer layer = ComputeCameraLayer(*scene, grid, cands[0].camera);
  std::size_t detect = 0, below = 0;
  for (float px : layer.px_per_m) (levels.Classify(px) >= 0 ? detect : below) += 1;
  EXPECT_GT(below, 0u) << "the camera sees ground below detect";
  const CoverageProblem only_a = BuildProblem(*scene, grid, {cands[0]}, {}, levels, ProblemOptions{});
  EXPECT_EQ(only_a.covered_cells, detect);
  EXPECT_DOUBLE_EQ(std::accumulate(only_a.weight.begin(), only_a.weight.end(), 0.0), detect * grid.CellArea())
      << "one target holding every cell A covers";
  EXPECT_EQ(only_a.targets(), 1u);
  // Cells with the same candidates are one target: A alone, B alone (split by priority), both.
  EXPECT_EQ(p.targets(), 3u);
  // Out of time before casting: the installed camera is still cast, the candidates are left out.
  std::vector<Candidate> with_fixed = cands;
  with_fixed[0].fixed = true;
  ProblemOptions late;
  late.stop.deadline = std::chrono::steady_clock::now();
  const CoverageProblem cut = BuildProblem(*scene, grid, with_fixed, {plaza}, levels, late);
  EXPECT_EQ(cut.unevaluated, 1u);
  EXPECT_FALSE(cut.allowed[1]);
  EXPECT_EQ(cut.covered_cells, detect) << "the installed camera's coverage is there";
  // Forty candidates in a row, out of time from the start: a tenth is cast all the same, spread
  // over the row rather than its first four.
  std::vector<Candidate> row;
  for (int i = 0; i < 40; ++i) {
    Candidate c = cands[0];
    c.camera.position.x = static_cast<float>(-40 + 2 * i);
    row.push_back(c);
  }
  const CoverageProblem thinned = BuildProblem(*scene, grid, row, {}, levels, late);
  EXPECT_EQ(thinned.unevaluated, 36u);
  std::vector<std::size_t> cast;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (thinned.allowed[i]) cast.push_back(i);
  ASSERT_EQ(cast.size(), 4u);
  EXPECT_GE(cast.back() - cast.front(), 20u) << "spread over the row";
}

// A hard random instance: cancel stops CBC inside branch and bound, keeping the best plan; a
// deadline stops it too. (Bounds are loose: what is tested is that it stops, not how fast.)
TEST(Optimise, CancelAndDeadlineStopCbcWithTheBestPlanSoFar) {
  const CoverageProblem p = RandomProblem(7, 160, 1200, true, false);
  Budget b;
  b.cameras = 14;
  const Plan start = SolveGreedy(p, b);
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel = true;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const Plan plan = SolveExact(p, b, start, StopControl::In(120, &cancel));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  canceller.join();
  if (!plan.proven_optimal) {  // CBC had not finished when Cancel came
    EXPECT_TRUE(plan.stopped);
    EXPECT_LT(seconds, 20) << "far below the 120 s limit";
    EXPECT_NE(plan.method.find("cancelled"), std::string::npos) << plan.method;
  }
  EXPECT_GE(plan.objective, start.objective - 1e-9) << "never worse than the plan it started from";
  EXPECT_NEAR(Evaluate(p, plan.chosen), plan.objective, 1e-6);
  // Already cancelled: no search, the start plan comes back.
  const Plan at_once = SolveExact(p, b, start, StopControl::In(120, &cancel));
  EXPECT_EQ(at_once.chosen, start.chosen);
  EXPECT_TRUE(at_once.stopped);
  // A deadline in the past: the start plan, not cancelled.
  StopControl past;
  past.deadline = std::chrono::steady_clock::now();
  const Plan late = SolveExact(p, b, start, past);
  EXPECT_EQ(late.chosen, start.chosen);
  EXPECT_FALSE(late.stopped);
}
}  // namespace
}  // namespace sim

namespace sim {
namespace {

TEST(Candidates, FacadeMountsFaceOutwardAndPolesLookAllRound) {
  // One 20 x 10 m block, 12 m high, and a street lamp.
  testing_util::SyntheticCity s(-50, -50, 50, 50);
  s.Box(0, 0, 20, 10, 0, 12);
  geo::CityModel city = s.city();
  city.poles.push_back({"street_lamp", "node/1", {-20, -20, 0}});
  CandidateOptions o;
  o.spacing_m = 10;
  o.heights_m = {5};
  o.yaw_steps = 3;
  Camera model;
  model.model = "dome";
  model.hfov_deg = 90;
  o.models = {model};
  const auto cands = GenerateCandidates(city, o);
  std::size_t facade = 0, pole = 0;
  for (const Candidate& c : cands) {
    const Camera& cam = c.camera;
    if (c.source == "pole") {
      ++pole;
      EXPECT_DOUBLE_EQ(cam.position.z, 5);
      continue;
    }
    ++facade;
    EXPECT_DOUBLE_EQ(cam.position.z, 5);
    // Outside the block, 25 cm off a wall.
    const bool outside = cam.position.x < 0 || cam.position.x > 20 || cam.position.y < 0 || cam.position.y > 10;
    EXPECT_TRUE(outside) << cam.position.x << " " << cam.position.y;
    // The middle direction of each mount looks straight away from its wall.
    if (cam.id.find("-1-") != std::string::npos) {
      const double yaw = cam.yaw_deg;
      const double expected = cam.position.y < 0 ? 180 : cam.position.y > 10 ? 0 : cam.position.x < 0 ? 270 : 90;
      EXPECT_NEAR(yaw, expected, 1e-6);
    }
  }
  // Perimeter 60 m at 10 m spacing: 2 + 1 + 2 + 1 mounts, 3 directions each; the lamp: 3.
  EXPECT_EQ(facade, 6u * 3);
  EXPECT_EQ(pole, 3u);
  o.max_candidates = 10;
  EXPECT_THROW(GenerateCandidates(city, o), core::InputError);
  // Roof edges and poles from a layer.
  o.max_candidates = 1000;
  o.facades = false;
  o.poles = false;
  o.roofs = true;
  o.extra_poles = {{30, 30, 0}};
  std::size_t roof = 0, extra = 0;
  for (const Candidate& c : GenerateCandidates(city, o)) {
    if (c.source == "roof") {
      ++roof;
      EXPECT_DOUBLE_EQ(c.camera.position.z, 12.5);
    }
    extra += c.source == "pole";
  }
  EXPECT_EQ(roof, 6u * 3);
  EXPECT_EQ(extra, 3u);
}

}  // namespace
}  // namespace sim
