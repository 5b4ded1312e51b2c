#include <gtest/gtest.h>

#include "core/error.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

// Independent expectations from OGR itself: walls = 2 per ring edge, roof = n + 2h - 2 per
// polygon with n ring points and h holes.
struct Expected {
  std::size_t features = 0, walls = 0, roofs = 0;
};
Expected CountWithOgr(const std::filesystem::path& path) {
  GDALAllRegister();
  Expected e;
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  for (auto& f : *ds->GetLayer(0)) {
    ++e.features;
    const OGRGeometry* g = f->GetGeometryRef();
    std::vector<const OGRPolygon*> polys;
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon) polys.push_back(g->toPolygon());
    else
      for (const OGRPolygon* p : *g->toMultiPolygon()) polys.push_back(p);
    for (const OGRPolygon* p : polys) {
      std::size_t n = 0;
      for (const OGRLinearRing* r : *p) n += r->getNumPoints() - 1;
      e.walls += 2 * n;
      e.roofs += n + 2 * p->getNumInteriorRings() - 2;
    }
  }
  GDALClose(ds);
  return e;
}

TEST(VectorFootprints, DelftGeoJsonHeightsAndTriangleCountsMatchOgr) {
  core::Diagnostics diag;
  const auto path = DataPath("delft_buildings_footprints_height.geojson");
  const CityModel city = Load({Source(path)}, diag);
  const Expected e = CountWithOgr(path);
  EXPECT_EQ(e.features, 160u);  // ogrinfo: Feature Count: 160
  EXPECT_EQ(CountFeatures(city, "building"), 160u);
  EXPECT_EQ(city.frame.epsg, 28992) << "the source's projected CRS becomes the frame";
  EXPECT_EQ(city.CountTriangles(Surface::wall), e.walls);
  EXPECT_EQ(city.CountTriangles(Surface::roof), e.roofs);
  EXPECT_EQ(city.sources[0].height_from_attribute, 160u);
  EXPECT_EQ(diag.Total(), 0u);
}

TEST(VectorFootprints, DelftBgtWithoutHeightsGetsDefaultWithCountedWarning) {
  core::Diagnostics diag;
  const CityModel city = Load({Source(DataPath("delft_bgt_pand.sqlite"))}, diag);
  EXPECT_EQ(CountFeatures(city, "building"), 160u);
  EXPECT_EQ(city.sources[0].height_defaulted, 160u);
  EXPECT_EQ(diag.Count("building without height (default building_height_m used)"), 160u);
  for (const auto& f : city.features)
    if (f.kind == "building") {
      EXPECT_DOUBLE_EQ(f.height_m, 9.0);
    }
}

TEST(VectorFootprints, CourtyardHoleAndOverhangFromAttributes) {
  TempDir dir;
  const auto path = WriteVector(dir / "blocks.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300000,500010 300010,500000 300010,500000 300000),"
        "(500003 300003,500003 300007,500007 300007,500007 300003,500003 300003))",
        {{"hoehe", "6"}}},
       {"POLYGON((500020 300000,500030 300000,500030 300010,500020 300010,500020 300000))",
        {{"hoehe", "12"}, {"min_height", "5"}}}});
  geo::CitySource s = Source(path);
  s.height_attribute = "hoehe";
  core::Diagnostics diag;
  const CityModel city = Load({s}, diag);
  ASSERT_EQ(CountFeatures(city, "building"), 2u);
  EXPECT_NEAR(PlanArea(city, Surface::roof), 84 + 100, 1e-3) << "courtyard of 16 m^2 left open";
  EXPECT_NEAR(PlanArea(city, Surface::underside), 100, 1e-3) << "only the overhang floats";
  EXPECT_EQ(city.CountTriangles(Surface::wall), 2u * 8 + 2u * 4);
  EXPECT_DOUBLE_EQ(city.features[1].min_height_m, 5.0);
}

TEST(VectorFootprints, LevelsAttributeAndAreaClip) {
  TempDir dir;
  const auto path = WriteVector(dir / "blocks.geojson", 4326,
      {{"POLYGON((24.0 56.65,24.0001 56.65,24.0001 56.6501,24.0 56.6501,24.0 56.65))", {{"floors", "4"}}},
       {"POLYGON((24.01 56.65,24.0101 56.65,24.0101 56.6501,24.01 56.6501,24.01 56.65))", {{"floors", "2"}}}});
  geo::CityLoadOptions options;
  geo::CitySource s = Source(path);
  s.levels_attribute = "floors";
  options.sources = {s};
  options.crs = "EPSG:3059";
  options.area = geo::AreaOfInterest{};
  options.area->bbox = std::array<double, 4>{23.999, 56.649, 24.005, 56.652};
  options.area->crs = "EPSG:4326";
  core::Diagnostics diag;
  const CityModel city = geo::LoadCity(options, diag);
  ASSERT_EQ(CountFeatures(city, "building"), 1u) << "the second building lies outside the area";
  EXPECT_DOUBLE_EQ(city.features[0].height_m, 12.0);
  EXPECT_EQ(city.features[0].height_source, HeightSource::levels);
}

