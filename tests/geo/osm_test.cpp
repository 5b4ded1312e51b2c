#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "core/error.h"
#include "geo/footprint.h"
#include "geo/osm_tags.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

// A tiny OSM XML city near (9 E, 0 N), the centre of UTM zone 32N. Squares are 0.0001 deg.
std::string TinyOsm() {
  std::ostringstream osm;
  osm << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n";
  int node = 1;
  // Square with south-west corner (lon, lat) and side s degrees; returns its first node id.
  auto square = [&](double lon, double lat, double s) {
    const int first = node;
    const double pts[4][2] = {{lon, lat}, {lon + s, lat}, {lon + s, lat + s}, {lon, lat + s}};
    for (const auto& p : pts)
      osm << " <node id='" << node++ << "' lat='" << p[1] << "' lon='" << p[0] << "'/>\n";
    return first;
  };
  auto way = [&](int id, int first, const std::string& tags) {
    osm << " <way id='" << id << "'>";
    for (int k = 0; k < 4; ++k) osm << "<nd ref='" << first + k << "'/>";
    osm << "<nd ref='" << first << "'/>" << tags << "</way>\n";
  };
  osm.precision(10);
  way(10, square(9.0000, 0.0000, 0.0001), "<tag k='building' v='yes'/><tag k='height' v='12 m'/>");
  way(11, square(9.0003, 0.0000, 0.0001), "<tag k='building' v='yes'/><tag k='building:levels' v='3'/>");
  way(12, square(9.0006, 0.0000, 0.0001),
      "<tag k='building' v='roof'/><tag k='height' v='10'/><tag k='min_height' v='4'/>");
  way(13, square(9.0009, 0.0000, 0.0001), "<tag k='building' v='no'/>");
  way(14, square(9.0012, 0.0000, 0.0001), "<tag k='building' v='yes'/><tag k='name' v='Spīdolas iela 1'/>");
  way(20, square(9.0000, 0.0005, 0.0004), "");
  way(21, square(9.0001, 0.0006, 0.0002), "");
  // OSM XML order: nodes and ways before relations.
  osm << " <node id='" << node++ << "' lat='0.0003' lon='9.0003'><tag k='highway' v='street_lamp'/></node>\n";
  osm << " <node id='" << node << "' lat='0.0004' lon='9.0001'/>\n";
  osm << " <way id='30'><nd ref='1'/><nd ref='" << node << "'/><tag k='highway' v='footway'/></way>\n";
  osm << " <relation id='100'><member type='way' ref='20' role='outer'/>"
         "<member type='way' ref='21' role='inner'/><tag k='type' v='multipolygon'/>"
         "<tag k='building' v='yes'/><tag k='height' v='40 ft'/></relation>\n";
  osm << "</osm>\n";
  return osm.str();
}

// The same file as an editor saves its new objects: every id and reference negative.
std::string WithNegativeIds(std::string text) {
  for (const std::string attribute : {"id='", "ref='"})
    for (std::size_t at = text.find(attribute); at != std::string::npos; at = text.find(attribute, at + 1))
      text.insert(at + attribute.size(), "-");
  return text;
}

const Feature* FindFeature(const CityModel& city, const std::string& id) {
  for (const auto& f : city.features)
    if (f.source_id == id) return &f;
  return nullptr;
}

// z range of a feature's triangles of one class.
std::pair<float, float> ZRange(const CityModel& city, std::uint32_t fid, Surface s) {
  float lo = 1e9f, hi = -1e9f;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.triangle_feature[t] != fid || city.triangle_surface[t] != s) continue;
    for (auto v : {city.triangles[t].a, city.triangles[t].b, city.triangles[t].c}) {
      lo = std::min(lo, city.vertices[v].z);
      hi = std::max(hi, city.vertices[v].z);
    }
  }
  return {lo, hi};
}

double FeaturePlanArea(const CityModel& city, std::uint32_t fid) {
  double area = 0;
  for (std::size_t t = 0; t < city.triangles.size(); ++t) {
    if (city.triangle_feature[t] != fid || city.triangle_surface[t] != Surface::roof) continue;
    const auto& a = city.vertices[city.triangles[t].a];
    const auto& b = city.vertices[city.triangles[t].b];
    const auto& c = city.vertices[city.triangles[t].c];
    area += 0.5 * ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
  }
  return area;
}

