// Sections `city:` (sources), `area:` and `defaults:`.
#include "scenario/parser.h"

#include <array>

#include "core/limits.h"
#include "geo/vector_io.h"

namespace scenario::detail {

geo::SourceRole Parser::Role(const YAML::Node& node) const {
  const std::string r = Get<std::string>(node, "role");
  if (r == "auto") return geo::SourceRole::automatic;
  if (r == "buildings") return geo::SourceRole::buildings;
  if (r == "terrain" || r == "dem") return geo::SourceRole::terrain;
  if (r == "surface" || r == "dsm") return geo::SourceRole::surface;
  Fail(node, "role must be one of auto, buildings, terrain (DEM), surface (DSM); got '" + r + "'");
}

geo::CitySource Parser::Source(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "city[" + std::to_string(index) + "]";
  CheckKeys(node, {"source", "role", "layer", "where", "crs", "height_attribute",
                   "levels_attribute", "min_height_attribute", "attribution", "lod"}, ctx);
  if (!node["source"]) Fail(node, ctx + " needs a `source:` file");
  geo::CitySource s;
  s.path = Resolve(Get<std::string>(node["source"], "source"));
  if (node["role"]) s.role = Role(node["role"]);
  if (node["layer"]) s.layer = Get<std::string>(node["layer"], "layer");
  if (node["where"]) s.where = Get<std::string>(node["where"], "where");
  if (node["crs"]) s.crs = GetCrs(node["crs"], "crs");
  if (node["height_attribute"]) s.height_attribute = Get<std::string>(node["height_attribute"], "height_attribute");
  if (node["levels_attribute"]) s.levels_attribute = Get<std::string>(node["levels_attribute"], "levels_attribute");
  if (node["attribution"]) s.attribution = Get<std::string>(node["attribution"], "attribution");
  if (node["lod"]) s.lod = Lod(node["lod"]);
  if (node["min_height_attribute"]) s.min_height_attribute = Get<std::string>(node["min_height_attribute"], "min_height_attribute");
  return s;
}

// "2", "1.2": a CityGML/CityJSON level of detail from 0 to 4.
std::string Parser::Lod(const YAML::Node& node) const {
  const std::string text = Get<std::string>(node, "lod");
  char* end = nullptr;
  const double lod = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(lod >= 0 && lod <= 4))
    Fail(node, "lod must be a level of detail from 0 to 4 (e.g. 2 or 1.2); got '" + text + "'");
  return text;
}

geo::AreaOfInterest Parser::Area(const YAML::Node& node, bool scenario_has_crs) const {
  CheckKeys(node, {"bbox", "crs", "polygon", "wkt"}, "area");
  geo::AreaOfInterest a;
  const int given = (node["bbox"] ? 1 : 0) + (node["polygon"] ? 1 : 0) + (node["wkt"] ? 1 : 0);
  if (given != 1) Fail(node, "area needs exactly one of bbox, polygon (a file) or wkt");
  if (node["crs"]) a.crs = GetCrs(node["crs"], "area crs");
  if (const YAML::Node b = node["bbox"]) {
    if (!b.IsSequence() || b.size() != 4) Fail(b, "bbox must be [min_x, min_y, max_x, max_y]");
    std::array<double, 4> v{};
    for (int i = 0; i < 4; ++i) v[i] = GetCoordinate(b[i], "bbox value");
    if (!(v[0] < v[2] && v[1] < v[3])) Fail(b, "bbox must have min_x < max_x and min_y < max_y");
    // Without any crs the bbox is lon/lat (said in a warning); numbers that cannot be are an error here.
    if (a.crs.empty() && !scenario_has_crs && !(v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90))
      Fail(b, "bbox is read as longitude/latitude (neither the area nor the scenario has a `crs:`), but its "
              "numbers are not: give the area its crs, e.g. {bbox: [...], crs: EPSG:...}");
    a.bbox = v;
  }
  if (node["polygon"]) a.polygon_file = Resolve(Get<std::string>(node["polygon"], "polygon"));
  if (node["wkt"]) {
    a.polygon_wkt = Get<std::string>(node["wkt"], "wkt");
    if (const std::string why = geo::WktPolygonProblem(a.polygon_wkt); !why.empty()) Fail(node["wkt"], "area wkt: " + why);
  }
  return a;
}

geo::CityDefaults Parser::Defaults(const YAML::Node& node) const {
  CheckKeys(node, {"level_height_m", "building_height_m", "max_height_m"}, "defaults");
  geo::CityDefaults d;
  if (node["level_height_m"]) d.level_height_m = GetPositiveHeight(node["level_height_m"], "level_height_m");
  if (node["building_height_m"]) d.building_height_m = GetPositiveHeight(node["building_height_m"], "building_height_m");
  if (node["max_height_m"]) d.max_height_m = GetPositiveHeight(node["max_height_m"], "max_height_m");
  return d;
}

std::vector<geo::CitySource> Parser::Sources(const YAML::Node& city, const YAML::Node& root) const {
  if (!city || !city.IsSequence() || city.size() == 0)
    Fail(city ? city : root, "`city:` must list at least one source");
  std::vector<geo::CitySource> sources;
  for (std::size_t i = 0; i < city.size(); ++i) sources.push_back(Source(city[i], i));
  return sources;
}

}  // namespace scenario::detail
