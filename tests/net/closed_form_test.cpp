// The closed form: bitrates summed along routes, storage by hand, failures that cut cameras.
#include "net/closed_form.h"

#include <gtest/gtest.h>

#include "tests/net/net_test_util.h"

namespace net {
namespace {

// C1, C2 on sw1; C3 on sw2; both switches on the core, the recorder behind the core.
const std::string kCams =
    "  - {id: C1, position: [0, 0], bitrate_kbps: 4000}\n"
    "  - {id: C2, position: [5, 0], bitrate_kbps: 4000}\n"
    "  - {id: C3, position: [90, 0], bitrate_kbps: 8000}\n";
const std::string kTree =
    "  retention_days: 30\n  overhead: 1.2\n"
    "  nodes:\n"
    "    - {id: sw1, kind: switch}\n    - {id: sw2, kind: switch}\n    - {id: core, kind: router}\n"
    "    - {id: nvr, kind: recorder, storage_tb: 3}\n"
    "  links:\n"
    "    - {from: C1, to: sw1, capacity_mbps: 100}\n    - {from: C2, to: sw1, capacity_mbps: 100}\n"
    "    - {from: C3, to: sw2, capacity_mbps: 100}\n"
    "    - {from: sw1, to: core, capacity_mbps: 1000}\n    - {from: sw2, to: core, capacity_mbps: "
    "10}\n"
    "    - {from: core, to: nvr, capacity_mbps: 1000}\n"
    "  failures:\n    - {link: [sw1, core], at_s: 1, for_s: 1}\n";

TEST(NetClosedForm, SumsStreamsAlongTheirRoutes) {
  const Topology t = test::Build(kCams, kTree);
  const Estimate e = ClosedForm(t);
  const double w4 = t.streams[0].WireMbps(), w8 = t.streams[2].WireMbps();
  EXPECT_NEAR(w4, 4.0 * 1430 / 1400, 0.01);  // headers of full 1400-byte payloads
  ASSERT_EQ(e.links.size(), 6u);
  EXPECT_NEAR(e.links[0].offered_mbps, w4, 1e-9);
  EXPECT_NEAR(e.links[3].offered_mbps, 2 * w4, 1e-9);       // sw1 - core
  EXPECT_NEAR(e.links[5].offered_mbps, 2 * w4 + w8, 1e-9);  // core - nvr
  EXPECT_TRUE(e.links[5].forward);
  EXPECT_NEAR(w8, 8.0 * 1430 / 1400, 0.01);
  EXPECT_NEAR(e.links[4].utilisation, w8 / 10, 1e-9);  // sw2 - core: 8.2 Mb/s on 10
  EXPECT_FALSE(e.links[4].overloaded);
  EXPECT_NEAR(e.links[3].utilisation, 2 * w4 / 1000, 1e-9);
}

TEST(NetClosedForm, OverloadedLinkLosesTheExcess) {
  Topology over = test::Build(kCams, kTree);
  over.links[4].capacity_mbps = 5;  // 8.2 Mb/s offered
  const Estimate e = ClosedForm(over);
  EXPECT_TRUE(e.links[4].overloaded);
  const double rho = e.links[4].offered_mbps / 5;
  EXPECT_NEAR(e.links[4].loss_pct, 100 * (1 - 1 / rho), 1e-9);
}

TEST(NetClosedForm, StorageMatchesHandCalculation) {
  // 4 + 4 + 8 Mb/s continuous for 30 days with 1.2 overhead:
  // 16e6 / 8 B/s × 86400 s × 30 × 1.2 = 6.2208e12 B.
  const Estimate e = ClosedForm(test::Build(kCams, kTree));
  ASSERT_EQ(e.recorders.size(), 1u);
  EXPECT_NEAR(e.recorders[0].storage_tb_needed, 6.2208, 1e-9);
  EXPECT_FALSE(e.recorders[0].fits);  // 3 TB
  EXPECT_NEAR(e.recorders[0].recorded_mbps, 16, 1e-9);

  // Motion recording of a modelled stream, 25 % of the time, 7 days, no overhead.
  const Topology t = test::Build("  - {id: C1, position: [0, 0]}\n",
                                 "  retention_days: 7\n  overhead: 1\n"
                                 "  nodes: [{id: nvr, kind: recorder, storage_tb: 1}]\n"
                                 "  links: [{from: C1, to: nvr, capacity_mbps: 100}]\n"
                                 "  streams:\n    C1: [{name: main, resolution: [1920, 1080], fps: "
                                 "12, quality: high, record: {motion: 0.25}}]\n");
  const double kbps = t.streams[0].kbps;
  EXPECT_NEAR(ClosedForm(t).recorders[0].storage_tb_needed,
              kbps * 1000 / 8 * 86400 * 7 * 0.25 / 1e12, 1e-12);
  EXPECT_NEAR(kbps, 4100, 1);  // the model's anchor
}

TEST(NetClosedForm, FailedLinkCutsExactlyTheCamerasBehindIt) {
  const Estimate e = ClosedForm(test::Build(kCams, kTree + "  duration_s: 5\n"));
  ASSERT_EQ(e.failures.size(), 1u);
  EXPECT_EQ(e.failures[0].cameras_cut, (std::vector<int>{0, 1}));  // C1, C2; not C3
  EXPECT_TRUE(e.failures[0].rerouted.empty());
  EXPECT_DOUBLE_EQ(e.failures[0].outage_s, 1);
}

TEST(NetClosedForm, FailureOutsideTheRunIsWarnedNotSilentlyZero) {
  // The failure at 1 s for 1 s: inside a 5 s run, past the end of a 1.5 s one, after a 1 s one.
  const auto warnings = [](const std::string& duration) {
    core::Diagnostics d;
    WarnFailuresOutsideRun(test::Build(kCams, kTree + "  duration_s: " + duration + "\n"), d);
    return d;
  };
  EXPECT_EQ(warnings("5").Total(), 0u);
  EXPECT_EQ(warnings("1.5").Count("failure lasting past the end of the run (outage counted up to the end only)"), 1u);
  const core::Diagnostics after = warnings("1");
  ASSERT_EQ(after.Count("failure after the end of the run (not played; no outage counted; raise duration_s)"), 1u);
  const std::string example = after.kinds().begin()->second.examples.at(0);
  EXPECT_NE(example.find("link sw1 - core at 1 s, run of 1 s"), std::string::npos) << example;
}

TEST(NetClosedForm, RingReroutesInsteadOfCutting) {
  // A link between the access switches closes a ring: sw1 reaches the core through sw2.
  std::string text = kTree;
  text.insert(text.find("  failures:"), "    - {from: sw1, to: sw2, capacity_mbps: 1000}\n");
  const Estimate e = ClosedForm(test::Build(kCams, text + "  allow_cycles: true\n"));
  ASSERT_EQ(e.failures.size(), 1u);
  EXPECT_TRUE(e.failures[0].cameras_cut.empty());
  EXPECT_EQ(e.failures[0].rerouted, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace net
