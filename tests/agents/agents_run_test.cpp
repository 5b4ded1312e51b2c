// The `agents:` section and one whole run: parsing and its errors, walkers standing on the
// terrain, outputs written.
#include "agents/run.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "agents/outputs.h"
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
)");
  const AgentsResult r = RunAgents(*run, {});
  ASSERT_EQ(r.agents.size(), 2u);
  EXPECT_EQ(r.diagnostics.Count("agent never inside the area (not counted)"), 1u);
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

}  // namespace
}  // namespace agents
