// Corpus: every importer (GeoJSON/OGR footprints, CityJSON, OSM, rasters) fed broken files,
// through a scenario and through `sightline info <file>`.
#include <cmath>

#include "app/corpus/corpus.h"
#include "test_util.h"

namespace corpus {
namespace {

namespace fs = std::filesystem;
const std::string kSource = "  - {source: city.geojson, height_attribute: height}";

// `info` on one data file (besides the base files), expecting `code` and `message`.
CorpusCase InfoOn(std::string name, std::string file, std::string bytes, int code, std::string message,
                  std::vector<std::string> extra_args = {}) {
  CorpusCase c{.name = std::move(name), .files = {{file, std::move(bytes)}}, .args = {"info", file},
               .exit_code = code, .message = std::move(message)};
  c.args.insert(c.args.end(), extra_args.begin(), extra_args.end());
  return c;
}

// A scenario whose only city source is `file`, run with coverage.
CorpusCase CoverageOn(std::string name, std::string file, std::string bytes, std::string source_line,
                      int code, std::string message) {
  return {.name = std::move(name),
          .files = {{file, std::move(bytes)}, {"scenario.yaml", Scenario(kSource, source_line)}},
          .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .exit_code = code, .message = std::move(message)};
}


// A 10 m CityJSON cube at (85000, 447500) in EPSG:28992; `boundaries` and `vertices` replaceable.
const std::string kCubeBoundaries = "[[[[0, 3, 2, 1]], [[4, 5, 6, 7]], [[0, 1, 5, 4]], [[1, 2, 6, 5]], [[2, 3, 7, 6]], [[3, 0, 4, 7]]]]";
const std::string kCubeVertices = "[[0, 0, 0], [10, 0, 0], [10, 10, 0], [0, 10, 0], [0, 0, 10], [10, 0, 10], [10, 10, 10], [0, 10, 10]]";
std::string CityJson(const std::string& boundaries = kCubeBoundaries, const std::string& vertices = kCubeVertices,
                     const std::string& transform = R"({"scale": [1, 1, 1], "translate": [85000, 447500, 0]})",
                     const std::string& crs = "https://www.opengis.net/def/crs/EPSG/0/28992") {
  return R"({"type": "CityJSON", "version": "2.0",
"transform": )" + transform + R"(,
"metadata": {"referenceSystem": ")" + crs + R"("},
"CityObjects": {"b1": {"type": "Building", "geometry": [{"type": "Solid", "lod": "1", "boundaries": )" +
         boundaries + R"(}]}},
"vertices": )" + vertices + "}\n";
}
CorpusCase CityJsonCase(std::string name, std::string bytes, int code, std::string message) {
  return InfoOn(std::move(name), "town.city.json", std::move(bytes), code, std::move(message), {"--crs", "EPSG:28992"});
}

// A CityGML 2.0 town in EPSG:25832: a 10 m LoD1 block on a two-triangle TIN relief;
// `block_ring` (the block's roof ring) and `srs` replaceable.
const std::string kGmlRoof = "691010 5334010 410 691020 5334010 410 691020 5334020 410 691010 5334020 410 691010 5334010 410";
std::string CityGml(const std::string& block_ring = kGmlRoof, const std::string& srs = "EPSG:25832") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<CityModel xmlns="http://www.opengis.net/citygml/2.0" xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml" xmlns:dem="http://www.opengis.net/citygml/relief/2.0">
<cityObjectMember><bldg:Building gml:id="B1"><bldg:measuredHeight uom="m">10</bldg:measuredHeight>
<bldg:lod1Solid><gml:Solid srsName=")" + srs + R"("><gml:exterior><gml:CompositeSurface>
<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>691010 5334010 400 691010 5334020 400 691020 5334020 400 691020 5334010 400 691010 5334010 400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>)" + block_ring + R"(</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>691010 5334010 400 691020 5334010 400 691020 5334010 410 691010 5334010 410 691010 5334010 400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid></bldg:Building></cityObjectMember>
<cityObjectMember><dem:ReliefFeature gml:id="R"><dem:lod>1</dem:lod><dem:reliefComponent><dem:TINRelief gml:id="T"><dem:lod>1</dem:lod><dem:tin><gml:TriangulatedSurface srsName=")" + srs + R"("><gml:trianglePatches>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334000 400 691100 5334100 400 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334100 400 691000 5334100 400 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
</gml:trianglePatches></gml:TriangulatedSurface></dem:tin></dem:TINRelief></dem:reliefComponent></dem:ReliefFeature></cityObjectMember>
</CityModel>
)";
}

CorpusCase CityGmlCase(std::string name, std::string bytes, int code, std::string message) {
  return InfoOn(std::move(name), "town.gml", std::move(bytes), code, std::move(message));
}

// A small OSM XML town near Delft: one building way on four nodes.
std::string Osm(const std::string& nodes_extra = "", const std::string& way_nodes = R"(<nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>)",
                const std::string& lat1 = "52.0100") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corpus">
 <node id="1" lat=")" + lat1 + R"(" lon="4.3570"/>
 <node id="2" lat="52.0100" lon="4.3572"/>
 <node id="3" lat="52.0102" lon="4.3572"/>
 <node id="4" lat="52.0102" lon="4.3570"/>
)" + nodes_extra + R"( <way id="10">)" + way_nodes + R"(<tag k="building" v="yes"/><tag k="height" v="12"/></way>
</osm>
)";
}
CorpusCase OsmCase(std::string name, std::string bytes, int code, std::string message) {
  return InfoOn(std::move(name), "town.osm", std::move(bytes), code, std::move(message), {"--crs", "EPSG:28992"});
}

