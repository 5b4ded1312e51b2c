// Real-shaped city data end to end: a LoD2 model at national heights without a DEM, a DSM-only
// scene with cameras, facade cameras under an eave, water from OpenStreetMap.
#include <gtest/gtest.h>

#include "geo/city_json_writer.h"
#include "scenario/build.h"
#include "scenario/pipeline.h"
#include "sim/candidates.h"
#include "sim/grid.h"
#include "test_util.h"

namespace scenario {
namespace {

using namespace testing_util;

// Zurich-like LoD2 at 410-414 m, ground rising eastwards, an eave of 1 m on the first block's
// west side (roof 15 m above its base). No DEM.
std::filesystem::path WriteLod2Town(const TempDir& dir) {
  return CityJsonWriter()
      .Add(Lod2Building{0, 0, 20, 20, 410.0, 425.0, 1.0})
      .Add(Lod2Building{50, 0, 70, 20, 412.0, 430.0})
      .Add(Lod2Building{0, 50, 20, 70, 411.0, 423.0})
      .Write(dir / "zurich.city.json");
}

constexpr const char* kModels = R"(camera_models:
  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60], cost: 450}
)";

TEST(GroundScenario, Lod2AtNationalHeightsCamerasOnFacadesSeeTheGroundBetweenBuildings) {
  TempDir dir;
  WriteLod2Town(dir);
  // Camera 25 cm west of the first block's west wall, 6 m up, under its eave, looking west;
  // a second one east of it on the street, looking at the second block.
  Scenario s = ParseScenario(std::string("version: 1\ncity: [{source: zurich.city.json}]\n"
                                         "area: {bbox: [2682960, 1246980, 2683090, 1247090], crs: EPSG:2056}\n"
                                         "grid: {resolution_m: 1.0}\n") +
                                 kModels +
                                 "cameras:\n"
                                 "  - {id: EAVE, model: dome, position: [2682999.75, 1247010], height_m: 6, yaw: 270, pitch: -25}\n"
                                 "  - {id: STREET, model: dome, position: [2683035, 1247025], height_m: 4, yaw: 135, pitch: -20}\n",
                             dir / "s.yaml");
  const auto r = RunCoverage(std::move(s));
  const auto& cams = r->coverage->cameras();
  ASSERT_EQ(cams.size(), 2u);
  EXPECT_NEAR(cams[0].position.z, 416.0, 0.05) << "6 m above the block's base, on its facade";
  EXPECT_NEAR(cams[1].position.z, 411.0 + 4.0, 0.3) << "4 m above the ground between the blocks";
  EXPECT_EQ(r->diagnostics.Count("camera inside a building (it will see little)"), 0u);
  EXPECT_EQ(r->city.ground_source, geo::GroundSource::model);
  // The ground between the buildings is seen, and the footprints are no targets.
  EXPECT_GT(r->summary.covered_m2, 500.0);
  EXPECT_NEAR(r->summary.target_m2, 130.0 * 110.0 - 3 * 400.0, 30.0);
}

