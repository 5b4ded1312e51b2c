#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>
#include <map>

#include "core/error.h"
#include "geo/lod2_town.h"
#include "test_util.h"

namespace geo {
namespace {

using namespace testing_util;

std::map<Surface, std::size_t> TrianglesBySurface(const CityModel& city) {
  std::map<Surface, std::size_t> n;
  for (Surface s : city.triangle_surface) ++n[s];
  return n;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const Feature* FindFeature(const CityModel& city, const std::string& id) {
  for (const Feature& f : city.features)
    if (f.source_id == id) return &f;
  return nullptr;
}

CitySource SourceAt(const std::filesystem::path& path, const std::string& lod = "") {
  CitySource s = Source(path);
  s.lod = lod;
  return s;
}

// What every reading of the town must give at LoD2 (the default: the highest LoD).
void ExpectLod2Town(const CityModel& city) {
  EXPECT_EQ(city.frame.epsg, 25832);
  const BuildingCount n = city.CountBuildings();
  EXPECT_EQ(n.buildings, 2u) << "B2 counts once, made of its two parts";
  EXPECT_EQ(n.parts, 2u);
  ASSERT_EQ(city.sources.size(), 1u);
  EXPECT_EQ(city.sources[0].buildings, 2u);
  EXPECT_EQ(city.sources[0].building_parts, 2u);
  ASSERT_EQ(city.sources[0].lod_used.size(), 1u);
  EXPECT_EQ(city.sources[0].lod_used[0].first, "2");
  EXPECT_EQ(city.sources[0].lod_used[0].second, 3u) << "B1, P1, P2";
  // B1: gable roof of two 10 x 5 m slopes, two rectangular and two pentagonal walls; the
  // parts: flat boxes. Roofs 100 + 100 + 60 m2 in plan, grounds the same.
  const auto by = TrianglesBySurface(city);
  EXPECT_EQ(by.at(Surface::roof), 4u + 2u + 2u);
  EXPECT_EQ(by.at(Surface::wall), 2u * 2u + 2u * 3u + 8u + 8u);
  EXPECT_EQ(by.at(Surface::underside), 2u + 2u + 2u) << "GroundSurfaces face down";
  EXPECT_NEAR(PlanArea(city, Surface::roof), 260, 1e-3);
  EXPECT_NEAR(PlanArea(city, Surface::underside), 260, 1e-3);
  const Feature* b1 = FindFeature(city, "B1");
  const Feature* b2 = FindFeature(city, "B2");
  const Feature* p1 = FindFeature(city, "P1");
  ASSERT_TRUE(b1 && b2 && p1);
  EXPECT_EQ(b1->kind, "building");
  EXPECT_DOUBLE_EQ(b1->base_z, 400);
  EXPECT_DOUBLE_EQ(b1->height_m, 10) << "ridge at 410 m";
  EXPECT_EQ(b2->kind, "building");
  EXPECT_DOUBLE_EQ(b2->base_z, 400);
  EXPECT_DOUBLE_EQ(b2->height_m, 12) << "up to the top of its highest part";
  EXPECT_EQ(p1->kind, "building_part");
  EXPECT_EQ(city.features[p1->parent].source_id, "B2");
  const Box3f b = city.Bounds();
  EXPECT_NEAR(b.max.z, 412, 1e-3);
}

TEST(CityGml, Lod2TownMatchesCityJson) {
  TempDir dir;
  const auto town = Lod2Town();
  core::Diagnostics d_gml, d_json;
  const CityModel gml = Load({SourceAt(WriteCityGml(dir / "town.gml", town, "2.0",
                                                    "urn:ogc:def:crs:EPSG::25832"))},
                             d_gml);
  const CityModel json = Load({SourceAt(WriteTownCityJson(dir / "town.city.json", town, 25832))}, d_json);
  ExpectLod2Town(gml);
  ExpectLod2Town(json);
  EXPECT_EQ(d_gml.Total(), 0u);
  EXPECT_EQ(d_json.Total(), 0u);
  EXPECT_EQ(TrianglesBySurface(gml), TrianglesBySurface(json));
  EXPECT_EQ(gml.frame.origin_x, json.frame.origin_x);
  EXPECT_EQ(gml.sources[0].format, "CityGML");
  // Triangles of both, in the same frame, cover the same wall area (xlinked polygons of the
  // lod2Solid are not counted twice).
  auto area3d = [](const CityModel& c, Surface s) {
    double a = 0;
    for (std::size_t t = 0; t < c.triangles.size(); ++t) {
      if (c.triangle_surface[t] != s) continue;
      const Vec3f& p = c.vertices[c.triangles[t].a];
      const Vec3f& q = c.vertices[c.triangles[t].b];
      const Vec3f& r = c.vertices[c.triangles[t].c];
      const double ux = q.x - p.x, uy = q.y - p.y, uz = q.z - p.z;
      const double vx = r.x - p.x, vy = r.y - p.y, vz = r.z - p.z;
      a += 0.5 * std::sqrt(std::pow(uy * vz - uz * vy, 2) + std::pow(uz * vx - ux * vz, 2) +
                           std::pow(ux * vy - uy * vx, 2));
    }
    return a;
  };
  // B1: 2 x (10 x 6) + 2 x (10 x 6 + 10 x 4 / 2); P1: 4 x 10 x 12; P2: 2 x (6 + 10) x 6.
  EXPECT_NEAR(area3d(gml, Surface::wall), 280 + 480 + 192, 1e-2);
  EXPECT_NEAR(area3d(json, Surface::wall), 280 + 480 + 192, 1e-2);
}

// A building with no polygon at any LoD (an export that kept only its attributes) is counted in
// a warning, not dropped in silence; the other buildings read as before.
TEST(CityGml, BuildingWithoutGeometryIsCounted) {
  TempDir dir;
  std::string text = ReadText(WriteCityGml(dir / "town.gml", Lod2Town(), "2.0", "EPSG:25832"));
  text.insert(text.find("</core:CityModel>"),
              "<core:cityObjectMember><bldg:Building gml:id=\"EMPTY\"><bldg:measuredHeight uom=\"m\">7</bldg:measuredHeight>"
              "</bldg:Building></core:cityObjectMember>\n");
  WriteText(dir / "town.gml", text);
  core::Diagnostics diag;
  const CityModel city = Load({SourceAt(dir / "town.gml")}, diag);
  ExpectLod2Town(city);
  EXPECT_EQ(diag.Count("CityGML object without geometry skipped"), 1u);
  ASSERT_FALSE(diag.kinds().at("CityGML object without geometry skipped").examples.empty());
  EXPECT_NE(diag.kinds().at("CityGML object without geometry skipped").examples[0].find("Building EMPTY"), std::string::npos);
}

// A BuildingPart written as a city object of its own: a building, counted and warned (as in
// CityJSON).
TEST(CityGml, BuildingPartOutsideABuildingIsABuilding) {
  TempDir dir;
  std::string text = ReadText(WriteCityGml(dir / "town.gml", Lod2Town(), "2.0", "EPSG:25832"));
  std::string part = "<core:cityObjectMember><bldg:BuildingPart gml:id=\"LONE\"><bldg:lod1Solid><gml:Solid>"
                     "<gml:exterior><gml:CompositeSurface>";
  for (const TownSurface& f : BoxSurfaces(691050, 5334010, 691056, 5334020, 400, 405))
    part += "<gml:surfaceMember>" + GmlPolygon(f.ring, "") + "</gml:surfaceMember>";
  part += "</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid></bldg:BuildingPart></core:cityObjectMember>\n";
  text.insert(text.find("</core:CityModel>"), part);
  WriteText(dir / "town.gml", text);
  core::Diagnostics diag;
  const CityModel city = Load({SourceAt(dir / "town.gml")}, diag);
  EXPECT_EQ(city.CountBuildings().buildings, 3u);
  EXPECT_EQ(city.CountBuildings().parts, 2u);
  ASSERT_EQ(city.sources.size(), 1u);
  EXPECT_EQ(city.sources[0].buildings, 3u);
  EXPECT_EQ(diag.Count("BuildingPart without its Building in the file (counted as a building)"), 1u);
  const Feature* lone = FindFeature(city, "LONE");
  ASSERT_NE(lone, nullptr);
  EXPECT_NEAR(lone->height_m, 5, 1e-3);
}

TEST(CityGml, Version1WithCompoundAndAdvSrsNames) {
  TempDir dir;
  for (const std::string srs : {"urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837",
                                "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH", "EPSG:25832",
                                "http://www.opengis.net/def/crs/EPSG/0/25832"}) {
    core::Diagnostics diag;
    const CityModel city = Load({SourceAt(WriteCityGml(dir / "town1.gml", Lod2Town(), "1.0", srs))}, diag);
    SCOPED_TRACE(srs);
    ExpectLod2Town(city);
  }
}

TEST(CityGml, LodOptionPicksLod1AndSaysSo) {
  TempDir dir;
  const auto town = Lod2Town();
  for (const auto& path : {WriteCityGml(dir / "town.gml", town, "2.0", "EPSG:25832"),
                           WriteTownCityJson(dir / "town.city.json", town, 25832)}) {
    SCOPED_TRACE(path.filename().string());
    core::Diagnostics diag;
    const CityModel city = Load({SourceAt(path, "1")}, diag);
    ASSERT_EQ(city.sources[0].lod_used.size(), 1u);
    EXPECT_EQ(city.sources[0].lod_used[0].first, "1");
    // B1 is now a flat 408 m box: 2 roof triangles of its own.
    EXPECT_DOUBLE_EQ(FindFeature(city, "B1")->height_m, 8);
    EXPECT_EQ(city.CountTriangles(Surface::roof), 6u);
    EXPECT_EQ(city.CountBuildings().buildings, 2u);
    // LoD 3 is not there: the nearest below (2) is used, with a warning per object.
    core::Diagnostics diag3;
    const CityModel city3 = Load({SourceAt(path, "3")}, diag3);
    EXPECT_EQ(city3.sources[0].lod_used[0].first, "2");
    EXPECT_EQ(diag3.Count("object without the requested LoD 3 (nearest LoD used)"), 3u);
  }
}

TEST(CityGml, ReliefAndWaterBodyKeepTheirClasses) {
  TempDir dir;
  const auto path = WriteText(dir / "relief.gml", R"(<?xml version="1.0" encoding="UTF-8"?>
<CityModel xmlns="http://www.opengis.net/citygml/1.0" xmlns:gml="http://www.opengis.net/gml" xmlns:dem="http://www.opengis.net/citygml/relief/1.0" xmlns:wtr="http://www.opengis.net/citygml/waterbody/1.0">
<cityObjectMember><dem:ReliefFeature gml:id="R"><dem:lod>1</dem:lod><dem:reliefComponent><dem:TINRelief gml:id="T"><dem:lod>1</dem:lod><dem:tin><gml:TriangulatedSurface srsName="EPSG:25832"><gml:trianglePatches>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334000 400 691100 5334100 401 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334100 401 691000 5334100 401 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
</gml:trianglePatches></gml:TriangulatedSurface></dem:tin></dem:TINRelief></dem:reliefComponent></dem:ReliefFeature></cityObjectMember>
<cityObjectMember><wtr:WaterBody gml:id="W"><wtr:lod1MultiSurface><gml:MultiSurface><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>691050 5334050 400 691060 5334050 400 691060 5334060 400 691050 5334060 400 691050 5334050 400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface></wtr:lod1MultiSurface></wtr:WaterBody></cityObjectMember>
</CityModel>
)");
  core::Diagnostics diag;
  const CityModel city = Load({SourceAt(path)}, diag);
  EXPECT_EQ(city.frame.epsg, 25832) << "srsName of the TIN's geometry";
  EXPECT_EQ(city.CountTriangles(Surface::terrain), 2u);
  EXPECT_NEAR(PlanArea(city, Surface::terrain), 100 * 100, 1e-2);
  EXPECT_EQ(city.CountTriangles(Surface::water), 2u);
  EXPECT_EQ(CountFeatures(city, "tin_relief"), 1u);
  EXPECT_EQ(CountFeatures(city, "water_body"), 1u);
}

// Some writers put srsName on each gml:Polygon only, which libcitygml does not keep: the
// file's first srsName is its CRS, not "the file has no CRS".
TEST(CityGml, SrsNameOnlyOnPolygons) {
  TempDir dir;
  const auto path = WriteText(dir / "polygons.gml", R"(<?xml version="1.0" encoding="UTF-8"?>
<CityModel xmlns="http://www.opengis.net/citygml/2.0" xmlns:gml="http://www.opengis.net/gml" xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gen="http://www.opengis.net/citygml/generics/2.0">
<cityObjectMember><bldg:Building gml:id="B"><bldg:measuredHeight uom="m">10</bldg:measuredHeight><bldg:lod1MultiSurface><gml:MultiSurface>
<gml:surfaceMember><gml:Polygon srsName = 'urn:ogc:def:crs:EPSG::25832'><gml:exterior><gml:LinearRing><gml:posList>691050 5334050 0 691060 5334050 0 691060 5334060 0 691050 5334060 0 691050 5334050 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
<gml:surfaceMember><gml:Polygon srsName="urn:ogc:def:crs:EPSG::25832"><gml:exterior><gml:LinearRing><gml:posList>691050 5334050 10 691060 5334050 10 691060 5334060 10 691050 5334060 10 691050 5334050 10</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
</gml:MultiSurface></bldg:lod1MultiSurface></bldg:Building></cityObjectMember>
</CityModel>
)");
  core::Diagnostics diag;
  const CityModel city = Load({SourceAt(path)}, diag);
  EXPECT_EQ(city.frame.epsg, 25832);
  EXPECT_EQ(city.CountBuildings().buildings, 1u);
  // An srsName in a comment or in an element's text is no attribute: the Polygon's counts.
  std::string text = ReadText(path);
  text.insert(text.find('\n') + 1, "<!-- srsName=\"EPSG:25833\" <gml:Polygon srsName='EPSG:25833'> -->\n");
  text.insert(text.find("<bldg:measuredHeight"), "<gen:stringAttribute name=\"n\"><gen:value>srsName=\"EPSG:25833\"</gen:value></gen:stringAttribute>");
  EXPECT_EQ(Load({SourceAt(WriteText(dir / "commented.gml", text))}, diag).frame.epsg, 25832);
}

TEST(CityGml, BadFilesAreInputErrorsNamingTheFile) {
  TempDir dir;
  core::Diagnostics diag;
  const std::string text =
      ReadText(WriteCityGml(dir / "full.gml", Lod2Town(), "2.0", "EPSG:25832"));
  const auto cut = WriteText(dir / "cut.gml", text.substr(0, text.size() / 2));
  try {
    Load({SourceAt(cut)}, diag);
    ADD_FAILURE() << "a truncated file must not load";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cut.gml"), std::string::npos) << e.what();
    // Where the XML broke: the last line of the half file (Xerces counts from 1).
    const auto lines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.size() / 2), '\n') + 1;
    EXPECT_NE(std::string(e.what()).find("cut.gml: line " + std::to_string(lines) + ": not readable as CityGML (malformed XML): "),
              std::string::npos)
        << e.what();
  }
  const auto unknown = WriteCityGml(dir / "unknown.gml", Lod2Town(), "2.0", "urn:x:crs:nowhere");
  try {
    Load({SourceAt(unknown)}, diag);
    ADD_FAILURE() << "an unknown srsName must be an error";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("urn:x:crs:nowhere"), std::string::npos) << e.what();
  }
  // A gzipped model is said to be one (GDAL's GML driver would read it as plain GML).
  const auto packed = WriteText(dir / "town.gml.gz", text);
  try {
    Load({SourceAt(packed)}, diag);
    ADD_FAILURE() << "a .gml.gz was read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("town.gml.gz: a compressed city model is not read: unpack it first and give the .gml file"),
              std::string::npos)
        << e.what();
  }
  // An srsName of lon/lat over projected numbers is named, not read into the sea.
  const auto wgs84 = WriteCityGml(dir / "wgs84.gml", Lod2Town(), "2.0", "EPSG:4326");
  try {
    Load({SourceAt(wgs84)}, diag);
    ADD_FAILURE() << "projected numbers were taken as lon/lat";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("wgs84.gml: srsName: coordinates (x "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("are not longitude and latitude, yet the file's CRS is WGS 84 (its srsName 'EPSG:4326')"),
              std::string::npos)
        << e.what();
  }
  // With a `crs:` on the source the file loads, the wrong srsName overridden (frame too).
  CitySource with_crs = SourceAt(unknown);
  with_crs.crs = "EPSG:25832";
  EXPECT_EQ(Load({with_crs}, diag).CountBuildings().buildings, 2u);
  CitySource wgs84_fixed = SourceAt(wgs84);
  wgs84_fixed.crs = "EPSG:25832";
  const CityModel fixed = Load({wgs84_fixed}, diag);
  EXPECT_EQ(fixed.frame.epsg, 25832);
  EXPECT_EQ(fixed.CountBuildings().buildings, 2u);
  // Two envelopes in one element made libcitygml free one twice (the process aborted).
  std::string twice = text;
  const std::size_t env = twice.find("<gml:boundedBy>");
  ASSERT_NE(env, std::string::npos);
  const std::size_t env_end = twice.find("</gml:boundedBy>", env) + std::string("</gml:boundedBy>").size();
  twice.insert(env_end, "\n" + twice.substr(env, env_end - env));
  try {
    Load({SourceAt(WriteText(dir / "twice.gml", twice))}, diag);
    ADD_FAILURE() << "two envelopes were read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("twice.gml: line "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("a second gml:boundedBy in one element"), std::string::npos) << e.what();
  }
  // Two buildings of one gml:id were merged into one by libcitygml, without a word.
  std::string same_id = text;
  const std::size_t first_id = same_id.find("gml:id=\"", same_id.find("Building"));
  ASSERT_NE(first_id, std::string::npos);
  const std::size_t id_end = same_id.find('"', first_id + 8);
  const std::string id = same_id.substr(first_id + 8, id_end - first_id - 8);
  const std::size_t second = same_id.find("<bldg:Building gml:id=\"", id_end);
  ASSERT_NE(second, std::string::npos);
  const std::size_t second_id = second + std::string("<bldg:Building gml:id=\"").size();
  same_id.replace(second_id, same_id.find('"', second_id) - second_id, id);
  try {
    Load({SourceAt(WriteText(dir / "same_id.gml", same_id))}, diag);
    ADD_FAILURE() << "two buildings of one id were read";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("same_id.gml: line "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("gml:id '" + id + "' of bldg:Building was given before, on line "),
              std::string::npos)
        << e.what();
  }
}

