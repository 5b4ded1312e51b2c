#include "report/plan_exports.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "core/error.h"
#include "geo/cad_export.h"
#include "geo/frame.h"
#include "report/csv_writer.h"
#include "scenario/camera_fields.h"

namespace report {

void WriteCameraCsv(const CoverageRun& run, const std::filesystem::path& path) {
  const geo::Frame& f = run.city.frame;
  const std::vector<geo::OutputField> fields = scenario::CameraLayerFields();
  std::vector<std::string> header = {"id", "lon", "lat", "x", "y"};
  for (const geo::OutputField& field : fields)
    if (field.name != "id") header.push_back(field.name);
  const geo::CrsTransform to_wgs84 = geo::CrsTransform::FromFrame(f, "EPSG:4326");
  // x and y in the scenario's own CRS, as read back: its feet when it is in feet (the run
  // computes in the metric twin).
  std::optional<geo::CrsTransform> to_scenario_crs;
  if (!f.feet_crs_name.empty() && !run.scenario.city.crs.empty())
    to_scenario_crs.emplace(geo::CrsTransform::FromFrame(f, run.scenario.city.crs));
  CsvWriter csv(path, header);
  for (const sim::Camera& c : run.coverage->cameras()) {
    double lon = c.position.x, lat = c.position.y;
    const bool geographic = to_wgs84.Apply(lon, lat);
    double x = c.position.x + f.origin_x, y = c.position.y + f.origin_y;
    if (to_scenario_crs) {
      x = c.position.x, y = c.position.y;
      if (!to_scenario_crs->Apply(x, y)) x = y = NAN;
    }
    std::vector<std::string> row = {c.id, geographic ? fmt::format("{:.9f}", lon) : "",
                                    geographic ? fmt::format("{:.9f}", lat) : "",
                                    std::isnan(x) ? "" : fmt::format("{:.3f}", x),
                                    std::isnan(y) ? "" : fmt::format("{:.3f}", y)};
    const std::vector<geo::FieldValue> values =
        scenario::CameraLayerValues(c, run.city.GroundZ(c.position.x, c.position.y));
    for (std::size_t i = 0; i < fields.size() && i < values.size(); ++i) {
      if (fields[i].name == "id") continue;
      row.push_back(std::visit(
          [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
              return v;
            else if constexpr (std::is_same_v<T, double>)
              return std::isnan(v) ? std::string() : fmt::format("{}", v);  // shortest exact; NaN: none
            else
              return fmt::format("{}", v);
          },
          values[i]));
    }
    csv.Row(row);
  }
  csv.Commit();
}

void WritePlanDxf(const CoverageRun& run, const std::filesystem::path& path) {
  std::vector<geo::CadEntity> entities;
  for (const sim::Camera& c : run.coverage->cameras()) {
    entities.push_back({"fov", {FovWedge(c)}, {}, std::nullopt, "", 1});
    entities.push_back({"cameras", {}, {}, geo::Vec2d{c.position.x, c.position.y}, "", 1});
    entities.push_back(
        {"camera_ids", {}, {}, geo::Vec2d{c.position.x + 1, c.position.y + 1}, c.id, 1.5});
  }
  for (const sim::Zone& z : run.zones) {
    entities.push_back(
        {std::string("zones_") + sim::ZoneKindName(z.kind), z.outline, {}, std::nullopt, "", 1});
    if (!z.outline.empty() && !z.outline.front().empty() && !z.name.empty()) {
      const geo::Vec2d p = z.outline.front().front().front();
      entities.push_back(
          {std::string("zones_") + sim::ZoneKindName(z.kind), {}, {}, p, z.name, 1.5});
    }
  }
  geo::WriteDxf(path, run.city.frame, entities);
}

}  // namespace report
