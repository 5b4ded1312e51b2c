// Adversarial city input: huge finite numbers, bad CityJSON indices, nesting deep enough to
// overflow a recursive reader, empty GDAL reasons. Each is refused (naming the file and the
// object) or repaired and counted; none may reach Embree.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "sim/scene.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

std::string CityJson(const std::string& vertices, const std::string& boundaries,
                     const std::string& type = "MultiSurface") {
  return R"({"type": "CityJSON", "version": "2.0",
  "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/3059"},
  "vertices": )" + vertices + R"(,
  "CityObjects": {"b1": {"type": "Building", "geometry": [{"type": ")" + type + R"(", "lod": "1",
    "boundaries": )" + boundaries + "}]}}}";
}

const std::string kSquare = "[[500000,300000,0],[500010,300000,0],[500010,300010,0],[500000,300010,0]]";

std::string LoadError(const std::filesystem::path& file) {
  core::Diagnostics diag;
  try {
    Load({Source(file)}, diag);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(RobustInput, CityJsonIndexAsFloatNegativeOrOutOfRange) {
  TempDir dir;
  const auto check = [&](const std::string& boundaries, const std::string& expected) {
    const auto file = WriteText(dir / "c.city.json", CityJson(kSquare, boundaries));
    const std::string error = LoadError(file);
    EXPECT_NE(error.find("c.city.json: CityObject b1: " + expected), std::string::npos) << error;
  };
  check("[[[0,1,2,1e12]]]", "vertex index 1000000000000.0 is not a whole number");
  check("[[[0,1,2,-1.0]]]", "vertex index -1.0 is not a whole number");
  check("[[[0,1,2,-1]]]", "vertex index -1 out of range (the file has 4 vertices)");
  check("[[[0,1,2,4]]]", "vertex index 4 out of range");
  check("[[[0,1,2,18446744073709551615]]]", "vertex index 18446744073709551615 out of range");
  check("[[[0,1,2,\"3\"]]]", "vertex index \"3\" is not a whole number");
}

TEST(RobustInput, CityJsonNestingBeyondTheGeometryTypeIsNamed) {
  TempDir dir;
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "[";
  deep += "0";
  for (int i = 0; i < 200000; ++i) deep += "]";
  const std::string error = LoadError(WriteText(dir / "deep.city.json", CityJson(kSquare, deep)));
  EXPECT_NE(error.find("deep.city.json: CityObject b1: boundaries nested deeper than a MultiSurface allows"),
            std::string::npos)
      << error;
  // Too shallow is named too.
  const std::string shallow = LoadError(WriteText(dir / "flat.city.json", CityJson(kSquare, "[0, 1, 2]")));
  EXPECT_NE(shallow.find("CityObject b1: boundaries of a MultiSurface must be lists nested 3 deep"), std::string::npos)
      << shallow;
}

TEST(RobustInput, CityJsonVertexBeyondTheFrameIsSkippedWithAWarning) {
  TempDir dir;
  // One object uses a vertex with z = 1e40 (finite as a double, infinite as a float).
  const std::string doc = R"({"type": "CityJSON", "version": "2.0",
  "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/3059"},
  "vertices": [[500000,300000,0],[500010,300000,0],[500010,300010,0],[500000,300010,1e40]],
  "CityObjects": {
    "good": {"type": "Building", "geometry": [{"type": "MultiSurface", "boundaries": [[[0,1,2]]]}]},
    "bad": {"type": "Building", "geometry": [{"type": "MultiSurface", "boundaries": [[[0,2,3]]]}]}}})";
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteText(dir / "z.city.json", doc))}, diag);
  EXPECT_EQ(diag.Count("CityJSON object with vertices outside the supported range skipped (|x|, |y| < 1e7 m, |z| < 1e4 m)"),
            1u);
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_NO_THROW(sim::BuildScene(city));
}

// A 447-byte GeoTIFF (found by fuzz_tif) whose header claims 65,535 pixel-interleaved bands of
// 8,196 x 155 pixels: reading band 1 made GDAL load a block of every band, 8.6 GB, for 24 s.
TEST(RobustInput, RasterWhoseBlocksWouldTakeGigabytesIsRefused) {
  static const unsigned char kTiff[] = {
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x03, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x04, 0x20, 0x00, 0x00, 0x01, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x9b, 0x00,
    0x00, 0x00, 0x02, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x03, 0x01,
    0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x60, 0x01, 0x03, 0x01, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x11, 0x01, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x7c, 0x01,
    0x00, 0x00, 0x15, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xfd, 0x00, 0x16, 0x01,
    0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x17, 0x01, 0x04, 0x00, 0x15, 0x00,
    0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x1c, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x53, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0e, 0x83,
    0x0c, 0x00, 0x03, 0x00, 0x00, 0x00, 0xd4, 0x00, 0x00, 0x00, 0x82, 0x84, 0x0c, 0x00, 0x06, 0x00,
    0x00, 0x00, 0xec, 0x00, 0x00, 0x00, 0xaf, 0x87, 0x03, 0x00, 0x20, 0x00, 0x00, 0x00, 0x1c, 0x01,
    0x00, 0x00, 0xb1, 0x87, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00, 0x5c, 0x01, 0x00, 0x00, 0x81, 0xa4,
    0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0xce, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0x30,
    0x30, 0x30, 0x31, 0x21, 0xf9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xd2, 0xbf, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0xf4, 0xc0, 0x00, 0x00, 0x40, 0x00, 0x01,
    0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x17, 0x01, 0x04, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x1c, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x53, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0e, 0x83,
    0xb1, 0x87, 0x0b, 0x00, 0x14, 0xfb, 0xff, 0x08, 0x00, 0x00, 0x01, 0x06, 0x8e, 0x23, 0x00, 0x0c,
    0x00, 0x00, 0x01, 0x00, 0x40, 0x71, 0x04, 0x0c, 0x00, 0x00, 0x01, 0x00, 0x29, 0x23, 0x41, 0x6d,
    0x65, 0x72, 0x73, 0x66, 0x6f, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0e, 0x83, 0x0c,
    0x00, 0x03, 0x00, 0x00, 0x00, 0xd4, 0x00, 0x00, 0x00, 0x82, 0x84, 0x0c, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0xec, 0x00, 0x00, 0x00, 0xaf, 0x87, 0x03, 0x00, 0x20, 0x00, 0x00, 0x00, 0x1c, 0x01,
    0x00, 0x00, 0xb1, 0x87, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00, 0x5c, 0x01, 0x00, 0x00, 0x81, 0xa4,
    0x02, 0x2e, 0x78, 0x6d, 0x6c, 0x2e, 0x67, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0x31,
    0x36, 0x31, 0x35, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2d, 0x00, 0x10, 0xe0, 0x60,
  };
  TempDir dir;
  const auto path = dir / "bands.tif";
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(kTiff), sizeof kTiff);
  }
  CitySource source = Source(path);
  source.role = SourceRole::terrain;
  source.crs = "EPSG:3059";
  core::Diagnostics diag;
  try {
    Load({source}, diag);
    ADD_FAILURE() << "read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the raster has 65535 bands in blocks of 8196 x 4 pixels: reading its first "
                                         "band would take 8.6 GB"),
              std::string::npos)
        << e.what();
  }
}

