// Sections `camera_models:` and `cameras:` (keys from the camera field table).
#include "scenario/parser.h"

#include <cmath>
#include <tuple>

#include "core/file_name.h"
#include "core/limits.h"
#include "scenario/catalogue.h"
#include "sim/lens.h"

namespace scenario::detail {

// Keys shared by camera models and cameras: the optics, range and cost of the camera field
// table (camera_fields.h); placement keys are a camera's own.
bool Parser::IsPlacement(CameraAttribute a) {
  using A = CameraAttribute;
  return a == A::id || a == A::model || a == A::z || a == A::height_m || a == A::yaw || a == A::pitch ||
         a == A::roll || a == A::x || a == A::y || a == A::lon || a == A::lat;
}

const std::set<std::string>& Parser::FieldKeys() {
  static const std::set<std::string> keys = [] {
    std::set<std::string> k;
    for (const CameraField& f : CameraFieldTable())
      if (!IsPlacement(f.attribute) && !f.yaml_key.empty()) k.emplace(f.yaml_key);
    return k;
  }();
  return keys;
}

// A camera's keys: every YAML key of the table, plus the layer names of its angles (yaw_deg...).
const std::set<std::string>& Parser::CameraKeys() {
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
YAML::Node Parser::Placement(const YAML::Node& node, CameraAttribute a) const {
  const CameraField& f = Field(a);
  const YAML::Node by_key = node[std::string(f.yaml_key)];
  const YAML::Node by_name = node[std::string(f.name)];
  if (by_key && by_name && f.yaml_key != f.name)
    Fail(by_name, "give " + std::string(f.yaml_key) + " or " + std::string(f.name) + ", not both");
  return by_key ? by_key : by_name;
}

CameraFields Parser::Fields(const YAML::Node& node) const {
  CameraFields f;
  if (const YAML::Node r = node["resolution"]) {
    if (!r.IsSequence() || r.size() != 2) Fail(r, "resolution must be [width_px, height_px]");
    f.width_px = Get<int>(r[0], "resolution width");
    f.height_px = Get<int>(r[1], "resolution height");
    for (auto [side, node, what] : {std::tuple{*f.width_px, r[0], "width"}, {*f.height_px, r[1], "height"}})
      if (side < 1 || side > 100000)
        Fail(node, std::string("resolution ") + what + " must be within [1, 100000] px, got " + std::to_string(side));
  }
  if (node["hfov_deg"]) f.hfov_deg = GetInRange(node["hfov_deg"], "hfov_deg", 0.1, 360);
  if (node["focal_length_mm"]) f.focal_length_mm = GetPositive(node["focal_length_mm"], "focal_length_mm");
  if (node["sensor_width_mm"]) f.sensor_width_mm = GetPositive(node["sensor_width_mm"], "sensor_width_mm");
  if (const YAML::Node r = node["range_m"]) {
    if (r.IsScalar()) {
      f.max_range_m = GetInRange(r, "range_m", 0.01, 1e5);
    } else if (r.IsSequence() && r.size() == 2) {
      f.min_range_m = GetInRange(r[0], "range_m min", 0, 1e5);
      f.max_range_m = GetInRange(r[1], "range_m max", 0.01, 1e5);
      if (!(*f.min_range_m < *f.max_range_m))
        Fail(r, "range_m [" + Format(*f.min_range_m) + ", " + Format(*f.max_range_m) + "]: min must be below max");
    } else {
      Fail(r, "range_m must be max or [min, max] (metres)");
    }
  }
  if (node["cost"]) f.cost = GetInRange(node["cost"], "cost", 0, 1e9);
  if (node["bitrate_kbps"]) f.bitrate_kbps = GetInRange(node["bitrate_kbps"], "bitrate_kbps", 1, 1e6);
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

CameraSpec Parser::Camera(const YAML::Node& node, std::size_t index, const std::set<std::string>& models) const {
  const std::string ctx = "cameras[" + std::to_string(index) + "]";
  CheckKeys(node, CameraKeys(), ctx);
  CameraSpec c;
  c.where = Line(node);
  if (!node["id"] || node["id"].IsNull()) Fail(node, ctx + " needs an id");
  c.id = Get<std::string>(node["id"], "id");
  if (const std::string why = core::FileNameProblem(c.id); !why.empty()) Fail(node["id"], "camera id '" + c.id + "' " + why);
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

// A catalogue model: the camera fields, plus what only a model has (sensor format, varifocal
// range, the data sheet's HFOV range, a description), checked for consistency.
CameraFields Parser::Model(const YAML::Node& node, const std::string& name) const {
  const std::string ctx = "camera model '" + name + "'";
  std::set<std::string> keys = FieldKeys();
  keys.insert({"description", "sensor", "sensor_height_mm", "focal_range_mm", "hfov_range_deg"});
  CheckKeys(node, keys, ctx);
  CameraFields f = Fields(node);
  f.where = file_.filename().string() + " " + Line(node);
  if (node["description"]) f.description = Get<std::string>(node["description"], "description");
  if (node["sensor_height_mm"]) f.sensor_height_mm = GetPositive(node["sensor_height_mm"], "sensor_height_mm");
  if (const YAML::Node sn = node["sensor"]) {
    const std::string v = Get<std::string>(sn, "sensor");
    const std::optional<sim::SensorFormat> format = sim::FindSensorFormat(v);
    if (!format) {
      std::string known;
      for (const sim::SensorFormat& sf : sim::SensorFormats()) known += (known.empty() ? "" : ", ") + sf.name;
      Fail(sn, ctx + ": unknown sensor format '" + v + "' (known: " + known +
                   "; or give sensor_width_mm and sensor_height_mm)");
    }
    if (!f.sensor_width_mm) f.sensor_width_mm = format->width_mm;
    if (!f.sensor_height_mm) f.sensor_height_mm = format->height_mm;
  }
  auto range = [&](const char* key, double hi) -> std::optional<std::pair<double, double>> {
    const YAML::Node r = node[key];
    if (!r) return std::nullopt;
    if (!r.IsSequence() || r.size() != 2) Fail(r, ctx + ": " + key + " must be [min, max]");
    const double a = GetInRange(r[0], std::string(key) + " min", 0, hi), b = GetInRange(r[1], std::string(key) + " max", 0, hi);
    if (!(a > 0 && a <= b)) Fail(r, ctx + ": " + key + " must satisfy 0 < min <= max");
    return std::pair{a, b};
  };
  f.focal_range_mm = range("focal_range_mm", 1000);
  f.hfov_range_deg = range("hfov_range_deg", 360);
  if (f.focal_range_mm) {
    const auto [wide, tele] = *f.focal_range_mm;
    if (f.focal_length_mm && (*f.focal_length_mm < wide - 1e-9 || *f.focal_length_mm > tele + 1e-9))
      Fail(node["focal_length_mm"], ctx + ": focal_length_mm " + Format(*f.focal_length_mm) + " is outside its focal_range_mm [" +
                                       Format(wide) + ", " + Format(tele) + "]");
    if (!f.hfov_deg && !f.sensor_width_mm)
      Fail(node, ctx + ": a varifocal model needs its sensor (sensor: 1/2.8\" or sensor_width_mm) or hfov_deg");
    if (!f.focal_length_mm && !f.hfov_deg) f.focal_length_mm = wide;  // delivered at the wide end
  } else if (f.hfov_range_deg && !f.hfov_deg) {
    f.hfov_deg = f.hfov_range_deg->second;  // the widest
  }
  // Checked here, where the lens is known (a camera's HFOV may rely on its model's fisheye).
  const sim::LensModel lens = f.lens.value_or(sim::LensModel::rectilinear);
  if (f.hfov_deg && lens == sim::LensModel::rectilinear && *f.hfov_deg >= 180)
    Fail(node["hfov_deg"], ctx + ": hfov_deg " + Format(*f.hfov_deg) +
                               " is not possible with a rectilinear lens (under 180 degrees; lens: fisheye for wider)");
  // Optics given twice must agree: a focal length on a sensor fixes the HFOV.
  if (f.hfov_deg && f.focal_length_mm && f.sensor_width_mm && !f.focal_range_mm) {
    const double implied = sim::FovDeg(*f.sensor_width_mm, *f.focal_length_mm, lens);
    if (std::abs(implied - *f.hfov_deg) > 1.0)
      Fail(node["hfov_deg"], ctx + ": hfov_deg " + Format(*f.hfov_deg) + " contradicts focal_length_mm " +
                                 Format(*f.focal_length_mm) + " on a " + Format(*f.sensor_width_mm) +
                                 " mm wide sensor (" + Format(std::round(implied * 10) / 10) +
                                 " degrees); give one of them");
  }
  if (f.hfov_deg && f.hfov_range_deg &&
      (*f.hfov_deg < f.hfov_range_deg->first - 0.05 || *f.hfov_deg > f.hfov_range_deg->second + 0.05))
    Fail(node["hfov_deg"], ctx + ": hfov_deg " + Format(*f.hfov_deg) + " is outside its hfov_range_deg");
  return f;
}

std::map<std::string, CameraFields> Parser::CameraModels(const YAML::Node& models,
                                                         std::set<std::string>& names) const {
  if (!models.IsMap()) Fail(models, "camera_models must map model names to their fields");
  std::map<std::string, CameraFields> out;
  for (const auto& kv : models) {
    const std::string name = kv.first.as<std::string>();
    out[name] = Model(kv.second, name);
    names.insert(name);
  }
  return out;
}

void Parser::Cameras(const YAML::Node& cams, const std::set<std::string>& models, Scenario& s) const {
  if (cams.IsMap()) {  // {source: cameras.gpkg, crs: ...}
    CheckKeys(cams, {"source", "crs", "layer"}, "cameras");
    if (!cams["source"]) Fail(cams, "cameras needs a list or {source: file}");
    s.camera_source = Resolve(Get<std::string>(cams["source"], "source"));
    if (cams["crs"]) s.camera_source_crs = GetCrs(cams["crs"], "crs");
    if (cams["layer"]) s.camera_source_layer = Get<std::string>(cams["layer"], "layer");
  } else if (cams.IsSequence()) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < cams.size(); ++i) AddCamera(cams[i], i, models, ids, s);
  } else {
    Fail(cams, "cameras must be a list or {source: file}");
  }
}

void Parser::AddCamera(const YAML::Node& node, std::size_t index, const std::set<std::string>& models,
                       std::set<std::string>& ids, Scenario& s) const {
  s.cameras.push_back(Camera(node, index, models));
  const CameraSpec& c = s.cameras.back();
  if (const auto m = s.camera_models.find(c.model); m != s.camera_models.end())
    if (const std::string why = LensMismatch(m->second, c.fields); !why.empty())
      Fail(node, "camera '" + c.id + "': " + why);
  if (!ids.insert(c.id).second) Fail(node, "duplicate camera id '" + c.id + "'");
}

}  // namespace scenario::detail
