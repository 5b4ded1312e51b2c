// network.json: the fields issue #16 names, for the closed form and the ns-3 run.
#include "net/outputs.h"

#include <gtest/gtest.h>

#include "tests/net/net_test_util.h"

namespace net {
namespace {

TEST(NetOutputs, NetworkJsonHoldsBothEstimatesPerLinkAndStoragePerRecorder) {
  NetworkRun run;
  run.topology = test::Build("  - {id: C1, position: [0, 0], bitrate_kbps: 4000}\n",
                             "  duration_s: 1\n  retention_days: 30\n  overhead: 1\n"
                             "  nodes: [{id: nvr, kind: recorder, storage_tb: 2}]\n"
                             "  links: [{from: C1, to: nvr, capacity_mbps: 100}]\n"
                             "  failures: [{node: nvr, at_s: 0.5}]\n");
  run.closed_form = ClosedForm(run.topology);
  run.packets = SimulatePackets(run.topology);
  const nlohmann::json j = NetworkJson(run);
  ASSERT_EQ(j["links"].size(), 1u);
  const nlohmann::json& l = j["links"][0];
  EXPECT_EQ(l["from"], "C1");
  EXPECT_EQ(l["to"], "nvr");
  EXPECT_EQ(l["capacity_mbps"], 100);
  for (const nlohmann::json& f : {l, l["closed_form"], l["ns3"]}) {
    for (const char* key : {"offered_mbps", "loss_pct", "delay_ms_mean", "delay_ms_p99"})
      EXPECT_TRUE(f.contains(key)) << key;
    EXPECT_TRUE(f["utilisation"].contains("mean"));
    EXPECT_TRUE(f["utilisation"].contains("p99"));
  }
  EXPECT_NEAR(l["closed_form"]["utilisation"]["mean"].get<double>(), 0.0409, 0.0002);
  ASSERT_EQ(j["recorders"].size(), 1u);
  EXPECT_EQ(j["recorders"][0]["id"], "nvr");
  EXPECT_NEAR(j["recorders"][0]["storage_tb_needed"].get<double>(), 4e6 / 8 * 86400 * 30 / 1e12,
              0.001);  // 1.296
  EXPECT_EQ(j["recorders"][0]["storage_tb"], 2);
  EXPECT_EQ(j["recorders"][0]["fits"], true);
  ASSERT_EQ(j["failures"].size(), 1u);
  EXPECT_EQ(j["failures"][0]["element"], "node nvr");
  EXPECT_EQ(j["failures"][0]["cameras_cut"][0]["camera"], "C1");
  EXPECT_NEAR(j["failures"][0]["cameras_cut"][0]["outage_s"].get<double>(), 0.5, 1e-9);
  EXPECT_NEAR(j["failures"][0]["cameras_cut"][0]["ns3_outage_s"].get<double>(), 0.5, 0.1);
  EXPECT_EQ(j["ns3"]["seed"], 1);
}

}  // namespace
}  // namespace net