class TinyOsmCity : public ::testing::Test {
 protected:
  void SetUp() override {
    city = Load({Source(WriteText(dir / "tiny.osm", TinyOsm()))}, diag);
  }
  TempDir dir;
  core::Diagnostics diag;
  CityModel city;
};

TEST_F(TinyOsmCity, PicksUtmZoneAndReadsLayers) {
  EXPECT_EQ(city.frame.epsg, 32632);
  EXPECT_EQ(CountFeatures(city, "building"), 5u) << "building=no is not a building";
  ASSERT_EQ(city.poles.size(), 1u);
  EXPECT_EQ(city.poles[0].kind, "street_lamp");
  ASSERT_EQ(city.paths.size(), 1u);
  EXPECT_EQ(city.paths[0].kind, "footway");
  EXPECT_EQ(diag.Count("building without height (default building_height_m used)"), 1u);
}

// A file saved by an editor (JOSM: new objects have negative ids) and without <bounds>: the
// frame is chosen from its features, read as the reader reads them (the probe once scanned
// it with GDAL's fast node index, which takes no negative id, and found no place at all).
TEST(Osm, EditorsFileWithoutBoundsIsPlacedFromItsFeatures) {
  TempDir dir;
  const std::string text = WithNegativeIds(TinyOsm());
  ASSERT_EQ(text.find("<bounds"), std::string::npos);
  core::Diagnostics diag;
  const CityModel city = Load({Source(WriteText(dir / "josm.osm", text))}, diag);
  EXPECT_EQ(city.frame.epsg, 32632);
  EXPECT_EQ(CountFeatures(city, "building"), 5u);
  EXPECT_EQ(diag.Count("the scenario CRS does not suit the place"), 0u);
}

// TinyOsm with a <bounds> element after the <osm> line.
std::string TinyOsmWithBounds(const std::string& bounds, std::string text = TinyOsm()) {
  const std::size_t line = text.find('\n', text.find("<osm ")) + 1;
  return text.insert(line, " " + bounds + "\n");
}

// <bounds> that hold none of the features (copied from another file) placed the frame there:
// the origin 1,000 km from the city and another UTM zone. The features' extent is used instead,
// with a warning; the frame is the one the same file without bounds gets.
TEST(Osm, BoundsAwayFromTheFeaturesAreReplacedByTheirExtent) {
  TempDir dir;
  core::Diagnostics plain_diag, diag;
  const CityModel plain = Load({Source(WriteText(dir / "plain.osm", TinyOsm()))}, plain_diag);
  const CityModel city = Load({Source(WriteText(dir / "far.osm", TinyOsmWithBounds(
      "<bounds minlat='40.0' minlon='-3.0' maxlat='40.01' maxlon='-2.99'/>")))}, diag);
  EXPECT_EQ(city.frame.epsg, 32632);
  EXPECT_EQ(city.frame.origin_x, plain.frame.origin_x);
  EXPECT_EQ(city.frame.origin_y, plain.frame.origin_y);
  EXPECT_EQ(diag.Count("a file's stated extent ignored"), 1u);
  EXPECT_EQ(diag.Count("the scenario CRS does not suit the place"), 0u);
  EXPECT_EQ(CountFeatures(city, "building"), 5u);
  EXPECT_EQ(diag.Count("building without height (default building_height_m used)"), 1u) << "warned once, not per reading";
  // The whole world's box holds them all but centres the map on 0 0, 1,000 km away.
  core::Diagnostics world_diag;
  const CityModel world = Load({Source(WriteText(dir / "world.osm", TinyOsmWithBounds(
      "<bounds minlat='-90' minlon='-180' maxlat='90' maxlon='180'/>")))}, world_diag);
  EXPECT_EQ(world.frame.epsg, 32632);
  EXPECT_EQ(world.frame.origin_x, plain.frame.origin_x);
  EXPECT_EQ(world_diag.Count("a file's stated extent ignored"), 1u);
  // A download's box cuts through its features (ways that cross it): trusted as it is.
  core::Diagnostics cut_diag;
  const CityModel cut = Load({Source(WriteText(dir / "cut.osm", TinyOsmWithBounds(
      "<bounds minlat='0.0' minlon='9.0' maxlat='0.0002' maxlon='9.0002'/>")))}, cut_diag);
  EXPECT_EQ(cut_diag.Count("a file's stated extent ignored"), 0u);
}

