#include "scenario/scenario.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "geo/frame.h"
#include "scenario/camera_fields.h"

namespace scenario {
namespace {

// Keys that belong to the scenario format but whose engines have not landed yet.
const std::set<std::string> kNotYetSupported = {"network", "feeds"};

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

  // A length or height in metres: positive and below the frame's bound (1e308 is finite, but
  // no building is that tall and Embree cannot take it).
  double GetPositiveHeight(const YAML::Node& node, const std::string& what) const {
    const double v = GetPositive(node, what);
    if (!core::SaneZ(v)) Fail(node, what + " must be below 10000 m");
    return v;
  }

  double GetCoordinate(const YAML::Node& node, const std::string& what) const {
    const double v = Get<double>(node, what);
    if (!core::SaneXY(v)) Fail(node, what + " must be a finite coordinate below 1e7 in magnitude");
    return v;
  }

  double GetInRange(const YAML::Node& node, const std::string& what, double lo, double hi) const {
    const double v = Get<double>(node, what);
    if (!(v >= lo && v <= hi)) Fail(node, what + " must be within [" + Format(lo) + ", " + Format(hi) + "]");
    return v;
  }

  static std::string Format(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
  }

  // One pass over the whole document before anything is interpreted: every key a plain
  // scalar, no key twice in one mapping (yaml-cpp keeps the first silently), every text valid
  // UTF-8. Iterative, so no document can exhaust the stack; aliases are not followed twice in
  // a way that could explode (the node budget bounds "billion laughs" documents).
  void CheckDocument(const YAML::Node& root) const {
    constexpr std::size_t kMaxNodes = 50'000'000;
    std::size_t visited = 0;
    std::vector<std::pair<YAML::Node, std::string>> stack{{root, "value"}};  // node, its key
    while (!stack.empty()) {
      auto [node, name] = std::move(stack.back());
      stack.pop_back();
      if (++visited > kMaxNodes) Fail(node, "the document has too many nodes (aliases expanding?)");
      if (node.IsScalar()) {
        if (!core::IsValidUtf8(node.Scalar())) Fail(node, name + " is not valid UTF-8");
      } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) stack.emplace_back(item, name);
      } else if (node.IsMap()) {
        std::map<std::string, int> lines;  // key -> line of its first occurrence
        for (const auto& kv : node) {
          if (!kv.first.IsScalar()) Fail(kv.first, "a key must be a plain name, not a list or mapping");
          const std::string& key = kv.first.Scalar();
          if (!core::IsValidUtf8(key)) Fail(kv.first, "a key is not valid UTF-8");
          const int line = kv.first.Mark().line + 1;
          if (auto [it, fresh] = lines.emplace(key, line); !fresh)
            Fail(kv.first, "duplicate key '" + key + "' (first given on line " + std::to_string(it->second) + ")");
          stack.emplace_back(kv.second, "'" + key + "'");
        }
      }
    }
  }

  // A CRS definition PROJ understands, checked here so the error names the scenario line
  // (each distinct definition once: 100,000 cameras may all say EPSG:4326).
  std::string GetCrs(const YAML::Node& node, const std::string& what) const {
    const std::string crs = Get<std::string>(node, what);
    if (known_crs_.count(crs)) return crs;
    try {
      geo::CrsToWkt(crs, "");
    } catch (const core::InputError&) {
      Fail(node, what + ": unknown CRS '" + crs + "'");
    }
    known_crs_.insert(crs);
    return crs;
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
  std::string Lod(const YAML::Node& node) const {
    const std::string text = Get<std::string>(node, "lod");
    char* end = nullptr;
    const double lod = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(lod >= 0 && lod <= 4))
      Fail(node, "lod must be a level of detail from 0 to 4 (e.g. 2 or 1.2); got '" + text + "'");
    return text;
  }

  geo::AreaOfInterest Area(const YAML::Node& node) const {
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
      a.bbox = v;
    }
    if (node["polygon"]) a.polygon_file = Resolve(Get<std::string>(node["polygon"], "polygon"));
    if (node["wkt"]) a.polygon_wkt = Get<std::string>(node["wkt"], "wkt");
    return a;
  }

  geo::CityDefaults Defaults(const YAML::Node& node) const {
    CheckKeys(node, {"level_height_m", "building_height_m", "max_height_m"}, "defaults");
    geo::CityDefaults d;
    if (node["level_height_m"]) d.level_height_m = GetPositiveHeight(node["level_height_m"], "level_height_m");
    if (node["building_height_m"]) d.building_height_m = GetPositiveHeight(node["building_height_m"], "building_height_m");
    if (node["max_height_m"]) d.max_height_m = GetPositiveHeight(node["max_height_m"], "max_height_m");
    return d;
  }

  std::string Line(const YAML::Node& node) const {
    return node.Mark().is_null() ? "" : "line " + std::to_string(node.Mark().line + 1);
  }

  sim::DensityLevels Levels(const YAML::Node& node) const {
    if (node.IsScalar()) {
      try {
        return sim::DensityPreset(node.Scalar(), file_.string());
      } catch (const core::InputError& e) {
        Fail(node, e.problem());
      }
    }
    if (!node.IsSequence()) Fail(node, "density_levels must be a preset name or a list of {name, min_px_per_m}");
    sim::DensityLevels levels;
    levels.name = "scenario table";
    for (const auto& item : node) {
      CheckKeys(item, {"name", "min_px_per_m"}, "density_levels entry");
      if (!item["name"] || !item["min_px_per_m"]) Fail(item, "a density level needs name and min_px_per_m");
      levels.levels.push_back({Get<std::string>(item["name"], "name"),
                               Get<double>(item["min_px_per_m"], "min_px_per_m")});
    }
    try {
      sim::ValidateLevels(levels, file_.string());
    } catch (const core::InputError& e) {
      Fail(node, e.problem());
    }
    return levels;
  }

  sim::GridOptions GridOpts(const YAML::Node& node) const {
    CheckKeys(node, {"resolution_m", "height_m"}, "grid");
    sim::GridOptions g;
    if (node["resolution_m"]) g.resolution_m = GetPositive(node["resolution_m"], "resolution_m");
    if (node["height_m"]) {
      g.height_m = Get<double>(node["height_m"], "grid height_m");
      if (!(g.height_m >= 0 && g.height_m < 100)) Fail(node["height_m"], "grid height_m must be within [0, 100) m");
    }
    if (g.resolution_m < 0.05 || g.resolution_m > 100)
      Fail(node["resolution_m"], "resolution_m must be within [0.05, 100] m");
    return g;
  }

  // Keys shared by camera models and cameras: the optics, range and cost of the camera field
  // table (camera_fields.h); placement keys are a camera's own.
  static bool IsPlacement(CameraAttribute a) {
    using A = CameraAttribute;
    return a == A::id || a == A::model || a == A::z || a == A::height_m || a == A::yaw || a == A::pitch ||
           a == A::roll || a == A::x || a == A::y || a == A::lon || a == A::lat;
  }
  static const std::set<std::string>& FieldKeys() {
    static const std::set<std::string> keys = [] {
      std::set<std::string> k;
      for (const CameraField& f : CameraFieldTable())
        if (!IsPlacement(f.attribute) && !f.yaml_key.empty()) k.emplace(f.yaml_key);
      return k;
    }();
    return keys;
  }
  // A camera's keys: every YAML key of the table, plus the layer names of its angles (yaw_deg...).
  static const std::set<std::string>& CameraKeys() {
    static const std::set<std::string> keys = [] {
      std::set<std::string> k = {"position", "crs"};
      for (const CameraField& f : CameraFieldTable())
        if (!f.yaml_key.empty()) {
          k.emplace(f.yaml_key);
          if (IsPlacement(f.attribute)) k.emplace(f.name);
        }
      return k;
    }();
    return keys;
  }
  // The node of a placement field under its YAML key or its layer name, not both.
  YAML::Node Placement(const YAML::Node& node, CameraAttribute a) const {
    const CameraField& f = Field(a);
    const YAML::Node by_key = node[std::string(f.yaml_key)];
    const YAML::Node by_name = node[std::string(f.name)];
    if (by_key && by_name && f.yaml_key != f.name)
      Fail(by_name, "give " + std::string(f.yaml_key) + " or " + std::string(f.name) + ", not both");
    return by_key ? by_key : by_name;
  }

  CameraFields Fields(const YAML::Node& node) const {
    CameraFields f;
    if (const YAML::Node r = node["resolution"]) {
      if (!r.IsSequence() || r.size() != 2) Fail(r, "resolution must be [width_px, height_px]");
      f.width_px = Get<int>(r[0], "resolution width");
      f.height_px = Get<int>(r[1], "resolution height");
    }
    if (node["hfov_deg"]) f.hfov_deg = Get<double>(node["hfov_deg"], "hfov_deg");
    if (node["focal_length_mm"]) f.focal_length_mm = GetPositive(node["focal_length_mm"], "focal_length_mm");
    if (node["sensor_width_mm"]) f.sensor_width_mm = GetPositive(node["sensor_width_mm"], "sensor_width_mm");
    if (const YAML::Node r = node["range_m"]) {
      if (r.IsScalar()) {
        f.max_range_m = Get<double>(r, "range_m");
      } else if (r.IsSequence() && r.size() == 2) {
        f.min_range_m = Get<double>(r[0], "range_m min");
        f.max_range_m = Get<double>(r[1], "range_m max");
      } else {
        Fail(r, "range_m must be max or [min, max] (metres)");
      }
    }
    if (node["cost"]) f.cost = Get<double>(node["cost"], "cost");
    if (node["bitrate_kbps"]) f.bitrate_kbps = Get<double>(node["bitrate_kbps"], "bitrate_kbps");
    if (const YAML::Node l = node["lens"]) {
      const std::string v = Get<std::string>(l, "lens");
      f.lens = ParseLens(v);
      if (!f.lens) Fail(l, "lens must be rectilinear or fisheye, got '" + v + "'");
    }
    if (const YAML::Node d = node["distortion"]) {
      CheckKeys(d, {"k1", "k2", "k3", "p1", "p2"}, "distortion");
      sim::Distortion dist;
      for (auto [key, field] : {std::pair{"k1", &dist.k1}, {"k2", &dist.k2}, {"k3", &dist.k3},
                                {"p1", &dist.p1}, {"p2", &dist.p2}})
        if (d[key]) *field = Get<double>(d[key], key);
      f.distortion = dist;
    }
    if (const YAML::Node m = node["mount"]) {
      const std::string v = Get<std::string>(m, "mount");
      f.mount = ParseMount(v);
      if (!f.mount) Fail(m, "mount must be wall, pole, roof, ceiling or other, got '" + v + "'");
    }
    return f;
  }

  CameraSpec Camera(const YAML::Node& node, std::size_t index, const std::set<std::string>& models) const {
    const std::string ctx = "cameras[" + std::to_string(index) + "]";
    CheckKeys(node, CameraKeys(), ctx);
    CameraSpec c;
    c.where = Line(node);
    if (!node["id"]) Fail(node, ctx + " needs an id");
    c.id = Get<std::string>(node["id"], "id");
    if (node["model"]) {
      c.model = Get<std::string>(node["model"], "model");
      if (!models.count(c.model)) Fail(node["model"], "camera '" + c.id + "' refers to unknown model '" + c.model + "'");
    }
    const YAML::Node pos = node["position"];
    if (!pos || !pos.IsSequence() || (pos.size() != 2 && pos.size() != 3))
      Fail(pos ? pos : node, "camera '" + c.id + "' needs position: [x, y] (or [x, y, z])");
    c.x = GetCoordinate(pos[0], "camera '" + c.id + "' position x");
    c.y = GetCoordinate(pos[1], "camera '" + c.id + "' position y");
    const double z_max = core::kMaxAbsZ_m;
    if (pos.size() == 3) c.z = GetInRange(pos[2], "camera '" + c.id + "' position z", -z_max, z_max);
    if (node["crs"]) c.crs = GetCrs(node["crs"], "crs");
    using A = CameraAttribute;
    if (const YAML::Node h = Placement(node, A::height_m)) c.height_m = GetInRange(h, "camera '" + c.id + "' height_m", 0, 500);
    if (const YAML::Node z = Placement(node, A::z)) c.z = GetInRange(z, "camera '" + c.id + "' z", -z_max, z_max);
    if (c.height_m && c.z) Fail(node, "camera '" + c.id + "': give height_m (above ground) or z (absolute), not both");
    if (const YAML::Node v = Placement(node, A::yaw)) c.yaw_deg = GetInRange(v, "camera '" + c.id + "' yaw", -360, 360);
    if (const YAML::Node v = Placement(node, A::pitch)) c.pitch_deg = GetInRange(v, "camera '" + c.id + "' pitch", -90, 90);
    if (const YAML::Node v = Placement(node, A::roll)) c.roll_deg = GetInRange(v, "camera '" + c.id + "' roll", -360, 360);
    c.fields = Fields(node);
    return c;
  }

  ZoneSpec Zone(const YAML::Node& node, std::size_t index) const {
    const std::string ctx = "zones[" + std::to_string(index) + "]";
    CheckKeys(node, {"name", "kind", "weight", "dori", "level", "k", "source", "wkt", "polygon", "crs"}, ctx);
    ZoneSpec z;
    z.where = Line(node);
    z.name = node["name"] ? Get<std::string>(node["name"], "name") : "zone " + std::to_string(index + 1);
    if (const YAML::Node k = node["kind"]) {
      const std::string v = Get<std::string>(k, "kind");
      if (v == "priority") z.kind = sim::ZoneKind::priority;
      else if (v == "privacy") z.kind = sim::ZoneKind::privacy;
      else if (v == "exclude") z.kind = sim::ZoneKind::exclude;
      else Fail(k, "zone kind must be priority, privacy or exclude, got '" + v + "'");
    }
    if (node["weight"]) z.weight = GetPositive(node["weight"], "weight");
    for (const char* key : {"dori", "level"})
      if (const YAML::Node l = node[key]) z.required_level = Get<std::string>(l, key);
    if (const YAML::Node k = node["k"]) {
      z.required_k = Get<int>(k, "k");
      if (z.required_k < 1 || z.required_k > 100) Fail(k, "k must be between 1 and 100");
    }
    if (node["crs"]) z.crs = GetCrs(node["crs"], "crs");
    const int given = (node["source"] ? 1 : 0) + (node["wkt"] ? 1 : 0) + (node["polygon"] ? 1 : 0);
    if (given != 1) Fail(node, ctx + " needs exactly one of source (a file), wkt or polygon ([[x, y], ...])");
    if (node["source"]) z.source = Resolve(Get<std::string>(node["source"], "source"));
    if (node["wkt"]) z.wkt = Get<std::string>(node["wkt"], "wkt");
    if (const YAML::Node p = node["polygon"]) {
      if (!p.IsSequence() || p.size() < 3) Fail(p, "polygon needs at least 3 [x, y] points");
      std::string wkt = "POLYGON((";
      for (std::size_t i = 0; i <= p.size(); ++i) {
        const YAML::Node pt = p[i % p.size()];
        if (!pt.IsSequence() || pt.size() != 2) Fail(pt, "polygon points are [x, y]");
        wkt += (i ? "," : "") + std::to_string(GetCoordinate(pt[0], "x")) + " " + std::to_string(GetCoordinate(pt[1], "y"));
      }
      z.wkt = wkt + "))";
    }
    if (!z.required_level.empty() && levels_ && levels_->Find(z.required_level) < 0)
      Fail(node, "zone '" + z.name + "' requires unknown density level '" + z.required_level + "'");
    return z;
  }

  std::vector<double> Numbers(const YAML::Node& node, const std::string& what) const {
    std::vector<double> out;
    if (node.IsScalar()) return {Get<double>(node, what)};
    if (!node.IsSequence() || node.size() == 0) Fail(node, what + " must be a number or a list of numbers");
    for (const auto& v : node) out.push_back(Get<double>(v, what));
    return out;
  }

  OptimiseSpec Optimise(const YAML::Node& node, const std::set<std::string>& models) const {
    CheckKeys(node, {"budget", "max_cameras", "target_coverage_pct", "models", "candidates", "privacy",
                     "privacy_penalty", "time_limit_s", "exact", "weight_by"}, "optimise");
    OptimiseSpec o;
    o.where = Line(node);
    if (node["budget"]) o.budget = GetPositive(node["budget"], "budget");
    if (node["target_coverage_pct"]) {
      o.target_coverage_pct = GetPositive(node["target_coverage_pct"], "target_coverage_pct");
      if (*o.target_coverage_pct > 100) Fail(node["target_coverage_pct"], "target_coverage_pct must be at most 100");
    }
    if (node["max_cameras"]) {
      o.max_cameras = Get<int>(node["max_cameras"], "max_cameras");
      if (*o.max_cameras < 1) Fail(node["max_cameras"], "max_cameras must be at least 1");
    }
    if (const YAML::Node m = node["models"]) {
      if (!m.IsSequence()) Fail(m, "models must be a list of camera_models names");
      for (const auto& name : m) {
        o.models.push_back(Get<std::string>(name, "model"));
        if (!models.count(o.models.back())) Fail(name, "optimise refers to unknown model '" + o.models.back() + "'");
      }
    }
    if (const YAML::Node c = node["candidates"]) {
      CheckKeys(c, {"facades", "poles", "roofs", "poles_source", "spacing_m", "heights_m", "yaw_steps", "pitches_deg"},
                "optimise.candidates");
      if (c["roofs"]) o.roofs = Get<bool>(c["roofs"], "roofs");
      if (c["poles_source"]) o.poles_source = Resolve(Get<std::string>(c["poles_source"], "poles_source"));
      if (c["facades"]) o.facades = Get<bool>(c["facades"], "facades");
      if (c["poles"]) o.poles = Get<bool>(c["poles"], "poles"), o.poles_asked = true;
      if (c["spacing_m"]) o.spacing_m = GetPositive(c["spacing_m"], "spacing_m");
      if (c["heights_m"]) o.heights_m = Numbers(c["heights_m"], "heights_m");
      for (double h : o.heights_m)
        if (!(h > 0 && h <= 500)) Fail(c["heights_m"], "heights_m must be within (0, 500] m");
      if (c["pitches_deg"]) o.pitches_deg = Numbers(c["pitches_deg"], "pitches_deg");
      for (double p : o.pitches_deg)
        if (!(p >= -90 && p <= 90)) Fail(c["pitches_deg"], "pitches_deg must be within [-90, 90]");
      if (c["yaw_steps"]) {
        o.yaw_steps = Get<int>(c["yaw_steps"], "yaw_steps");
        if (o.yaw_steps < 1 || o.yaw_steps > 72) Fail(c["yaw_steps"], "yaw_steps must be between 1 and 72");
      }
    }
    if (const YAML::Node p = node["privacy"]) {
      const std::string v = Get<std::string>(p, "privacy");
      if (v == "hard") o.privacy = sim::PrivacyRule::hard;
      else if (v == "penalty") o.privacy = sim::PrivacyRule::penalty;
      else Fail(p, "privacy must be hard (never seen) or penalty, got '" + v + "'");
    }
    if (node["privacy_penalty"]) o.privacy_penalty = GetPositive(node["privacy_penalty"], "privacy_penalty");
    if (node["time_limit_s"]) o.time_limit_s = GetPositive(node["time_limit_s"], "time_limit_s");
    if (const YAML::Node e = node["exact"]) {
      o.exact = Get<std::string>(e, "exact");
      if (o.exact != "auto" && o.exact != "always" && o.exact != "never") Fail(e, "exact must be auto, always or never");
    }
    if (const YAML::Node w = node["weight_by"]) {
      const std::string v = Get<std::string>(w, "weight_by");
      if (v != "area" && v != "flow") Fail(w, "weight_by must be area or flow, got '" + v + "'");
      o.weight_by_flow = v == "flow";
    }
    return o;
  }

  double GetNonNegative(const YAML::Node& node, const std::string& what) const {
    const double v = Get<double>(node, what);
    if (!(v >= 0) || !std::isfinite(v)) Fail(node, what + " must be zero or a positive number");
    return v;
  }

  WalkerSpec Walker(const YAML::Node& node, std::size_t index) const {
    const std::string ctx = "agents.walkers[" + std::to_string(index) + "]";
    CheckKeys(node, {"id", "class", "path", "speed_mps", "start_s"}, ctx);
    WalkerSpec w;
    w.where = Line(node);
    w.id = node["id"] ? Get<std::string>(node["id"], "id") : "W" + std::to_string(index + 1);
    if (const YAML::Node c = node["class"]) {
      const auto cls = ParseAgentClass(Get<std::string>(c, "class"));
      if (!cls) Fail(c, "walker '" + w.id + "': class must be pedestrian, bicycle, car, van or bus, got '" + c.Scalar() + "'");
      w.agent_class = *cls;
    }
    const YAML::Node p = node["path"];
    if (!p || !p.IsSequence() || p.size() < 2) Fail(p ? p : node, "walker '" + w.id + "' needs path: [[x, y], [x, y], ...] (at least 2 points)");
    for (const auto& pt : p) {
      if (!pt.IsSequence() || pt.size() != 2) Fail(pt, "walker '" + w.id + "': path points are [x, y]");
      w.path.push_back({Get<double>(pt[0], "x"), Get<double>(pt[1], "y")});
    }
    if (node["speed_mps"]) w.speed_mps = GetPositive(node["speed_mps"], "speed_mps");
    if (node["start_s"]) w.start_s = GetNonNegative(node["start_s"], "start_s");
    return w;
  }

  AgentsSpec Agents(const YAML::Node& node) const {
    CheckKeys(node, {"duration_s", "step_s", "output_step_s", "seed", "pedestrians_per_hour", "vehicles_per_hour",
                     "sumo_net", "routes", "walkers"}, "agents");
    AgentsSpec a;
    a.where = Line(node);
    if (node["duration_s"]) a.duration_s = GetPositive(node["duration_s"], "duration_s");
    if (node["step_s"]) a.step_s = GetPositive(node["step_s"], "step_s");
    if (a.step_s > 10) Fail(node["step_s"], "step_s must be at most 10 s");
    if (node["output_step_s"]) a.output_step_s = GetPositive(node["output_step_s"], "output_step_s");
    if (node["seed"]) {
      const long long seed = Get<long long>(node["seed"], "seed");
      if (seed < 0 || seed > 0x7fffffff) Fail(node["seed"], "seed must be between 0 and 2147483647");
      a.seed = static_cast<std::uint32_t>(seed);
    }
    if (node["pedestrians_per_hour"]) a.pedestrians_per_hour = GetNonNegative(node["pedestrians_per_hour"], "pedestrians_per_hour");
    if (node["vehicles_per_hour"]) a.vehicles_per_hour = GetNonNegative(node["vehicles_per_hour"], "vehicles_per_hour");
    if (node["sumo_net"]) a.sumo_net = Resolve(Get<std::string>(node["sumo_net"], "sumo_net"));
    if (const YAML::Node r = node["routes"]) {
      if (r.IsScalar()) a.routes.push_back(Resolve(r.Scalar()));
      else if (r.IsSequence()) for (const auto& f : r) a.routes.push_back(Resolve(Get<std::string>(f, "routes")));
      else Fail(r, "routes must be a file or a list of files");
    }
    if (!a.routes.empty() && a.sumo_net.empty()) Fail(node, "agents: routes need the network they were made for (sumo_net: file.net.xml)");
    if (const YAML::Node w = node["walkers"]) {
      if (!w.IsSequence()) Fail(w, "walkers must be a list");
      std::set<std::string> ids;
      for (std::size_t i = 0; i < w.size(); ++i) {
        a.walkers.push_back(Walker(w[i], i));
        if (!ids.insert(a.walkers.back().id).second) Fail(w[i], "duplicate walker id '" + a.walkers.back().id + "'");
      }
    }
    if (!a.UsesSumo() && a.walkers.empty())
      Fail(node, "agents: nothing to simulate; give pedestrians_per_hour and/or vehicles_per_hour (random trips), "
                 "routes (with sumo_net) or walkers");
    return a;
  }

  Scenario Parse(const std::string& text) {
    if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
      throw core::InputError(file_.string(), "line " + std::to_string(line),
                             "contains a NUL byte (a binary file, not YAML text?)");
    }
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      throw core::InputError(file_.string(), "line " + std::to_string(e.mark.line + 1),
                             "YAML syntax error: " + e.msg);
    }
    if (!root.IsMap()) throw core::InputError(file_.string(), "", "a scenario must be a YAML mapping");
    CheckDocument(root);
    CheckKeys(root, {"version", "name", "crs", "area", "city", "defaults", "grid", "density_levels",
                     "camera_models", "cameras", "zones", "optimise", "agents"}, "scenario");
    Scenario s;
    s.file = file_;
    if (!root["version"]) Fail(root, "missing `version: 1`");
    s.version = Get<int>(root["version"], "version");
    if (s.version != 1) Fail(root["version"], "unsupported scenario version " + std::to_string(s.version) + " (this sightline reads version 1)");
    if (root["name"]) s.name = Get<std::string>(root["name"], "name");
    if (root["crs"]) s.city.crs = GetCrs(root["crs"], "crs");
    if (root["area"]) s.city.area = Area(root["area"]);
    if (root["defaults"]) s.city.defaults = Defaults(root["defaults"]);
    const YAML::Node city = root["city"];
    if (!city || !city.IsSequence() || city.size() == 0)
      Fail(city ? city : root, "`city:` must list at least one source");
    for (std::size_t i = 0; i < city.size(); ++i) s.city.sources.push_back(Source(city[i], i));
    if (root["grid"]) s.grid = GridOpts(root["grid"]);
    if (root["density_levels"]) s.levels = Levels(root["density_levels"]);
    levels_ = &s.levels;
    std::set<std::string> model_names;
    if (const YAML::Node models = root["camera_models"]) {
      if (!models.IsMap()) Fail(models, "camera_models must map model names to their fields");
      for (const auto& kv : models) {
        const std::string name = kv.first.as<std::string>();
        CheckKeys(kv.second, FieldKeys(), "camera model '" + name + "'");
        s.camera_models[name] = Fields(kv.second);
        model_names.insert(name);
      }
    }
    if (const YAML::Node cams = root["cameras"]) {
      if (cams.IsMap()) {  // {source: cameras.gpkg, crs: ...}
        CheckKeys(cams, {"source", "crs", "layer"}, "cameras");
        if (!cams["source"]) Fail(cams, "cameras needs a list or {source: file}");
        s.camera_source = Resolve(Get<std::string>(cams["source"], "source"));
        if (cams["crs"]) s.camera_source_crs = GetCrs(cams["crs"], "crs");
        if (cams["layer"]) s.camera_source_layer = Get<std::string>(cams["layer"], "layer");
      } else if (cams.IsSequence()) {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < cams.size(); ++i) {
          s.cameras.push_back(Camera(cams[i], i, model_names));
          if (!ids.insert(s.cameras.back().id).second)
            Fail(cams[i], "duplicate camera id '" + s.cameras.back().id + "'");
        }
      } else {
        Fail(cams, "cameras must be a list or {source: file}");
      }
    }
    if (const YAML::Node o = root["optimise"]) s.optimise = Optimise(o, model_names);
    if (const YAML::Node a = root["agents"]) s.agents = Agents(a);
    if (const YAML::Node zones = root["zones"]) {
      if (!zones.IsSequence()) Fail(zones, "zones must be a list");
      for (std::size_t i = 0; i < zones.size(); ++i) s.zones.push_back(Zone(zones[i], i));
    }
    return s;
  }

 private:
  std::filesystem::path file_;
  const sim::DensityLevels* levels_ = nullptr;  // set once parsed, for zone level names
  mutable std::set<std::string> known_crs_;     // definitions already checked
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