// Reading GML never leaves files next to the inputs (GDAL's .gfs sidecars).
TEST(CityGml, NoSidecarFilesNextToInputs) {
  TempDir dir;
  const auto town = WriteCityGml(dir / "town.gml", Lod2Town(), "2.0", "EPSG:25832");
  // A plain GML area polygon, read by GDAL's GML driver.
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GML");
  GDALDataset* ds = driver->Create((dir / "area.gml").c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference srs;
  srs.importFromEPSG(25832);
  OGRLayer* layer = ds->CreateLayer("area", &srs, wkbPolygon, nullptr);
  OGRFeature f(layer->GetLayerDefn());
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(
      "POLYGON((691000 5334000,691035 5334000,691035 5334030,691000 5334030,691000 5334000))", nullptr, &g);
  f.SetGeometryDirectly(g);
  ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  GDALClose(ds);
  std::filesystem::remove(dir / "area.xsd");
  CityLoadOptions options;
  options.sources = {SourceAt(town)};
  options.area = AreaOfInterest{};
  options.area->polygon_file = dir / "area.gml";
  core::Diagnostics diag;
  const CityModel city = LoadCity(options, diag);
  EXPECT_EQ(city.CountBuildings().buildings, 2u) << "P1 reaches into the area, so B2 is kept";
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) files.push_back(e.path().filename());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"area.gml", "town.gml"}));
}

}  // namespace
}  // namespace geo
