// CityJSON 1.x/2.0 (LoD1/LoD2 solids and surfaces) parsed with nlohmann-json: GDAL 3.6 has no
// CityJSON driver. Geometry is used as given (no extrusion): z stays in the file's vertical
// datum, x/y are reprojected into the frame.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "core/error.h"
#include "core/limits.h"
#include "geo/city_objects.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"

namespace geo::detail {
namespace {

using nlohmann::json;
constexpr std::uint32_t kUnmapped = std::numeric_limits<std::uint32_t>::max();

// A geometry's level of detail: a number, or a text of digits with at most one decimal point
// ("2", "2.2"); NaN for anything else ("abc", "", "0x1", "1e0").
double LodOf(const json& geometry) {
  if (!geometry.contains("lod")) return 0;
  const json& l = geometry["lod"];
  if (l.is_number()) return l.get<double>();
  if (!l.is_string()) return NAN;
  const std::string& text = l.get_ref<const std::string&>();
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const std::size_t point = text.find('.');
  const bool plain = !text.empty() && digit(text.front()) && digit(text.back()) &&
                     std::all_of(text.begin(), text.end(), [&](char c) { return digit(c) || c == '.'; }) &&
                     (point == std::string::npos || text.find('.', point + 1) == std::string::npos);
  return plain ? std::atof(text.c_str()) : NAN;
}

// JSON allows a key twice in one object and every reader keeps one of them: two CityObjects of
// one id, and one building is gone without a word. The parser's callback sees each key.
struct DuplicateKeyWatch {
  std::vector<std::unordered_set<std::string>> keys;  // per open object, its keys so far
  std::vector<std::string> last_key;                   // per open object, its latest key
  std::string duplicate, parent;

  void See(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        last_key.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back(), last_key.pop_back();
        break;
      case json::parse_event_t::key: {
        if (keys.empty() || !parsed.is_string()) break;
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!keys.back().insert(key).second && duplicate.empty()) {
          duplicate = key;
          parent = last_key.size() >= 2 ? last_key[last_key.size() - 2] : "";
        }
        last_key.back() = key;
        break;
      }
      default:
        break;
    }
  }

  // The line of its second appearance when the key is a key exactly twice in the file, as
  // written and as parsed (an escaped "\u0063" is "c" to the parser only), else "": the
  // parser gives no position.
  std::string Where(const std::string& text) const {
    const std::string quoted = "\"" + duplicate + "\"";
    std::vector<std::size_t> at;
    for (std::size_t i = text.find(quoted); i != std::string::npos; i = text.find(quoted, i + 1)) {
      std::size_t j = i + quoted.size();
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j < text.size() && text[j] == ':') at.push_back(i);
    }
    if (at.size() != 2) return "";
    std::size_t parsed = 0;
    json::parse(
        text,
        [&](int, json::parse_event_t event, json& value) {
          parsed += event == json::parse_event_t::key && value.is_string() &&
                    value.get_ref<const std::string&>() == duplicate;
          return event != json::parse_event_t::value;  // nothing kept: only the keys are counted
        },
        false);
    return parsed == 2 ? "line " + std::to_string(LineOfByte(text, at[1] + 1)) : "";
  }

  std::string Problem() const {
    return "key \"" + duplicate + "\" appears twice in one object" + (parent.empty() ? "" : " (in \"" + parent + "\")") +
           ": a JSON reader keeps only one of them, so the other would vanish; give each its own key";
  }
};

class CityJsonReader {
 public:
  CityJsonReader(const CitySource& source, ReadContext& ctx) : source_(source), ctx_(ctx) {
    file_ = source.path.string();
  }