TEST(GroundScenario, EaveOverAFacadeCameraIsNotInsideTheBuildingButItsInteriorIs) {
  TempDir dir;
  core::Diagnostics diag;
  const geo::CityModel city = Load({Source(WriteLod2Town(dir))}, diag);
  const auto scene = sim::BuildScene(city);
  const double ox = 2683000 - city.frame.origin_x, oy = 1247000 - city.frame.origin_y;
  auto at = [&](double x, double y, double z) {
    return sim::Point3f{static_cast<float>(ox + x), static_cast<float>(oy + y), static_cast<float>(z)};
  };
  const sim::Point3f under_eave = at(-0.25, 10, 416);
  EXPECT_TRUE(sim::InsideStructure(city, *scene, under_eave)) << "the old one-ray test sees the eave from below";
  EXPECT_FALSE(sim::InsideSolid(city, *scene, under_eave));
  EXPECT_TRUE(sim::InsideSolid(city, *scene, at(10, 10, 416)));
  EXPECT_TRUE(sim::InsideSolid(city, *scene, at(0.3, 10, 416))) << "just inside the wall";
  EXPECT_FALSE(sim::InsideSolid(city, *scene, at(35, 10, 414)));

  // The optimiser's own facade mounts are outside every building.
  sim::CandidateOptions options;
  options.models.push_back(sim::Camera{});
  options.models.back().id = "dome";
  options.models.back().hfov_deg = 90;
  options.spacing_m = 5;
  options.heights_m = {3, 6, 9};
  const auto candidates = sim::GenerateCandidates(city, options);
  ASSERT_GT(candidates.size(), 20u) << "mounts on facades at 410 m, not 'no candidate mount points'";
  for (const auto& c : candidates) {
    const sim::Point3f p{static_cast<float>(c.camera.position.x), static_cast<float>(c.camera.position.y),
                         static_cast<float>(c.camera.position.z)};
    ASSERT_FALSE(sim::InsideSolid(city, *scene, p)) << c.camera.id;
  }
}

TEST(GroundScenario, DsmOnlyCamerasStandOnTheDerivedGroundAndOneInsideABlockIsReported) {
  TempDir dir;
  WriteRaster(dir / "dsm.tif", 32616, 400000, 4600000, 1.0, 100, 100, [](double x, double y) {
    const bool block = x > 400040 && x < 400060 && y > 4600040 && y < 4600060;
    return 180.0 + (block ? 15.0 : 0.0);
  });
  Scenario s = ParseScenario(std::string("version: 1\ncity: [{source: dsm.tif, role: surface}]\n"
                                         "area: {bbox: [400000, 4600000, 400100, 4600100], crs: EPSG:32616}\n"
                                         "grid: {resolution_m: 1.0}\n") +
                                 kModels +
                                 "cameras:\n"
                                 "  - {id: POLE, model: dome, position: [400020, 4600050], height_m: 6, yaw: 90, pitch: -20}\n"
                                 "  - {id: BURIED, model: dome, position: [400050, 4600050], height_m: 6, yaw: 90, pitch: -20}\n"
                                 "  - {id: DEEP, model: dome, position: [400020, 4600020], z: 100, yaw: 90, pitch: -20}\n",
                             dir / "s.yaml");
  const auto r = RunCoverage(std::move(s));
  const auto& cams = r->coverage->cameras();
  EXPECT_NEAR(cams[0].position.z, 186.0, 0.01) << "height_m above the DTM, not above z = 0";
  EXPECT_NEAR(cams[1].position.z, 186.0, 0.01);
  EXPECT_EQ(r->diagnostics.Count("camera below the surface (DSM)"), 1u) << "DEEP is said to be below the ground, once";
  EXPECT_EQ(r->diagnostics.Count("camera below the ground"), 1u);
  EXPECT_NEAR(r->summary.target_m2, 100.0 * 100.0 - 400.0, 1.0) << "targets on the ground, not on the roof";
  EXPECT_GT(r->summary.covered_m2, 300.0);
}

