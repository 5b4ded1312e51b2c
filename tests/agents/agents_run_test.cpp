// The `agents:` section and one whole run: parsing and its errors, walkers standing on the
// terrain, outputs written.
#include "agents/run.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <nlohmann/json.hpp>

#include "agents/outputs.h"
#include "scenario/optimise_run.h"
#include "scenario/pipeline.h"
#include "sim/coverage.h"
#include "core/error.h"
#include "scenario/scenario.h"
#include "test_util.h"

namespace agents {
namespace {

using namespace testing_util;

std::string ParseError(const std::string& yaml) {
  try {
    scenario::ParseScenario("version: 1\ncity: [{source: x.gpkg}]\n" + yaml, "s.yaml");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(AgentsSpec, ParsesWalkersAndDemand) {
  const scenario::Scenario s = scenario::ParseScenario(R"(version: 1
city: [{source: x.gpkg}]
agents:
  duration_s: 120
  seed: 7
  pedestrians_per_hour: 1500
  walkers:
    - {id: A, path: [[0, 0], [10, 0]], speed_mps: 1.2, start_s: 5}
    - {class: bicycle, path: [[0, 0], [0, 10], [5, 10]]}
)", "/tmp/s.yaml");
  ASSERT_TRUE(s.agents);
  EXPECT_EQ(s.agents->duration_s, 120);
  EXPECT_EQ(s.agents->seed, 7u);
  EXPECT_EQ(s.agents->pedestrians_per_hour, 1500);
  EXPECT_TRUE(s.agents->UsesSumo());
  ASSERT_EQ(s.agents->walkers.size(), 2u);
  EXPECT_EQ(s.agents->walkers[0].start_s, 5);
  EXPECT_EQ(s.agents->walkers[1].id, "W2");
  EXPECT_EQ(s.agents->walkers[1].agent_class, scenario::AgentClass::bicycle);
  EXPECT_EQ(s.agents->walkers[1].path.size(), 3u);
}

TEST(AgentsSpec, BadInputNamesTheLineAndTheProblem) {
  EXPECT_NE(ParseError("agents: {pedestrians_per_hour: -5}").find("line 3: pedestrians_per_hour must be zero or a positive"),
            std::string::npos);
  EXPECT_NE(ParseError("agents: {pedestrians_per_hour: 0}").find("nothing to simulate"), std::string::npos);
  EXPECT_NE(ParseError("agents: {walkers: [{id: A, path: [[0, 0]]}]}").find("at least 2 points"), std::string::npos);
  EXPECT_NE(ParseError("agents: {walkers: [{id: A, class: horse, path: [[0, 0], [1, 1]]}]}").find("class must be"),
            std::string::npos);
  EXPECT_NE(ParseError("agents: {walkers: [{id: A, path: [[0, 0], [1, 1]], speed_mps: 0}]}").find("speed_mps must be a positive"),
            std::string::npos);
  EXPECT_NE(ParseError("agents: {routes: r.rou.xml}").find("need the network"), std::string::npos);
  EXPECT_NE(ParseError("agents: {walkrs: []}").find("unknown key 'walkrs' in agents"), std::string::npos);
}

// The shared test town: a 20 m block on a DEM sloping 0.1 m/m eastwards, one camera.
class AgentsRun : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteRaster(dir / "dem.tif", 3059, 499900, 299900, 1.0, 300, 300,
                [](double x, double) { return 100 + 0.1 * (x - 500000); });
    WriteBlock(dir);
  }
  std::unique_ptr<scenario::CoverageResult> Coverage(const std::string& agents) {
    return scenario::RunCoverage(scenario::ParseScenario(
        "version: 1\ncrs: EPSG:3059\n"
        "area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}\n"
        "city: [{source: dem.tif}, {source: blocks.gpkg}]\n"
        "cameras:\n  - {id: A, position: [500040, 299960], height_m: 5, yaw: 0, pitch: -10, hfov_deg: 90, range_m: 100}\n" +
            agents,
        dir / "s.yaml"));
  }
  TempDir dir;
};

TEST_F(AgentsRun, WalkersStandOnTheTerrainAndOutputsAreWritten) {
  // South of the block, west to east; then one that starts outside the area and never enters.
  const auto run = Coverage(R"(agents:
  duration_s: 100
  walkers:
    - {id: P, path: [[499960, 299980], [500090, 299980]], speed_mps: 1.3}
    - {id: Away, path: [[501000, 301000], [501010, 301000]]}
    - {id: Late, path: [[499960, 299990], [500090, 299990]], start_s: 500}
)");
  const AgentsResult r = RunAgents(*run, {});
  ASSERT_EQ(r.agents.size(), 3u);
  EXPECT_EQ(r.diagnostics.Count("agent never inside the area (not counted)"), 1u);
  // One that starts after the run ends was not outside the area: it was not there at all.
  EXPECT_EQ(r.diagnostics.Count("agent not on its way during the run (it starts after the run ends, or its path has no length)"), 1u);
  ASSERT_FALSE(r.tracks.empty());
  std::vector<double> times;
  for (const TrackPoint& p : r.tracks) {
    if (p.state.agent != 0) {
      EXPECT_FALSE(p.view.in_area);
      continue;
    }
    times.push_back(p.t_s);
    const double x = p.state.x + run->city.frame.origin_x;
    EXPECT_NEAR(p.state.z, 100 + 0.1 * (x - 500000), 0.1) << "on the DEM at x = " << x;
    EXPECT_NEAR(p.state.heading_deg, 90, 1e-9);
  }
  ASSERT_GT(times.size(), 2u);
  EXPECT_NEAR(times[1] - times[0], 1.0, 1e-6) << "tracks every output_step_s (1 s)";
  EXPECT_NEAR(r.people_time.agents[0].time.in_area_s, 130 / 1.3, 0.1);
  EXPECT_GT(r.people_time.agents[0].time.seen_s, 10);

  const auto paths = WriteAgentsOutputs(r, *run, dir / "out");
  for (const auto& p : paths) EXPECT_TRUE(std::filesystem::exists(p)) << p;
  const nlohmann::json j = nlohmann::json::parse(std::ifstream(dir / "out/agents.json"));
  EXPECT_EQ(j["agents"][0]["id"], "P");
  EXPECT_EQ(j["agents"][1]["first_seen_s"], nullptr);
  EXPECT_EQ(j["totals"]["people"]["agents"]["in_area"], 1);
  EXPECT_EQ(j["cameras"][0]["id"], "A");
  std::ifstream csv(dir / "out/tracks.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "t_s,id,class,x,y,z,heading_deg,in_area,cameras_seeing,best_px_per_m");
}

TEST_F(AgentsRun, ScenarioWithoutAgentsSaysWhatToAdd) {
  const auto run = Coverage("");
  try {
    RunAgents(*run, {});
    FAIL() << "expected an InputError";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no `agents:` section: add one"), std::string::npos) << e.what();
  }
}

TEST_F(AgentsRun, OptimiseWeightedByFlowCoversWherePeopleWalk) {
  // People walk only along the north side of the block (y = 300035); one new camera may be
  // placed on any facade. Weighted by flow, it must watch that walkway: most of the walked
  // cells are covered, and the plan is stated as flow-weighted.
  const std::string yaml =
      "version: 1\ncrs: EPSG:3059\n"
      "area: {bbox: [499950, 299950, 500100, 300100], crs: EPSG:3059}\n"
      "city: [{source: dem.tif}, {source: blocks.gpkg}]\n"
      "camera_models:\n  dome: {resolution: [1920, 1080], hfov_deg: 90, range_m: 60, cost: 100}\n"
      "agents:\n  duration_s: 120\n  walkers:\n"
      "    - {id: P1, path: [[499960, 300035], [500090, 300035]], speed_mps: 1.3}\n"
      "    - {id: P2, path: [[500090, 300036], [499960, 300036]], speed_mps: 1.1, start_s: 10}\n"
      "optimise: {max_cameras: 1, weight_by: flow, time_limit_s: 20, candidates: {facades: true, poles: false, spacing_m: 5}}\n";
  const scenario::Scenario s = scenario::ParseScenario(yaml, dir / "s.yaml");
  ASSERT_TRUE(s.optimise && s.optimise->weight_by_flow);

  scenario::OptimiseOverrides without_agents;
  try {
    scenario::RunOptimise(s, without_agents);
    FAIL() << "weight_by: flow without a way to simulate people must be refused";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("weight_by: flow needs the people simulation"), std::string::npos) << e.what();
  }

  scenario::OptimiseOverrides over;
  over.cell_weights = [](const scenario::CoverageResult& base) { return FlowWeightsOf(base, {}); };
  const auto r = scenario::RunOptimise(s, over);
  ASSERT_EQ(r->cameras.size(), 1u);
  // Walked cells a plan's camera covers (the walkway is 130 m long; one 90 degree camera on a
  // facade 15 m away sees about 30 m of it near and more further off).
  const auto walked_cells_covered = [](const scenario::OptimiseResult& plan, int& walked) {
    const sim::Grid& g = plan.base->grid;
    const sim::CameraLayer layer = sim::ComputeCameraLayer(*plan.base->scene, g, plan.cameras.back());
    const std::set<std::uint32_t> seen(layer.cells.begin(), layer.cells.end());
    int covered = 0;
    walked = 0;
    for (double x = 499962; x <= 500088; x += 1) {
      const double lx = x - plan.base->city.frame.origin_x, ly = 300035.5 - plan.base->city.frame.origin_y;
      const std::uint32_t cell = g.Index(static_cast<int>((lx - g.min_x) / g.resolution_m),
                                         static_cast<int>((g.max_y - ly) / g.resolution_m));
      if (!g.IsTarget(cell)) continue;
      ++walked;
      covered += seen.count(cell) ? 1 : 0;
    }
    return covered;
  };
  ASSERT_EQ(r->cameras.size(), 1u);
  int walked = 0;
  const int by_flow = walked_cells_covered(*r, walked);
  ASSERT_GT(walked, 100);
  EXPECT_GT(by_flow, 0.3 * walked);
  scenario::Scenario by_area_scenario = s;
  by_area_scenario.optimise->weight_by_flow = false;
  const auto by_area = scenario::RunOptimise(by_area_scenario, over);
  EXPECT_GE(by_flow, walked_cells_covered(*by_area, walked)) << "weighting by flow never watches the walkway less";
  EXPECT_GT(r->cameras[0].position.y + r->base->city.frame.origin_y, 300010) << "on the north side";

  // Nobody inside the area: said so, not a plan weighted by nothing.
  const std::string away = std::regex_replace(yaml, std::regex("300035\\]|300036\\]"), "309000]");
  try {
    scenario::RunOptimise(scenario::ParseScenario(away, dir / "s.yaml"), over);
    FAIL() << "a flow of nobody must be refused";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no pedestrian walked inside the area"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace agents
