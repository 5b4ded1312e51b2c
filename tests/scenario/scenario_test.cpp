#include "scenario/scenario.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace scenario {
namespace {

std::string ErrorOf(const std::string& yaml) {
  try {
    ParseScenario(yaml, "/tmp/s.yaml");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Scenario, SampleScenariosParse) {
  for (const char* name : {"delft.yaml", "monaco.yaml", "delft-footprints.yaml"}) {
    const Scenario s = LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / name);
    EXPECT_FALSE(s.name.empty()) << name;
    ASSERT_FALSE(s.city.sources.empty()) << name;
    EXPECT_TRUE(std::filesystem::exists(s.city.sources[0].path)) << s.city.sources[0].path;
  }
}

TEST(Scenario, FieldsAndRelativePaths) {
  const Scenario s = ParseScenario(R"(version: 1
name: Aizkraukle centre
crs: EPSG:3059
area: {bbox: [25.00, 56.59, 25.03, 56.61], crs: EPSG:4326}
city:
  - {source: ../data/town.osm.pbf, where: "building IS NOT NULL"}
  - {source: /abs/dem.tif, role: terrain}
defaults: {level_height_m: 3.2, building_height_m: 10}
)", "/work/scenarios/a.yaml");
  EXPECT_EQ(s.name, "Aizkraukle centre");
  EXPECT_EQ(s.city.crs, "EPSG:3059");
  EXPECT_EQ(s.city.sources[0].path, "/work/data/town.osm.pbf");
  EXPECT_EQ(s.city.sources[1].role, geo::SourceRole::terrain);
  EXPECT_DOUBLE_EQ(s.city.defaults.level_height_m, 3.2);
  ASSERT_TRUE(s.city.area && s.city.area->bbox);
  EXPECT_DOUBLE_EQ((*s.city.area->bbox)[2], 25.03);
}

TEST(Scenario, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("version: 1\ncity:\n  - {source: a.gpkg, heigth_attribute: h}\n"),
            "/tmp/s.yaml: line 3: unknown key 'heigth_attribute' in city[0] (allowed: crs, "
            "height_attribute, layer, levels_attribute, min_height_attribute, role, source, where)");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\ncolour: red\n"),
            "/tmp/s.yaml: line 3: unknown key 'colour' in scenario (allowed: area, city, crs, "
            "defaults, name, version)");
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a.gpkg\n").find("line "), std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\ndefaults: {level_height_m: -3}\n")
                .find("line 3: level_height_m must be a positive number"), std::string::npos);
  EXPECT_NE(ErrorOf("city: [{source: a.gpkg}]\n").find("missing `version: 1`"), std::string::npos);
  EXPECT_NE(ErrorOf("version: 2\ncity: [{source: a.gpkg}]\n").find("unsupported scenario version 2"),
            std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncity: []\n").find("at least one source"), std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a.tif, role: lidar}]\n").find("role must be"),
            std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a}]\narea: {bbox: [1, 2, 3]}\n").find("line 3: bbox"),
            std::string::npos);
}

}  // namespace
}  // namespace scenario
