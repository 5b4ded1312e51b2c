#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

TEST(CityJson, DelftSampleObjectsTrianglesAndCrs) {
  core::Diagnostics diag;
  const CityModel city = Load({Source(DataPath("delft_lod1.city.json"))}, diag);
  EXPECT_EQ(city.frame.epsg, 28992) << "horizontal part of EPSG:7415 (RD New + NAP)";
  EXPECT_EQ(CountFeatures(city, "building"), 160u);
  EXPECT_EQ(CountFeatures(city, "road"), 143u);
  EXPECT_EQ(CountFeatures(city, "plant_cover"), 126u);
  // Every surface of the file is already a triangle: 5,563 in the buildings' solids and
  // 30,708 in the other objects' multisurfaces (counted with Python's json module); the
  // loader adds the derived ground's faces that no terrain object covers.
  std::size_t building_tris = 0;
  for (std::size_t t = 0; t < city.triangles.size(); ++t)
    building_tris += city.features[city.triangle_feature[t]].kind == "building";
  EXPECT_EQ(building_tris, 5563u);
  std::size_t derived = 0;
  for (std::size_t t = 0; t < city.triangles.size(); ++t)
    derived += city.features[city.triangle_feature[t]].layer == "derived ground";
  EXPECT_GT(derived, 0u);
  EXPECT_EQ(city.triangles.size(), 5563u + 30708u + derived);
  EXPECT_EQ(city.ground_source, GroundSource::model);
  EXPECT_EQ(city.CountTriangles(Surface::vegetation), 15693u);
  EXPECT_EQ(city.CountTriangles(Surface::water), 505u);
  // geographicalExtent x: 84616.468 .. 85140.839 (RD New metres), transform applied.
  ASSERT_EQ(city.sources.size(), 1u);
  EXPECT_NEAR(city.sources[0].extent_frame.min_x, 84616.468, 0.01);
  EXPECT_NEAR(city.sources[0].extent_frame.max_x, 85140.839, 0.01);
  EXPECT_EQ(city.sources[0].height_from_attribute, 160u) << "measuredHeight";
}

// A 10 m cube with quad faces (one roof with semantics), quantised with a transform, plus a
// LandUse square with a hole.
const char* kCube = R"({
  "type": "CityJSON", "version": "2.0",
  "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/3059"},
  "transform": {"scale": [0.01, 0.01, 0.01], "translate": [500000, 300000, 10]},
  "vertices": [[0,0,0],[1000,0,0],[1000,1000,0],[0,1000,0],[0,0,1000],[1000,0,1000],[1000,1000,1000],[0,1000,1000],
               [2000,0,0],[4000,0,0],[4000,2000,0],[2000,2000,0],[2500,500,0],[2500,1500,0],[3500,1500,0],[3500,500,0]],
  "CityObjects": {
    "cube": {"type": "Building", "attributes": {"name": "Kube"},
      "geometry": [{"type": "Solid", "lod": "1",
        "boundaries": [[ [[0,3,2,1]], [[4,5,6,7]], [[0,1,5,4]], [[1,2,6,5]], [[2,3,7,6]], [[3,0,4,7]] ]],
        "semantics": {"surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
                      "values": [[0, 1, 2, 2, 2, 2]]}}]},
    "yard": {"type": "LandUse",
      "geometry": [{"type": "MultiSurface", "lod": "1",
        "boundaries": [ [[8,9,10,11],[12,13,14,15]] ]}]}
  }
})";

