#include "scenario/camera_fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/error.h"
#include "core/file_name.h"

namespace scenario {
namespace {

using A = CameraAttribute;

}  // namespace

const std::vector<CameraField>& CameraFieldTable() {
  // name, yaml key, aliases, unit, required, text, written
  static const std::vector<CameraField> table = {
      {A::id, "id", "id", {"camera_id", "name"}, "", true, true},
      {A::model, "model", "model", {}, "", false, true},
      {A::x, "x", "", {"easting", "east"}, "m", false, false, false},
      {A::y, "y", "", {"northing", "north"}, "m", false, false, false},
      {A::lon, "lon", "", {"longitude", "long", "lng"}, "deg", false, false, false},
      {A::lat, "lat", "", {"latitude"}, "deg", false, false, false},
      {A::z, "z", "z", {"z_m", "elevation_m", "altitude_m"}, "m", false, false},
      {A::height_m, "height_m", "height_m", {"height_above_ground_m", "mount_height_m"}, "m"},
      {A::yaw, "yaw_deg", "yaw", {"yaw", "heading_deg", "heading", "azimuth_deg", "azimuth"}, "deg"},
      {A::pitch, "pitch_deg", "pitch", {"pitch", "tilt_deg", "tilt"}, "deg"},
      {A::roll, "roll_deg", "roll", {"roll"}, "deg"},
      {A::width_px, "width_px", "resolution", {}, "px"},
      {A::height_px, "height_px", "resolution", {}, "px"},
      {A::hfov_deg, "hfov_deg", "hfov_deg", {"hfov", "fov_deg"}, "deg"},
      {A::focal_length_mm, "focal_length_mm", "focal_length_mm", {}, "mm", false, false, true},
      {A::sensor_width_mm, "sensor_width_mm", "sensor_width_mm", {}, "mm", false, false, false},
      {A::min_range_m, "min_range_m", "range_m", {}, "m"},
      {A::max_range_m, "range_m", "range_m", {"max_range_m"}, "m"},
      {A::cost, "cost", "cost", {}, ""},
      {A::bitrate_kbps, "bitrate_kbps", "bitrate_kbps", {}, "kbit/s", false, false, false},
      {A::lens, "lens", "lens", {}, "", false, true},
      {A::mount, "mount", "mount", {}, "", false, true},
      {A::k1, "k1", "distortion", {}, ""},
      {A::k2, "k2", "distortion", {}, ""},
      {A::k3, "k3", "distortion", {}, ""},
      {A::p1, "p1", "distortion", {}, ""},
      {A::p2, "p2", "distortion", {}, ""},
  };
  return table;
}

const CameraField& Field(CameraAttribute attribute) {
  for (const CameraField& f : CameraFieldTable())
    if (f.attribute == attribute) return f;
  throw std::logic_error("camera field missing from the table");
}

const CameraField* FindCameraField(std::string_view name) {
  const std::string key = core::AsciiLower(std::string(name));
  for (const CameraField& f : CameraFieldTable()) {
    if (f.name == key) return &f;
    for (std::string_view a : f.aliases)
      if (a == key) return &f;
  }
  // A Shapefile cuts column names to 10 characters (height_above_ground_m -> height_abo): such a
  // name is the field it begins, when it begins only one.
  constexpr std::size_t kDbfNameLength = 10;
  if (key.size() != kDbfNameLength) return nullptr;
  const CameraField* found = nullptr;
  for (const CameraField& f : CameraFieldTable()) {
    bool begins = std::string_view(f.name).substr(0, kDbfNameLength) == key;
    for (std::string_view a : f.aliases) begins = begins || a.substr(0, kDbfNameLength) == key;
    if (begins && found && found != &f) return nullptr;
    if (begins) found = &f;
  }
  return found;
}

std::vector<std::string> NamesOf(std::initializer_list<CameraAttribute> attributes) {
  std::vector<std::string> out;
  for (CameraAttribute a : attributes) {
    const CameraField& f = Field(a);
    out.emplace_back(f.name);
    for (std::string_view alias : f.aliases) out.emplace_back(alias);
  }
  return out;
}

std::optional<sim::LensModel> ParseLens(const std::string& word) {
  if (word == "rectilinear") return sim::LensModel::rectilinear;
  if (word == "fisheye" || word == "fisheye_equidistant") return sim::LensModel::fisheye_equidistant;
  return std::nullopt;
}

std::optional<sim::MountType> ParseMount(const std::string& word) {
  static const std::map<std::string, sim::MountType> kinds = {
      {"wall", sim::MountType::wall}, {"pole", sim::MountType::pole}, {"roof", sim::MountType::roof},
      {"ceiling", sim::MountType::ceiling}, {"other", sim::MountType::other}};
  auto it = kinds.find(word);
  return it == kinds.end() ? std::nullopt : std::optional(it->second);
}

std::string LensName(sim::LensModel lens) {
  return lens == sim::LensModel::fisheye_equidistant ? "fisheye" : "rectilinear";
}

std::vector<geo::OutputField> CameraLayerFields() {
  std::vector<geo::OutputField> out;
  for (const CameraField& f : CameraFieldTable()) {
    if (!f.written) continue;
    const bool integer = f.attribute == A::width_px || f.attribute == A::height_px;
    out.push_back({std::string(f.name), f.text ? geo::OutputField::Type::text
                                        : integer ? geo::OutputField::Type::integer
                                                  : geo::OutputField::Type::real});
  }
  return out;
}

std::vector<geo::FieldValue> CameraLayerValues(const sim::Camera& c, double ground_z) {
  std::vector<geo::FieldValue> out;
  for (const CameraField& f : CameraFieldTable()) {
    if (!f.written) continue;
    switch (f.attribute) {
      case A::id: out.emplace_back(c.id); break;
      case A::model: out.emplace_back(c.model); break;
      case A::z: out.emplace_back(c.position.z); break;
      case A::height_m: out.emplace_back(c.position.z - ground_z); break;
      case A::yaw: out.emplace_back(c.yaw_deg); break;
      case A::pitch: out.emplace_back(c.pitch_deg); break;
      case A::roll: out.emplace_back(c.roll_deg); break;
      case A::width_px: out.emplace_back(std::int64_t{c.width_px}); break;
      case A::height_px: out.emplace_back(std::int64_t{c.height_px}); break;
      case A::hfov_deg: out.emplace_back(c.hfov_deg); break;
      // A lens given by its HFOV alone has no focal length: NaN, written as an empty value.
      case A::focal_length_mm:
        out.emplace_back(c.focal_length_mm > 0 ? c.focal_length_mm : std::numeric_limits<double>::quiet_NaN());
        break;
      case A::min_range_m: out.emplace_back(c.min_range_m); break;
      case A::max_range_m: out.emplace_back(c.max_range_m); break;
      case A::cost: out.emplace_back(c.cost); break;
      case A::lens: out.emplace_back(LensName(c.lens)); break;
      case A::mount: out.emplace_back(sim::MountName(c.mount)); break;
      case A::k1: out.emplace_back(c.distortion.k1); break;
      case A::k2: out.emplace_back(c.distortion.k2); break;
      case A::k3: out.emplace_back(c.distortion.k3); break;
      case A::p1: out.emplace_back(c.distortion.p1); break;
      case A::p2: out.emplace_back(c.distortion.p2); break;
      default: throw std::logic_error("camera field marked written without a value");
    }
  }
  return out;
}

CameraSpec CameraSpecFromAttributes(const geo::VectorRecord& r, const std::vector<std::string>& ignored,
                                    core::Diagnostics& diag) {
  std::map<CameraAttribute, std::pair<std::string, std::string>> given;  // -> (column, value)
  for (const auto& [column, value] : r.attributes) {
    const CameraField* f = FindCameraField(column);
    if (!f) {
      if (std::find(ignored.begin(), ignored.end(), core::AsciiLower(column)) == ignored.end())
        diag.Warn("unknown camera attribute ignored", r.where + ": '" + column + "'");
      continue;
    }
    if (value.empty()) continue;
    if (auto [it, fresh] = given.try_emplace(f->attribute, column, value); !fresh && it->second.second != value)
      throw core::InputError(r.where, column,
                             "gives " + std::string(f->name) + " twice (also as '" + it->second.first + "')");
  }
  auto text = [&](CameraAttribute a) -> std::optional<std::string> {
    auto it = given.find(a);
    return it == given.end() ? std::nullopt : std::optional(it->second.second);
  };
  auto number = [&](CameraAttribute a) -> std::optional<double> {
    auto it = given.find(a);
    if (it == given.end()) return std::nullopt;
    const std::string& s = it->second.second;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    while (end && std::isspace(static_cast<unsigned char>(*end))) ++end;
    if (end == s.c_str() || *end != '\0' || !std::isfinite(v))
      throw core::InputError(r.where, it->second.first, "not a number: '" + s + "'");
    return v;
  };
  CameraSpec c;
  c.where = r.where;
  const std::optional<std::string> id = text(A::id);
  if (!id) throw core::InputError(r.where, "", "camera point without an `id` attribute");
  c.id = *id;
  if (const std::string why = core::FileNameProblem(c.id); !why.empty())
    throw core::InputError(r.where, "id", "camera id '" + c.id + "' " + why);
  c.model = text(A::model).value_or("");
  c.height_m = number(A::height_m);
  c.z = number(A::z);
  if (!c.z && !c.height_m && r.has_z) c.z = r.z;
  // The attribute wins, as in the scenario; a point's z of 0 is a 2D layer saved as 3D.
  if (r.has_z && r.z != 0 && (c.height_m || (c.z && std::abs(*c.z - r.z) > 0.01)))
    diag.Warn(std::string("camera point's z ignored: its ") + (c.z ? "z" : "height_m") + " attribute is used",
              r.where + ": camera '" + c.id + "' (point z " + fmt::format("{:.2f}", r.z) + " m)");
  // A direction left out is north and level: say so rather than assume it quietly.
  for (auto [a, field] : {std::pair{A::yaw, &c.yaw_deg}, {A::pitch, &c.pitch_deg}}) {
    if (auto v = number(a)) {
      *field = *v;
    } else {
      diag.Warn("camera without " + std::string(Field(a).name) + " (0 degrees assumed)",
                r.where + ": camera '" + c.id + "'");
    }
  }
  c.roll_deg = number(A::roll).value_or(0);
  CameraFields& f = c.fields;
  if (auto w = number(A::width_px)) f.width_px = static_cast<int>(std::lround(*w));
  if (auto h = number(A::height_px)) f.height_px = static_cast<int>(std::lround(*h));
  f.hfov_deg = number(A::hfov_deg);
  f.focal_length_mm = number(A::focal_length_mm);
  f.sensor_width_mm = number(A::sensor_width_mm);
  f.min_range_m = number(A::min_range_m);
  f.max_range_m = number(A::max_range_m);
  f.cost = number(A::cost);
  f.bitrate_kbps = number(A::bitrate_kbps);
  if (f.bitrate_kbps && !(*f.bitrate_kbps >= 1 && *f.bitrate_kbps <= 1e6))
    throw core::InputError(r.where, "bitrate_kbps", "bitrate_kbps must be within [1, 1e6] kbit/s");
  if (auto lens = text(A::lens)) {
    f.lens = ParseLens(*lens);
    if (!f.lens) throw core::InputError(r.where, "lens", "lens must be rectilinear or fisheye, got '" + *lens + "'");
  }
  if (auto mount = text(A::mount)) {
    f.mount = ParseMount(*mount);
    if (!f.mount)
      throw core::InputError(r.where, "mount", "mount must be wall, pole, roof, ceiling or other, got '" + *mount + "'");
  }
  const auto k1 = number(A::k1), k2 = number(A::k2), k3 = number(A::k3), p1 = number(A::p1), p2 = number(A::p2);
  if (k1 || k2 || k3 || p1 || p2)
    f.distortion = sim::Distortion{k1.value_or(0), k2.value_or(0), k3.value_or(0), p1.value_or(0), p2.value_or(0)};
  return c;
}

}  // namespace scenario
