#include "scenario/scenario.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"

namespace scenario {
namespace {

// Keys that belong to the scenario format but whose engines have not landed yet.
const std::set<std::string> kNotYetSupported = {"grid",     "camera_models", "cameras",
                                                "zones",    "optimise",      "network",
                                                "feeds"};

class Parser {
 public:
  explicit Parser(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& problem) const {
    const std::string where =
        node.Mark().is_null() ? "" : "line " + std::to_string(node.Mark().line + 1);
    throw core::InputError(file_.string(), where, problem);
  }

  void CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                 const std::string& context) const {
    if (!map.IsMap()) Fail(map, context + " must be a mapping (key: value)");
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (allowed.count(key)) continue;
      if (context == "scenario" && kNotYetSupported.count(key))
        Fail(kv.first, "'" + key + "' is not supported by this version of sightline yet");
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      Fail(kv.first, "unknown key '" + key + "' in " + context + " (allowed: " + list + ")");
    }
  }

  template <typename T>
  T Get(const YAML::Node& node, const std::string& what) const {
    try {
      return node.as<T>();
    } catch (const YAML::Exception&) {
      Fail(node, what + " has the wrong type (got '" + (node.IsScalar() ? node.Scalar() : "a list or map") + "')");
    }
  }

  double GetPositive(const YAML::Node& node, const std::string& what) const {
    const double v = Get<double>(node, what);
    if (!(v > 0) || !std::isfinite(v)) Fail(node, what + " must be a positive number");
    return v;
  }

  std::filesystem::path Resolve(const std::string& path) const {
    std::filesystem::path p(path);
    return (p.is_absolute() ? p : file_.parent_path() / p).lexically_normal();
  }

  geo::SourceRole Role(const YAML::Node& node) const {
    const std::string r = Get<std::string>(node, "role");
    if (r == "auto") return geo::SourceRole::automatic;
    if (r == "buildings") return geo::SourceRole::buildings;
    if (r == "terrain" || r == "dem") return geo::SourceRole::terrain;
    if (r == "surface" || r == "dsm") return geo::SourceRole::surface;
    Fail(node, "role must be one of auto, buildings, terrain (DEM), surface (DSM); got '" + r + "'");
  }

  geo::CitySource Source(const YAML::Node& node, std::size_t index) const {
    const std::string ctx = "city[" + std::to_string(index) + "]";
    CheckKeys(node, {"source", "role", "layer", "where", "crs", "height_attribute",
                     "levels_attribute", "min_height_attribute"}, ctx);
    if (!node["source"]) Fail(node, ctx + " needs a `source:` file");
    geo::CitySource s;
    s.path = Resolve(Get<std::string>(node["source"], "source"));
    if (node["role"]) s.role = Role(node["role"]);
    if (node["layer"]) s.layer = Get<std::string>(node["layer"], "layer");
    if (node["where"]) s.where = Get<std::string>(node["where"], "where");
    if (node["crs"]) s.crs = Get<std::string>(node["crs"], "crs");
    if (node["height_attribute"]) s.height_attribute = Get<std::string>(node["height_attribute"], "height_attribute");
    if (node["levels_attribute"]) s.levels_attribute = Get<std::string>(node["levels_attribute"], "levels_attribute");
    if (node["min_height_attribute"]) s.min_height_attribute = Get<std::string>(node["min_height_attribute"], "min_height_attribute");
    return s;
  }

  geo::AreaOfInterest Area(const YAML::Node& node) const {
    CheckKeys(node, {"bbox", "crs", "polygon", "wkt"}, "area");
    geo::AreaOfInterest a;
    const int given = (node["bbox"] ? 1 : 0) + (node["polygon"] ? 1 : 0) + (node["wkt"] ? 1 : 0);
    if (given != 1) Fail(node, "area needs exactly one of bbox, polygon (a file) or wkt");
    if (node["crs"]) a.crs = Get<std::string>(node["crs"], "area crs");
    if (const YAML::Node b = node["bbox"]) {
      if (!b.IsSequence() || b.size() != 4) Fail(b, "bbox must be [min_x, min_y, max_x, max_y]");
      std::array<double, 4> v{};
      for (int i = 0; i < 4; ++i) v[i] = Get<double>(b[i], "bbox value");
      if (!(v[0] < v[2] && v[1] < v[3])) Fail(b, "bbox must have min_x < max_x and min_y < max_y");
      a.bbox = v;
    }
    if (node["polygon"]) a.polygon_file = Resolve(Get<std::string>(node["polygon"], "polygon"));
    if (node["wkt"]) a.polygon_wkt = Get<std::string>(node["wkt"], "wkt");
    return a;
  }

  geo::CityDefaults Defaults(const YAML::Node& node) const {
    CheckKeys(node, {"level_height_m", "building_height_m", "max_height_m"}, "defaults");
    geo::CityDefaults d;
    if (node["level_height_m"]) d.level_height_m = GetPositive(node["level_height_m"], "level_height_m");
    if (node["building_height_m"]) d.building_height_m = GetPositive(node["building_height_m"], "building_height_m");
    if (node["max_height_m"]) d.max_height_m = GetPositive(node["max_height_m"], "max_height_m");
    return d;
  }

  Scenario Parse(const std::string& text) const {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      throw core::InputError(file_.string(), "line " + std::to_string(e.mark.line + 1),
                             "YAML syntax error: " + e.msg);
    }
    if (!root.IsMap()) throw core::InputError(file_.string(), "", "a scenario must be a YAML mapping");
    CheckKeys(root, {"version", "name", "crs", "area", "city", "defaults"}, "scenario");
    Scenario s;
    s.file = file_;
    if (!root["version"]) Fail(root, "missing `version: 1`");
    s.version = Get<int>(root["version"], "version");
    if (s.version != 1) Fail(root["version"], "unsupported scenario version " + std::to_string(s.version) + " (this sightline reads version 1)");
    if (root["name"]) s.name = Get<std::string>(root["name"], "name");
    if (root["crs"]) s.city.crs = Get<std::string>(root["crs"], "crs");
    if (root["area"]) s.city.area = Area(root["area"]);
    if (root["defaults"]) s.city.defaults = Defaults(root["defaults"]);
    const YAML::Node city = root["city"];
    if (!city || !city.IsSequence() || city.size() == 0)
      Fail(city ? city : root, "`city:` must list at least one source");
    for (std::size_t i = 0; i < city.size(); ++i) s.city.sources.push_back(Source(city[i], i));
    return s;
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

Scenario ParseScenario(const std::string& yaml, const std::filesystem::path& file) {
  return Parser(file).Parse(yaml);
}

Scenario LoadScenario(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw core::InputError(file.string(), "", "cannot open scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseScenario(text.str(), file);
}

}  // namespace scenario