TEST(Osm, BoundsThatAreNoLonLatAreIgnored) {
  TempDir dir;
  for (const std::string bounds : {"<bounds minlat='999' minlon='9.0' maxlat='999.5' maxlon='9.1'/>",
                                   "<bounds minlat='0.01' minlon='9.0' maxlat='0.0' maxlon='9.1'/>"}) {
    core::Diagnostics diag;
    const CityModel city = Load({Source(WriteText(dir / "bad_bounds.osm", TinyOsmWithBounds(bounds)))}, diag);
    EXPECT_EQ(city.frame.epsg, 32632) << bounds;
    EXPECT_EQ(diag.Count("a file's stated extent ignored"), 1u) << bounds;
    EXPECT_EQ(diag.Count("the scenario CRS does not suit the place"), 0u) << bounds;
  }
}

TEST(Osm, AFileWithNothingPlacedSaysSoAndNamesIt) {
  TempDir dir;
  const auto path = WriteText(dir / "empty.osm",
      "<?xml version='1.0'?>\n<osm version='0.6'>\n <relation id='1'><member type='way' ref='9' role='outer'/>"
      "<tag k='type' v='multipolygon'/><tag k='building' v='yes'/></relation>\n</osm>\n");
  core::Diagnostics diag;
  std::string error;
  try {
    Load({Source(path)}, diag);
  } catch (const core::InputError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("empty.osm"), std::string::npos) << error;
  EXPECT_NE(error.find("nothing in the sources has coordinates"), std::string::npos) << error;
  // With a CRS the reader says it, and no "CRS does not suit the place" for the origin at 0 0.
  core::Diagnostics crs_diag;
  error.clear();
  try {
    Load({Source(path)}, crs_diag, "EPSG:32632");
  } catch (const core::InputError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("empty.osm"), std::string::npos) << error;
  EXPECT_EQ(crs_diag.Count("the scenario CRS does not suit the place"), 0u);
}

// GDAL prints lon="1e300" with all its 301 digits; the message keeps it readable.
TEST(Osm, AHugeCoordinateIsSaidInAFewDigits) {
  TempDir dir;
  std::string text = TinyOsm();
  text.replace(text.find("lon='9'"), 7, "lon='1e300'");
  core::Diagnostics diag;
  std::string error;
  try {
    Load({Source(WriteText(dir / "huge.osm", text))}, diag);
  } catch (const core::InputError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("huge.osm"), std::string::npos) << error;
  EXPECT_NE(error.find("(301 digits)"), std::string::npos) << error;
  EXPECT_LT(error.size(), 200u) << error;
}

// `where:` picks buildings; the water and the sea of the same GDAL layer stay.
TEST(Osm, WhereFiltersBuildingsAndKeepsTheWater) {
  TempDir dir;
  std::string text = TinyOsm();
  text.insert(text.find(" <relation"),
              " <node id='900' lat='0.0010' lon='9.0000'/><node id='901' lat='0.0010' lon='9.0004'/>"
              "<node id='902' lat='0.0014' lon='9.0004'/>\n <way id='90'><nd ref='900'/><nd ref='901'/>"
              "<nd ref='902'/><nd ref='900'/><tag k='natural' v='water'/></way>\n");
  CitySource source = Source(WriteText(dir / "water.osm", text));
  core::Diagnostics all_diag;
  const CityModel all = Load({source}, all_diag);
  ASSERT_EQ(CountFeatures(all, "water"), 1u);
  source.where = "building = 'roof'";
  core::Diagnostics diag;
  const CityModel city = Load({source}, diag);
  EXPECT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(CountFeatures(city, "water"), 1u);
  EXPECT_EQ(diag.Count("`where:` matched no building"), 0u);
  // A filter that keeps no building says so (the water alone would pass in silence).
  source.where = "building = 'castle'";
  core::Diagnostics none_diag;
  const CityModel none = Load({source}, none_diag);
  EXPECT_EQ(CountFeatures(none, "building"), 0u);
  EXPECT_EQ(none_diag.Count("`where:` matched no building"), 1u);
}

