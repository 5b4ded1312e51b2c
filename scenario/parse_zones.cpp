// Section `zones:`.
#include "scenario/parser.h"

#include <map>

#include "geo/vector_io.h"
#include "scenario/zone_rules.h"

namespace scenario::detail {

ZoneSpec Parser::Zone(const YAML::Node& node, std::size_t index) const {
  const std::string ctx = "zones[" + std::to_string(index) + "]";
  CheckKeys(node, {"name", "kind", "weight", "dori", "level", "k", "source", "layer", "wkt", "polygon", "crs"}, ctx);
  ZoneSpec z;
  z.where = Line(node);
  z.name = node["name"] ? Get<std::string>(node["name"], "name") : "zone " + std::to_string(index + 1);
  z.name_given = bool(node["name"]);
  z.kind_given = bool(node["kind"]);
  if (const YAML::Node k = node["kind"]) {
    const std::string v = Get<std::string>(k, "kind");
    const auto kind = ZoneKindNamed(v);
    if (!kind) Fail(k, ZoneKindProblem(v));
    z.kind = *kind;
  }
  if (const YAML::Node w = node["weight"]) {
    z.weight = Get<double>(w, "weight");
    if (const std::string why = ZoneWeightProblem(z.weight); !why.empty()) Fail(w, why);
  }
  for (const char* key : {"dori", "level"})
    if (const YAML::Node l = node[key]) z.required_level = Get<std::string>(l, key);
  if (const YAML::Node k = node["k"]) {
    z.required_k = Get<int>(k, "k");
    if (const std::string why = ZoneKProblem(z.required_k); !why.empty()) Fail(k, why);
  }
  if (node["crs"]) z.crs = GetCrs(node["crs"], "crs");
  const int given = (node["source"] ? 1 : 0) + (node["wkt"] ? 1 : 0) + (node["polygon"] ? 1 : 0);
  if (given != 1) Fail(node, ctx + " needs exactly one of source (a file), wkt or polygon ([[x, y], ...])");
  if (node["source"]) z.source = Resolve(Get<std::string>(node["source"], "source"));
  if (node["layer"]) {
    if (!node["source"]) Fail(node["layer"], ctx + ": layer goes with source (a file)");
    z.layer = Get<std::string>(node["layer"], "layer");
  }
  if (node["wkt"]) {
    z.wkt = Get<std::string>(node["wkt"], "wkt");
    if (const std::string why = geo::WktPolygonProblem(z.wkt); !why.empty()) Fail(node["wkt"], ctx + " wkt: " + why);
  }
  if (const YAML::Node p = node["polygon"]) {
    if (!p.IsSequence() || p.size() < 3) Fail(p, "polygon needs at least 3 [x, y] points");
    std::string wkt = "POLYGON((";
    for (std::size_t i = 0; i <= p.size(); ++i) {
      const YAML::Node pt = p[i % p.size()];
      if (!pt.IsSequence() || pt.size() != 2) Fail(pt, "polygon points are [x, y]");
      if (i) wkt += ',';
      wkt += std::to_string(GetCoordinate(pt[0], "x"));
      wkt += ' ';
      wkt += std::to_string(GetCoordinate(pt[1], "y"));
    }
    z.wkt = wkt + "))";
  }
  if (!z.required_level.empty() && levels_ && levels_->Find(z.required_level) < 0)
    Fail(node, "zone '" + z.name + "' requires unknown density level '" + z.required_level + "'" + LevelList(*levels_));
  return z;
}

std::vector<ZoneSpec> Parser::Zones(const YAML::Node& zones) const {
  if (!zones.IsSequence()) Fail(zones, "zones must be a list");
  std::vector<ZoneSpec> out;
  // The report and `compare` name zones; two entries of one name are a copy left unedited.
  std::map<std::string, std::string> named;  // name -> where it was first given
  for (std::size_t i = 0; i < zones.size(); ++i) {
    out.push_back(Zone(zones[i], i));
    if (const YAML::Node name = zones[i]["name"]) {
      const auto [it, fresh] = named.emplace(out.back().name, out.back().where);
      if (!fresh) Fail(name, "duplicate zone name '" + out.back().name + "' (first given on " + it->second + ")");
    }
  }
  return out;
}

}  // namespace scenario::detail