TEST(VectorFootprints, MissingConfiguredAttributeNamesTheFields) {
  TempDir dir;
  const auto path = WriteVector(dir / "b.gpkg", 3059,
      {{"POLYGON((0 0,10 0,10 10,0 10,0 0))", {{"hoehe", "6"}}}});
  geo::CitySource s = Source(path);
  s.height_attribute = "height_m";
  core::Diagnostics diag;
  try {
    Load({s}, diag);
    FAIL() << "expected an InputError";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'height_m' is not a field (fields: hoehe)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace geo

namespace geo {
namespace {

using namespace testing_util;

TEST(VectorFootprints, PolygonAreaOfInterestInAnotherCrs) {
  // Two blocks in LKS-92; the area is a WGS 84 triangle around the first one only.
  TempDir dir;
  const auto path = WriteVector(dir / "b.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300000,500010 300010,500000 300010,500000 300000))", {{"height", "5"}}},
       {"POLYGON((500100 300000,500110 300000,500110 300010,500100 300010,500100 300000))", {{"height", "5"}}}});
  // Corners of the triangle from LKS-92 to lon/lat, so the test states the area in metres.
  Frame lks = MakeFrame(CrsToWkt("EPSG:3059", ""), {});
  CrsTransform to_wgs84 = CrsTransform::FromFrame(lks, "EPSG:4326");
  std::string wkt = "POLYGON((";
  for (auto [x, y] : {std::pair{499990.0, 299990.0}, {500050.0, 299990.0}, {499990.0, 300050.0},
                      {499990.0, 299990.0}}) {
    ASSERT_TRUE(to_wgs84.Apply(x, y));
    wkt += std::to_string(x) + " " + std::to_string(y) + ",";
  }
  wkt.back() = ')';
  wkt += ")";
  CityLoadOptions options;
  options.sources = {Source(path)};
  options.area = AreaOfInterest{};
  options.area->polygon_wkt = wkt;
  options.area->crs = "EPSG:4326";
  core::Diagnostics diag;
  const CityModel city = LoadCity(options, diag);
  ASSERT_EQ(CountFeatures(city, "building"), 1u);
  EXPECT_EQ(city.features[0].source_id, "1");
  EXPECT_NEAR(city.area.width(), 60, 0.1) << "the area's extent, in frame metres (WKT at 1e-6 deg)";
}

// A self-intersecting area (a bow tie) is repaired and said so, as footprints are.
TEST(VectorFootprints, BowTieAreaIsRepairedWithAWarning) {
  TempDir dir;
  const auto path = WriteVector(dir / "blocks.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300000,500010 300010,500000 300010,500000 300000))", {{"height", "6"}}}});
  CityLoadOptions options;
  options.sources = {Source(path)};
  options.area = AreaOfInterest{};
  options.area->polygon_wkt = "POLYGON((499990 299990,500050 300050,500050 299990,499990 300050,499990 299990))";
  options.area->crs = "EPSG:3059";
  core::Diagnostics diag;
  const CityModel city = LoadCity(options, diag);
  EXPECT_EQ(diag.Count("area polygon repaired (self-intersection, spike or bad hole)"), 1u);
  EXPECT_NEAR(city.area.width(), 60, 1e-6);
}

// An area bbox without its own crs is in the scenario crs (as cameras are), and says so;
// without a scenario crs it is lon/lat, and says that.
TEST(VectorFootprints, AreaWithoutCrsUsesTheScenarioCrs) {
  TempDir dir;
  const auto path = WriteVector(dir / "blocks.gpkg", 3059,
      {{"POLYGON((500000 300000,500010 300000,500010 300010,500000 300010,500000 300000))", {{"height", "6"}}},
       {"POLYGON((500100 300000,500110 300000,500110 300010,500100 300010,500100 300000))", {{"height", "6"}}}});
  geo::CityLoadOptions options;
  options.sources = {Source(path)};
  options.crs = "EPSG:3059";
  options.area = geo::AreaOfInterest{};
  options.area->bbox = std::array<double, 4>{499990, 299990, 500050, 300030};
  core::Diagnostics diag;
  const CityModel city = geo::LoadCity(options, diag);
  EXPECT_EQ(CountFeatures(city, "building"), 1u) << "only the first block lies in the area";
  EXPECT_NEAR(city.area.width(), 60, 1e-6);
  EXPECT_NEAR(city.area.height(), 40, 1e-6);
  EXPECT_EQ(diag.Count("area assumed in EPSG:3059 (the scenario crs)"), 1u);

  options.crs.clear();
  options.area->bbox = std::array<double, 4>{23.999, 56.649, 24.005, 56.652};  // lon/lat
  core::Diagnostics diag2;
  try {
    geo::LoadCity(options, diag2);
  } catch (const core::InputError&) {
    // nothing of these blocks lies at that lon/lat: what matters is what was assumed
  }
  EXPECT_EQ(diag2.Count("area assumed in EPSG:4326 (lon/lat: the scenario has no crs)"), 1u);
}

}  // namespace
}  // namespace geo
