// A top-level block list `cameras:` is read one item at a time (memory: yaml-cpp's tree of a
// 100,000-camera list is 800 MB). What the user sees must not change: the same cameras as the
// whole document gives, the same line numbers in errors, and every YAML feature still works
// (aliases across items, comments, multi-line items) by falling back to the whole document.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/error.h"
#include "scenario/scenario.h"
#include "scenario/scenario_error.h"

namespace scenario {
namespace {

const std::string kHead =
    "version: 1\n"                                                   // 1
    "city: [{source: a.gpkg}]\n"                                     // 2
    "camera_models:\n"                                               // 3
    "  dome: {resolution: [1920, 1080], hfov_deg: 90, cost: 100}\n"  // 4
    "cameras:\n";                                                    // 5

std::string ErrorOf(const std::string& yaml) { return testing_util::ScenarioErrorOf(yaml, "/tmp/list.yaml"); }

void ExpectSameCameras(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.cameras.size(), b.cameras.size());
  for (std::size_t i = 0; i < a.cameras.size(); ++i) {
    EXPECT_EQ(a.cameras[i].id, b.cameras[i].id);
    EXPECT_EQ(a.cameras[i].model, b.cameras[i].model);
    EXPECT_EQ(a.cameras[i].x, b.cameras[i].x);
    EXPECT_EQ(a.cameras[i].y, b.cameras[i].y);
    EXPECT_EQ(a.cameras[i].yaw_deg, b.cameras[i].yaw_deg);
    EXPECT_EQ(a.cameras[i].height_m, b.cameras[i].height_m);
  }
}

TEST(CameraListText, GivesTheCamerasAndLinesOfTheWholeDocument) {
  // Block items in flow and block style, comments and blank lines between them, a key after.
  const std::string block = kHead +
                            "  # the plaza\n"                                              // 6
                            "  - {id: C1, model: dome, position: [1, 2], height_m: 6, yaw: 10}\n"  // 7
                            "\n"                                                           // 8
                            "  - id: C2\n"                                                 // 9
                            "    model: dome   # the second\n"                             // 10
                            "    position: [3, 4]\n"                                       // 11
                            "    height_m: 5\n"                                            // 12
                            "  - {id: C3, model: dome, position: [5, 6], height_m: 4, yaw: 30}\n"  // 13
                            "zones: []\n";
  const std::string flow = kHead.substr(0, kHead.size() - 1) +
                           " [{id: C1, model: dome, position: [1, 2], height_m: 6, yaw: 10},\n"
                           "  {id: C2, model: dome, position: [3, 4], height_m: 5},\n"
                           "  {id: C3, model: dome, position: [5, 6], height_m: 4, yaw: 30}]\nzones: []\n";
  const Scenario a = ParseScenario(block, "/tmp/list.yaml"), b = ParseScenario(flow, "/tmp/list.yaml");
  ExpectSameCameras(a, b);
  EXPECT_EQ(a.cameras[0].where, "line 7");
  EXPECT_EQ(a.cameras[1].where, "line 9");
  EXPECT_EQ(a.cameras[2].where, "line 13");
}

TEST(CameraListText, ErrorsNameTheLineInTheFile) {
  EXPECT_EQ(ErrorOf(kHead +
                    "  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n"  // 6
                    "  - id: C2\n"                                              // 7
                    "    model: bullet\n"                                       // 8
                    "    position: [3, 4]\n"),
            "/tmp/list.yaml: line 8: camera 'C2' refers to unknown model 'bullet'");
  EXPECT_EQ(ErrorOf(kHead +
                    "  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n"  // 6
                    "  - id: C2\n"                                              // 7
                    "    model: dome\n"                                         // 8
                    "    position: [3, 4]\n"                                    // 9
                    "    model: dome\n"),                                       // 10
            "/tmp/list.yaml: line 10: duplicate key 'model' (first given on line 8)");
  EXPECT_EQ(ErrorOf(kHead +
                    "  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n"   // 6
                    "  - {id: C1, model: dome, position: [3, 4], height_m: 6}\n"),  // 7
            "/tmp/list.yaml: line 7: duplicate camera id 'C1'");
  // A syntax error: the whole document reports it, at its line.
  EXPECT_EQ(ErrorOf(kHead + "  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n  - {id: C2, model: [\n"),
            ErrorOf(kHead.substr(0, kHead.size() - 1) +
                    "\n  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n  - {id: C2, model: [\n"));
  EXPECT_NE(ErrorOf(kHead + "  - {id: C1, model: dome, position: [1, 2], height_m: 6}\n  - {id: C2, model: [\n")
                .find("/tmp/list.yaml: line 8: YAML syntax error"),
            std::string::npos);
}

TEST(CameraListText, AnAnchorUsedInALaterItemFallsBackToTheWholeDocument) {
  const Scenario s = ParseScenario(kHead +
                                       "  - {id: C1, model: dome, position: &pos [7, 8], height_m: 6}\n"
                                       "  - {id: C2, model: dome, position: *pos, height_m: 5}\n",
                                   "/tmp/list.yaml");
  ASSERT_EQ(s.cameras.size(), 2u);
  EXPECT_EQ(s.cameras[1].x, 7);
  EXPECT_EQ(s.cameras[1].y, 8);
  EXPECT_EQ(s.cameras[1].where, "line 7");
}

// YAML merge keys (`<<`), which yaml-cpp 0.7 leaves as a plain key: resolved as YAML 1.1 says,
// in the whole document and in a camera item read on its own.
TEST(MergeKeys, ModelsAndCamerasTakeTheMergedKeysTheyLack) {
  const Scenario s = ParseScenario(
      "version: 1\n"
      "city: [{source: a.gpkg}]\n"
      "camera_models:\n"
      "  dome: &dome {resolution: [1920, 1080], hfov_deg: 90, cost: 100}\n"
      "  dome-wide: {<<: *dome, hfov_deg: 110}\n"
      "  dome-cheap:\n"
      "    <<: [{cost: 80, hfov_deg: 70}, *dome]\n"
      "cameras:\n"
      "  - &c1 {id: C1, model: dome, position: [7, 8], height_m: 6, yaw: 30}\n"
      "  - {<<: *c1, id: C2, height_m: 4}\n"
      "  - {id: C3, model: dome, position: [1, 2], <<: {height_m: 3, yaw: 45}}\n",
      "/tmp/merge.yaml");
  EXPECT_EQ(s.camera_models.at("dome-wide").hfov_deg, 110) << "its own key wins";
  EXPECT_EQ(s.camera_models.at("dome-wide").cost, 100);
  EXPECT_EQ(s.camera_models.at("dome-wide").width_px, 1920);
  EXPECT_EQ(s.camera_models.at("dome-cheap").cost, 80) << "of a list, the first mapping wins";
  EXPECT_EQ(s.camera_models.at("dome-cheap").hfov_deg, 70);
  EXPECT_EQ(s.camera_models.at("dome-cheap").height_px, 1080);
  ASSERT_EQ(s.cameras.size(), 3u);
  EXPECT_EQ(s.cameras[1].id, "C2");
  EXPECT_EQ(s.cameras[1].x, 7);
  EXPECT_EQ(s.cameras[1].yaw_deg, 30);
  EXPECT_EQ(s.cameras[1].height_m, 4);
  EXPECT_EQ(s.cameras[2].height_m, 3) << "a merge within one item (read on its own)";
  EXPECT_EQ(s.cameras[2].yaw_deg, 45);
}

TEST(MergeKeys, AMergeOfAScalarNamesItsLine) {
  const std::string error = ErrorOf(kHead + "  - {id: C1, model: dome, position: [7, 8], <<: 6}\n");
  EXPECT_NE(error.find("/tmp/list.yaml: line 6: a merge key `<<` takes a mapping or a list of mappings"),
            std::string::npos) << error;
  // Quoted, "<<" is an ordinary key (YAML), and not one a camera has.
  EXPECT_NE(ErrorOf(kHead + "  - {id: C1, model: dome, position: [7, 8], \"<<\": {height_m: 3}}\n").find("unknown key '<<'"),
            std::string::npos);
}

// Classic Mac line ends (CR alone): yaml-cpp would read one line, all a comment.
TEST(LineEnds, CrOnlyAndCrLfReadAsLf) {
  std::string text = "# a comment first\n" + kHead + "  - {id: C1, model: dome, position: [7, 8], height_m: 6}\n";
  const Scenario lf = ParseScenario(text, "/tmp/list.yaml");
  std::string crlf, cr = text;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  for (const std::string& t : {cr, crlf}) {
    const Scenario s = ParseScenario(t, "/tmp/list.yaml");
    ExpectSameCameras(lf, s);
    EXPECT_EQ(s.cameras.at(0).where, "line 7");
  }
}

}  // namespace
}  // namespace scenario