// A 20 x 20 DEM of 1 m cells over the base town, values from `z`.
template <typename Z>
std::function<void(const fs::path&)> Dem(Z z, int size = 20, int epsg = 28992) {
  return [z, size, epsg](const fs::path& dir) {
    testing_util::WriteRaster(dir / "dem.tif", epsg, 85000, 447500, 1.0, size, size, z);
  };
}
CorpusCase DemCase(std::string name, std::function<void(const fs::path&)> generate, int code, std::string message) {
  return {.name = std::move(name), .generate = std::move(generate), .args = {"info", "dem.tif", "--crs", "EPSG:28992"},
          .exit_code = code, .message = std::move(message)};
}

// Bytes from hex digits (a binary file found by a fuzzer, kept as text).
std::string FromHex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

// A scenario whose cameras come from `cams.csv` holding `csv`, run with `coverage`.
CorpusCase CameraCsv(std::string name, std::string csv, std::string message) {
  const std::string listed = "cameras:\n  - {id: C01, model: dome, position: [84990, 447490], height_m: 6, yaw: 45, pitch: -20}\n";
  return {.name = std::move(name),
          .files = {{"scenario.yaml", Scenario(listed, "cameras: {source: cams.csv}\n")}, {"cams.csv", std::move(csv)}},
          .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .exit_code = 1, .message = std::move(message)};
}

}  // namespace