// A PBF written from an editor's file (negative ids; osmium keeps them): GDAL's fast node index
// stops at the first id that does not increase. The file is read again with the SQLite index,
// with its header's box (read path) and without (the probe's scan).
TEST(Osm, PbfWithIdsThatDoNotIncreaseIsRead) {
  if (std::system("command -v osmium >/dev/null 2>&1") != 0) GTEST_SKIP() << "osmium-tool is not installed";
  TempDir dir;
  const std::string text = WithNegativeIds(TinyOsm());
  const auto xml = WriteText(dir / "josm.osm", text);
  const auto boxed = WriteText(dir / "josm_boxed.osm",
      TinyOsmWithBounds("<bounds minlat='-0.001' minlon='8.999' maxlat='0.002' maxlon='9.002'/>", text));
  for (const auto& [from, to] : {std::pair{xml, dir / "josm.osm.pbf"}, std::pair{boxed, dir / "boxed.osm.pbf"}}) {
    ASSERT_EQ(std::system(("osmium cat -O -o '" + to.string() + "' '" + from.string() + "'").c_str()), 0);
    core::Diagnostics diag;
    const CityModel city = Load({Source(to)}, diag);
    EXPECT_EQ(city.frame.epsg, 32632) << to;
    EXPECT_EQ(CountFeatures(city, "building"), 5u) << to;
  }
}

TEST_F(TinyOsmCity, HeightsFromTagsLevelsAndUnits) {
  EXPECT_DOUBLE_EQ(FindFeature(city, "way/10")->height_m, 12.0);
  EXPECT_EQ(FindFeature(city, "way/10")->height_source, HeightSource::attribute);
  EXPECT_DOUBLE_EQ(FindFeature(city, "way/11")->height_m, 9.0);  // 3 levels x 3 m
  EXPECT_EQ(FindFeature(city, "way/11")->height_source, HeightSource::levels);
  EXPECT_NEAR(FindFeature(city, "relation/100")->height_m, 12.192, 1e-9);  // 40 ft
  EXPECT_DOUBLE_EQ(FindFeature(city, "way/14")->height_m, 9.0);  // the default
  EXPECT_EQ(FindFeature(city, "way/14")->name, "Spīdolas iela 1");
}

TEST_F(TinyOsmCity, OverhangFloatsBetweenMinHeightAndHeight) {
  const Feature* f = FindFeature(city, "way/12");
  ASSERT_NE(f, nullptr);
  const auto fid = static_cast<std::uint32_t>(f - city.features.data());
  EXPECT_DOUBLE_EQ(f->min_height_m, 4.0);
  const auto [wall_lo, wall_hi] = ZRange(city, fid, Surface::wall);
  EXPECT_FLOAT_EQ(wall_lo, 4.0f);
  EXPECT_FLOAT_EQ(wall_hi, 10.0f);
  const auto [under_lo, under_hi] = ZRange(city, fid, Surface::underside);
  EXPECT_FLOAT_EQ(under_lo, 4.0f) << "an underside closes the floating body";
  EXPECT_FLOAT_EQ(under_hi, 4.0f);
  // Walls of grounded buildings start at z = 0 and they have no underside.
  const auto grounded = static_cast<std::uint32_t>(FindFeature(city, "way/10") - city.features.data());
  EXPECT_FLOAT_EQ(ZRange(city, grounded, Surface::wall).first, 0.0f);
  EXPECT_EQ(ZRange(city, grounded, Surface::underside).first, 1e9f);
}