TEST(CityJson, QuadSolidWithSemanticsTransformAndHole) {
  TempDir dir;
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteText(dir / "cube.city.json", kCube))}, diag);
  EXPECT_EQ(city.frame.epsg, 3059);
  ASSERT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(city.features[0].name, "Kube");
  EXPECT_DOUBLE_EQ(city.features[0].base_z, 10.0);
  EXPECT_DOUBLE_EQ(city.features[0].height_m, 10.0);
  EXPECT_EQ(city.CountTriangles(Surface::roof), 2u);
  EXPECT_EQ(city.CountTriangles(Surface::wall), 8u);
  EXPECT_EQ(city.CountTriangles(Surface::underside), 2u);
  EXPECT_NEAR(PlanArea(city, Surface::roof), 100, 1e-3);
  // The land use square (20 x 20) minus its hole (10 x 10).
  double land_use = 0;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.features[city.triangle_feature[t]].kind != "land_use") continue;
    const auto& a = city.vertices[city.triangles[t].a];
    const auto& b = city.vertices[city.triangles[t].b];
    const auto& c = city.vertices[city.triangles[t].c];
    land_use += 0.5 * std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
  }
  EXPECT_NEAR(land_use, 300, 1e-2);
  // Walls face outward: the wall at x = 500010 has a +x normal.
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.triangle_surface[t] != Surface::wall) continue;
    const auto& a = city.vertices[city.triangles[t].a];
    const auto& b = city.vertices[city.triangles[t].b];
    const auto& c = city.vertices[city.triangles[t].c];
    const double nx = (b.y - a.y) * (c.z - a.z) - (b.z - a.z) * (c.y - a.y);
    const double cx = (a.x + b.x + c.x) / 3 + city.frame.origin_x;
    if (std::abs(cx - 500010) < 1e-3) {
      EXPECT_GT(nx, 0);
    }
    if (std::abs(cx - 500000) < 1e-3) {
      EXPECT_LT(nx, 0);
    }
  }
}

// measuredHeight is what an object says of itself: 1e308 or -5 m is not taken (it fed the
// height statistics of `info`), the geometry's height is, with a warning.
TEST(CityJson, AbsurdMeasuredHeightIsIgnoredForTheGeometrys) {
  TempDir dir;
  std::string text = kCube;
  const std::string name = "{\"name\": \"Kube\"}";
  ASSERT_NE(text.find(name), std::string::npos);
  text.replace(text.find(name), name.size(), "{\"name\": \"Kube\", \"measuredHeight\": 1e308}");
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteText(dir / "tall.city.json", text))}, diag);
  EXPECT_EQ(diag.Count("absurd measuredHeight ignored (unreadable, under 0.1 m or above max_height_m): the geometry's used"), 1u);
  for (const Feature& f : city.features)
    if (f.kind == "building") {
      EXPECT_EQ(f.height_source, HeightSource::geometry);
      EXPECT_LT(f.height_m, 1000);
    }
  EXPECT_EQ(city.sources[0].height_from_attribute, 0u);
  // A text with its unit is read; a tiny one is as absurd as a huge one.
  std::string feet = kCube;
  feet.replace(feet.find(name), name.size(), "{\"name\": \"Kube\", \"measuredHeight\": \"40 ft\"}");
  const CityModel in_feet = Load({Source(WriteText(dir / "feet.city.json", feet))}, diag);
  for (const Feature& f : in_feet.features)
    if (f.kind == "building") EXPECT_NEAR(f.height_m, 12.192, 1e-9);
  std::string tiny = kCube;
  tiny.replace(tiny.find(name), name.size(), "{\"name\": \"Kube\", \"measuredHeight\": 1e-300}");
  EXPECT_EQ(Load({Source(WriteText(dir / "tiny.city.json", tiny))}, diag).sources[0].height_from_attribute, 0u);
}

// A BuildingPart whose Building is not in the file (a tile cut between them) stands for it:
// the city held structures and no building.
TEST(CityJson, BuildingPartWithoutItsBuildingCountsAsOne) {
  TempDir dir;
  std::string text = kCube;
  const std::string type = "\"type\": \"Building\"";
  ASSERT_NE(text.find(type), std::string::npos);
  text.replace(text.find(type), type.size(), "\"type\": \"BuildingPart\", \"parents\": [\"elsewhere\"]");
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteText(dir / "part.city.json", text))}, diag);
  EXPECT_EQ(city.CountBuildings().buildings, 1u);
  EXPECT_EQ(diag.Count("BuildingPart without its Building in the file (counted as a building)"), 1u);
  // "parents" written as one id, not a list: taken as that list.
  std::string one_parent = kCube;
  const std::string yard = "\"yard\": {\"type\": \"LandUse\"";
  ASSERT_NE(one_parent.find(yard), std::string::npos);
  one_parent.replace(one_parent.find(yard), yard.size(), "\"yard\": {\"type\": \"BuildingPart\", \"parents\": \"cube\"");
  core::Diagnostics quiet;
  const CityModel with_part = Load({Source(WriteText(dir / "one_parent.city.json", one_parent))}, quiet);
  EXPECT_EQ(with_part.CountBuildings().buildings, 1u);
  EXPECT_EQ(with_part.CountBuildings().parts, 1u);
  EXPECT_EQ(quiet.Count("BuildingPart without its Building in the file (counted as a building)"), 0u);
}