// OSM with a lake (natural=water), a building on land and one on a pier, and a coastline
// running east at lat 43.7320 (land on its left: the sea is to the south).
constexpr const char* kCoastOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="43.7330" lon="7.4210" version="1"/>
  <node id="2" lat="43.7330" lon="7.4220" version="1"/>
  <node id="3" lat="43.7335" lon="7.4220" version="1"/>
  <node id="4" lat="43.7335" lon="7.4210" version="1"/>
  <node id="10" lat="43.7320" lon="7.4190" version="1"/>
  <node id="11" lat="43.7320" lon="7.4230" version="1"/>
  <node id="12" lat="43.7320" lon="7.4270" version="1"/>
  <node id="20" lat="43.7325" lon="7.4240" version="1"/>
  <node id="21" lat="43.7325" lon="7.4250" version="1"/>
  <node id="22" lat="43.7330" lon="7.4250" version="1"/>
  <node id="23" lat="43.7330" lon="7.4240" version="1"/>
  <node id="30" lat="43.7300" lon="7.4240" version="1"/>
  <node id="31" lat="43.7300" lon="7.4250" version="1"/>
  <node id="32" lat="43.7303" lon="7.4250" version="1"/>
  <node id="33" lat="43.7303" lon="7.4240" version="1"/>
  <way id="100" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="natural" v="water"/></way>
  <way id="101" version="1"><nd ref="10"/><nd ref="11"/><nd ref="12"/><tag k="natural" v="coastline"/></way>
  <way id="102" version="1"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="20"/>
    <tag k="building" v="yes"/><tag k="height" v="10"/></way>
  <way id="103" version="1"><nd ref="30"/><nd ref="31"/><nd ref="32"/><nd ref="33"/><nd ref="30"/>
    <tag k="building" v="yes"/><tag k="height" v="5"/></way>
</osm>
)";

// A coverage run of `osm` in EPSG:32632 at 1 m, with `area` (a scenario line, or "").
std::unique_ptr<CoverageResult> RunCoast(const TempDir& dir, const std::string& osm, const std::string& area) {
  WriteText(dir / "coast.osm", osm);
  return RunCoverage(ParseScenario(std::string("version: 1\ncrs: EPSG:32632\ncity: [{source: coast.osm}]\n") + area +
                                       "grid: {resolution_m: 1.0}\n" + kModels + "cameras: []\n",
                                   dir / "s.yaml"));
}

// The area both tests below cut from the coast: lat 43.7310 to 43.7340, lon 7.4200 to 7.4245.
constexpr const char* kCoastArea = "area: {bbox: [7.4200, 43.7310, 7.4245, 43.7340], crs: EPSG:4326}\n";
// A patch of 0.0005 x 0.0005 degrees there, in m2.
const double kPatchM2 = 0.0005 * 0.0005 * 111200 * 111200 * std::cos(43.733 * 3.14159265 / 180);

// No area: the sea is cut from the data's extent.
TEST(GroundScenario, OsmWaterAndSeaAreNoTargets) {
  TempDir dir;
  const auto r = RunCoast(dir, kCoastOsm, "");
  const double area = r->grid.size() * r->grid.CellArea();
  // Land: the northern 15 of the 35 ten-thousandths of a degree, less the lake and the
  // building (each 0.001 x 0.0005 deg).
  EXPECT_NEAR(r->summary.target_m2, area * 15.0 / 35.0 - 2 * (2 * kPatchM2), 0.03 * area);
  EXPECT_GT(r->city.CountTriangles(geo::Surface::water), 0u);
}

// An area that the coastline and the land building cross: both ends of the coastline way and
// half of the building lie outside it. The sea is still cut (the whole way is read, not only
// its nodes inside the area), and the building is kept, clipped to the area.
TEST(GroundScenario, OsmCoastlineAndBuildingCrossingTheAreaAreKept) {
  TempDir dir;
  const auto r = RunCoast(dir, kCoastOsm, kCoastArea);
  const double area = r->grid.size() * r->grid.CellArea();
  // Sea: the southern 10 of the 30 ten-thousandths of a degree; land less the lake (two
  // patches) and half the building (one).
  EXPECT_NEAR(r->summary.target_m2, area * 20.0 / 30.0 - 2 * kPatchM2 - kPatchM2, 0.03 * area);
  EXPECT_EQ(r->city.CountBuildings().buildings, 1u) << "the building crossing the area's edge is kept";
}

