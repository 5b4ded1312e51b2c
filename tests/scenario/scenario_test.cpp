#include "scenario/scenario.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <memory>

#include <ogr_spatialref.h>

#include "core/error.h"

namespace scenario {
namespace {

std::string ErrorOf(const std::string& yaml) { return testing_util::ScenarioErrorOf(yaml); }

TEST(Scenario, SampleScenariosParse) {
  for (const char* name : {"delft.yaml", "monaco.yaml", "delft-footprints.yaml"}) {
    const Scenario s = LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / name);
    EXPECT_FALSE(s.name.empty()) << name;
    ASSERT_FALSE(s.city.sources.empty()) << name;
    EXPECT_TRUE(std::filesystem::exists(s.city.sources[0].path)) << s.city.sources[0].path;
  }
}

// The README's annotated scenario parses, and its cameras stand inside its area (C01 once stood
// 570 m west of it, in lon/lat).
TEST(Scenario, ReadmeSampleParsesAndItsCamerasAreInItsArea) {
  std::ifstream in(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / ".." / "README.md");
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t name = readme.find("name: Delft centre");
  ASSERT_NE(name, std::string::npos);
  const std::size_t begin = readme.rfind("```yaml\n", name) + 8, end = readme.find("```", name);
  std::string yaml = readme.substr(begin, end - begin);
  // The background raster it names is an example of a file the reader has (checked on reading).
  const std::size_t background = yaml.find("\nbackground:");
  ASSERT_NE(background, std::string::npos);
  yaml.erase(background + 1, yaml.find('\n', background + 1) - background);
  const Scenario s = ParseScenario(yaml, std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "readme.yaml");
  ASSERT_TRUE(s.city.area && s.city.area->bbox);
  const auto& box = *s.city.area->bbox;
  ASSERT_GE(s.cameras.size(), 2u);
  OGRSpatialReference wgs84, rd;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  rd.importFromEPSG(28992);
  std::unique_ptr<OGRCoordinateTransformation> to_rd(OGRCreateCoordinateTransformation(&wgs84, &rd));
  for (const CameraSpec& c : s.cameras) {
    double x = c.x, y = c.y;
    if (c.crs == "EPSG:4326") {
      ASSERT_TRUE(to_rd->Transform(1, &x, &y));
    }
    EXPECT_TRUE(x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) << c.id << " at " << x << ", " << y;
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

TEST(Scenario, FeedsSectionKeepsEachKeyItSets) {
  const Scenario s = ParseScenario(
      "version: 1\ncity: [{source: a.gpkg}]\n"
      "feeds: {start_s: 40, duration_s: 4, fps: 12, cameras: [C01, C06], size: [640, 360], preset: fast, "
      "time: 2026-06-21T20:30, daylight: 0.4, shutter: 0.5, shadows: false}\n",
      "/tmp/s.yaml");
  ASSERT_TRUE(s.feeds);
  EXPECT_EQ(*s.feeds->start_s, 40);
  EXPECT_EQ(*s.feeds->duration_s, 4);
  EXPECT_EQ(*s.feeds->fps, 12);
  EXPECT_EQ(s.feeds->cameras, (std::vector<std::string>{"C01", "C06"}));
  EXPECT_EQ(*s.feeds->width, 640);
  EXPECT_EQ(*s.feeds->height, 360);
  EXPECT_EQ(*s.feeds->preset, "fast");
  EXPECT_EQ(*s.feeds->time_utc, "2026-06-21T20:30");
  EXPECT_EQ(*s.feeds->daylight, 0.4);
  EXPECT_EQ(*s.feeds->shutter, 0.5);
  EXPECT_FALSE(*s.feeds->shadows);
  EXPECT_FALSE(s.feeds->crf);  // unset keys stay unset: the CLI's defaults apply
  EXPECT_FALSE(s.feeds->noise);
}

TEST(Scenario, OutputsChooseTheGeoTiffCompression) {
  const auto parse = [](const std::string& tail) {
    return ParseScenario("version: 1\ncity: [{source: a.gpkg}]\n" + tail, "/tmp/s.yaml").outputs.geotiff_compression;
  };
  EXPECT_EQ(parse(""), geo::TiffCompression::zstd);
  EXPECT_EQ(parse("outputs: {geotiff_compression: deflate}\n"), geo::TiffCompression::deflate);
  EXPECT_EQ(parse("outputs: {geotiff_compression: zstd}\n"), geo::TiffCompression::zstd);
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\noutputs:\n  geotiff_compression: lzw\n"),
            "/tmp/s.yaml: line 4: geotiff_compression 'lzw' is not one of zstd (the default), deflate (for readers "
            "without ZSTD)");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\noutputs: deflate\n"),
            "/tmp/s.yaml: line 3: outputs is a map, e.g. {geotiff_compression: deflate}");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\noutputs: {compress: deflate}\n"),
            "/tmp/s.yaml: line 3: unknown key 'compress' in outputs (allowed: geotiff_compression)");
}

