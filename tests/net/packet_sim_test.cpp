// The packet-level run on ns-3 against hand figures and the closed form. Simulated times are
// short (2-4 s) so each test takes well under 10 s.
#include "net/packet_sim.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "net/closed_form.h"
#include "tests/net/net_test_util.h"

namespace net {
namespace {

// One camera, a switch and a 10 Mb/s link to the recorder; `kbps` of CBR.
Topology SingleLink(double kbps) {
  return test::Build("  - {id: C1, position: [0, 0], bitrate_kbps: " + std::to_string(kbps) + "}\n",
                     "  duration_s: 4\n"
                     "  nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 4}]\n"
                     "  links:\n    - {from: C1, to: sw, capacity_mbps: 100}\n"
                     "    - {from: sw, to: nvr, capacity_mbps: 10, queue_packets: 100}\n");
}

TEST(NetPackets, HalfLoadedLinkLosesNothing) {
  const Topology t = SingleLink(5000);
  const SimResult r = SimulatePackets(t);
  const LinkFigures& l = r.links[1];
  EXPECT_NEAR(l.utilisation, 0.51, 0.02);
  EXPECT_LT(l.loss_pct, 0.01);
  EXPECT_LT(l.delay_ms_p99, 30);  // a frame's burst queues briefly, no more
  EXPECT_EQ(r.streams[0].received_packets, r.streams[0].sent_packets);
  EXPECT_EQ(r.camera_outage_s[0], 0);
}

TEST(NetPackets, OverloadedLinkLosesTheExcessAndItsQueueFills) {
  const Topology t = SingleLink(12000 * 1400 / 1430.0);  // 12 Mb/s on the wire: 120 %
  const SimResult r = SimulatePackets(t);
  const LinkFigures& l = r.links[1];
  EXPECT_NEAR(l.utilisation, 1.0, 0.03);
  // Over 4 s, 48 Mb offered, 40 Mb carried, the 100-packet queue (1.14 Mb) fills first: 14.3 %
  // lost; in steady state 1 - 1/1.2 = 16.7 % (the closed form's figure).
  const double expected_pct = 100 * (48 - 40 - 100 * 1430 * 8 / 1e6) / 48;
  EXPECT_NEAR(l.loss_pct, expected_pct, 1.5);
  EXPECT_NEAR(r.streams[0].loss_pct, expected_pct, 1.5);
  EXPECT_NEAR(ClosedForm(t).links[1].loss_pct, 100 * (1 - 1 / 1.2), 0.01);
  // The queue fills: 100 packets of 1430 B at 10 Mb/s = 114 ms of waiting.
  EXPECT_GT(l.delay_ms_p99, 100);
  EXPECT_LT(l.delay_ms_p99, 130);
}

// One camera whose own access link (to the switch) has `access_mbps`.
Topology OwnAccessLink(double kbps, double access_mbps) {
  return test::Build("  - {id: C1, position: [0, 0], bitrate_kbps: " + std::to_string(kbps) + "}\n",
                     "  duration_s: 4\n"
                     "  nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 4}]\n"
                     "  links:\n    - {from: C1, to: sw, capacity_mbps: " + std::to_string(access_mbps) + "}\n"
                     "    - {from: sw, to: nvr, capacity_mbps: 100}\n");
}

TEST(NetPackets, OverloadedCameraAccessLinkShowsTheStreamsLoss) {
  // 10 Mb/s into a 4 Mb/s access link: the camera's deep buffer (2000 packets) drops little;
  // what is still queued when the run ends is lost all the same. The link's loss must be the
  // stream's (it read 0 % while the stream lost 60 %).
  const SimResult r = SimulatePackets(OwnAccessLink(10000, 4));
  const LinkFigures& l = r.links[0];
  EXPECT_TRUE(l.overloaded);
  EXPECT_GT(r.streams[0].loss_pct, 40);
  EXPECT_NEAR(l.loss_pct, r.streams[0].loss_pct, 2.0);
}

TEST(NetPackets, UtilisationNeverExceedsTheCapacityOnASlowLink) {
  // At 0.05 Mb/s one 1430 B packet takes 0.23 s on the wire: counted whole where it starts,
  // the last ones pushed utilisation above 100 %.
  const SimResult r = SimulatePackets(OwnAccessLink(1000, 0.05));
  const LinkFigures& l = r.links[0];
  EXPECT_LE(l.utilisation, 1.0 + 1e-9);
  EXPECT_GT(l.utilisation, 0.9);
  EXPECT_LE(l.utilisation_p99, 1.0 + 1e-9);
}

TEST(NetPackets, CameraWithARenderedFeedSendsItsMeasuredTrace) {
  // A feeds folder with C1's trace: one GOP of 15 frames at 15 fps, an I-frame of 20,000 B
  // and 14 P-frames of 2,000 B: 48,000 B a second, 384 kb/s of payload.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("sightline_feed_trace_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "C1");
  std::ofstream(dir / "C1" / "seqinfo.ini") << "[Sequence]\nname=C1\nframeRate=15\nseqLength=15\nimWidth=640\nimHeight=360\n";
  {
    std::ofstream csv(dir / "C1" / "frames.csv");
    csv << "frame,pts,type,bytes\n1,0,I,20000\n";
    for (int n = 2; n <= 15; ++n) csv << n << "," << n - 1 << ",P,2000\n";
  }
  const Topology t = test::Build("  - {id: C1, position: [0, 0], bitrate_kbps: 8000}\n  - {id: C2, position: [5, 0], bitrate_kbps: 1000}\n",
                                 "  duration_s: 4\n  feeds: " + dir.string() + "\n"
                                 "  nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 4}]\n"
                                 "  links:\n    - {from: C1, to: sw, capacity_mbps: 100}\n"
                                 "    - {from: C2, to: sw, capacity_mbps: 100}\n"
                                 "    - {from: sw, to: nvr, capacity_mbps: 100}\n");
  ASSERT_EQ(t.streams.size(), 2u);
  EXPECT_TRUE(t.streams[0].from_feed);
  EXPECT_FALSE(t.streams[1].from_feed) << "no feed for C2: its own bitrate";
  EXPECT_NEAR(t.streams[0].kbps, 384, 1e-9);
  EXPECT_EQ(t.streams[0].frames.trace_bytes.size(), 15u);
  const SimResult r = SimulatePackets(t);
  // C1's access link carries the trace: payload plus one 30 B header per 1400 B packet.
  const double wire_mbps = (48000 + (15 + 14 * 2) * 30) * 8 / 1e6;  // 15 + 14 x 2 packets a second
  EXPECT_NEAR(r.links[0].utilisation * 100, wire_mbps, 0.02 * wire_mbps);
  EXPECT_NEAR(ClosedForm(t).links[0].utilisation * 100, wire_mbps, 1e-9);
  std::filesystem::remove_all(dir);
}

TEST(NetPackets, AgreesWithTheClosedFormForConstantBitrates) {
  std::string cams;
  for (int i = 0; i < 6; ++i)
    cams += "  - {id: C" + std::to_string(i) + ", position: [" + std::to_string(i * 10) +
            ", 0], bitrate_kbps: " + std::to_string(2000 + 1000 * i) + "}\n";
  const Topology t = test::Build(cams,
                                 "  duration_s: 4\n  attach_range_m: 200\n  attach_mbps: 100\n"
                                 "  nodes: [{id: sw, kind: switch, position: [0, 10]}, {id: nvr, "
                                 "kind: recorder, storage_tb: 4}]\n"
                                 "  links: [{from: sw, to: nvr, capacity_mbps: 100}]\n");
  const Estimate e = ClosedForm(t);
  const SimResult r = SimulatePackets(t);
  ASSERT_EQ(r.links.size(), t.links.size());
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    SCOPED_TRACE(t.LinkName(static_cast<int>(i)));
    EXPECT_NEAR(r.links[i].utilisation, e.links[i].utilisation, 0.05 * e.links[i].utilisation);
    EXPECT_EQ(r.links[i].loss_pct, 0);
  }
  EXPECT_NEAR(e.links[0].utilisation, 0.27 * 1430 / 1400, 0.001);  // sw - nvr: 27 Mb/s of payload
}

TEST(NetPackets, FailedLinkCutsExactlyTheCamerasBehindIt) {
  const Topology t = test::Build(
      "  - {id: C1, position: [0, 0], bitrate_kbps: 2000}\n  - {id: C2, position: [5, 0], "
      "bitrate_kbps: 2000}\n"
      "  - {id: C3, position: [90, 0], bitrate_kbps: 2000}\n",
      "  duration_s: 3\n"
      "  nodes: [{id: sw1, kind: switch}, {id: sw2, kind: switch}, {id: core, kind: router},\n"
      "          {id: nvr, kind: recorder, storage_tb: 4}]\n"
      "  links:\n"
      "    - {from: C1, to: sw1, capacity_mbps: 100}\n    - {from: C2, to: sw1, capacity_mbps: "
      "100}\n"
      "    - {from: C3, to: sw2, capacity_mbps: 100}\n"
      "    - {from: sw1, to: core, capacity_mbps: 1000}\n    - {from: sw2, to: core, "
      "capacity_mbps: 1000}\n"
      "    - {from: core, to: nvr, capacity_mbps: 1000}\n"
      "  failures: [{link: [sw1, core], at_s: 1, for_s: 1}]\n");
  const SimResult r = SimulatePackets(t);
  EXPECT_NEAR(r.camera_outage_s[0], 1.0, 0.15);  // C1 and C2 lose a second of recording
  EXPECT_NEAR(r.camera_outage_s[1], 1.0, 0.15);
  EXPECT_EQ(r.camera_outage_s[2], 0);  // C3 records on
  EXPECT_EQ(ClosedForm(t).failures[0].cameras_cut, (std::vector<int>{0, 1}));
}

TEST(NetPackets, SameSeedSameFigures) {
  const Topology t =
      test::Build("  - {id: C1, position: [0, 0]}\n  - {id: C2, position: [5, 0]}\n",
                  "  duration_s: 2\n  seed: 3\n"
                  "  nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 4}]\n"
                  "  links:\n    - {from: C1, to: sw, capacity_mbps: 100}\n    - {from: C2, to: "
                  "sw, capacity_mbps: 100}\n"
                  "    - {from: sw, to: nvr, capacity_mbps: 20, loss_pct: 1}\n");
  const SimResult a = SimulatePackets(t), b = SimulatePackets(t);
  for (std::size_t i = 0; i < a.links.size(); ++i) {
    EXPECT_EQ(a.links[i].utilisation, b.links[i].utilisation);
    EXPECT_EQ(a.links[i].loss_pct, b.links[i].loss_pct);
    EXPECT_EQ(a.links[i].delay_ms_p99, b.links[i].delay_ms_p99);
  }
  EXPECT_GT(a.links[2].loss_pct, 0);  // the 1 % random loss happened
}

TEST(NetPackets, CsmaSegmentIsSharedByBothDirections) {
  // C1 records on R1 across the segment, C2 on R2 the other way: 4 + 4 Mb/s on one 10 Mb/s
  // half-duplex segment is 82 %, where a full-duplex link would show 41 % each way.
  const Topology t = test::Build("  - {id: C1, position: [0, 0]}\n  - {id: C2, position: [9, 0]}\n",
                                 "  duration_s: 3\n  iframe_ratio: 1\n"
                                 "  nodes: [{id: swA, kind: switch}, {id: swB, kind: switch},\n"
                                 "          {id: R1, kind: recorder, storage_tb: 4}, {id: R2, "
                                 "kind: recorder, storage_tb: 4}]\n"
                                 "  links:\n"
                                 "    - {from: C1, to: swA, capacity_mbps: 100}\n    - {from: C2, "
                                 "to: swB, capacity_mbps: 100}\n"
                                 "    - {from: swA, to: swB, capacity_mbps: 10, medium: csma}\n"
                                 "    - {from: swB, to: R1, capacity_mbps: 100}\n    - {from: swA, "
                                 "to: R2, capacity_mbps: 100}\n"
                                 "  streams:\n    C1: [{bitrate_kbps: 4000, to: R1}]\n    C2: "
                                 "[{bitrate_kbps: 4000, to: R2}]\n");
  const Estimate e = ClosedForm(t);
  EXPECT_NEAR(e.links[2].utilisation, 8.0 * 1430 / 1400 / 10, 0.01);
  const SimResult r = SimulatePackets(t);
  EXPECT_NEAR(r.links[2].utilisation, e.links[2].utilisation, 0.05 * e.links[2].utilisation);
  EXPECT_LT(r.links[2].loss_pct, 0.5);
  EXPECT_EQ(r.streams[0].received_packets, r.streams[0].sent_packets);
}

TEST(NetPackets, AggregateAccessMatchesTheNaiveRunOnSharedLinks) {
  std::string cams;
  for (int i = 0; i < 20; ++i)
    cams += "  - {id: C" + std::to_string(i) + ", position: [" + std::to_string(i) +
            ", 0], bitrate_kbps: 4000}\n";
  const Topology t = test::Build(cams,
                                 "  duration_s: 2\n  attach_range_m: 100\n"
                                 "  nodes: [{id: sw, kind: switch, position: [0, 1]}, {id: nvr, "
                                 "kind: recorder, storage_tb: 40}]\n"
                                 "  links: [{from: sw, to: nvr, capacity_mbps: 100}]\n");
  SimOptions fast;
  fast.aggregate_access = true;
  const SimResult a = SimulatePackets(t), b = SimulatePackets(t, fast);
  EXPECT_EQ(b.links_folded, 20);
  const LinkFigures &ua = a.links[0], &ub = b.links[0];  // sw - nvr at 82 %
  EXPECT_NEAR(ub.utilisation, ua.utilisation, 0.05 * ua.utilisation);
  EXPECT_NEAR(ub.delay_ms_mean, ua.delay_ms_mean, 0.05 * ua.delay_ms_mean);
  EXPECT_EQ(ub.loss_pct, ua.loss_pct);
  EXPECT_EQ(a.links_folded, 0);
}

}  // namespace
}  // namespace net