TEST(RobustInput, DemValuesOutsideTheEarthBecomeNodata) {
  TempDir dir;
  // 4 x 4 DEM of 10 m pixels at 20 m, one pixel of 3e38 (corrupt) and one of -1000.
  const auto dem = WriteRaster(dir / "dem.tif", 3059, 500000, 300000, 10, 4, 4, [](double x, double y) {
    if (x < 500010 && y > 300030) return 3e38;
    if (x > 500030 && y < 300010) return -1000.0;
    return 20.0;
  });
  core::Diagnostics diag;
  const CityModel city = Load({Source(dem)}, diag);
  EXPECT_EQ(diag.Count("raster values outside -500..9000 m treated as nodata"), 1u);
  const Box3f b = city.Bounds();
  EXPECT_FLOAT_EQ(b.max.z, 20.0f);
  EXPECT_GE(b.min.z, 0.0f);
  EXPECT_NO_THROW(sim::BuildScene(city));
}

TEST(RobustInput, FootprintCoordinatesBeyondTheFrameAreSkipped) {
  TempDir dir;
  const auto file = WriteVector(dir / "f.gpkg", 3059,
                                {{"POLYGON((500000 300000,500020 300000,500020 300020,500000 300020,500000 300000))",
                                  {{"height", "10"}}},
                                 {"POLYGON((500000 300000,1e300 300000,500020 300020,500000 300000))", {{"height", "10"}}}});
  core::Diagnostics diag;
  const CityModel city = Load({Source(file)}, diag);
  EXPECT_EQ(diag.Count("feature outside the supported range skipped (|x|, |y| < 1e7 m from the frame origin)"), 1u);
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
}

TEST(RobustInput, SceneRefusesAMeshBeyondFloatRange) {
  CityModel city;
  city.vertices = {{0, 0, 0}, {1, 0, 0}, {0, 1, 3e38f}};
  city.triangles = {{0, 1, 2}};
  city.triangle_feature = {0};
  city.triangle_surface = {Surface::roof};
  Feature f;
  f.source = "x.city.json";
  f.source_id = "b7";
  city.features = {f};
  try {
    sim::BuildScene(city);
    FAIL() << "accepted";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("x.city.json: feature b7: a vertex lies outside the supported range"),
              std::string::npos)
        << e.what();
  }
}

TEST(RobustInput, GdalFailuresAlwaysGiveAReason) {
  TempDir dir;
  std::filesystem::create_directories(dir / "folder.gpkg");
  EXPECT_NE(LoadError(dir / "folder.gpkg").find("it is a folder, not a data file"), std::string::npos);
  EXPECT_NE(LoadError(WriteText(dir / "empty.gpkg", "")).find("the file is empty"), std::string::npos);
  const std::string random = LoadError(WriteText(dir / "noise.bin", std::string("\x01\x02\xff\xfe garbage", 12)));
  EXPECT_NE(random.find("noise.bin: not a format GDAL can read: "), std::string::npos) << random;
  EXPECT_EQ(random.find("read: \n"), std::string::npos);
  EXPECT_NE(random.back(), ' ') << random;
}

TEST(RobustInput, AreaModeCountsFeaturesTheSpatialFilterHidesAndNamesTheSource) {
  TempDir dir;
  // Only broken features: one without geometry, one with an empty geometry.
  const auto file = WriteVector(dir / "broken.gpkg", 3059, {{"", {{"height", "10"}}}, {"POLYGON EMPTY", {{"height", "5"}}}});
  CityLoadOptions options;
  options.sources = {Source(file)};
  AreaOfInterest area;
  area.bbox = std::array<double, 4>{500000, 300000, 500100, 300100};
  area.crs = "EPSG:3059";
  options.area = area;
  core::Diagnostics diag;
  try {
    LoadCity(options, diag);
    FAIL() << "accepted";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("broken.gpkg: area: nothing of the city lies inside the area; 2 x feature without geometry skipped"),
              std::string::npos)
        << what;
  }
  EXPECT_EQ(diag.Count("feature without geometry skipped"), 2u);
}

}  // namespace
}  // namespace geo
