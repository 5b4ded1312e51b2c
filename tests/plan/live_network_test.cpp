// The workbench's network panel: the sample city's network under the plan as edited.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "plan/live_network.h"
#include "plan/project.h"

namespace plan {
namespace {

double Offered(const LiveNetwork& n, const std::string& link_name) {
  for (const net::LinkFigures& f : n.estimate.links)
    if (n.topology.LinkName(f.link) == link_name) return f.offered_mbps;
  ADD_FAILURE() << "no link " << link_name;
  return -1;
}

TEST(LiveNetwork, FollowsCamerasAddedAndRemovedAndSaysWhenItNoLongerFits) {
  const auto project = Project::Open(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml");
  const scenario::CoverageResult& run = project->run();
  std::vector<sim::Camera> cameras = project->cameras();
  const auto as_is = EstimateLiveNetwork(run.scenario, cameras, run.city.frame);
  ASSERT_TRUE(as_is.has_value());
  ASSERT_TRUE(as_is->problem.empty()) << as_is->problem;
  const double radio = Offered(*as_is, "sw-east - core");
  EXPECT_GT(radio, 15) << "the sample's 15 Mb/s radio link is overloaded as planned";
  // A new camera beside C01 joins sw-east (the nearest switch): the radio link carries it too.
  sim::Camera extra = *std::find_if(cameras.begin(), cameras.end(), [](const sim::Camera& c) { return c.id == "C01"; });
  extra.id = "C07";
  extra.position.x += 2;
  std::vector<sim::Camera> more = cameras;
  more.push_back(extra);
  const auto added = EstimateLiveNetwork(run.scenario, more, run.city.frame);
  ASSERT_TRUE(added && added->problem.empty()) << added->problem;
  EXPECT_NEAR(Offered(*added, "sw-east - core") - radio, 4.0 * 1.0, 1.0) << "one more 4 Mb/s camera, with overheads";
  // C06 has streams of its own in the scenario: without it the network no longer fits.
  std::vector<sim::Camera> fewer;
  for (const sim::Camera& c : cameras)
    if (c.id != "C06") fewer.push_back(c);
  const auto removed = EstimateLiveNetwork(run.scenario, fewer, run.city.frame);
  ASSERT_TRUE(removed.has_value());
  EXPECT_NE(removed->problem.find("C06"), std::string::npos) << removed->problem;
}

}  // namespace
}  // namespace plan
