// Adversarial scenario files: every one is refused with the file, the line and the reason,
// never accepted silently and never an internal error.
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "core/utf8.h"
#include "scenario/pipeline.h"
#include "scenario/scenario.h"
#include "scenario/scenario_error.h"
#include "test_util.h"

namespace scenario {
namespace {

std::string ErrorOf(const std::string& yaml) { return testing_util::ScenarioErrorOf(yaml); }

const std::string kHead = "version: 1\ncity: [{source: a.gpkg}]\n";

TEST(ScenarioRobust, DuplicateKeysNameBothLines) {
  EXPECT_EQ(ErrorOf(kHead + "name: A\nname: B\n"), "/tmp/s.yaml: line 4: duplicate key 'name' (first given on line 3)");
  EXPECT_EQ(ErrorOf(kHead + "cameras:\n  - {id: C1, position: [0, 0], z: 5,\n     yaw: 10, yaw: 20}\n"),
            "/tmp/s.yaml: line 5: duplicate key 'yaw' (first given on line 5)");
}

// An empty value is named at its key's line (yaml-cpp marks it where the next token starts),
// in the tree and in a camera read from its own text alike; an explicit ~ at its own.
TEST(ScenarioRobust, EmptyValueIsNamedAtItsKeysLine) {
  EXPECT_EQ(ErrorOf(kHead + "grid:\n  resolution_m:\n  height_m: 1.7\n"),
            "/tmp/s.yaml: line 4: resolution_m has the wrong type (got nothing: the value is empty)");
  EXPECT_EQ(ErrorOf(kHead + "grid:\n  resolution_m:\n\n\n  height_m: 1.7\n"),
            "/tmp/s.yaml: line 4: resolution_m has the wrong type (got nothing: the value is empty)");
  EXPECT_EQ(ErrorOf(kHead + "grid:\n  height_m: 1.7\n  resolution_m:\n"),
            "/tmp/s.yaml: line 5: resolution_m has the wrong type (got nothing: the value is empty)");
  EXPECT_EQ(ErrorOf(kHead + "grid:\n  resolution_m: ~\n"),
            "/tmp/s.yaml: line 4: resolution_m has the wrong type (got nothing: the value is empty)");
  EXPECT_EQ(ErrorOf(kHead + "cameras:\n  - id: C1\n    position: [0, 0]\n    z:\n    yaw: 10\n"),
            "/tmp/s.yaml: line 6: camera 'C1' z has the wrong type (got nothing: the value is empty)");
  // A text left empty is refused, not read as the word "null" (yaml-cpp's reading of it).
  const std::string empty_name = ErrorOf(kHead + "name:\ncrs: EPSG:28992\n");
  EXPECT_NE(empty_name.find("/tmp/s.yaml: line 3: "), std::string::npos) << empty_name;
  EXPECT_NE(empty_name.find("is empty"), std::string::npos) << empty_name;
  const std::string empty_source = ErrorOf("version: 1\ncity:\n  - source:\n");
  EXPECT_NE(empty_source.find("/tmp/s.yaml: line 3: "), std::string::npos) << empty_source;
  EXPECT_NE(empty_source.find("is empty"), std::string::npos) << empty_source;
  EXPECT_EQ(ErrorOf(kHead + "name: \"null\"\nversion_note: x\n").find("is empty"), std::string::npos);
  // An empty list item (`-` alone) at the dash's line, past blank and comment lines.
  const std::string empty_item =
      ErrorOf(kHead + "cameras:\n  - {id: C1, position: [0, 0], z: 5}\n  -\n\n  # a note\n  - {id: C3, position: [1, 0], z: 5}\n");
  EXPECT_NE(empty_item.find("/tmp/s.yaml: line 5: "), std::string::npos) << empty_item;
  const std::string empty_zone = ErrorOf(kHead + "zones:\n  -   # to do\n  - {name: Z, kind: priority, polygon: [[0, 0], [1, 0], [1, 1]]}\n");
  EXPECT_NE(empty_zone.find("/tmp/s.yaml: line 4: "), std::string::npos) << empty_zone;
}

// yaml-cpp reads the first document of a stream and drops the rest: a second one (a pasted
// file, a merge gone wrong) is refused at its line; a leading "---" and an end marker are fine.
TEST(ScenarioRobust, SecondYamlDocumentIsRefusedAtItsLine) {
  EXPECT_EQ(ErrorOf(kHead + "name: A\n---\ncameras: []\n"),
            "/tmp/s.yaml: line 4: a second YAML document starts here: a scenario is one document (yaml-cpp "
            "would drop everything from this line)");
  EXPECT_EQ(ErrorOf(kHead + "name: A\n...\n# the end\nname: B\n"),
            "/tmp/s.yaml: line 6: a second YAML document starts here: a scenario is one document (yaml-cpp "
            "would drop everything from this line)");
  EXPECT_EQ(ErrorOf("%YAML 1.2\n---\n# a plan\n" + kHead + "name: A\n...\n"), "(accepted)");
  EXPECT_EQ(ErrorOf(kHead + "name: |\n  a\n  --- not a marker\n"), "(accepted)");
  EXPECT_EQ(ErrorOf(kHead + "name: A\n---\n# nothing after it\n"), "(accepted)");  // an empty document
  EXPECT_EQ(ErrorOf(kHead + "name: A\n--- {name: B}\n"),
            "/tmp/s.yaml: line 4: a second YAML document starts here: a scenario is one document (yaml-cpp "
            "would drop everything from this line)");
}

// 301 levels overflowed the report's legend and the raster's byte of density class.
TEST(ScenarioRobust, TooManyDensityLevelsAreRefused) {
  std::string levels = "density_levels:\n";
  for (int i = 1; i <= 17; ++i) levels += "  - {name: l" + std::to_string(i) + ", min_px_per_m: " + std::to_string(i) + "}\n";
  EXPECT_NE(ErrorOf(kHead + levels).find("line 4: 17 density levels; at most 16 are supported"), std::string::npos)
      << ErrorOf(kHead + levels);
}

TEST(ScenarioRobust, NonScalarKeyIsAnInputError) {
  EXPECT_EQ(ErrorOf(kHead + "? [a, b]\n: 1\n"), "/tmp/s.yaml: line 3: a key must be a plain name, not a list or mapping");
}

TEST(ScenarioRobust, InvalidUtf8NamesTheKeyAndLine) {
  EXPECT_EQ(ErrorOf(kHead + "name: \"caf\xe9\"\n"), "/tmp/s.yaml: line 3: 'name' is not valid UTF-8");
  EXPECT_EQ(ErrorOf(kHead + "cameras:\n  - {id: \"C\xff\", position: [0, 0], z: 5}\n"),
            "/tmp/s.yaml: line 4: 'id' is not valid UTF-8");
  // Valid multi-byte text passes.
  EXPECT_EQ(ErrorOf(kHead + "name: \"Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xb7\"\n"), "(accepted)");
}

TEST(ScenarioRobust, NulByteIsNamedAsSuch) {
  EXPECT_EQ(ErrorOf(kHead + std::string("name: a\0b\n", 10)),
            "/tmp/s.yaml: line 3: contains a NUL byte (a binary file, not YAML text?)");
}

TEST(ScenarioRobust, HugeFiniteNumbersAreRefused) {
  EXPECT_NE(ErrorOf(kHead + "cameras: [{id: C1, position: [0, 0], z: 1e308}]\n").find("line 3: camera 'C1' z must be within [-10000, 10000]"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "cameras: [{id: C1, position: [1e308, 0], z: 5}]\n")
                .find("line 3: camera 'C1' position x must be a finite coordinate below 1e7"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "cameras: [{id: C1, position: [0, 0, 1e40]}]\n").find("line 3: camera 'C1' position z"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "cameras: [{id: C1, position: [0, 0], z: 5, yaw: 1e308}]\n")
                .find("line 3: camera 'C1' yaw must be within [-360, 360]"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "cameras: [{id: C1, position: [0, 0], height_m: .nan}]\n").find("camera 'C1' height_m"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "defaults: {building_height_m: 1e308}\n").find("line 3: building_height_m must be below 10000 m"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "area: {bbox: [0, 0, .inf, 10]}\n").find("line 3: bbox value must be a finite coordinate"),
            std::string::npos);
  EXPECT_NE(ErrorOf(kHead + "zones: [{kind: priority, polygon: [[0, 0], [1e300, 0], [0, 1]]}]\n").find("line 3: x must be a finite"),
            std::string::npos);
}

TEST(ScenarioRobust, DeepNestingIsAnErrorNotACrash) {
  std::string deep = kHead + "name: ";
  for (int i = 0; i < 100000; ++i) deep += "[";
  EXPECT_NE(ErrorOf(deep).find("/tmp/s.yaml: line 3"), std::string::npos);
}

TEST(Utf8, AcceptsWellFormedAndRejectsTheRest) {
  EXPECT_TRUE(core::IsValidUtf8("plain ascii"));
  EXPECT_TRUE(core::IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xb7"));
  EXPECT_FALSE(core::IsValidUtf8("\xe9"));              // Latin-1
  EXPECT_FALSE(core::IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(core::IsValidUtf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(core::IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(core::IsValidUtf8("\xe2\x82"));          // truncated
}

// A 1 x 1 pixel DEM: no terrain mesh, no ground under any cell. The run used to report
// 0 m2 evaluated and exit 0; now it says why there is nothing to evaluate.
TEST(ScenarioRobust, NothingToEvaluateSaysWhy) {
  testing_util::TempDir dir;
  testing_util::WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 1, 1, 1, [](double, double) { return 5.0; });
  const auto file = testing_util::WriteText(dir / "s.yaml", "version: 1\ncity:\n  - {source: blocks.gpkg}\n"
                                                            "  - {source: dem.tif, role: terrain}\n");
  testing_util::WriteBlock(dir);
  try {
    RunCoverage(LoadScenario(file));
    FAIL() << "accepted";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("s.yaml: nothing to evaluate: none of the"), std::string::npos) << what;
    EXPECT_NE(what.find("the terrain raster has data under 0 of them"), std::string::npos) << what;
  }
  // An area smaller than one cell says so (not that a DEM is missing where there is none).
  const auto tiny = testing_util::WriteText(
      dir / "tiny.yaml", "version: 1\narea: {bbox: [500005, 300005, 500006, 300006], crs: EPSG:3059}\n"
                         "city:\n  - {source: blocks.gpkg}\ngrid: {resolution_m: 5}\n");
  try {
    RunCoverage(LoadScenario(tiny));
    FAIL() << "accepted";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("(the area, 1 x 1 m, is smaller than one 5 m cell: give a finer "
                                         "`grid: {resolution_m: ...}` or a larger area)"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace scenario
