// `sightline lens`: the lens calculator. Focal length and sensor -> fields of view; an HFOV ->
// the focal length; a pixel density at a distance -> the focal length that gives it; a
// catalogue -> each model's lens range and the distances of the density levels. Data on stdout.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli_checks.h"
#include "app/commands.h"
#include "core/error.h"
#include "scenario/catalogue.h"
#include "sim/lens.h"
#include "sim/pixel_density.h"

namespace app {
namespace {

struct LensOptions {
  std::string sensor;          // format name: 1/2.8"
  double sensor_width_mm = 0;  // or the active area
  double sensor_height_mm = 0;
  double focal_mm = 0;
  double hfov_deg = 0;
  int width_px = 0;
  double px_per_m = 0;
  double distance_m = 0;
  std::string catalogue;
  bool formats = false;
  bool json = false;
};

struct Sensor {
  double width_mm = 0, height_mm = 0;
  std::string name;
};

std::optional<Sensor> SensorOf(const LensOptions& o) {
  Sensor s{o.sensor_width_mm, o.sensor_height_mm, ""};
  if (!o.sensor.empty()) {
    const auto f = sim::FindSensorFormat(o.sensor);
    if (!f)
      throw core::InputError("--sensor", o.sensor,
                             "unknown sensor format (see sightline lens --formats)");
    s.name = f->name;
    if (s.width_mm == 0) s.width_mm = f->width_mm;
    if (s.height_mm == 0) s.height_mm = f->height_mm;
  }
  if (s.width_mm == 0) return std::nullopt;
  return s;
}

// One model of the catalogue: lens range and how far each density level reaches, wide and tele.
nlohmann::json ModelJson(const std::string& name, const scenario::CameraFields& m,
                         const sim::DensityLevels& levels) {
  nlohmann::json j = {{"model", name}, {"description", m.description}};
  const int width = m.width_px.value_or(1920);
  j["resolution"] = {width, m.height_px.value_or(1080)};
  if (m.sensor_width_mm) j["sensor_width_mm"] = *m.sensor_width_mm;
  std::vector<double> hfovs;
  if (const auto range = scenario::HfovRangeDeg(m)) {
    hfovs = {range->second, range->first};
    j["hfov_range_deg"] = {range->first, range->second};
  } else if (m.hfov_deg) {
    hfovs = {*m.hfov_deg};
  } else if (m.focal_length_mm && m.sensor_width_mm) {
    hfovs = {sim::FovDeg(*m.sensor_width_mm, *m.focal_length_mm,
                         m.lens.value_or(sim::LensModel::rectilinear))};
  }
  if (m.focal_range_mm)
    j["focal_range_mm"] = {m.focal_range_mm->first, m.focal_range_mm->second};
  else if (m.focal_length_mm)
    j["focal_length_mm"] = *m.focal_length_mm;
  nlohmann::json reach = nlohmann::json::array();
  for (double h : hfovs) {
    nlohmann::json r = {{"hfov_deg", h}};
    for (const auto& l : levels.levels) {
      const double d = sim::DistanceForDensity(l.min_px_per_m, width, h, m.lens.value_or(sim::LensModel::rectilinear));
      r[l.name + "_m"] = d;
      // Coverage stops at the model's range_m: a farther reach is optics only.
      if (m.max_range_m && d > *m.max_range_m) r[l.name + "_beyond_range"] = true;
    }
    reach.push_back(r);
  }
  j["reach"] = reach;  // on axis, rectilinear: wide end first
  if (m.max_range_m) j["range_m"] = *m.max_range_m;
  return j;
}

void Run(const LensOptions& o) {
  nlohmann::json out;
  if (o.formats) {
    for (const sim::SensorFormat& f : sim::SensorFormats())
      out["sensor_formats"].push_back(
          {{"name", f.name}, {"width_mm", f.width_mm}, {"height_mm", f.height_mm}});
  }
  const std::optional<Sensor> sensor = SensorOf(o);
  if (sensor) {
    nlohmann::json s = {{"width_mm", sensor->width_mm}};
    if (sensor->height_mm > 0) s["height_mm"] = sensor->height_mm;
    if (!sensor->name.empty()) s["format"] = sensor->name;
    out["sensor"] = s;
  }
  // Two density questions: which focal length gives P px/m at D m (sensor, distance), and how
  // far a lens of this HFOV gives P px/m (no sensor needed).
  const bool density_asked = o.px_per_m > 0 || o.distance_m > 0;
  const bool reach_asked = density_asked && o.hfov_deg > 0 && !sensor;
  if (density_asked && !(o.px_per_m > 0 && o.width_px > 0 && (o.distance_m > 0 || reach_asked)))
    throw core::InputError(
        "lens", "--px-per-m",
        "a density needs --px-per-m and --width-px, with --distance (and the sensor) for the focal "
        "length or --hfov for the reach");
  if ((o.focal_mm > 0 || o.hfov_deg > 0 || density_asked) && !sensor && !reach_asked)
    throw core::InputError("lens", "--sensor",
                           "give the sensor: --sensor 1/2.8\" or --sensor-width MM");
  if (o.focal_mm > 0 && o.hfov_deg > 0)
    throw core::InputError("lens", "--focal", "give --focal or --hfov, not both");
  auto fovs = [&](double focal) {
    nlohmann::json j = {{"focal_mm", focal}, {"hfov_deg", sim::FovDeg(sensor->width_mm, focal)}};
    if (sensor->height_mm > 0) {
      j["vfov_deg"] = sim::FovDeg(sensor->height_mm, focal);
      j["dfov_deg"] = sim::FovDeg(std::hypot(sensor->width_mm, sensor->height_mm), focal);
    }
    return j;
  };
  if (o.focal_mm > 0) out["lens"] = fovs(o.focal_mm);
  if (o.hfov_deg > 0 && sensor)
    out["lens"] = fovs(sim::FocalForFovDeg(sensor->width_mm, o.hfov_deg));
  if (density_asked) {
    nlohmann::json d = {{"px_per_m", o.px_per_m}, {"width_px", o.width_px}};
    if (o.distance_m > 0) d["distance_m"] = o.distance_m;
    if (!reach_asked) {
      const double f = sim::FocalForDensity(o.px_per_m, o.distance_m, o.width_px, sensor->width_mm);
      d["focal_mm"] = f;
      d["hfov_deg"] = sim::FovDeg(sensor->width_mm, f);
      d["scene_width_m"] = o.width_px / o.px_per_m;
    } else {  // an HFOV given: how far that lens reaches at the density
      d["hfov_deg"] = o.hfov_deg;
      d["max_distance_m"] = sim::DistanceForDensity(o.px_per_m, o.width_px, o.hfov_deg);
    }
    out["density"] = d;
  }
  if (!o.catalogue.empty()) {
    const scenario::Catalogue c = scenario::LoadCatalogue(o.catalogue);
    for (const auto& [name, m] : c.models)
      out["models"].push_back(ModelJson(name, m, sim::DoriLevels()));
  }
  if (out.is_null())
    throw core::InputError("lens", "",
                           "nothing to work out: give --focal, --hfov, --px-per-m/--distance, "
                           "--catalogue or --formats");
  if (o.json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  // Text: one figure per line, as `key value unit`, for people and for grep.
  if (out.contains("sensor_formats"))
    for (const auto& f : out["sensor_formats"])
      fmt::print("sensor {:<8} {:5.2f} x {:5.2f} mm\n", f["name"].get<std::string>(),
                 f["width_mm"].get<double>(), f["height_mm"].get<double>());
  if (out.contains("sensor"))
    fmt::print("sensor width  {:.2f} mm{}\n", out["sensor"]["width_mm"].get<double>(),
               out["sensor"].contains("format")
                   ? " (" + out["sensor"]["format"].get<std::string>() + ")"
                   : "");
  if (out.contains("lens")) {
    const auto& l = out["lens"];
    fmt::print("focal length  {:.2f} mm\nHFOV          {:.1f} deg\n", l["focal_mm"].get<double>(),
               l["hfov_deg"].get<double>());
    if (l.contains("vfov_deg"))
      fmt::print("VFOV          {:.1f} deg\nDFOV          {:.1f} deg\n",
                 l["vfov_deg"].get<double>(), l["dfov_deg"].get<double>());
  }
  if (out.contains("density")) {
    const auto& d = out["density"];
    if (d.contains("distance_m"))
      fmt::print("density       {:g} px/m at {:g} m with {} px across\n",
                 d["px_per_m"].get<double>(), d["distance_m"].get<double>(),
                 d["width_px"].get<int>());
    else
      fmt::print("density       {:g} px/m with {} px across\n", d["px_per_m"].get<double>(),
                 d["width_px"].get<int>());
    if (d.contains("focal_mm"))
      fmt::print(
          "focal length  {:.2f} mm (or longer)\nHFOV          {:.1f} deg\nscene width   {:.2f} m\n",
          d["focal_mm"].get<double>(), d["hfov_deg"].get<double>(),
          d["scene_width_m"].get<double>());
    else
      fmt::print("reach         {:.1f} m at HFOV {:.1f} deg\n", d["max_distance_m"].get<double>(),
                 d["hfov_deg"].get<double>());
  }
  if (out.contains("models")) {
    bool beyond_range = false;
    fmt::print("{:<20} {:>11} {:>13} {:>10} {:>10} {:>10} {:>10}\n", "model", "focal mm", "HFOV deg",
               "detect", "observe", "recognise", "identify");
    for (const auto& m : out["models"]) {
      const std::string focal = m.contains("focal_range_mm")
                                    ? fmt::format("{:g}-{:g}", m["focal_range_mm"][0].get<double>(),
                                                  m["focal_range_mm"][1].get<double>())
                                : m.contains("focal_length_mm")
                                    ? fmt::format("{:g}", m["focal_length_mm"].get<double>())
                                    : "-";
      for (std::size_t i = 0; i < m["reach"].size(); ++i) {
        const auto& r = m["reach"][i];
        // "686.0m*": beyond the model's range_m (footnote below).
        auto cell = [&](const std::string& level) {
          const bool beyond = r.contains(level + "_beyond_range");
          beyond_range = beyond_range || beyond;
          return fmt::format("{:.1f}m{}", r[level + "_m"].get<double>(), beyond ? "*" : "");
        };
        fmt::print("{:<20} {:>11} {:>13.1f} {:>10} {:>10} {:>10} {:>10}\n",
                   i == 0 ? m["model"].get<std::string>() : "", i == 0 ? focal : "",
                   r["hfov_deg"].get<double>(), cell("detect"), cell("observe"), cell("recognise"),
                   cell("identify"));
      }
    }
    if (beyond_range)
      fmt::print("* beyond the model's range_m: the coverage model stops at range_m, so that reach is optics only\n");
  }
}

}  // namespace

void SetupLens(CLI::App& app) {
  auto opt = std::make_shared<LensOptions>();
  CLI::App* cmd = app.add_subcommand("lens",
                                     "Lens calculator: focal length <-> field of view, the focal "
                                     "length for a pixel density, a catalogue's reach");
  cmd->add_option("--sensor", opt->sensor, "Sensor format, e.g. 1/2.8\" (see --formats)");
  cmd->add_option("--sensor-width", opt->sensor_width_mm,
                  "Sensor active width in mm (overrides the format's)")
      ->check(Within(0.5, 100));
  cmd->add_option("--sensor-height", opt->sensor_height_mm, "Sensor active height in mm")
      ->check(Within(0.5, 100));
  cmd->add_option("--focal", opt->focal_mm, "Focal length in mm: gives HFOV, VFOV, DFOV")
      ->check(Within(0.3, 2000));
  cmd->add_option("--hfov", opt->hfov_deg,
                  "Horizontal field of view in degrees: gives the focal length")
      ->check(Within(0.1, 179));
  cmd->add_option("--px-per-m", opt->px_per_m, "Pixel density wanted (e.g. 250 to identify)")
      ->check(Within(1, 100000));
  cmd->add_option("--distance", opt->distance_m, "At this distance in m")
      ->check(Within(0.1, 10000));
  cmd->add_option("--width-px", opt->width_px, "Image width in pixels")
      ->check(WholeWithin(16, 100000));
  cmd->add_option("--catalogue", opt->catalogue,
                  "A camera catalogue: each model's lens range and DORI reach")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--formats", opt->formats, "List the sensor formats sightline knows");
  cmd->add_flag("--json", opt->json, "JSON on stdout");
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
