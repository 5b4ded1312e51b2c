// SUMO on a tiny OpenStreetMap town written in the test: the network netconvert builds, the
// mapping of its frame into the scenario's, random trips, determinism for a seed.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "agents/run.h"
#include "agents/sumo_network.h"
#include "core/error.h"
#include "scenario/scenario.h"
#include "test_util.h"

namespace agents {
namespace {

using namespace testing_util;

// A 3 x 3 street grid (about 100 m blocks) in Monaco with a dead-end spur to node 100 and one
// building; lon/lat.
constexpr double kLon0 = 7.4200, kLat0 = 43.7300, kDLon = 0.00125, kDLat = 0.0009;
constexpr double kSpurLon = kLon0 + 2 * kDLon + 0.0009, kSpurLat = kLat0 + kDLat;

std::filesystem::path WriteTown(const TempDir& dir) {
  std::ostringstream osm;
  osm.precision(10);
  osm << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n";
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      osm << " <node id='" << 1 + r * 3 + c << "' version='1' lat='" << kLat0 + r * kDLat << "' lon='" << kLon0 + c * kDLon << "'/>\n";
  osm << " <node id='100' version='1' lat='" << kSpurLat << "' lon='" << kSpurLon << "'/>\n";
  const double b[4][2] = {{0.3, 0.3}, {0.7, 0.3}, {0.7, 0.7}, {0.3, 0.7}};
  for (int i = 0; i < 4; ++i)
    osm << " <node id='" << 200 + i << "' version='1' lat='" << kLat0 + b[i][1] * kDLat << "' lon='" << kLon0 + b[i][0] * kDLon << "'/>\n";
  int way = 1000;
  const auto street = [&](std::vector<int> nodes) {
    osm << " <way id='" << way++ << "' version='1'>";
    for (int n : nodes) osm << "<nd ref='" << n << "'/>";
    osm << "<tag k='highway' v='residential'/><tag k='name' v='Rue " << way << "'/></way>\n";
  };
  for (int r = 0; r < 3; ++r) street({1 + r * 3, 2 + r * 3, 3 + r * 3});
  for (int c = 0; c < 3; ++c) street({1 + c, 4 + c, 7 + c});
  street({6, 100});
  osm << " <way id='2000' version='1'><nd ref='200'/><nd ref='201'/><nd ref='202'/><nd ref='203'/><nd ref='200'/>"
         "<tag k='building' v='yes'/><tag k='height' v='12'/></way>\n</osm>\n";
  return WriteText(dir / "town.osm", osm.str());
}

std::unique_ptr<scenario::CoverageResult> Town(const TempDir& dir, const std::string& agents) {
  WriteTown(dir);
  return scenario::RunCoverage(scenario::ParseScenario(
      "version: 1\ncrs: EPSG:32632\ncity: [{source: town.osm}]\ngrid: {resolution_m: 1}\n"
      "cameras:\n  - {id: A, position: [7.4212, 43.7309], crs: EPSG:4326, height_m: 6, yaw: 90, pitch: -15, hfov_deg: 90, range_m: 80}\n" +
          agents,
      dir / "s.yaml"));
}

TEST(Sumo, KnownOsmNodeLandsWhereTheScenarioPutsIt) {
  TempDir dir;
  const auto run = Town(dir, "");
  NetworkBuildOptions build;
  build.osm_source = dir / "town.osm";
  build.output_dir = dir / "net";
  const std::filesystem::path net = BuildNetworkFromOsm(build);
  // The dead end of the spur keeps its OSM id as junction id.
  std::ifstream in(net);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(xml, m, std::regex(R"re(<junction id="100" [^>]*x="([-0-9.]+)" y="([-0-9.]+)")re")));
  std::vector<geo::Vec2d> p = {{std::stod(m[1]), std::stod(m[2])}};
  const NetFrame frame = NetFrame::Read(net, run->city.frame);
  EXPECT_TRUE(frame.projected());
  ASSERT_TRUE(frame.ToFrame(p));
  double x = kSpurLon, y = kSpurLat;
  ASSERT_TRUE(geo::CrsTransform::ToFrame("EPSG:4326", run->city.frame).Apply(x, y));
  EXPECT_NEAR(p[0].x, x, 0.5);
  EXPECT_NEAR(p[0].y, y, 0.5);
}

TEST(Sumo, RandomTripsAreDeterministicForASeedAndStayOnTheStreets) {
  TempDir dir;
  const auto run = Town(dir, "agents: {duration_s: 40, step_s: 0.2, pedestrians_per_hour: 1800, vehicles_per_hour: 900, seed: 3}\n");
  AgentsRunOptions options;
  options.work_dir = dir / "out";
  const AgentsResult a = RunAgents(*run, options);
  const AgentsResult b = RunAgents(*run, options);
  options.seed = 4;
  const AgentsResult c = RunAgents(*run, options);
  ASSERT_GT(a.agents.size(), 5u);
  std::size_t people = 0, vehicles = 0;
  for (const AgentInfo& info : a.agents) (scenario::IsPerson(info.agent_class) ? people : vehicles)++;
  EXPECT_GT(people, 0u);
  EXPECT_GT(vehicles, 0u);
  ASSERT_EQ(a.tracks.size(), b.tracks.size());
  for (std::size_t i = 0; i < a.tracks.size(); ++i) {
    EXPECT_EQ(a.tracks[i].state.x, b.tracks[i].state.x);
    EXPECT_EQ(a.tracks[i].state.y, b.tracks[i].state.y);
    EXPECT_EQ(a.agents[a.tracks[i].state.agent].id, b.agents[b.tracks[i].state.agent].id);
  }
  EXPECT_EQ(a.people_time.totals.people.seen_s, b.people_time.totals.people.seen_s);
  bool differs = a.tracks.size() != c.tracks.size();
  for (std::size_t i = 0; !differs && i < a.tracks.size(); ++i) differs = a.tracks[i].state.x != c.tracks[i].state.x;
  EXPECT_TRUE(differs) << "another seed, other trips";
  // Everyone is on (or beside) a street of the grid: within 12 m of a grid line.
  double x0 = kLon0, y0 = kLat0, x1 = kLon0 + kDLon, y1 = kLat0 + kDLat;
  const auto to_frame = geo::CrsTransform::ToFrame("EPSG:4326", run->city.frame);
  to_frame.Apply(x0, y0);
  to_frame.Apply(x1, y1);
  for (const TrackPoint& p : a.tracks) {
    const double fx = (p.state.x - x0) / (x1 - x0), fy = (p.state.y - y0) / (y1 - y0);
    const double off_x = std::abs(fx - std::round(fx)) * (x1 - x0), off_y = std::abs(fy - std::round(fy)) * (y1 - y0);
    EXPECT_LT(std::min(off_x, off_y), 12) << a.agents[p.state.agent].id << " at t = " << p.t_s;
    EXPECT_NEAR(p.state.z, 0, 1e-6) << "on the flat ground of the town";
  }
}

TEST(Sumo, DemandWeightsDrawTripsIntoAZoneOrKeepThemOut) {
  // A zone over the western street of the grid; pedestrians' random trips start and end there
  // 30 times as often per metre, or never: the people-seconds inside follow.
  TempDir dir;
  double x0 = kLon0 - 0.0003, y0 = kLat0 - 0.0003, x1 = kLon0 + 0.3 * kDLon, y1 = kLat0 + 2 * kDLat + 0.0003;
  geo::Box2d origin;
  origin.Extend(0, 0);  // a frame whose local coordinates are plain UTM
  const auto to_utm = geo::CrsTransform::ToFrame("EPSG:4326", geo::MakeFrame(geo::CrsToWkt("EPSG:32632", "test"), origin));
  ASSERT_TRUE(to_utm.Apply(x0, y0) && to_utm.Apply(x1, y1));
  const auto seconds_in_zone = [&](const std::string& weight) {
    // The area: the whole street grid (without one the grid would hold only the building).
    const std::string yaml = fmt::format(
        "area: {{bbox: [{5}, {6}, {7}, {8}], crs: EPSG:4326}}\n"
        "zones:\n  - {{name: West, kind: priority, polygon: [[{0}, {1}], [{2}, {1}], [{2}, {3}], [{0}, {3}]]}}\n"
        "agents: {{duration_s: 120, step_s: 0.5, pedestrians_per_hour: 3600, seed: 5{4}}}\n",
        x0, y0, x1, y1, weight.empty() ? "" : ", demand_weights: {West: " + weight + "}", kLon0 - 0.0005,
        kLat0 - 0.0005, kLon0 + 2 * kDLon + 0.0012, kLat0 + 2 * kDLat + 0.0005);
    const auto run = Town(dir, yaml);
    AgentsRunOptions options;
    options.work_dir = dir / "out";
    return RunAgents(*run, options).people_time.zones.at(0).people.in_area_s;
  };
  const double drawn = seconds_in_zone("30"), usual = seconds_in_zone(""), kept_out = seconds_in_zone("0");
  EXPECT_GT(drawn, 1.5 * usual);
  EXPECT_GT(usual, kept_out);
  EXPECT_THROW(Town(dir, "agents: {pedestrians_per_hour: 100, demand_weights: {Nowhere: 2}}\n"), core::InputError);
}

TEST(Sumo, ADemandWeightOnAZoneWithoutWaysIsWarned) {
  // A 1 m zone in the middle of a block: no way has its middle there, so its weight changes
  // nothing, and the run says so instead of seeming to have weighted the trips.
  TempDir dir;
  double x = kLon0 + 0.5 * kDLon, y = kLat0 + 0.5 * kDLat;
  geo::Box2d origin;
  origin.Extend(0, 0);
  const auto to_utm = geo::CrsTransform::ToFrame("EPSG:4326", geo::MakeFrame(geo::CrsToWkt("EPSG:32632", "test"), origin));
  ASSERT_TRUE(to_utm.Apply(x, y));
  const auto run = Town(dir, fmt::format("zones:\n  - {{name: Square, kind: priority, polygon: [[{0}, {1}], [{2}, {1}], [{2}, {3}], [{0}, {3}]]}}\n"
                                         "agents: {{duration_s: 10, step_s: 0.5, pedestrians_per_hour: 600, demand_weights: {{Square: 1000}}}}\n",
                                         x, y, x + 1, y + 1));
  AgentsRunOptions options;
  options.work_dir = dir / "out";
  const AgentsResult r = RunAgents(*run, options);
  EXPECT_EQ(r.diagnostics.Count("demand weight with no effect: no way of the network has its middle in the zone"), 1u);
}

TEST(Sumo, BadNetworkAndDemandAreNamed) {
  TempDir dir;
  const auto run = Town(dir, "agents: {sumo_net: missing.net.xml, pedestrians_per_hour: 100}\n");
  try {
    RunAgents(*run, {});
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.net.xml: SUMO network not found"), std::string::npos) << e.what();
  }
  WriteText(dir / "broken.net.xml", "<net><location netOffset=\"0,0\" projParameter=\"!\"/><edge id=");
  const auto broken = Town(dir, "agents: {sumo_net: broken.net.xml, pedestrians_per_hour: 100}\n");
  try {
    RunAgents(*broken, {});
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.net.xml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("SUMO could not load"), std::string::npos) << e.what();
  }
  // A NaN offset put every agent at raw network coordinates, far from the town, in silence.
  for (const char* offset : {"nan,nan", "1e999,0", "-", "12"}) {
    WriteText(dir / "offset.net.xml", std::string("<net><location netOffset=\"") + offset + "\" projParameter=\"!\"/></net>");
    const auto shifted = Town(dir, "agents: {sumo_net: offset.net.xml, pedestrians_per_hour: 100}\n");
    try {
      RunAgents(*shifted, {});
      FAIL() << offset;
    } catch (const core::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("offset.net.xml: location: netOffset '" + std::string(offset) + "' is not two finite numbers"),
                std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace agents