// The extract stops inside the area: the coastline's last node is in the middle of it. The end
// is extended straight to the area's edge (and warned), so the sea is still cut.
TEST(GroundScenario, OsmCoastlineEndingInsideTheAreaIsExtendedToItsEdge) {
  TempDir dir;
  std::string osm = kCoastOsm;
  const std::string way = R"(<nd ref="10"/><nd ref="11"/><nd ref="12"/>)";
  osm.replace(osm.find(way), way.size(), R"(<nd ref="10"/><nd ref="11"/>)");
  const auto r = RunCoast(dir, osm, kCoastArea);
  const double area = r->grid.size() * r->grid.CellArea();
  EXPECT_NEAR(r->summary.target_m2, area * 20.0 / 30.0 - 2 * kPatchM2 - kPatchM2, 0.03 * area);
  EXPECT_EQ(r->diagnostics.Count(
                "coastline ends inside the area (the data stops there): extended straight to the area's edge"),
            1u);
}

// An island: a closed coastline way, which GDAL's OSM driver gives as a polygon, not a line.
// Land inside, the sea all around it to the edges of the grid (the area is given in lon/lat, a
// turned quadrilateral in UTM: the sea fills its box, not only the quadrilateral), whichever
// way the ring is drawn.
constexpr const char* kIslandOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="43.7320" lon="7.4210" version="1"/>
  <node id="2" lat="43.7320" lon="7.4230" version="1"/>
  <node id="3" lat="43.7330" lon="7.4230" version="1"/>
  <node id="4" lat="43.7330" lon="7.4210" version="1"/>
  <node id="20" lat="43.7325" lon="7.4215" version="1"/>
  <node id="21" lat="43.7325" lon="7.4220" version="1"/>
  <node id="22" lat="43.7330" lon="7.4220" version="1"/>
  <node id="23" lat="43.7330" lon="7.4215" version="1"/>
  <way id="101" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="natural" v="coastline"/></way>
  <way id="102" version="1"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="20"/>
    <tag k="building" v="yes"/><tag k="height" v="10"/></way>
</osm>
)";

TEST(GroundScenario, OsmIslandIsLandInTheSea) {
  const double island_m2 = 4 * 2 * kPatchM2;  // 0.002 x 0.001 degrees
  for (const bool clockwise : {false, true}) {
    TempDir dir;
    std::string osm = kIslandOsm;
    if (clockwise) {
      const std::string way = R"(<nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>)";
      osm.replace(osm.find(way), way.size(), R"(<nd ref="1"/><nd ref="4"/><nd ref="3"/><nd ref="2"/><nd ref="1"/>)");
    }
    const auto r = RunCoast(dir, osm, kCoastArea);
    EXPECT_NEAR(r->summary.target_m2, island_m2 - kPatchM2, 0.03 * island_m2) << (clockwise ? "clockwise" : "");
    EXPECT_GT(r->city.CountTriangles(geo::Surface::water), 0u);
  }
}

// An island drawn on the land side of the mainland's coastline (inconsistent data): said and
// ignored; the mainland stays land (its ring's outside once outvoted the coastline's sea side).
TEST(GroundScenario, OsmIslandOnLandIsSaidAndTheMainlandKept) {
  TempDir dir;
  std::string osm = kCoastOsm;
  const std::string island = R"(  <node id="40" lat="43.7322" lon="7.4202" version="1"/>
  <node id="41" lat="43.7322" lon="7.4206" version="1"/>
  <node id="42" lat="43.7324" lon="7.4206" version="1"/>
  <node id="43" lat="43.7324" lon="7.4202" version="1"/>
  <way id="104" version="1"><nd ref="40"/><nd ref="41"/><nd ref="42"/><nd ref="43"/><nd ref="40"/>
    <tag k="natural" v="coastline"/></way>
</osm>)";
  osm.replace(osm.find("</osm>"), 6, island);
  const auto r = RunCoast(dir, osm, kCoastArea);
  const double area = r->grid.size() * r->grid.CellArea();
  EXPECT_NEAR(r->summary.target_m2, area * 20.0 / 30.0 - 2 * kPatchM2 - kPatchM2, 0.03 * area);
  EXPECT_EQ(r->diagnostics.Count("closed coastline on the land side of the coastline (an island on land?): ignored"), 1u);
}

}  // namespace
}  // namespace scenario
