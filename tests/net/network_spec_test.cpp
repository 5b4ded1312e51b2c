// The `network:` section: parsed strictly, errors name the file, line and node or link.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "net/topology.h"
#include "tests/net/net_test_util.h"

namespace net {
namespace {

const std::string kCams =
    "  - {id: C1, position: [0, 0], bitrate_kbps: 4000}\n  - {id: C2, position: [10, 0]}\n";

std::string ErrorOf(const std::string& network, const std::string& cams = kCams) {
  try {
    test::Build(cams, network);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(NetSpec, ParsesNodesLinksStreamsAndFailures) {
  const scenario::Scenario s =
      test::Parse(kCams,
                  "  retention_days: 14\n  overhead: 1.3\n  duration_s: 2\n  seed: 7\n"
                  "  nodes:\n"
                  "    - {id: sw1, kind: switch, position: [5, 5], range_m: 50}\n"
                  "    - {id: nvr, kind: nvr, storage_tb: 24}\n"
                  "  links:\n"
                  "    - {from: C1, to: sw1, capacity_mbps: 100}\n"
                  "    - {from: sw1, to: nvr, mbps: 1000, latency_ms: 0.5, loss_pct: 0.1, "
                  "queue_packets: 50, medium: radio}\n"
                  "  streams:\n"
                  "    C2:\n"
                  "      - {name: main, resolution: [1920, 1080], fps: 12, codec: h265, "
                  "smart_codec: true, record: {motion: 0.3}}\n"
                  "      - {name: sub, resolution: [640, 360], fps: 10}\n"
                  "  failures:\n"
                  "    - {link: [sw1, nvr], at_s: 1, for_s: 0.5}\n");
  ASSERT_TRUE(s.network);
  const scenario::NetworkSpec& n = *s.network;
  EXPECT_EQ(n.retention_days, 14);
  EXPECT_EQ(n.overhead_factor, 1.3);
  EXPECT_EQ(n.seed, 7u);
  ASSERT_EQ(n.nodes.size(), 2u);
  EXPECT_EQ(n.nodes[1].kind, scenario::NetNodeKind::recorder);
  EXPECT_EQ(*n.nodes[1].storage_tb, 24);
  ASSERT_EQ(n.links.size(), 2u);
  EXPECT_EQ(n.links[1].capacity_mbps, 1000);
  EXPECT_EQ(n.links[1].queue_packets, 50);
  EXPECT_EQ(n.links[1].medium, scenario::LinkMedium::radio);
  const auto& streams = n.streams.at("C2");
  ASSERT_EQ(streams.size(), 2u);
  EXPECT_EQ(streams[0].codec, scenario::Codec::h265);
  EXPECT_EQ(streams[0].record, scenario::RecordMode::motion);
  EXPECT_DOUBLE_EQ(streams[0].motion_fraction, 0.3);
  EXPECT_EQ(streams[1].record, scenario::RecordMode::none);  // a sub stream is live view
  ASSERT_EQ(n.failures.size(), 1u);
  EXPECT_EQ(n.failures[0].link_to, "nvr");

  // C2 is not wired: it attaches to sw1 (7 m away, range 50 m).
  const Topology t = BuildTopology(s);
  ASSERT_EQ(t.links.size(), 3u);
  EXPECT_TRUE(t.links[2].auto_attached);
  EXPECT_EQ(t.LinkName(2), "C2 - sw1");
  EXPECT_TRUE(t.unreachable.empty());
  ASSERT_EQ(t.streams.size(), 3u);  // C1 main (its bitrate_kbps), C2 main and sub
  EXPECT_DOUBLE_EQ(t.streams[0].kbps, 4000);
}

TEST(NetSpec, BadInputNamesFileLineAndNodeOrLink) {
  const std::string nodes =
      "  nodes:\n    - {id: sw1, kind: switch}\n    - {id: nvr, kind: recorder, storage_tb: 8}\n";
  EXPECT_EQ(
      ErrorOf(nodes + "  links:\n    - {from: C1, to: sw9, capacity_mbps: 100}\n"),
      "/tmp/net.yaml: line 11: link C1 - sw9: unknown node 'sw9' (not a network node or camera)");
  EXPECT_EQ(ErrorOf(nodes + "  links:\n    - {from: C1, to: sw1, capacity_mbps: 0}\n"),
            "/tmp/net.yaml: line 11: link C1 - sw1: capacity_mbps must be within [0.001, 1e6] "
            "(1 kbit/s to 1 Tbit/s), got 0");
  EXPECT_EQ(ErrorOf(nodes + "  links:\n    - {from: C1, to: sw1, capacity_mbps: -5}\n"),
            "/tmp/net.yaml: line 11: link C1 - sw1: capacity_mbps must be within [0.001, 1e6] "
            "(1 kbit/s to 1 Tbit/s), got -5");
  EXPECT_EQ(ErrorOf(nodes + "  links:\n    - {from: C1, to: sw1, capacity_mbps: 1e-300}\n"),
            "/tmp/net.yaml: line 11: link C1 - sw1: capacity_mbps must be within [0.001, 1e6] "
            "(1 kbit/s to 1 Tbit/s), got 1e-300");
  EXPECT_EQ(
      ErrorOf("  nodes:\n    - {id: nvr, kind: recorder}\n"),
      "/tmp/net.yaml: line 8: recorder 'nvr' has no storage: give storage_tb (usable terabytes)");
  EXPECT_EQ(
      ErrorOf(nodes + "  links:\n    - {from: C1, to: sw1, capacity_mbps: 100, colour: red}\n"),
      "/tmp/net.yaml: line 11: unknown key 'colour' in network.links[0] (allowed: capacity_mbps, "
      "from, "
      "latency_ms, loss_pct, mbps, medium, queue_packets, to)");
  EXPECT_EQ(ErrorOf(nodes + "  feeds: no_such_feeds_folder\n"),
            "/tmp/net.yaml: line 10: network.feeds: no folder /tmp/no_such_feeds_folder (the -o folder of a "
            "`sightline feeds` run)");
  EXPECT_EQ(ErrorOf("  nodes:\n    - {id: x, kind: hub}\n"),
            "/tmp/net.yaml: line 8: network node 'x': kind must be switch, router, recorder, "
            "centre, access_point "
            "or radio, got 'hub'");
  EXPECT_EQ(
      ErrorOf(nodes + "  streams:\n    C1:\n      - {name: main, codec: vp9}\n"),
      "/tmp/net.yaml: line 12: camera 'C1' stream 'main': codec must be h264 or h265, got 'vp9'");
  EXPECT_EQ(ErrorOf(nodes + "  streams:\n    C7:\n      - {name: main}\n"),
            "/tmp/net.yaml: line 12: network.streams: unknown camera 'C7'");
  // A ring without allow_cycles: the link that closes it is named.
  const std::string ring = nodes +
                           "    - {id: sw2, kind: switch}\n  links:\n"
                           "    - {from: sw1, to: sw2, capacity_mbps: 1000}\n"
                           "    - {from: sw2, to: nvr, capacity_mbps: 1000}\n"
                           "    - {from: nvr, to: sw1, capacity_mbps: 1000}\n";
  EXPECT_EQ(ErrorOf(ring),
            "/tmp/net.yaml: line 14: link nvr - sw1 closes a cycle in the wired tree; set "
            "network.allow_cycles: "
            "true for rings with redundant paths");
  EXPECT_EQ(ErrorOf(ring + "  allow_cycles: true\n"), "");
}

TEST(NetSpec, ACameraGoneFromThePlanStillLoadsAndTheNetworkNamesIt) {
  // The GUI deleted C2: the scenario still loads (coverage, GUI); the network verb says which
  // link refers to it.
  const std::string network =
      "  nodes: [{id: nvr, kind: recorder, storage_tb: 8}]\n  links:\n    - {from: C2, to: nvr, "
      "capacity_mbps: 100}\n";
  const std::string one = "  - {id: C1, position: [0, 0]}\n";
  EXPECT_NO_THROW(test::Parse(one, network));
  EXPECT_EQ(
      ErrorOf(network, one),
      "/tmp/net.yaml: line 8: link C2 - nvr: unknown node 'C2' (not a network node or camera)");
}

TEST(NetSpec, UnreachableCamerasAreReported) {
  // C2 is 10 m from the switch but its range is 5 m; C1 is wired.
  const Topology t =
      test::Build(kCams,
                  "  nodes:\n    - {id: sw1, kind: switch, position: [0, 0], range_m: 5}\n"
                  "    - {id: nvr, kind: recorder, storage_tb: 8}\n"
                  "  links:\n    - {from: C1, to: sw1, capacity_mbps: 100}\n    - {from: sw1, to: "
                  "nvr, capacity_mbps: 1000}\n");
  ASSERT_EQ(t.unreachable.size(), 1u);
  EXPECT_EQ(t.nodes[t.unreachable[0]].id, "C2");
  try {
    CheckReachable(t);
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "/tmp/net.yaml: line 5: camera C2 has no path to a recorder (not wired, and no switch "
        "or access point within range; C2 is 10 m from the nearest, sw1)");
  }
}

}  // namespace
}  // namespace net

namespace net {
namespace {

TEST(NetSpec, CamerasFromAFileJoinTheNetworkWhereTheFileSaysTheyStand) {
  // F1 is 3 m from the switch and reaches it by radio; F2 is 40 m away and does not.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "sightline_net_camera_file";
  std::filesystem::create_directories(dir);
  // lon and lat columns left empty beside filled x and y (a template's): x and y are the position.
  std::ofstream(dir / "cams.csv") << "id,x,y,lon,lat,height_m\nF1,85003,447500,,,6\nF2,85040,447500,,,6\n";
  const Topology t = BuildTopology(scenario::ParseScenario(
      "version: 1\ncrs: EPSG:28992\ncity: [{source: a.gpkg}]\ncameras: {source: cams.csv}\nnetwork:\n"
      "  nodes:\n    - {id: sw1, kind: switch, position: [85000, 447500], range_m: 10}\n"
      "    - {id: nvr, kind: recorder, storage_tb: 8}\n"
      "  links:\n    - {from: sw1, to: nvr, capacity_mbps: 1000}\n",
      dir / "net.yaml"));
  ASSERT_GE(t.Find("F1"), 0);
  ASSERT_GE(t.Find("F2"), 0);
  EXPECT_NEAR(t.nodes[t.Find("F1")].x, 85003, 1e-6);
  ASSERT_EQ(t.unreachable.size(), 1u);
  EXPECT_EQ(t.nodes[t.unreachable[0]].id, "F2");
}

TEST(NetSpec, CamerasFromAFileAreCheckedAsInlineOnes) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "sightline_net_camera_ids";
  std::filesystem::create_directories(dir);
  const auto error = [&](const std::string& rows) {
    std::ofstream(dir / "cams.csv") << "id,x,y\n" << rows;
    try {
      BuildTopology(scenario::ParseScenario(
          "version: 1\ncrs: EPSG:28992\ncity: [{source: a.gpkg}]\ncameras: {source: cams.csv}\nnetwork:\n"
          "  nodes:\n    - {id: sw1, kind: switch, position: [85000, 447500], range_m: 10}\n"
          "    - {id: nvr, kind: recorder, storage_tb: 8}\n"
          "  links:\n    - {from: sw1, to: nvr, capacity_mbps: 1000}\n",
          dir / "net.yaml"));
    } catch (const core::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("F1,85003,447500\nF1,85004,447500\n"), (dir / "cams.csv").string() + ": line 3: camera 'F1': duplicate camera id");
  EXPECT_EQ(error("F1,85003,447500\nnvr,85004,447500\n"),
            (dir / "cams.csv").string() + ": line 3: camera 'nvr': has the id of network node 'nvr' (net.yaml line 8): rename one of them");
}

TEST(NetSpec, CamerasFromAFileNeedTheScenarioCrs) {
  try {
    BuildTopology(scenario::ParseScenario(
        "version: 1\ncity: [{source: a.gpkg}]\ncameras: {source: cams.csv}\nnetwork:\n"
        "  nodes:\n    - {id: nvr, kind: recorder, storage_tb: 8}\n",
        "/tmp/net.yaml"));
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/tmp/net.yaml: cameras from a file need the scenario's `crs:`"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace net