  void Read() {
    std::ifstream in(source_.path, std::ios::binary);
    if (!in) throw core::InputError(file_, "", "cannot open file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    json doc;
    DuplicateKeyWatch keys;
    try {
      doc = json::parse(text, [&keys](int, json::parse_event_t event, json& parsed) {
        keys.See(event, parsed);
        return true;
      });
    } catch (const json::parse_error& e) {
      throw core::InputError(file_, "line " + std::to_string(LineOfByte(text, e.byte)),
                             std::string("not valid JSON: ") + e.what());
    }
    if (!keys.duplicate.empty()) throw core::InputError(file_, keys.Where(text), keys.Problem());
    if (!doc.is_object() || doc.value("type", "") != "CityJSON")
      throw core::InputError(file_, "", "not a CityJSON file (\"type\": \"CityJSON\" missing)");
    if (!doc.contains("vertices") || !doc["vertices"].is_array() || !doc.contains("CityObjects") ||
        !doc["CityObjects"].is_object())
      throw core::InputError(file_, "", "CityJSON without \"vertices\" or \"CityObjects\"");

    std::string file_crs;
    if (doc.contains("metadata") && doc["metadata"].contains("referenceSystem") &&
        doc["metadata"]["referenceSystem"].is_string())
      file_crs = CrsToWkt(CrsFromReferenceSystem(doc["metadata"]["referenceSystem"]), file_);
    const std::string crs =
        ResolveSourceCrs(file_crs, source_, ctx_.fallback_crs, ctx_.diagnostics);
    LayerTransform transform(crs, ctx_.frame, file_);
    const std::string version = doc.contains("version") && doc["version"].is_string() ? doc["version"].get<std::string>() : "?";
    // 1.0, 1.1 and 2.0 are read; a later one may have moved what this reader looks for.
    if (version != "1.0" && version != "1.1" && version != "2.0")
      ctx_.diagnostics.Warn("CityJSON version not known (1.0, 1.1 and 2.0 are read): read as 2.0",
                            file_ + ": version " + (version.size() > 20 ? version.substr(0, 20) + "..." : version));
    summary_ = StartSummary(file_, "CityJSON " + version);
    summary_.crs = transform.source_name();
    if (transform.z_unit_assumed())
      ctx_.diagnostics.Warn("z of a model in a feet CRS without vertical CRS taken in feet", file_);
    ReadVertices(doc, transform);
    model_index_.assign(vertices_.size(), kUnmapped);
    model_owner_.assign(vertices_.size(), 0);

    first_vertex_ = ctx_.city.vertices.size();
    for (const auto& [key, object] : doc["CityObjects"].items()) ReadObject(key, object);
    LinkParts(doc["CityObjects"]);
    if (summary_.buildings > 0) per_type_["Building"] = summary_.buildings;  // with those of parts only
    for (const auto& [type, count] : per_type_) summary_.features_per_layer.emplace_back(type, count);
    FinishSummary(summary_, ctx_.city, first_vertex_);
    ctx_.city.sources.push_back(std::move(summary_));
  }

 private:
  void ReadVertices(const json& doc, const LayerTransform& transform) {
    std::array<double, 3> scale{1, 1, 1}, translate{0, 0, 0};
    if (doc.contains("transform")) {
      const json& t = doc["transform"];
      // {"scale": [sx, sy, sz], "translate": [tx, ty, tz]}, each three numbers.
      const auto three_numbers = [&t](const char* key) {
        if (!t.is_object() || !t.contains(key) || !t[key].is_array() || t[key].size() != 3 ||
            !std::all_of(t[key].begin(), t[key].end(), [](const json& v) { return v.is_number(); }))
          return false;
        return true;
      };
      for (const char* key : {"scale", "translate"})
        if (!three_numbers(key))
          throw core::InputError(file_, "transform",
                                 std::string("\"") + key + "\" must be three numbers (x, y, z), got " +
                                     (t.is_object() && t.contains(key) ? t[key].dump().substr(0, 60) : "none"));
      for (int i = 0; i < 3; ++i) {
        scale[i] = t["scale"][i].get<double>();
        translate[i] = t["translate"][i].get<double>();
      }
      // A scale of 0 puts every vertex on one line or plane (found by fuzz_cityjson); a
      // negative one mirrors the model away from where it stands.
      for (int i = 0; i < 3; ++i)
        if (!(scale[i] > 0) || !std::isfinite(scale[i]) || !std::isfinite(translate[i]))
          throw core::InputError(file_, "transform",
                                 "scale must be positive (non-zero) and scale and translate finite numbers, got scale " +
                                     t["scale"].dump());
    }
    const json& vs = doc["vertices"];
    vertices_.reserve(vs.size());
    for (std::size_t i = 0; i < vs.size(); ++i) {
      const json& v = vs[i];
      if (!v.is_array() || v.size() < 3 || !v[0].is_number() || !v[1].is_number() ||
          !v[2].is_number())
        throw core::InputError(file_, "vertex " + std::to_string(i), "not an [x, y, z] triple");
      Vec3d p{v[0].get<double>() * scale[0] + translate[0],
              v[1].get<double>() * scale[1] + translate[1],
              (v[2].get<double>() * scale[2] + translate[2]) * transform.z_to_metres()};
      summary_.extent_source.Extend(p.x, p.y);
      if (!transform.ToLocal(p.x, p.y, ctx_.frame)) p = {NAN, NAN, NAN};
      else if (!core::SaneXY(p.x) || !core::SaneXY(p.y) || !core::SaneZ(p.z)) p = {INFINITY, INFINITY, INFINITY};
      vertices_.push_back(p);
    }
  }

  // The mesh vertex of CityJSON vertex i for the object being read. Objects do not share mesh
  // vertices, though neighbours share CityJSON vertices (a party wall): each building is seated
  // on the ground by moving its own base vertices, and a shared vertex was moved once per
  // building (0.43 m became 0.62 m), so a building's shape depended on which neighbours were read.
  std::uint32_t ModelVertex(std::int64_t i) {
    if (model_index_[i] == kUnmapped || model_owner_[i] != fid_) {
      const Vec3d& p = vertices_[i];
      model_index_[i] = AddVertex(ctx_.city, p.x, p.y, p.z);
      model_owner_[i] = fid_;
    }
    return model_index_[i];
  }

  // How deep a geometry type nests its vertex indices in "boundaries" (lists of lists).
  static int IndexDepth(const std::string& type) {
    if (type == "MultiPoint" || type == "GeometryInstance") return 1;
    if (type == "MultiLineString") return 2;
    if (type == "MultiSurface" || type == "CompositeSurface") return 3;
    if (type == "Solid") return 4;
    if (type == "MultiSolid" || type == "CompositeSolid") return 5;
    return 0;
  }

  // Every vertex index the object uses, for the area test and the bounds. Checks the whole
  // structure first, iteratively (a file nested 200,000 deep must not exhaust the stack):
  // lists exactly as deep as the geometry type says, integer indices within the vertices.
  std::vector<std::int64_t> CheckedIndices(const json& geometry, const std::string& key) const {
    const std::string type = geometry.value("type", "");
    const int depth = IndexDepth(type);
    auto fail = [&](const std::string& problem) {
      throw core::InputError(file_, "CityObject " + key, problem);
    };
    std::vector<std::int64_t> out;
    std::vector<std::pair<const json*, int>> stack{{&geometry["boundaries"], 0}};
    while (!stack.empty()) {
      const auto [node, level] = stack.back();
      stack.pop_back();
      if (level < depth) {
        if (!node->is_array())
          fail("boundaries of a " + type + " must be lists nested " + std::to_string(depth) + " deep");
        for (auto it = node->rbegin(); it != node->rend(); ++it) stack.emplace_back(&*it, level + 1);
        continue;
      }
      if (node->is_array()) fail("boundaries nested deeper than a " + type + " allows");
      if (!node->is_number_integer()) fail("vertex index " + node->dump() + " is not a whole number");
      const std::int64_t i = node->is_number_unsigned() && node->get<std::uint64_t>() > INT64_MAX
                                 ? -1
                                 : node->get<std::int64_t>();
      if (i < 0 || static_cast<std::size_t>(i) >= vertices_.size())
        fail("vertex index " + node->dump() + " out of range (the file has " +
             std::to_string(vertices_.size()) + " vertices)");
      out.push_back(i);
    }
    return out;
  }

  // The geometry at the source's `lod:` (default: the highest the object has).
  const json* ChooseGeometry(const json& object, const std::string& where) {
    if (!object.contains("geometry") || !object["geometry"].is_array()) return nullptr;
    std::vector<const json*> candidates;
    std::vector<double> lods;
    for (const json& g : object["geometry"]) {
      if (!g.contains("boundaries")) continue;  // GeometryInstance (templates)
      if (g.contains("lod") && !g["lod"].is_string() && !g["lod"].is_number())
        throw core::InputError(where, "", "\"lod\" must be a number or a string such as \"2.2\"");
      const double lod = LodOf(g);
      // CityJSON's LoDs run from 0 to 4 ("2.2": LoD 2, refined): "1e400" is infinity.
      if (!(lod >= 0 && lod < 5))
        throw core::InputError(where, "", "\"lod\" " + g["lod"].dump() + " is no level of detail (0 to 4, or \"2.2\")");
      candidates.push_back(&g);
      lods.push_back(lod);
    }
    const LodChoice choice = ChooseLod(lods, source_.lod);
    if (choice.index < 0) return nullptr;
    if (!choice.exact)
      ctx_.diagnostics.Warn("object without the requested LoD " + source_.lod + " (nearest LoD used)",
                            where + ": LoD " + LodText(lods[choice.index]));
    chosen_lod_ = lods[choice.index];
    return candidates[choice.index];
  }

  // The Building a part belongs to, through parts of parts. "parents" is a list of ids; a
  // single id written as a string is taken as that list.
  static std::string BuildingOf(const json& objects, std::string key) {
    for (int depth = 0; depth < 16; ++depth) {
      const json& o = objects[key];
      if (o.value("type", "") != "BuildingPart" || !o.contains("parents")) return key;
      const json& parents = o["parents"];
      const json* first = parents.is_string() ? &parents : parents.is_array() && !parents.empty() ? &parents[0] : nullptr;
      if (!first || !first->is_string() || !objects.contains(first->get<std::string>())) return key;
      key = first->get<std::string>();
    }
    return key;
  }

  void LinkParts(const json& objects) {
    std::vector<PartOfBuilding> parts;
    for (auto& [key, fid] : part_features_) {
      const std::string building = BuildingOf(objects, key);
      if (objects[building].value("type", "") != "Building") {
        // Its Building is not in the file (a tile cut between them, a part listed alone): the
        // part stands for it, or the city would hold structures and no building.
        Feature& f = ctx_.city.features[fid];
        f.kind = "building";
        CountHeight(summary_, f.height_source);
        ctx_.diagnostics.Warn("BuildingPart without its Building in the file (counted as a building)",
                              file_ + ": CityObject " + key);
        continue;
      }
      parts.push_back({fid, building});
    }
    LinkBuildingParts(parts, building_features_, source_.path.filename().string(), summary_,
                      ctx_.city);
  }

  void ReadObject(const std::string& key, const json& object) {
    const std::string type = object.value("type", "");
    const std::string where = file_ + ": CityObject " + key;
    const json* geometry = ChooseGeometry(object, where);
    if (!geometry) {
      if (object.contains("geometry") && !object["geometry"].empty())
        ctx_.diagnostics.Warn("CityJSON geometry template (GeometryInstance) skipped", where);
      return;
    }
    if (IndexDepth(geometry->value("type", "")) == 0) {
      ctx_.diagnostics.Warn("CityJSON geometry of unknown type skipped", where);
      return;
    }
    const std::vector<std::int64_t> indices = CheckedIndices(*geometry, key);
    Box2d box;
    double min_z = INFINITY, max_z = -INFINITY;
    for (std::int64_t i : indices) {
      const Vec3d& p = vertices_[i];
      if (std::isnan(p.x)) {
        ctx_.diagnostics.Warn("CityJSON object with unprojectable vertices skipped", where);
        return;
      }
      if (!std::isfinite(p.x)) {
        ctx_.diagnostics.Warn("CityJSON object with vertices outside the supported range skipped "
                              "(|x|, |y| < 1e7 m, |z| < 1e4 m)", where);
        return;
      }
      box.Extend(p.x, p.y);
      min_z = std::min(min_z, p.z);
      max_z = std::max(max_z, p.z);
    }
    if (box.empty() || !BoxInArea(box, ctx_)) return;

    Feature f;
    f.kind = KindOfObjectType(type);
    f.layer = type;
    f.source = source_.path.filename().string();
    f.source_id = key;
    f.base_z = min_z;
    f.height_m = max_z - min_z;
    f.height_source = HeightSource::geometry;
    if (object.contains("attributes")) {
      const json& a = object["attributes"];
      if (a.contains("name") && a["name"].is_string()) f.name = a["name"];
      if (a.contains("measuredHeight") && !a["measuredHeight"].is_null()) {
        // What the object says of itself; the geometry is what is built either way. A number,
        // or a text with its unit ("12 m", "40 ft").
        const json& m = a["measuredHeight"];
        const double measured = m.is_number() ? m.get<double>()
                                : m.is_string() ? ParseLength(m.get<std::string>()).value_or(NAN)
                                                : NAN;
        if (std::isfinite(measured) && measured >= 0.1 && measured <= ctx_.defaults.max_height_m) {
          f.height_m = measured;
          f.height_source = HeightSource::attribute;
        } else {
          ctx_.diagnostics.Warn("absurd measuredHeight ignored (unreadable, under 0.1 m or above max_height_m): the geometry's used",
                                where + ": " + a["measuredHeight"].dump());
        }
      }
    }
    fid_ = static_cast<std::uint32_t>(ctx_.city.features.size());
    if (type == "Building") {
      CountHeight(summary_, f.height_source);
      building_features_[key] = fid_;
    }
    if (type == "BuildingPart") part_features_.emplace_back(key, fid_);
    ++per_type_[type];
    CountLod(summary_, chosen_lod_);
    ctx_.city.features.push_back(std::move(f));
    type_class_ = ClassOfObjectType(type);
    where_ = where;
    AddGeometry(*geometry);
  }

  // Semantic class of surface `value` (index into semantics.surfaces, or null).
  std::optional<Surface> SemanticClass(const json& semantics, const json& value) const {
    if (!value.is_number_unsigned() || !semantics.contains("surfaces")) return std::nullopt;
    const json& surfaces = semantics["surfaces"];
    const auto i = value.get<std::size_t>();
    if (!surfaces.is_array() || i >= surfaces.size() || !surfaces[i].is_object()) return std::nullopt;
    const json& type = surfaces[i].contains("type") ? surfaces[i]["type"] : json();
    return ClassOfSemanticSurface(type.is_string() ? type.get<std::string>() : "");
  }

  void AddGeometry(const json& g) {
    // operator[] on a const json with a missing key is undefined behaviour (found by fuzzing):
    // every member is looked up with contains() first.
    if (!g.is_object() || !g.contains("boundaries") || !g["boundaries"].is_array()) {
      ctx_.diagnostics.Warn("CityJSON geometry without boundaries skipped", where_);
      return;
    }
    const std::string type = g.contains("type") && g["type"].is_string() ? g["type"].get<std::string>() : "";
    const json& b = g["boundaries"];
    const json empty = json::array();
    const json& semantics = g.contains("semantics") ? g["semantics"] : empty;
    const json& values = semantics.contains("values") ? semantics["values"] : empty;
    auto value_at = [](const json& v, std::size_t i) -> const json& {
      static const json null_value;
      return (v.is_array() && i < v.size()) ? v[i] : null_value;
    };
    // Boundaries nest surfaces in shells in solids; semantics values mirror that nesting
    // without the ring level.
    auto add_shell = [&](const json& shell, const json& shell_values) {
      for (std::size_t s = 0; s < shell.size(); ++s)
        AddSurface(shell[s], SemanticClass(semantics, value_at(shell_values, s)));
    };
    if (type == "MultiSurface" || type == "CompositeSurface") {
      add_shell(b, values);
    } else if (type == "Solid") {
      for (std::size_t sh = 0; sh < b.size(); ++sh) add_shell(b[sh], value_at(values, sh));
    } else if (type == "MultiSolid" || type == "CompositeSolid") {
      for (std::size_t so = 0; so < b.size(); ++so)
        for (std::size_t sh = 0; sh < b[so].size(); ++sh)
          add_shell(b[so][sh], value_at(value_at(values, so), sh));
    } else {
      ctx_.diagnostics.Warn("CityJSON geometry type without surfaces skipped (" + type + ")", where_);
    }
  }

  // One planar polygon: [outer ring, holes...], each a list of vertex indices.
  void AddSurface(const json& surface, std::optional<Surface> semantic) {
    std::vector<std::vector<std::int64_t>> rings;
    for (const json& r : surface) {
      auto& ring = rings.emplace_back();
      for (const json& i : r) ring.push_back(i.get<std::int64_t>());
      if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
    }
    if (rings.empty() || rings[0].size() < 3) {
      ctx_.diagnostics.Warn("degenerate CityJSON surface skipped", where_);
      return;
    }
    const std::function<const Vec3d&(std::int64_t)> point = [&](std::int64_t i) -> const Vec3d& {
      return vertices_[i];
    };
    const std::function<std::uint32_t(std::int64_t)> mesh_vertex = [&](std::int64_t i) {
      return ModelVertex(i);
    };
    AddPlanarSurface({rings, point, mesh_vertex}, semantic ? semantic : type_class_, fid_, ctx_.city);
  }

  const CitySource& source_;
  ReadContext& ctx_;
  std::string file_;
  SourceSummary summary_;
  std::vector<Vec3d> vertices_;  // local frame x/y, source z
  std::vector<std::uint32_t> model_index_;
  std::vector<std::uint32_t> model_owner_;  // the feature (fid_) model_index_[i] was made for
  std::size_t first_vertex_ = 0;
  std::map<std::string, std::size_t> per_type_;
  std::map<std::string, std::uint32_t> building_features_;               // key -> feature
  std::vector<std::pair<std::string, std::uint32_t>> part_features_;      // key -> feature
  // Per object being read:
  std::uint32_t fid_ = 0;
  double chosen_lod_ = 0;
  std::optional<Surface> type_class_;
  std::string where_;
};

}  // namespace

void ReadCityJson(const CitySource& source, ReadContext& ctx) {
  try {
    CityJsonReader(source, ctx).Read();
  } catch (const nlohmann::json::exception& e) {
    throw core::InputError(source.path.string(), "", std::string("malformed CityJSON: ") + e.what());
  }
}

}  // namespace geo::detail