TEST(Scenario, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("version: 1\ncity:\n  - {source: a.gpkg, heigth_attribute: h}\n"),
            "/tmp/s.yaml: line 3: unknown key 'heigth_attribute' in city[0] (allowed: "
            "attribution, crs, height_attribute, layer, levels_attribute, lod, min_height_attribute, role, source, "
            "where)");
  EXPECT_EQ(ErrorOf("version: 1\ncity:\n  - {source: a.gml, lod: 7}\n"),
            "/tmp/s.yaml: line 3: lod must be a level of detail from 0 to 4 (e.g. 2 or 1.2); got '7'");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\ncolour: red\n"),
            "/tmp/s.yaml: line 3: unknown key 'colour' in scenario (allowed: agents, area, background, camera_models, "
            "cameras, catalogue, city, crs, defaults, density_levels, feeds, grid, name, network, optimise, outputs, version, zones)");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds: {fps: 15, size: [1280, 721]}\n"),
            "/tmp/s.yaml: line 3: size: H.264 4:2:0 needs even width and height");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nagents:\n  pedestrians_per_hour: 10\n  demand_weights: {Plaza: 2}\n"),
            "/tmp/s.yaml: line 5: demand_weights: no zone named 'Plaza' in zones:");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nagents:\n  walkers: [{path: [[0, 0], [1, 1]]}]\n  demand_weights: {Plaza: 2}\n"),
            "/tmp/s.yaml: line 5: demand_weights shape random trips: give pedestrians_per_hour and/or vehicles_per_hour");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds:\n  time: dusk\n"),
            "/tmp/s.yaml: line 4: time 'dusk' is not a UTC time YYYY-MM-DDTHH:MM");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds: {fps: 10, duration_s: 0.01}\n"),
            "/tmp/s.yaml: line 3: duration_s is shorter than one frame at this fps");
  // The same bounds as --shutter (0..1).
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds:\n  shutter: 1.5\n"),
            "/tmp/s.yaml: line 4: shutter must be within [0, 1]");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds:\n  shutter: -0.1\n"),
            "/tmp/s.yaml: line 4: shutter must be within [0, 1]");
  EXPECT_EQ(ErrorOf("version: 1\ncity: [{source: a.gpkg}]\nfeeds: {shadows: maybe}\n"),
            "/tmp/s.yaml: line 3: shadows has the wrong type (got 'maybe')");
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
  // A number that is no int says why, not "wrong type".
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a}]\ncamera_models:\n  m: {resolution: [2688000000, 1520], hfov_deg: 90}\n")
                .find("is too large (at most 2147483647) (got 2688000000)"),
            std::string::npos);
  // Top-level x- keys hold anchors (as in Compose files); elsewhere they are unknown keys.
  EXPECT_EQ(ErrorOf("version: 1\nx-pole: &pole {height_m: 6}\ncity: [{source: a}]\n").find("unknown key"), std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a, x-note: 1}]\n").find("unknown key 'x-note'"), std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\ncrs: EPSG:4326\ncity: [{source: a}]\n")
                .find("/tmp/s.yaml: line 2: the scenario CRS must be projected (metres or feet), got 'WGS 84'"),
            std::string::npos);
  // Without any crs a bbox is lon/lat; projected numbers are refused with the line, not later
  // as "the area cannot be transformed" without file or line.
  EXPECT_NE(ErrorOf("version: 1\ncity: [{source: a}]\narea: {bbox: [84850, 447480, 85000, 447600]}\n")
                .find("/tmp/s.yaml: line 3: bbox is read as longitude/latitude (neither the area nor the scenario has a `crs:`)"),
            std::string::npos);
  EXPECT_EQ(ErrorOf("version: 1\ncrs: EPSG:28992\ncity: [{source: a}]\narea: {bbox: [84850, 447480, 85000, 447600]}\n")
                .find("bbox"),
            std::string::npos);
}

const char* kCameras = R"yaml(version: 1
crs: EPSG:3059
city: [{source: town.gpkg}]
grid: {resolution_m: 0.25, height_m: 1.6}
density_levels: [{name: see, min_px_per_m: 10}, {name: face, min_px_per_m: 250}]
camera_models:
  dome: {resolution: [2688, 1520], hfov_deg: 92, range_m: [0.5, 60], cost: 450}
  tele: {resolution: [1920, 1080], focal_length_mm: 12, sensor_width_mm: 5.6, lens: rectilinear, mount: pole}
cameras:
  - {id: C01, model: dome, position: [25.012, 56.601], crs: EPSG:4326, height_m: 6.0, yaw: 135, pitch: -20}
  - {id: C02, model: tele, position: [500100, 300200], z: 12, yaw: 10, hfov_deg: 30, range_m: 200}
zones:
  - {name: Square, kind: priority, dori: face, k: 2, polygon: [[0, 0], [10, 0], [10, 10]]}
  - {name: Yard, kind: privacy, wkt: "POLYGON((0 0,1 0,1 1,0 0))"}
  - {source: zones.geojson}
)yaml";