TEST_F(TinyOsmCity, MultipolygonHoleIsLeftOpen) {
  const auto courtyard = static_cast<std::uint32_t>(FindFeature(city, "relation/100") - city.features.data());
  const auto plain = static_cast<std::uint32_t>(FindFeature(city, "way/10") - city.features.data());
  // Outer 4 x 4 units with a 2 x 2 hole vs a 1 x 1 square: ratio 12 (small-area projection is
  // affine to 1e-6 here).
  EXPECT_NEAR(FeaturePlanArea(city, courtyard) / FeaturePlanArea(city, plain), 12.0, 0.01);
  EXPECT_NEAR(FeaturePlanArea(city, plain), 11.05 * 11.05, 3.0) << "0.0001 deg is ~11 m";
}

TEST(Osm, MonacoSampleMatchesOgrinfoCounts) {
  core::Diagnostics diag;
  const CityModel city = Load({Source(DataPath("monaco-latest.osm.pbf"))}, diag, "EPSG:32632");
  // ogrinfo: SELECT COUNT(*) FROM multipolygons WHERE building IS NOT NULL -> 1205
  EXPECT_EQ(CountFeatures(city, "building"), 1205u);
  ASSERT_EQ(city.sources.size(), 1u);
  const SourceSummary& s = city.sources[0];
  EXPECT_EQ(s.height_from_attribute, 39u);  // tagged height / building:height
  EXPECT_EQ(s.height_from_levels, 84u);     // 85 tagged building:levels, one of them "0"
  EXPECT_EQ(s.height_defaulted, 1205u - 39u - 84u);
  // ogrinfo: SELECT COUNT(*) FROM lines WHERE highway IS NOT NULL -> 2423
  EXPECT_EQ(city.paths.size(), 2423u);
  std::size_t lamps = 0;
  for (const auto& p : city.poles) lamps += p.kind == "street_lamp";
  EXPECT_EQ(lamps, 17u);  // ogrinfo: points WHERE highway='street_lamp'
  EXPECT_EQ(diag.Count("invalid polygon repaired (self-intersection, spike or bad hole)"), 1u);
  // Every building contributes walls and a roof.
  EXPECT_GT(city.CountTriangles(Surface::wall), 2 * 4 * 1205u);
  EXPECT_GE(city.CountTriangles(Surface::roof), 2 * 1205u);
}

TEST(Osm, OtherTagsParser) {
  const auto tags = detail::ParseOtherTags(R"("height"=>"39","name:lv"=>"Aizkraukle \"centrs\"","x"=>"")");
  EXPECT_EQ(tags.at("height"), "39");
  EXPECT_EQ(tags.at("name:lv"), "Aizkraukle \"centrs\"");
  EXPECT_EQ(tags.at("x"), "");
}

TEST(Osm, LengthParser) {
  EXPECT_DOUBLE_EQ(*detail::ParseLength("12"), 12.0);
  EXPECT_DOUBLE_EQ(*detail::ParseLength("12.5 m"), 12.5);
  EXPECT_DOUBLE_EQ(*detail::ParseLength("12,5"), 12.5);
  EXPECT_NEAR(*detail::ParseLength("10 ft"), 3.048, 1e-12);
  // Feet and inches as OpenStreetMap writes them, inches, centimetres.
  EXPECT_NEAR(*detail::ParseLength("12'6\""), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12' 6\""), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("40'"), 12.192, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("30\""), 0.762, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("350 cm"), 3.5, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12 ft 6 in"), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12ft6in"), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12'6''"), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12\u20326\u2033"), 3.81, 1e-12);  // prime marks
  EXPECT_NEAR(*detail::ParseLength("12'-6\""), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("12'6"), 3.81, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("40 feet"), 12.192, 1e-12);
  EXPECT_NEAR(*detail::ParseLength("3500 mm"), 3.5, 1e-12);
  EXPECT_FALSE(detail::ParseLength("12'13\"").has_value());  // not inches
  EXPECT_FALSE(detail::ParseLength("12 ft 6 m").has_value());
  EXPECT_FALSE(detail::ParseLength("12'x\"").has_value());
  EXPECT_FALSE(detail::ParseLength("tall").has_value());
  EXPECT_FALSE(detail::ParseLength("12 storeys").has_value());
}

}  // namespace
}  // namespace geo