std::vector<CorpusCase> ImportCases() {
  const std::string b1 = R"("coordinates": [[[85000, 447500], [85020, 447500], [85020, 447520], [85000, 447520], [85000, 447500]]])";
  return {
      // GeoJSON footprints through a scenario (coverage) and through info.
      {.name = "geojson_truncated", .files = {{"city.geojson", BaseCity().substr(0, 300)}},
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .message = "city.geojson"},
      {.name = "geojson_empty_collection", .files = {{"city.geojson", R"({"type": "FeatureCollection", "features": []})"}},
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .message = "city.geojson"},
      InfoOn("geojson_random_bytes", "noise.geojson", Bytes("\x13\x37\xde\xad\xbe\xef garbage \x01\x02"), 1, "noise.geojson: "),
      InfoOn("geojson_points_only", "points.geojson",
             R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [4.35, 52.0]}}]})",
             1, "points.geojson: "),
      InfoOn("geojson_unclosed_ring_is_closed", "city.geojson",
             City(b1, R"("coordinates": [[[85000, 447500], [85020, 447500], [85020, 447520], [85000, 447520]]])"), 0,
             "unclosed ring closed"),
      InfoOn("geojson_bowtie_is_repaired", "city.geojson",
             City(b1, R"("coordinates": [[[85000, 447500], [85020, 447520], [85020, 447500], [85000, 447520], [85000, 447500]]])"), 0,
             "invalid polygon repaired"),
      InfoOn("geojson_negative_height_falls_back", "city.geojson", City("\"height\": 10", "\"height\": -10"), 0, "warnings: +[1-9]"),
      InfoOn("geojson_text_height_falls_back", "city.geojson", City("\"height\": 10", "\"height\": \"tall\""), 0, "warnings: +[1-9]"),
      InfoOn("geojson_null_geometry_skipped", "city.geojson",
             City(R"("geometry": {"type": "Polygon", )" + b1 + "}", R"("geometry": null)"), 0, "buildings: 1 "),
      InfoOn("geojson_zero_area_skipped", "city.geojson",
             City(b1, R"("coordinates": [[[85000, 447500], [85010, 447500], [85020, 447500], [85000, 447500]]])"), 0, "buildings: 1 "),
      InfoOn("geojson_infinite_coordinate", "city.geojson", City("[85020, 447520]", "[1e999, 447520]"), 0, "buildings: 1 "),
      // A shifted coordinate (one y read as 0): a footprint 447 km long, not a building.
      InfoOn("geojson_footprint_too_large", "city.geojson",
             City(b1, R"("coordinates": [[[85000, 447500], [85020, 447500], [85020, 0], [85000, 447500]]])"), 0,
             "building footprint over 5 km across skipped[\\s\\S]*feature 0 \\(448 km\\)"),
      CoverageOn("geojson_huge_coordinates", "city.geojson", City(b1, R"("coordinates": [[[1e300, 447500], [1e301, 447500], [1e301, 447520], [1e300, 447500]]])"),
                 kSource, 0, "feature outside the supported range skipped"),
      CoverageOn("geojson_two_point_ring_in_area", "city.geojson", City(b1, R"("coordinates": [[[85000, 447500], [85020, 447500]]])"),
                 kSource, 0, "skipped"),
      CoverageOn("geojson_no_crs_projected_numbers", "plain.geojson",
                 R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"height": 5}, "geometry": {"type": "Polygon", )" + b1 + "}}]}",
                 "  - {source: plain.geojson}", 1, "plain.geojson"),
      CoverageOn("geojson_deep_nesting", "deep.geojson",
                 R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": )" +
                     std::string(100000, '[') + std::string(100000, ']') + "}}]}",
                 "  - {source: deep.geojson}", 1, "deep.geojson"),
      CoverageOn("source_missing", "other.txt", "x", "  - {source: nowhere.geojson}", 1, "nowhere.geojson: file not found"),
      CoverageOn("source_is_a_directory", "folder.geojson/readme.txt", "x", "  - {source: folder.geojson}", 1, "folder.geojson: .*[a-z]{4}"),
      CoverageOn("source_layer_missing", "other.txt", "x", "  - {source: city.geojson, layer: roads}", 1, "city.geojson: no layer 'roads'"),
      CoverageOn("source_bad_where", "other.txt", "x", "  - {source: city.geojson, where: 'height >>> 3'}", 1, "city.geojson"),
      CoverageOn("source_crs_unknown", "plain.geojson",
                 R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"height": 5}, "geometry": {"type": "Polygon", )" + b1 + "}}]}",
                 "  - {source: plain.geojson, crs: EPSG:999999}", 1, "EPSG:999999"),
      InfoOn("gpkg_truncated", "city.gpkg", Bytes("SQLite format 3\0\x10\0\x01\x01"), 1, "city.gpkg: "),
      InfoOn("shapefile_without_dbf", "city.shp", Bytes("\0\0\x27\x0a") + std::string(96, '\0'), 1, "city.shp: "),
      // CityJSON.
      CityJsonCase("cityjson_valid_cube", CityJson(), 0, "buildings: 1 "),
      // Near what fuzz_cityjson found (a missing key read through a const json): no crash.
      CityJsonCase("cityjson_geometry_without_boundaries", Replace(CityJson(), "\"boundaries\":", "\"bounds\":"), 1,
                   "town.city.json: the sources contain no usable geometry"),
      CityJsonCase("cityjson_syntax_error", CityJson().substr(0, 120), 1, "town.city.json: line [0-9]+: not valid JSON"),
      // Found by a tester: without --crs, broken JSON was reported as "the file has no CRS".
      InfoOn("cityjson_syntax_error_no_crs", "town.city.json", CityJson().substr(0, 120), 1, "town.city.json: line [0-9]+: not valid JSON"),
      InfoOn("cityjson_number_overflow_no_crs", "town.city.json", Replace(CityJson(), "\"CityJSON\"", "\"CityJSON\", \"x\": 1e999"), 1,
             "town.city.json: not valid JSON: .*number overflow"),
      // A CityGML whose envelope is given twice: libcitygml freed it twice (exit 134).
      InfoOn("citygml_two_envelopes", "town.gml",
             Replace(CityGml(), "<cityObjectMember>", "<gml:boundedBy><gml:Envelope srsName=\"EPSG:25832\"><gml:lowerCorner>691000 5334000 400</gml:lowerCorner><gml:upperCorner>691100 5334100 420</gml:upperCorner></gml:Envelope></gml:boundedBy>\n<gml:boundedBy><gml:Envelope srsName=\"EPSG:25832\"><gml:lowerCorner>691000 5334000 400</gml:lowerCorner><gml:upperCorner>691100 5334100 420</gml:upperCorner></gml:Envelope></gml:boundedBy>\n<cityObjectMember>"),
             1, "town.gml: line 4: a second gml:boundedBy in one element"),
      CityJsonCase("cityjson_wrong_type", Replace(CityJson(), "\"type\": \"CityJSON\"", "\"type\": \"GeoJSON\""), 1,
                   "town.city.json: not a CityJSON file"),
      CityJsonCase("cityjson_no_vertices", Replace(CityJson(), "\"vertices\":", "\"points\":"), 1,
                   "town.city.json: CityJSON without \"vertices\""),
      CityJsonCase("cityjson_vertex_not_triple", CityJson(kCubeBoundaries, Replace(kCubeVertices, "[10, 0, 0]", "[10, 0]")), 1,
                   "town.city.json: vertex 1: not an \\[x, y, z\\] triple"),
      CityJsonCase("cityjson_vertex_text", CityJson(kCubeBoundaries, Replace(kCubeVertices, "[10, 0, 0]", "[10, \"0\", 0]")), 1,
                   "town.city.json: vertex 1: not an \\[x, y, z\\] triple"),
      CityJsonCase("cityjson_index_out_of_range", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 3, 2, 99]]")), 1,
                   "town.city.json: CityObject b1: vertex index 99 out of range"),
      CityJsonCase("cityjson_negative_index", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 3, 2, -1]]")), 1,
                   "town.city.json: CityObject b1: vertex index -1 out of range"),
      CityJsonCase("cityjson_float_index_huge", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 1, 2, 1e12]]")), 1,
                           "town.city.json: CityObject b1: "),
      CityJsonCase("cityjson_float_index_negative", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 3, 2, -1.0]]")), 1,
                           "town.city.json: CityObject b1: "),
      CityJsonCase("cityjson_deep_nesting", CityJson(std::string(200000, '[') + std::string(200000, ']')), 1,
                           "town.city.json: CityObject b1: "),
      CityJsonCase("cityjson_huge_z", CityJson(kCubeBoundaries, Replace(kCubeVertices, "[10, 10, 10]", "[10, 10, 1e40]")), 1,
                           "town.city.json: "),
      CityJsonCase("cityjson_index_text", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 3, 2, \"one\"]]")), 1,
                   "town.city.json: CityObject b1: vertex index \"one\" is not a whole number"),
      CityJsonCase("cityjson_boundaries_string", CityJson("\"boundaries\""), 1, "town.city.json: "),
      CityJsonCase("cityjson_transform_text", CityJson(kCubeBoundaries, kCubeVertices, R"({"scale": ["a", 1, 1], "translate": [0, 0, 0]})"), 1,
                   "town.city.json: transform: \"scale\" must be three numbers \\(x, y, z\\), got \\[\"a\",1,1\\]"),
      CityJsonCase("cityjson_transform_short", CityJson(kCubeBoundaries, kCubeVertices, R"({"scale": [1, 1], "translate": [0, 0, 0]})"), 1,
                   "town.city.json: transform: \"scale\" must be three numbers"),
      CityJsonCase("cityjson_transform_without_translate", CityJson(kCubeBoundaries, kCubeVertices, R"({"scale": [1, 1, 1]})"), 1,
                   "town.city.json: transform: \"translate\" must be three numbers \\(x, y, z\\), got none"),
      CityJsonCase("cityjson_unknown_crs", CityJson(kCubeBoundaries, kCubeVertices, R"({"scale": [1, 1, 1], "translate": [85000, 447500, 0]})",
                                                    "https://www.opengis.net/def/crs/EPSG/0/999999"), 1, "town.city.json: .*999999"),
      CityJsonCase("cityjson_lod_object", Replace(CityJson(), "\"lod\": \"1\"", "\"lod\": {}"), 1, "town.city.json: "),
      CityJsonCase("cityjson_empty_objects", Replace(CityJson(), "\"b1\": {", "\"_\": {\"type\": \"Building\"}, \"b0\": {"), 0, "buildings: 1 "),
      CityJsonCase("cityjson_degenerate_surface", CityJson(Replace(kCubeBoundaries, "[[0, 3, 2, 1]]", "[[0, 3]]")), 0, "warnings: +[1-9]"),
      CityJsonCase("cityjson_nan_vertex", CityJson(kCubeBoundaries, Replace(kCubeVertices, "[10, 0, 0]", "[NaN, 0, 0]")), 1,
                   "town.city.json: line [0-9]+: not valid JSON"),
      // Found by fuzz_cityjson: a scale of 0 laid every vertex on one line, and the ground
      // derived through them crashed (a TIN without faces); an empty vertex read out of bounds
      // in the probe of the file's extent.
      CityJsonCase("cityjson_transform_scale_zero", Replace(CityJson(), "\"scale\": [1, 1, 1]", "\"scale\": [0, 1, 1]"), 1,
                   "town.city.json: transform: scale must be positive \\(non-zero\\)"),
      CityJsonCase("cityjson_transform_scale_negative", Replace(CityJson(), "\"scale\": [1, 1, 1]", "\"scale\": [-1, 1, 1]"), 1,
                   "town.city.json: transform: scale must be positive \\(non-zero\\) .*got scale \\[-1,1,1\\]"),
      CityJsonCase("cityjson_empty_vertex", CityJson(kCubeBoundaries, Replace(kCubeVertices, "[10, 0, 0]", "[]")), 1,
                   "town.city.json: vertex 1: not an \\[x, y, z\\] triple"),
      CityJsonCase("cityjson_geometry_not_a_list", Replace(CityJson(), "\"geometry\": [", "\"geometry\": 5, \"g\": ["), 1, "town.city.json"),
      // CityGML (libcitygml).
      CityGmlCase("citygml_valid_town", CityGml(), 0, "buildings: 1 "),
      // Found by a tester: eight nested entities in 1.6 KB ran for minutes; an external one
      // read another file into the geometry.
      CityGmlCase("citygml_nested_entities",
                  Replace(CityGml(), "<CityModel", "<!DOCTYPE CityModel [\n<!ENTITY a \"lol\">\n<!ENTITY b \"&a;&a;&a;&a;\">\n]>\n<CityModel"),
                  1, "town.gml: line 2: the file declares a DTD"),
      CityGmlCase("citygml_external_entity",
                  Replace(CityGml(), "<CityModel", "<!-- a comment <with a bracket> --><!DOCTYPE CityModel [<!ENTITY x SYSTEM \"/etc/hostname\">]>\n<CityModel"),
                  1, "town.gml: line [0-9]+: the file declares a DTD"),
      // ... and a posList past 1 MiB came back shifted: an 85 km sliver, in silence.
      [] {
        std::string ring = "691010 5334010 410 ";
        while (ring.size() < 1'100'000) ring += "691015 5334015 410 ";
        return CityGmlCase("citygml_text_over_a_mebibyte", CityGml(ring + "691010 5334010 410"), 1,
                           "town.gml: line [0-9]+: an element's text is over 1,048,000 characters");
      }(),
      CityGmlCase("citygml_truncated", CityGml().substr(0, 900), 1, "town.gml: line [0-9]+: not readable as CityGML \\(malformed XML\\)"),
      CityGmlCase("citygml_not_xml", "<CityModel xmlns=\"http://www.opengis.net/citygml/2.0\">\x01\x02 garbage", 1, "town.gml: "),
      CityGmlCase("citygml_unknown_srs", CityGml(kGmlRoof, "urn:x:crs:nowhere"), 1, "town.gml: srsName: unknown CRS 'urn:x:crs:nowhere'"),
      CityGmlCase("citygml_huge_z", Replace(CityGml(), "691020 5334020 410", "691020 5334020 1e40"), 0,
                  "CityGML object with vertices outside the supported range skipped"),
      // Found by fuzz_citygml: a posList that lost a separator shifted every later coordinate
      // (a z of 4.1e9 m, a TIN 5,000 km across), and the nearest-vertex walk of the ground
      // derived from it overflowed the stack.
      CityGmlCase("citygml_shifted_poslist", Replace(CityGml(), "691020 5334020 410 691010", "691020 5334020 4100691010"), 0,
                  "CityGML object with vertices outside the supported range skipped"),
      // OpenStreetMap.
      OsmCase("osm_valid_town", Osm(), 0, "buildings: 1 "),
      OsmCase("osm_truncated_xml", Osm().substr(0, 200), 1, "town.osm: "),
      OsmCase("osm_not_xml", "this is not OpenStreetMap data\n", 1, "town.osm: "),
      // Found by fuzz_osm: broken XML after the town ended the read early, and the town read so
      // far passed as the whole file.
      OsmCase("osm_mismatched_tag_after_the_town",
              Replace(Osm(), "</osm>", "<relation id=\"20\"><tag k=\"type\" v=\"multipolygon\"/></reatniol>\n</osm>"), 1,
              "town.osm: the file is damaged: XML parsing of OSM file failed : mismatched tag at line 8"),
      // A building way that does not close: GDAL makes it a line; it is counted, not lost in silence.
      OsmCase("osm_building_way_not_closed", Osm("", R"(<nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/>)"), 1,
              "town.osm: the sources contain no usable geometry; 1 x building way not closed \\(a line, no "
              "footprint\\): skipped \\(e.g. town.osm: way/10\\)"),
      // A file saved by JOSM: its new objects have negative ids (GDAL's fast node index takes none).
      OsmCase("osm_josm_negative_ids", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="JOSM">
 <node id="-1" lat="52.0100" lon="4.3570"/>
 <node id="-2" lat="52.0100" lon="4.3572"/>
 <node id="-3" lat="52.0102" lon="4.3572"/>
 <node id="-4" lat="52.0102" lon="4.3570"/>
 <way id="-10"><nd ref="-1"/><nd ref="-2"/><nd ref="-3"/><nd ref="-4"/><nd ref="-1"/><tag k="building" v="yes"/><tag k="height" v="12"/></way>
</osm>
)", 0, "buildings: 1 "),
      // Found by fuzz_osm: street lamps alone and no area gave an infinite grid and a GeoPackage
      // that SQLite refused.
      {.name = "osm_lamps_alone_without_area",
       .files = {{"town.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corpus">
 <node id="5" lat="52.0099" lon="4.3569"><tag k="highway" v="street_lamp"/></node>
</osm>
)"},
                 {"scenario.yaml", Replace(Scenario("area: {bbox: [84980, 447480, 85040, 447540], crs: EPSG:28992}\n", ""),
                                           kSource, "  - {source: town.osm}")}},
       .args = {"coverage", "scenario.yaml", "-o", "{out}"},
       .message = "scenario.yaml: nothing to evaluate: the city has no extent"},
      // ... and export-mesh wrote an empty mesh with exit 0.
      {.name = "osm_lamps_alone_export_mesh",
       .files = {{"town.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corpus">
 <node id="5" lat="52.0099" lon="4.3569"><tag k="highway" v="street_lamp"/></node>
</osm>
)"}},
       .args = {"export-mesh", "town.osm", "--crs", "EPSG:28992", "-o", "{out}/city.ply"},
       .message = "town.osm: nothing to export: the city has no surfaces"},
      OsmCase("osm_empty", "", 1, "town.osm: "),
      InfoOn("osm_pbf_garbage", "town.osm.pbf", Bytes("\0\0\0\x0d\x0a\x09OSMHeader\x18garbage"), 1, "town.osm.pbf: ",
                     {"--crs", "EPSG:28992"}),
      Pending(OsmCase("osm_way_with_missing_node", Osm("", R"(<nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="4"/><nd ref="1"/>)"), 1,
                      "town.osm: .*(way 10|skipped)"),
              "#13 point 9: GDAL's OSM driver drops a way's unknown node references without a word (the way is drawn without them); telling would take a second OSM reader in geo/ (`osmium check-refs` says it, but takes seconds on a town's extract)"),
      // GDAL reports the node as an error; the reader turns it into "damaged".
      OsmCase("osm_latitude_999", Osm("", R"(<nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>)", "999"), 1,
              "town.osm: the file is damaged: Invalid lon=[0-9.]+ lat=999"),
      // GDAL reads lat="abc" as 0: the way became a "building" 6,000 km across, silently.
      OsmCase("osm_latitude_text", Osm("", R"(<nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>)", "abc"), 1,
              "town.osm: the sources contain no usable geometry; 1 x building footprint over 5 km across skipped .*way/10 \\([0-9]+ km\\)"),
      OsmCase("osm_height_text", Replace(Osm(), "v=\"12\"", "v=\"very tall\""), 0, "warnings: +[1-9]"),
      // Rasters (DEM).
      DemCase("dem_valid", Dem([](double, double) { return 2.0; }), 0, "mesh: "),
      InfoOn("tif_random_bytes", "dem.tif", Bytes("II*\0\x08\0\0\0garbage-garbage"), 1, "dem.tif: "),
      InfoOn("tif_empty", "dem.tif", "", 1, "dem.tif: "),
      DemCase("dem_all_nodata", Dem([](double, double) { return -9999.0; }), 1, "dem.tif: the raster has no data"),
      DemCase("dem_nan_cells", Dem([](double x, double) { return x < 85010 ? NAN : 2.0; }), 0, "mesh: "),
      DemCase("dem_one_cell", Dem([](double, double) { return 2.0; }, 1), 1, "dem.tif: "),
      // Found by fuzz_tif: 441 bytes whose header claims 62,980 x 8,196 pixels; the reader
      // took the whole window (2 GB of floats) before its first block failed to decode.
      [] {
        CorpusCase c = InfoOn("tif_header_claims_half_a_billion_pixels", "dem.tif", FromHex(
            "49492a00080000001100000103000100000004f6000001010300010000000420000002010300010000001000000003010300"
            "0100000008000000060103000100000001000000110104000100000088010000150103000100000001000000160103000100"
            "0000040000001701040001000000230000004001030001000000010000003d01030001000000010000005301030001000000"
            "020000000e830c0003000000e000000082840c0006000000f8000000af8703002000000028010000b1870200200000006801"
            "000081a4120006000000da000000000000002d34393939000000000000000040000000000000004000000000000000000000"
            "0000000000000000000000000000018000000000000000000000000000000000000080c0f4400000000050501b4100000000"
            "000000000100010000000700000400000100010001040000010001000204b187140000000108b1870b001400020800000100"
            "8e23000c000001004071040c000001002923416d657273666f6f7274202f205244204e65777c416d657273666f6f72747c00"
            "789c636460626026608020202020202092ac0ccc0c1f6fb032b031b030b032b031b03300001b860206"), 1, "dem.tif: band 1: cannot read raster data", {"--crs", "EPSG:28992"});
        c.memory_limit_mb = 1536;  // the old reader needed 2.3 GB
        return c;
      }(),
      // ... and one whose pixels are 1e-12 m wide and 9 m tall: the node limit's one step
      // left a 1 x 82 M sliver of nodes (245 M in the end, 7.8 GB and 50 s).
      [] {
        CorpusCase c = InfoOn("tif_sliver_pixels", "dem.tif", FromHex(
            "49492a0008000000100000010300010000000400000001010300010000000402000002010300010000002000000003010300"
            "010000000100000006010300010000000100000011010400010000007c010000150103000100000001000000160103000100"
            "0000040000001701040001000000400000001c01030001000000010000005301030001000000030000000e830c0003000000"
            "d400000082840c0006000000ec000000af870300200000001c010000b1870200200000005c01000081a4020006000000ce00"
            "0000003c54696c654d61702076657273696f6e3d22312e302e30224000000000000000000000000000400000000000000000"
            "0000000000000000000000000000000000000000000000000000000080c0f4400000000050501b4100000000000000000100"
            "7400001701040001000000400000001c01030001000000010000005301030001000000030000000e830c0003000000d40000"
            "00ec000000af870300200000001c010000b1870200200000005c01000081a4020006000000ce000000002d000082840c0006"
            "000000ec000000af870300200000001c010000b187840c00010300010000000400000001010000001c010040"), 1, "dem.tif: ", {"--crs", "EPSG:28992"});
        c.memory_limit_mb = 1536;
        return c;
      }(),
      DemCase("dem_huge_cell", Dem([](double x, double) { return x < 85002 ? 3e38 : 2.0; }), 0,
              "raster values outside -500..9000 m treated as nodata\\s+e.g. dem.tif: band 1: 40 pixels"),
      {.name = "dem_without_crs",
       .generate = [](const fs::path& dir) {
         GDALAllRegister();
         GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create((dir / "dem.tif").c_str(), 4, 4, 1, GDT_Float32, nullptr);
         double gt[6] = {85000, 1, 0, 447504, 0, -1};
         ds->SetGeoTransform(gt);
         GDALClose(ds);
       },
       .args = {"info", "dem.tif"}, .message = "dem.tif: the file has no CRS"},
      // Found by fuzz_tif: corrupt headers with absurd origins or pixel sizes crashed the reader.
      {.name = "dem_absurd_origin",
       .generate = [](const fs::path& dir) {
         GDALAllRegister();
         GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create((dir / "dem.tif").c_str(), 4, 4, 1, GDT_Float32, nullptr);
         double gt[6] = {4e30, 2, 0, 3.5e300, 0, -2};
         ds->SetGeoTransform(gt);
         GDALClose(ds);
       },
       .args = {"info", "dem.tif", "--crs", "EPSG:28992"}, .message = "dem.tif: raster georeferencing is unusable"},
      {.name = "dem_absurd_pixel_size",
       .generate = [](const fs::path& dir) {
         GDALAllRegister();
         GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create((dir / "dem.tif").c_str(), 4, 4, 1, GDT_Float32, nullptr);
         double gt[6] = {85000, 2, 0, 447508, 0, -5e250};
         ds->SetGeoTransform(gt);
         GDALClose(ds);
       },
       .args = {"info", "dem.tif", "--crs", "EPSG:28992"}, .message = "dem.tif: raster georeferencing is unusable"},
      {.name = "dem_without_geotransform",
       .generate = [](const fs::path& dir) {
         GDALAllRegister();
         GDALClose(GetGDALDriverManager()->GetDriverByName("GTiff")->Create((dir / "dem.tif").c_str(), 4, 4, 1, GDT_Float32, nullptr));
       },
       .args = {"info", "dem.tif", "--crs", "EPSG:28992"}, .message = "dem.tif: "},
      {.name = "dem_two_terrains",
       .files = {{"scenario.yaml", Scenario(kSource, kSource + "\n  - {source: dem.tif, role: terrain}\n  - {source: dem2.tif, role: terrain}")}},
       .generate = [](const fs::path& dir) {
         testing_util::WriteRaster(dir / "dem.tif", 28992, 84980, 447480, 1.0, 60, 60, [](double, double) { return 1.0; });
         testing_util::WriteRaster(dir / "dem2.tif", 28992, 84980, 447480, 1.0, 60, 60, [](double, double) { return 1.0; });
       },
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .message = "dem2.tif: only one terrain"},
      {.name = "dem_outside_area",
       .files = {{"scenario.yaml", Scenario(kSource, kSource + "\n  - {source: dem.tif, role: terrain}")}},
       .generate = [](const fs::path& dir) {
         testing_util::WriteRaster(dir / "dem.tif", 28992, 90000, 440000, 1.0, 10, 10, [](double, double) { return 1.0; });
       },
       .args = {"coverage", "scenario.yaml", "-o", "{out}"}, .message = "dem.tif: "},
      // A camera list (CSV): a row whose position cannot be read is an error naming the line and
      // the column, never a camera quietly left out.
      CameraCsv("cameras_csv_text_lon", "id,lon,lat,height_m,yaw_deg,pitch_deg,model\nC01,east,52.01135,6,45,-20,dome\n",
                "cams.csv: line 2: lon: not a finite number: 'east'"),
      CameraCsv("cameras_csv_inf_lon", "id,lon,lat,height_m,yaw_deg,pitch_deg,model\nC01,inf,52.01135,6,45,-20,dome\n",
                "cams.csv: line 2: lon: not a finite number: 'inf'"),
      CameraCsv("cameras_csv_nan_x", "id,x,y,height_m,yaw_deg,pitch_deg,model\nC01,nan,447490,6,45,-20,dome\n",
                "cams.csv: line 2: x: not a finite number: 'nan'"),
      CameraCsv("cameras_csv_empty_x", "id,x,y,height_m,yaw_deg,pitch_deg,model\nC01,84990,447490,6,45,-20,dome\nC02,,447490,6,45,-20,dome\n",
                "cams.csv: line 3: x: empty; a position is needed"),
      CameraCsv("cameras_csv_short_row", "id,x,y,height_m,yaw_deg,pitch_deg,model\nC01,84990,447490,6\n",
                "cams.csv: line 2: the row has 4 of the header's 7 fields"),
      // GDAL drops the fields past the header's: here a name with a comma shifted every column.
      CameraCsv("cameras_csv_long_row", "id,name,x,y,height_m,yaw_deg,pitch_deg,model\nC01,Brivibas iela 12,84990,447490,6,45,-20,dome\n"
                "C02,Brivibas iela, 14,84995,447490,6,45,-20,dome\n",
                "cams.csv: line 3: the row has 9 fields, the header 8 \\(is a value with a ',' in it not quoted\\?\\)"),
      // Spreadsheets end rows with a separator: empty trailing fields are fine; semicolons too.
      [] {
        CorpusCase c = CameraCsv("cameras_csv_trailing_separators",
                                 "id;x;y;height_m;yaw_deg;pitch_deg;model;\nC01;84990;447490;6;45;-20;dome;;\n", "1 cameras, grid");
        c.exit_code = 0;
        return c;
      }(),
      CameraCsv("cameras_csv_id_with_separator", "id,x,y,height_m,yaw_deg,pitch_deg,model\nnorth/C01,84990,447490,6,45,-20,dome\n",
                "cams.csv: line 2: id: camera id 'north/C01' contains '/'"),
      // Found by a tester: a camera drawn as a line vanished from the plan without a word.
      [] {
        CorpusCase c = CameraCsv("cameras_geojson_line_camera", "", "cams.geojson: feature 1: the feature is a Line String; each feature must be one point");
        c.files.erase("cams.csv");
        c.files["scenario.yaml"] = Replace(c.files["scenario.yaml"], "cams.csv", "cams.geojson");
        c.files["cams.geojson"] = R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [{"type": "Feature", "properties": {"id": "C01", "height_m": 6}, "geometry": {"type": "Point", "coordinates": [84990, 447490]}},
{"type": "Feature", "properties": {"id": "C02", "height_m": 6}, "geometry": {"type": "LineString", "coordinates": [[84990, 447490], [84995, 447495]]}}]})";
        return c;
      }(),
      // ... and a `layer:` the file does not have read every layer instead.
      [] {
        CorpusCase c = CameraCsv("cameras_layer_missing", "", "cams.geojson: layer: no layer 'cams_2024' \\(layers: cams\\)");
        c.files.erase("cams.csv");
        c.files["scenario.yaml"] = Replace(c.files["scenario.yaml"], "{source: cams.csv}", "{source: cams.geojson, layer: cams_2024}");
        c.files["cams.geojson"] = R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [{"type": "Feature", "properties": {"id": "C01", "height_m": 6}, "geometry": {"type": "Point", "coordinates": [84990, 447490]}}]})";
        return c;
      }(),
      CameraCsv("cameras_csv_empty_file", "", "cams.csv: .*the file is empty"),
      CameraCsv("cameras_csv_header_only", "id,x,y,height_m,yaw_deg,pitch_deg,model\n", "cams.csv: no camera points in the file"),
      // Both placements, as sightline writes them, edited apart: lon/lat win, and the user hears.
      [] {
        CorpusCase c = CameraCsv("cameras_csv_xy_and_lonlat_disagree",
                                 "id,lon,lat,x,y,height_m,yaw_deg,pitch_deg,model\n"
                                 "C01,4.36743761869765,52.0113514581722,84970,447490,6,45,-20,dome\n",
                                 "camera x/y and lon/lat disagree \\(lon/lat used\\)\\s+warning: +e.g. cams.csv: line 2: camera 'C01': x/y lie 20.00 m");
        c.exit_code = 0;
        return c;
      }(),
  };
}

}  // namespace corpus