TEST(Scenario, CamerasModelsZonesAndLevels) {
  const Scenario s = ParseScenario(kCameras, "/w/s.yaml");
  EXPECT_DOUBLE_EQ(s.grid.resolution_m, 0.25);
  EXPECT_DOUBLE_EQ(s.grid.height_m, 1.6);
  ASSERT_EQ(s.levels.levels.size(), 2u);
  EXPECT_EQ(s.levels.Classify(300), 1);
  ASSERT_EQ(s.camera_models.size(), 2u);
  EXPECT_EQ(*s.camera_models.at("dome").width_px, 2688);
  EXPECT_DOUBLE_EQ(*s.camera_models.at("dome").min_range_m, 0.5);
  EXPECT_EQ(*s.camera_models.at("tele").mount, sim::MountType::pole);
  ASSERT_EQ(s.cameras.size(), 2u);
  EXPECT_EQ(s.cameras[0].crs, "EPSG:4326");
  EXPECT_DOUBLE_EQ(*s.cameras[0].height_m, 6.0);
  EXPECT_EQ(s.cameras[0].where, "line 10");
  EXPECT_DOUBLE_EQ(*s.cameras[1].z, 12);
  EXPECT_DOUBLE_EQ(*s.cameras[1].fields.hfov_deg, 30) << "camera overrides its model";
  EXPECT_DOUBLE_EQ(*s.cameras[1].fields.max_range_m, 200);
  ASSERT_EQ(s.zones.size(), 3u);
  EXPECT_EQ(s.zones[0].required_level, "face");
  EXPECT_EQ(s.zones[0].required_k, 2);
  EXPECT_EQ(s.zones[0].wkt.rfind("POLYGON((0.000000 0.000000,10.000000 0.000000", 0), 0u) << s.zones[0].wkt;
  EXPECT_EQ(s.zones[1].kind, sim::ZoneKind::privacy);
  EXPECT_EQ(s.zones[2].source, "/w/zones.geojson");
}

TEST(Scenario, CameraAndZoneErrorsNameTheLine) {
  auto with = [](const std::string& from, const std::string& to) {
    std::string y = kCameras;
    y.replace(y.find(from), from.size(), to);
    return ErrorOf(y);
  };
  EXPECT_NE(with("model: tele", "model: zoom").find("line 11: camera 'C02' refers to unknown model 'zoom'"), std::string::npos);
  EXPECT_NE(with("id: C02", "id: C01").find("line 11: duplicate camera id 'C01'"), std::string::npos);
  EXPECT_NE(with("z: 12", "z: 12, height_m: 3").find("not both"), std::string::npos);
  EXPECT_NE(with("lens: rectilinear", "lens: anamorphic").find("line 8: lens must be"), std::string::npos);
  EXPECT_NE(with("dori: face", "dori: recognise").find("line 13: zone 'Square' requires unknown density level 'recognise'"),
            std::string::npos);
  EXPECT_NE(with("min_px_per_m: 250", "min_px_per_m: 5").find("ascending"), std::string::npos);
  EXPECT_NE(with("kind: privacy", "kind: secret").find("line 14: zone kind must be"), std::string::npos);
  EXPECT_NE(with("position: [500100, 300200]", "position: [500100]").find("needs position"), std::string::npos);
  EXPECT_NE(with("grid: {resolution_m: 0.25", "grid: {resolution_m: 0.001").find("resolution_m must be within"),
            std::string::npos);
}

}  // namespace
}  // namespace scenario

namespace scenario {
namespace {

TEST(Scenario, BackgroundRasterRelativeToTheFileWithItsOpacity) {
  const auto dir = std::filesystem::temp_directory_path() / ("sightline_bg_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ortho.tif") << "x";  // only its presence is checked here
  const Scenario s = ParseScenario("version: 1\ncity: [{source: a.gpkg}]\nbackground: {file: ortho.tif, opacity: 0.4}\n",
                                   dir / "s.yaml");
  ASSERT_TRUE(s.background);
  EXPECT_EQ(s.background->file, dir / "ortho.tif");
  EXPECT_DOUBLE_EQ(s.background->opacity, 0.4);
  EXPECT_DOUBLE_EQ(ParseScenario("version: 1\ncity: [{source: a.gpkg}]\nbackground: ortho.tif\n", dir / "s.yaml")
                       .background->opacity,
                   0.7);
  auto error = [&](const std::string& key) {
    try {
      ParseScenario("version: 1\ncity: [{source: a.gpkg}]\n" + key + "\n", dir / "s.yaml");
    } catch (const core::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error("background: {file: ortho.tif, opacity: 2}").find("opacity must be within [0, 1]"), std::string::npos);
  EXPECT_NE(error("background: {file: gone.tif}").find("gone.tif' not found"), std::string::npos);
  EXPECT_NE(error("background: {file: ortho.tif, alpha: 1}").find("alpha"), std::string::npos);
  EXPECT_NE(error("background: {file: \"\"}").find("line 3: background needs a raster file name"), std::string::npos);
  EXPECT_NE(error("background: {file: , opacity: 0.5}").find("background needs a raster file name"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace scenario
