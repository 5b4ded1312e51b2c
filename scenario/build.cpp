#include "scenario/build.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/ascii_case.h"
#include "core/error.h"
#include "core/utf8.h"
#include "geo/frame.h"
#include "geo/vector_io.h"
#include "scenario/camera_fields.h"
#include "scenario/catalogue.h"
#include "scenario/zone_rules.h"

namespace scenario {
namespace {

void Apply(const CameraFields& f, sim::Camera& c) {
  if (f.width_px) c.width_px = *f.width_px;
  if (f.height_px) c.height_px = *f.height_px;
  if (f.hfov_deg) c.hfov_deg = *f.hfov_deg;
  if (f.focal_length_mm) c.focal_length_mm = *f.focal_length_mm;
  if (f.sensor_width_mm) c.sensor_width_mm = *f.sensor_width_mm;
  if (f.min_range_m) c.min_range_m = *f.min_range_m;
  if (f.max_range_m) c.max_range_m = *f.max_range_m;
  if (f.cost) c.cost = *f.cost;
  if (f.lens) c.lens = *f.lens;
  if (f.mount) c.mount = *f.mount;
  if (f.distortion) c.distortion = *f.distortion;
}

std::optional<double> Number(const std::map<std::string, std::string>& attrs, const char* key,
                             const std::string& where) {
  auto it = attrs.find(key);
  if (it == attrs.end() || it->second.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str() || *end != '\0')
    throw core::InputError(where, key, "not a number: '" + it->second + "'");
  return v;
}

// The text of the first of `names` among a record's attributes, "" if none.
std::string AttributeText(const geo::VectorRecord& r, const std::vector<std::string>& names) {
  for (const auto& [column, value] : r.attributes)
    for (const std::string& name : names)
      if (std::equal(column.begin(), column.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
        return value;
  return "";
}

// A CSV list with lon/lat and x/y columns (as sightline writes it) places the camera by lon/lat;
// an x/y edited by hand and no longer matching would be ignored in silence: say so.
void WarnIfXyDisagrees(const Scenario& s, const geo::Frame& frame, const geo::VectorRecord& r,
                       const CameraSpec& c, core::Diagnostics& diag) {
  using A = CameraAttribute;
  const std::string xs = AttributeText(r, NamesOf({A::x})), ys = AttributeText(r, NamesOf({A::y}));
  // The position columns are taken out of the attributes: x/y still there means lon/lat placed it.
  if (xs.empty() || ys.empty()) return;
  char* end_x = nullptr;
  char* end_y = nullptr;
  double x = std::strtod(xs.c_str(), &end_x), y = std::strtod(ys.c_str(), &end_y);
  if (*end_x != '\0' || *end_y != '\0' || !std::isfinite(x) || !std::isfinite(y))
    throw core::InputError(r.where, "x/y", "not a number: '" + xs.substr(0, 40) + "', '" + ys.substr(0, 40) + "'");
  const std::string crs = !s.camera_source_crs.empty() ? s.camera_source_crs : s.city.crs;
  if (crs.empty() || !geo::CrsTransform::ToFrame(crs, frame).Apply(x, y)) return;
  const double off = std::hypot(x - c.x, y - c.y);
  if (off > 0.05) {
    char metres[32];
    std::snprintf(metres, sizeof metres, "%.2f", off);
    diag.Warn("camera x/y and lon/lat disagree (lon/lat used)",
              r.where + ": camera '" + c.id + "': x/y lie " + metres + " m from lon/lat");
  }
}

// Camera specs from a point layer or CSV list; attribute names from the camera field table.
std::vector<CameraSpec> SpecsFromFile(const Scenario& s, const geo::Frame& frame, core::Diagnostics& diag) {
  using A = CameraAttribute;
  geo::PointFileOptions o;
  o.crs = s.camera_source_crs;
  o.fallback_crs = s.city.crs;
  o.layer = s.camera_source_layer.empty() ? "cameras" : s.camera_source_layer;  // coverage.gpkg's
  o.layer_required = !s.camera_source_layer.empty();
  o.x_columns = NamesOf({A::x});
  o.y_columns = NamesOf({A::y});
  o.lon_columns = NamesOf({A::lon});
  o.lat_columns = NamesOf({A::lat});
  // Statistics that coverage.gpkg writes beside the camera fields: read back, they mean nothing.
  std::vector<std::string> ignored = {"index", "visible_m2", "fid"};
  for (const auto& level : s.levels.levels) {
    ignored.push_back(core::AsciiLower(level.name + "_m2"));
  }
  std::vector<CameraSpec> specs;
  bool feet_z_said = false;
  for (const geo::VectorRecord& r : geo::ReadPointFile(s.camera_source, frame, o)) {
    CameraSpec c = CameraSpecFromAttributes(r, ignored, diag);
    if (r.z_unit_assumed && c.z && *c.z == r.z && !feet_z_said) {  // the point's z, not a `z` attribute (metres)
      diag.Warn("camera point z in a feet CRS without vertical CRS taken in feet", r.where);
      feet_z_said = true;
    }
    if (!core::IsValidUtf8(c.id) || !core::IsValidUtf8(c.model))
      throw core::InputError(r.where, "", "camera id or model is not valid UTF-8");
    c.x = r.point->x;  // already local: crs "local" below
    c.y = r.point->y;
    c.crs = "local";
    WarnIfXyDisagrees(s, frame, r, c, diag);
    if (!c.model.empty() && !s.camera_models.count(c.model)) {
      // A cameras layer sightline wrote carries every camera's optics: the model is then a label.
      const bool own_optics = c.fields.width_px && c.fields.height_px && (c.fields.hfov_deg || c.fields.focal_length_mm);
      if (!own_optics)
        throw core::InputError(r.where, "camera '" + c.id + "'",
                               "unknown model '" + c.model + "' (and no resolution and field of view of its own)");
      diag.Warn("camera model not among the scenario's models: the camera's own optics used", r.where + ": camera '" + c.id + "' (model '" + c.model + "')");
    } else if (!c.model.empty()) {
      if (const std::string why = LensMismatch(s.camera_models.at(c.model), c.fields); !why.empty())
        throw core::InputError(r.where, "camera '" + c.id + "'", why);
    }
    specs.push_back(std::move(c));
  }
  if (specs.empty())
    throw core::InputError(s.camera_source.string(), "", "no camera points in the file");
  return specs;
}

}  // namespace

void RequireExtent(const Scenario& s, const geo::CityModel& city) {
  if (!city.area.empty() && std::isfinite(city.area.width()) && std::isfinite(city.area.height())) return;
  throw core::InputError(s.file.string(), "",
                         "nothing to evaluate: the city has no extent (its sources hold no buildings, "
                         "terrain or water, only lines or points) and the scenario has no `area:`");
}

std::vector<CameraSpec> CameraSpecsFromSource(const Scenario& s, core::Diagnostics& diag) {
  if (s.city.crs.empty())
    throw core::InputError(s.file.string(), "",
                           "cameras from a file need the scenario's `crs:` here (their x/y are given in it)");
  // A frame in the scenario's CRS: the file's points land there, then go back out to it.
  const geo::Frame frame = geo::MakeFrame(geo::CrsToWkt(s.city.crs, s.file.string() + ": crs"), {});
  const geo::CrsTransform back = geo::CrsTransform::FromFrame(frame, s.city.crs);
  std::vector<CameraSpec> specs = SpecsFromFile(s, frame, diag);
  for (CameraSpec& c : specs) {
    if (!back.Apply(c.x, c.y))
      throw core::InputError(c.where, "camera '" + c.id + "'", "cannot place the camera in the scenario's crs");
    c.crs = s.city.crs;
  }
  return specs;
}

sim::Camera CameraFromModel(const Scenario& s, const std::string& model) {
  sim::Camera c;
  c.id = model;
  c.model = model;
  Apply(s.camera_models.at(model), c);
  sim::ResolveAndValidate(c, s.file.string() + ": camera model '" + model + "'");
  return c;
}

namespace {

std::vector<CameraSpec> AllCameraSpecs(const Scenario& s, const geo::Frame& frame, core::Diagnostics& diag) {
  std::vector<CameraSpec> specs = s.cameras;
  if (!s.camera_source.empty()) {
    auto more = SpecsFromFile(s, frame, diag);
    specs.insert(specs.end(), more.begin(), more.end());
  }
  return specs;
}

// A camera's optics: its model's fields, then its own (position and aim come after).
sim::Camera CameraOptics(const Scenario& s, const CameraSpec& spec) {
  sim::Camera c;
  c.id = spec.id;
  c.model = spec.model;
  if (s.camera_models.count(spec.model)) Apply(s.camera_models.at(spec.model), c);  // else a label (a layer's own optics)
  Apply(spec.fields, c);
  // A focal length of its own (a varifocal lens set by the installer) sets the HFOV, unless
  // the camera gives its HFOV too.
  if (spec.fields.focal_length_mm && !spec.fields.hfov_deg) c.hfov_deg = 0;
  return c;
}

}  // namespace

double MaxCameraRange(const Scenario& s, const geo::Frame& frame) {
  core::Diagnostics said_by_build_cameras;
  double range = 0;
  for (const CameraSpec& spec : AllCameraSpecs(s, frame, said_by_build_cameras)) {
    const double r = CameraOptics(s, spec).max_range_m;
    if (std::isfinite(r)) range = std::max(range, r);
  }
  return range;
}

std::vector<sim::Camera> BuildCameras(const Scenario& s, const geo::CityModel& city,
                                      const sim::Scene& scene, core::Diagnostics& diag,
                                      const std::function<bool(double x, double y)>& scene_checks_here) {
  const std::string file = s.file.string();
  const std::vector<CameraSpec> specs = AllCameraSpecs(s, city.frame, diag);
  std::map<std::string, std::string> ids;  // lower-case id -> the id as first written
  std::vector<sim::Camera> cameras;
  for (const CameraSpec& spec : specs) {
    const std::string context = spec.where.rfind("line ", 0) == 0 ? file + ": " + spec.where : spec.where;
    if (auto [it, fresh] = ids.try_emplace(core::AsciiLower(spec.id), spec.id); !fresh) {
      if (it->second == spec.id) throw core::InputError(context, "camera '" + spec.id + "'", "duplicate camera id");
      // Per-camera outputs (C01.mp4, c01/gt/) would overwrite each other on Windows and macOS.
      throw core::InputError(context, "camera '" + spec.id + "'",
                             "camera ids '" + it->second + "' and '" + spec.id + "' differ only in case");
    }
    sim::Camera c = CameraOptics(s, spec);
    double x = spec.x, y = spec.y;
    if (spec.crs != "local") {
      const std::string crs = !spec.crs.empty() ? spec.crs : !s.city.crs.empty() ? s.city.crs : city.frame.crs_wkt;
      const geo::CrsTransform t = geo::CrsTransform::ToFrame(crs, city.frame);
      if (!std::isfinite(x) || !std::isfinite(y) || !t.Apply(x, y))
        throw core::InputError(context, "camera '" + spec.id + "'", "position cannot be placed in the scenario CRS");
    }
    const double ground = city.GroundZ(x, y);
    if (spec.z && spec.height_m && std::abs(ground + *spec.height_m - *spec.z) > 0.05)
      diag.Warn("camera z and height_m disagree (z used)", context + ": camera '" + spec.id + "'");
    if (spec.z) {
      c.position = {x, y, *spec.z};
    } else if (spec.height_m) {
      if (!std::isfinite(*spec.height_m) || *spec.height_m < 0 || *spec.height_m > 500)
        throw core::InputError(context, "camera '" + spec.id + "'", "height_m must be within [0, 500] m");
      c.position = {x, y, ground + *spec.height_m};
    } else {
      throw core::InputError(context, "camera '" + spec.id + "'", "needs height_m (above ground) or z");
    }
    c.yaw_deg = spec.yaw_deg;
    c.pitch_deg = spec.pitch_deg;
    c.roll_deg = spec.roll_deg;
    sim::ResolveAndValidate(c, context);
    const std::string where = context + ": camera '" + c.id + "'";
    const geo::Box2d& area = city.area;
    const bool in_outline = city.area_outline.empty() || geo::PointInPolygons(city.area_outline, x, y);
    if (x < area.min_x || x > area.max_x || y < area.min_y || y > area.max_y || !in_outline)
      diag.Warn("camera outside the area", where);
    const bool below_ground = c.position.z < ground - 0.01;
    if (below_ground) diag.Warn("camera below the ground", where);
    const sim::Point3f p{static_cast<float>(x), static_cast<float>(y), static_cast<float>(c.position.z)};
    if (scene_checks_here && !scene_checks_here(x, y)) {
      // another process's camera
    } else if (sim::InsideSolid(city, scene, p)) diag.Warn("camera inside a building (it will see little)", where);
    else if (!below_ground && sim::UnderTerrainSurface(city, scene, p)) diag.Warn("camera below the surface (DSM)", where);
    cameras.push_back(std::move(c));
  }
  return cameras;
}

namespace {
constexpr const char* kZoneOutside = "zone outside the area (no grid cell inside)";
constexpr const char* kZoneTooSmall = "zone holds no grid cell centre (smaller or thinner than a ";
}  // namespace

std::string EmptyZoneWarning(const sim::Zone& zone, const geo::Box2d& area, double resolution_m) {
  geo::Box2d box;
  for (const geo::Polygon& polygon : zone.outline)
    if (!polygon.empty())
      for (const geo::Vec2d& p : polygon.front()) box.Extend(p.x, p.y);
  if (!box.Intersects(area)) return kZoneOutside;
  char cell[32];
  std::snprintf(cell, sizeof cell, "%g", resolution_m);
  return kZoneTooSmall + std::string(cell) + " m cell)";
}

bool IsEmptyZoneWarning(const std::string& warning) {
  return warning == kZoneOutside || warning.rfind(kZoneTooSmall, 0) == 0;
}

std::vector<sim::Zone> BuildZones(const Scenario& s, const geo::CityModel& city,
                                  const sim::Grid& grid, core::Diagnostics& diag) {
  const std::string file = s.file.string();
  std::vector<sim::Zone> zones;
  std::vector<std::string> zone_wheres;  // where each zone was given, for the name check below
  auto add = [&](const ZoneSpec& spec, const std::vector<geo::Polygon>& polygons, const std::string& where) {
    sim::Zone z;
    z.name = spec.name;
    z.kind = spec.kind;
    z.weight = spec.weight;
    z.required_k = spec.required_k;
    z.required_level = spec.required_level.empty() ? -1 : s.levels.Find(spec.required_level);
    if (!spec.required_level.empty() && z.required_level < 0)
      throw core::InputError(where, "zone '" + spec.name + "'", "unknown density level '" + spec.required_level + "'" + LevelList(s.levels));
    z.outline = polygons;
    const auto mask = sim::CellsInside(polygons, grid);
    for (std::uint32_t i = 0; i < mask.size(); ++i)
      if (mask[i]) z.cells.push_back(i);
    if (z.cells.empty()) diag.Warn(EmptyZoneWarning(z, city.area, grid.resolution_m), where + ": zone '" + z.name + "'");
    zones.push_back(std::move(z));
    zone_wheres.push_back(where);
  };
  for (const ZoneSpec& spec : s.zones) {
    const std::string where = file + (spec.where.empty() ? "" : ": " + spec.where);
    const std::string crs = !spec.crs.empty() ? spec.crs : !s.city.crs.empty() ? s.city.crs : city.frame.crs_wkt;
    if (!spec.wkt.empty()) {
      add(spec, geo::ReadPolygonWkt(spec.wkt, crs, city.frame, where, diag).polygons, where);
      continue;
    }
    const std::vector<geo::VectorRecord> records = geo::ReadPolygonFile(spec.source, city.frame, {spec.crs, crs, spec.layer, "zones"}, diag);
    const std::size_t zones_before = zones.size();
    for (const geo::VectorRecord& r : records) {
      ZoneSpec per = spec;  // feature attributes refine the scenario entry
      // "zones.gpkg: feature 3": the name of a feature that has none, not every one "zone 1".
      const std::string own_name =
          spec.source.filename().string() + r.where.substr(std::min(r.where.size(), spec.source.string().size()));
      // Columns match in any case: a "Kind" column left unread would make a privacy zone a priority one.
      std::map<std::string, std::string> a;
      for (const auto& [column, value] : r.attributes) a.emplace(core::AsciiLower(column), value);
      if (auto it = a.find("name"); it != a.end() && !it->second.empty()) {
        per.name = it->second;
      } else if (!spec.name_given) {
        per.name = own_name;
      }
      if (!core::IsValidUtf8(per.name)) throw core::InputError(r.where, "name", "not valid UTF-8");
      if (auto it = a.find("kind"); it != a.end() && !it->second.empty()) {
        const auto kind = ZoneKindNamed(it->second);
        if (!kind) throw core::InputError(r.where, "kind", ZoneKindProblem(it->second));
        per.kind = *kind;
      } else if (!spec.kind_given && r.not_polygon.empty()) {
        diag.Warn("zone feature without kind taken as a priority zone", r.where);
      }
      if (auto w = Number(a, "weight", r.where)) {
        if (const std::string why = ZoneWeightProblem(*w); !why.empty()) throw core::InputError(r.where, "weight", why + ", got '" + a.at("weight") + "'");
        per.weight = *w;
      }
      if (auto k = Number(a, "k", r.where)) {
        if (const std::string why = ZoneKProblem(*k); !why.empty()) throw core::InputError(r.where, "k", why + ", got '" + a.at("k") + "'");
        per.required_k = static_cast<int>(*k);
      }
      for (const char* key : {"dori", "level"})
        if (auto it = a.find(key); it != a.end() && !it->second.empty()) per.required_level = it->second;
      if (!r.not_polygon.empty()) {
        // A privacy zone that vanished would show what it must hide: refuse it.
        if (per.kind == sim::ZoneKind::privacy)
          throw core::InputError(r.where, per.name == own_name ? "" : "zone '" + per.name + "'",
                                 "a privacy zone must be a polygon, got " + r.not_polygon +
                                     (r.not_polygon.find("geometry") == std::string::npos ? " (buffer it in a GIS first)" : ""));
        diag.Warn("zone feature without a polygon skipped (" + r.not_polygon + ")", r.where);
        continue;
      }
      add(per, r.polygons, r.where);
    }
    if (zones.size() == zones_before)
      throw core::InputError(spec.source.string(), "",
                             "no usable polygon in the file (" + std::to_string(records.size()) + " feature(s) without one, e.g. " +
                                 records[0].where + ": " + records[0].not_polygon + ")");
  }
  // The report, summary.json and `compare` name zones: one name on two zones (zone files mix
  // features of one name; a privacy zone drawn over the priority zone it belongs to) lists both
  // figures under it. Worth a word, and a louder one when their kinds differ.
  std::map<std::string, std::size_t> first_named;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const auto [it, fresh] = first_named.emplace(zones[i].name, i);
    if (fresh) continue;
    const sim::Zone& first = zones[it->second];
    const std::string where = zone_wheres[i] + ": zone '" + zones[i].name + "' (also " + zone_wheres[it->second] + ")";
    if (first.kind != zones[i].kind)
      diag.Warn("zones of one name but different kinds (" + std::string(sim::ZoneKindName(first.kind)) + ", " +
                    sim::ZoneKindName(zones[i].kind) + "): the report and summary.json tell them apart only by kind",
                where);
    else
      diag.Warn("zones of one name: the report and summary.json list their figures apart under that name", where);
  }
  return zones;
}

}  // namespace scenario