// JSON lets a key appear twice in one object and a reader keeps one: two CityObjects of one id
// lost a building without a word. Refused, with the line when the key is not found elsewhere.
TEST(CityJson, DuplicateKeysAreRefused) {
  TempDir dir;
  core::Diagnostics diag;
  std::string text = kCube;
  const std::string yard = "\"yard\": {";
  ASSERT_NE(text.find(yard), std::string::npos);
  text.replace(text.find(yard), yard.size(), "\n\"cube\": {");
  try {
    Load({Source(WriteText(dir / "twice.city.json", text))}, diag);
    ADD_FAILURE() << "a duplicate object id was read";
  } catch (const core::InputError& e) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.find("\n\"cube\"") + 1), '\n');
    EXPECT_EQ(std::string(e.what()), (dir / "twice.city.json").string() + ": line " + std::to_string(line) +
                                         ": key \"cube\" appears twice in one object (in \"CityObjects\"): a JSON "
                                         "reader keeps only one of them, so the other would vanish; give each its own key")
        << e.what();
  }
  std::string type_twice = kCube;
  type_twice.replace(type_twice.find("\"type\": \"Building\""), 18, "\"type\": \"Building\", \"type\": \"Road\"");
  try {
    Load({Source(WriteText(dir / "type.city.json", type_twice))}, diag);
    ADD_FAILURE() << "a duplicate type was read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("type.city.json: key \"type\" appears twice in one object (in \"cube\")"),
              std::string::npos)
        << e.what();
  }
}

// "lod": "1e400" read as an infinite LoD; a version this reader does not know is said.
TEST(CityJson, LodOutOfRangeRefusedUnknownVersionSaid) {
  TempDir dir;
  core::Diagnostics diag;
  std::string text = kCube;
  text.replace(text.find("\"lod\": \"1\""), 10, "\"lod\": \"1e400\"");
  try {
    Load({Source(WriteText(dir / "lod.city.json", text))}, diag);
    ADD_FAILURE() << "an infinite LoD was read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("CityObject cube: \"lod\" \"1e400\" is no level of detail (0 to 4, or \"2.2\")"),
              std::string::npos)
        << e.what();
  }
  for (const char* not_a_lod : {"\"abc\"", "\"\"", "\"0x1\"", "\"1e0\"", "\"1.2.3\""}) {
    std::string odd = kCube;
    odd.replace(odd.find("\"lod\": \"1\""), 10, std::string("\"lod\": ") + not_a_lod);
    EXPECT_THROW(Load({Source(WriteText(dir / "odd.city.json", odd))}, diag), core::InputError) << not_a_lod;
  }
  std::string later = kCube;
  later.replace(later.find("\"version\": \"2.0\""), 16, "\"version\": \"3.0\"");
  EXPECT_EQ(CountFeatures(Load({Source(WriteText(dir / "v3.city.json", later))}, diag), "building"), 1u);
  EXPECT_EQ(diag.Count("CityJSON version not known (1.0, 1.1 and 2.0 are read): read as 2.0"), 1u);
}

TEST(CityJson, MalformedJsonNamesTheLine) {
  TempDir dir;
  const auto path = WriteText(dir / "broken.city.json", "{\n \"type\": \"CityJSON\",\n \"vertices\": [1,2,\n}\n");
  core::Diagnostics diag;
  try {
    Load({Source(path)}, diag, "EPSG:3059");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.where(), "line 4") << e.what();
  }
}

TEST(CityJson, VertexIndexOutOfRangeIsAnError) {
  TempDir dir;
  std::string bad = kCube;
  bad.replace(bad.find("[[0,3,2,1]]"), 11, "[[0,3,2,99]]");
  core::Diagnostics diag;
  EXPECT_THROW(Load({Source(WriteText(dir / "bad.city.json", bad))}, diag), core::InputError);
}

}  // namespace
}  // namespace geo
