// A feeds folder as the network's traffic source: a trace that is truncated, missing or not a
// trace is an error naming the file and line; a feed rendered at another size than the camera's
// stream is scaled and said.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/error.h"
#include "tests/net/net_test_util.h"

namespace net {
namespace {

namespace fs = std::filesystem;

class FeedTrace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sightline_feed_trace_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "C1");
    Seqinfo("frameRate=15\nseqLength=3\nimWidth=640\nimHeight=360\n");
    Frames("frame,pts,type,bytes\n1,0,I,3000\n3,2,P,1000\n2,1,B,500\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Seqinfo(const std::string& body) { std::ofstream(dir_ / "C1" / "seqinfo.ini") << "[Sequence]\nname=C1\n" << body; }
  void Frames(const std::string& text) { std::ofstream(dir_ / "C1" / "frames.csv") << text; }

  // One camera C1 (`fields` added to its entry) on a switch, with the feeds folder.
  Topology Build(const std::string& fields = "bitrate_kbps: 4000", const std::string& feeds = "") {
    return test::Build("  - {id: C1, position: [0, 0], " + fields + "}\n",
                       "  feeds: " + (feeds.empty() ? dir_.string() : feeds) + "\n"
                       "  nodes: [{id: sw, kind: switch}, {id: nvr, kind: recorder, storage_tb: 4}]\n"
                       "  links:\n    - {from: C1, to: sw, capacity_mbps: 100}\n"
                       "    - {from: sw, to: nvr, capacity_mbps: 100}\n");
  }
  std::string Error(const std::string& fields = "bitrate_kbps: 4000", const std::string& feeds = "") {
    try {
      Build(fields, feeds);
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "(no error)";
  }

  fs::path dir_;
};

TEST_F(FeedTrace, AGoodTraceIsSentAsItIs) {
  const Topology t = Build();
  ASSERT_EQ(t.streams.size(), 1u);
  EXPECT_TRUE(t.streams[0].from_feed);
  EXPECT_NEAR(t.streams[0].kbps, 4500.0 / 3 * 8 * 15 / 1000, 1e-9);
  EXPECT_EQ(t.warnings.Total(), 0u);
}

TEST_F(FeedTrace, AFeedRenderedSmallerThanTheStreamIsScaledByThePixelRatioAndSaid) {
  // 640x360 rendered for a 2688x1520 camera: 17.73 times the pixels, so 17.73 times the bytes.
  const Topology t = Build("bitrate_kbps: 4000, resolution: [2688, 1520]");
  const double scale = 2688.0 * 1520 / (640 * 360);
  EXPECT_NEAR(t.streams[0].kbps, 4500.0 / 3 * 8 * 15 / 1000 * scale, 0.5);
  ASSERT_EQ(t.warnings.Total(), 1u);
  const auto& kind = t.warnings.kinds().begin()->second;
  EXPECT_NE(kind.examples[0].find("camera 'C1': feed 640x360 at 15 fps, stream 2688x1520 at 15 fps"), std::string::npos)
      << kind.examples[0];
}

TEST_F(FeedTrace, ATruncatedTraceIsAnErrorNamingTheLine) {
  Frames("frame,pts,type,bytes\n1,0,I,3000\n3,2,P,1000\n2,1,B,");
  EXPECT_NE(Error().find("frames.csv: line 4: bytes must be a whole number 0..1e8, got nothing"), std::string::npos) << Error();
  Frames("frame,pts,type,bytes\n1,0,I,3000\n3,2,P,1000\n");
  EXPECT_NE(Error().find("frames.csv: 2 frames, but seqinfo.ini says seqLength=3"), std::string::npos) << Error();
}

TEST_F(FeedTrace, UnknownFrameTypesZeroTracesAndBinaryBytesAreErrors) {
  Frames("frame,pts,type,bytes\n1,0,Q,3000\n3,2,P,1000\n2,1,B,500\n");
  EXPECT_NE(Error().find("line 2: frame type must be I, P or B, got 'Q'"), std::string::npos) << Error();
  Frames("frame,pts,type,bytes\n1,0,I,0\n3,2,P,0\n2,1,B,0\n");
  EXPECT_NE(Error().find("every frame has 0 bytes"), std::string::npos) << Error();
  Frames(std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(Error().find("header '\\x89PNG'"), std::string::npos) << Error();
}

TEST_F(FeedTrace, AFeedFolderWithoutItsTraceIsAnError) {
  fs::remove(dir_ / "C1" / "frames.csv");
  EXPECT_NE(Error().find("C1/frames.csv: missing: camera 'C1' has a feed folder but no frame trace"), std::string::npos) << Error();
  fs::create_directory(dir_ / "C1" / "frames.csv");
  EXPECT_NE(Error().find("C1/frames.csv: not a file"), std::string::npos) << Error();
}

TEST_F(FeedTrace, AFolderWithNoTraceOfAnyCameraIsAnError) {
  fs::create_directories(dir_ / "empty");
  EXPECT_NE(Error("bitrate_kbps: 4000", (dir_ / "empty").string()).find("has no <camera id>/frames.csv for any camera"),
            std::string::npos);
  EXPECT_NE(Error("bitrate_kbps: 4000", "''").find("network.feeds: an empty path"), std::string::npos);
}

}  // namespace
}  // namespace net
