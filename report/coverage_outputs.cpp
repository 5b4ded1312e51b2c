#include "report/coverage_outputs.h"

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <numbers>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/raster_io.h"
#include "geo/vector_io.h"
#include "report/cairo_draw.h"
#include "report/palette.h"
#include "scenario/camera_fields.h"

namespace report {
namespace {

using nlohmann::json;
constexpr double kNoData = -9999;

// Field values built one by one: GCC 12 warns falsely on initializer lists of variants.
template <typename... Args>
std::vector<geo::FieldValue> Values(Args&&... args) {
  std::vector<geo::FieldValue> v;
  v.reserve(sizeof...(args));
  (v.emplace_back(std::forward<Args>(args)), ...);
  return v;
}

geo::OutputFeature Feature(std::vector<geo::Polygon> polygons, std::vector<geo::FieldValue> values) {
  geo::OutputFeature f;
  f.polygons = std::move(polygons);
  f.values = std::move(values);
  return f;
}


double Round(double v, double step = 0.01) { return std::round(v / step) * step; }

json LevelAreas(const sim::DensityLevels& levels, const std::vector<double>& areas) {
  json j = json::object();
  for (std::size_t l = 0; l < levels.levels.size(); ++l) j[levels.levels[l].name] = Round(areas[l]);
  return j;
}

void WriteTiff(const CoverageRun& run, const std::filesystem::path& path) {
  const sim::Grid& g = run.coverage->grid();
  const sim::Aggregate& a = run.coverage->aggregate();
  const std::size_t n = g.size();
  geo::RasterBand k{"cameras seeing (k)", geo::RasterBand::Type::int16, std::vector<double>(n), kNoData};
  geo::RasterBand px{"best pixel density (px/m)", geo::RasterBand::Type::float32, std::vector<double>(n), kNoData};
  geo::RasterBand cls{"density class (0 none, 1.." + std::to_string(run.coverage->levels().levels.size()) + " " +
                          run.coverage->levels().name + ")",
                      geo::RasterBand::Type::int16, std::vector<double>(n), kNoData};
  geo::RasterBand cam{"best camera (index in coverage.gpkg cameras, -1 none)", geo::RasterBand::Type::int16,
                      std::vector<double>(n), kNoData};
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!g.IsTarget(i)) {
      k.values[i] = px.values[i] = cls.values[i] = cam.values[i] = kNoData;
      continue;
    }
    k.values[i] = a.k[i];
    px.values[i] = a.best_px_per_m[i];
    cls.values[i] = a.best_level[i] + 1;
    cam.values[i] = a.best_camera[i];
  }
  geo::WriteGeoTiff(path, run.city.frame, g.Raster(), {k, px, cls, cam});
}

void WriteQuickLook(const CoverageRun& run, const std::filesystem::path& path) {
  const sim::Grid& g = run.coverage->grid();
  const sim::Aggregate& a = run.coverage->aggregate();
  const auto& levels = run.coverage->levels().levels;
  const int n = static_cast<int>(levels.size());
  // Small grids are upsampled (whole pixels per cell, sharp) to at least 1000 px on the long
  // side, so the picture reads on a screen; a legend goes below the map.
  const int scale = std::max(1, static_cast<int>(std::ceil(1000.0 / std::max(1, std::max(g.nx, g.ny)))));
  const int map_w = g.nx * scale, map_h = g.ny * scale;
  std::vector<std::pair<Rgb, std::string>> legend = {{kBuilding, "buildings, water, excluded ground"},
                                                     {kUnseen, "not seen"}};
  if (n > 0) legend.push_back({LevelColour(-1, n), fmt::format("seen, below {} ({:g} px/m)", levels[0].name,
                                                                   levels[0].min_px_per_m)});
  for (int i = 0; i < n; ++i)
    legend.push_back({LevelColour(i, n), fmt::format("{} \u2265 {:g} px/m", levels[i].name, levels[i].min_px_per_m)});
  const double text_px = std::max(13.0, map_w / 80.0);
  const int row_h = static_cast<int>(text_px * 1.6), columns = map_w >= 40 * text_px ? 2 : 1;
  const int legend_h = static_cast<int>(text_px * 1.5 + row_h * ((legend.size() + columns - 1) / columns));
  const int width = std::max(map_w, static_cast<int>(text_px * 24)), height = map_h + legend_h;
  draw::Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  draw::Context cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const draw::Surface cells = draw::RgbImage(g.nx, g.ny, [&](int col, int row) {
    const std::uint32_t i = g.Index(col, row);
    if (!g.IsTarget(i)) return kBuilding;                    // buildings, water, excluded
    if (a.k[i] == 0) return kUnseen;                          // not seen
    return LevelColour(a.best_level[i], n);                   // seen: by best density
  });
  cairo_save(cr.get());
  cairo_scale(cr.get(), scale, scale);
  cairo_set_source_surface(cr.get(), cells.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_NEAREST);
  cairo_paint(cr.get());
  cairo_restore(cr.get());
  for (std::size_t i = 0; i < legend.size(); ++i) {
    const double x = 10 + static_cast<double>(i % columns) * width / columns;
    const double y = map_h + text_px * 0.8 + row_h * static_cast<double>(i / columns);
    cairo_rectangle(cr.get(), x, y, text_px * 1.4, text_px);
    draw::SetColour(cr.get(), legend[i].first);
    cairo_fill_preserve(cr.get());
    cairo_set_source_rgb(cr.get(), 0.3, 0.3, 0.3);
    cairo_set_line_width(cr.get(), 1);
    cairo_stroke(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    draw::Text(cr.get(), x + text_px * 2, y + text_px * 0.85, legend[i].second, text_px);
  }
  cr.reset();
  core::AtomicOutput out(path);
  if (cairo_surface_write_to_png(surface.get(), out.temp_path().c_str()) != CAIRO_STATUS_SUCCESS)
    throw core::InputError(path.string(), "", "cannot write PNG");
  out.Commit();
}

// The camera field table's columns (read back by `cameras: {source: coverage.gpkg}`), then
// what each camera sees.
geo::OutputLayer CameraLayer(const CoverageRun& run) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"cameras", geo::OutputLayer::Geometry::point, {{"index", T::integer}}, {}};
  for (const geo::OutputField& f : scenario::CameraLayerFields()) layer.fields.push_back(f);
  layer.fields.push_back({"visible_m2", T::real});
  const auto& levels = run.coverage->levels().levels;
  for (const auto& l : levels) layer.fields.push_back({l.name + "_m2", T::real});
  for (std::size_t i = 0; i < run.coverage->cameras().size(); ++i) {
    const sim::Camera& c = run.coverage->cameras()[i];
    const sim::CameraSummary& s = run.summary.cameras[i];
    geo::OutputFeature f;
    f.point = {c.position.x, c.position.y};
    f.values = Values(static_cast<std::int64_t>(i));
    for (geo::FieldValue& v : scenario::CameraLayerValues(c, run.city.GroundZ(c.position.x, c.position.y)))
      f.values.push_back(std::move(v));
    f.values.emplace_back(Round(s.visible_m2));
    for (double m2 : s.at_level_m2) f.values.emplace_back(Round(m2));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

geo::OutputLayer FovLayer(const CoverageRun& run) {
  geo::OutputLayer layer{"fov", geo::OutputLayer::Geometry::polygon, {{"id", geo::OutputField::Type::text}}, {}};
  for (const sim::Camera& c : run.coverage->cameras()) layer.features.push_back(Feature({FovWedge(c)}, Values(c.id)));
  return layer;
}

// Each camera's visible cells as polygons, polygonised in the camera's own range window.
geo::OutputLayer VisibilityLayer(const CoverageRun& run) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"visibility", geo::OutputLayer::Geometry::polygon,
                         {{"id", T::text}, {"visible_m2", T::real}}, {}};
  const sim::Grid& g = run.coverage->grid();
  for (std::size_t i = 0; i < run.coverage->cameras().size(); ++i) {
    const auto& cells = run.coverage->layers()[i].cells;
    if (cells.empty()) continue;
    int c0 = g.nx, c1 = 0, r0 = g.ny, r1 = 0;
    for (std::uint32_t c : cells) {
      const int col = static_cast<int>(c % g.nx), row = static_cast<int>(c / g.nx);
      c0 = std::min(c0, col), c1 = std::max(c1, col), r0 = std::min(r0, row), r1 = std::max(r1, row);
    }
    const geo::RasterGrid window{g.min_x + c0 * g.resolution_m, g.max_y - r0 * g.resolution_m,
                                 g.resolution_m, c1 - c0 + 1, r1 - r0 + 1};
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(window.nx) * window.ny, 0);
    for (std::uint32_t c : cells)
      mask[static_cast<std::size_t>(c / g.nx - r0) * window.nx + (c % g.nx - c0)] = 1;
    geo::OutputFeature f;
    f.polygons = geo::PolygonizeMask(mask, window);
    f.values = Values(run.coverage->cameras()[i].id, Round(run.summary.cameras[i].visible_m2));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

geo::OutputLayer BlindSpotLayer(const CoverageRun& run) {
  geo::OutputLayer layer{"blind_spots", geo::OutputLayer::Geometry::polygon, {{"area_m2", geo::OutputField::Type::real}}, {}};
  for (geo::Polygon& p : BlindSpots(run)) {
    double area = std::abs(geo::SignedArea(p[0]));
    for (std::size_t h = 1; h < p.size(); ++h) area -= std::abs(geo::SignedArea(p[h]));
    layer.features.push_back(Feature({std::move(p)}, Values(Round(area))));
  }
  return layer;
}

geo::OutputLayer ZoneLayer(const CoverageRun& run) {
  using T = geo::OutputField::Type;
  geo::OutputLayer layer{"zones", geo::OutputLayer::Geometry::polygon,
                         {{"name", T::text}, {"kind", T::text}, {"area_m2", T::real}, {"covered_m2", T::real},
                          {"requirement_met_m2", T::real}, {"requirement_met_pct", T::real},
                          {"cameras_seeing", T::text}},
                         {}};
  for (std::size_t i = 0; i < run.zones.size(); ++i) {
    const sim::ZoneStats& s = run.zone_stats[i];
    std::string ids;
    for (const auto& id : s.cameras_seeing) ids += (ids.empty() ? "" : ",") + id;
    layer.features.push_back(Feature(
        run.zones[i].outline,
        Values(s.name, std::string(sim::ZoneKindName(s.kind)), Round(s.area_m2), Round(s.covered_m2),
               Round(s.requirement_met_m2),
               s.area_m2 > 0 ? Round(100 * s.requirement_met_m2 / s.area_m2) : 0.0, ids)));
  }
  return layer;
}

}  // namespace

std::vector<geo::Polygon> BlindSpots(const CoverageRun& run) {
  const sim::Grid& g = run.coverage->grid();
  const sim::Aggregate& a = run.coverage->aggregate();
  std::vector<std::uint8_t> scope(g.size(), 0);
  bool any_priority = false;
  for (const sim::Zone& z : run.zones)
    if (z.kind == sim::ZoneKind::priority) {
      any_priority = true;
      for (std::uint32_t c : z.cells) scope[c] = 1;
    }
  std::vector<std::uint8_t> mask(g.size(), 0);
  for (std::uint32_t i = 0; i < g.size(); ++i)
    mask[i] = g.IsTarget(i) && a.k[i] == 0 && (!any_priority || scope[i]);
  return geo::PolygonizeMask(mask, g.Raster());
}

geo::Polygon FovWedge(const sim::Camera& c) {
  const double half = std::min(c.hfov_deg, 359.0) / 2, yaw = c.yaw_deg;
  geo::Ring ring;
  if (c.hfov_deg < 359) ring.push_back({c.position.x, c.position.y});
  const int steps = std::max(4, static_cast<int>(c.hfov_deg / 5));
  for (int s = 0; s <= steps; ++s) {
    const double a = (yaw - half + 2 * half * s / steps) * std::numbers::pi / 180;
    ring.push_back({c.position.x + c.max_range_m * std::sin(a), c.position.y + c.max_range_m * std::cos(a)});
  }
  if (geo::SignedArea(ring) < 0) std::reverse(ring.begin(), ring.end());
  return {ring};
}

json SummaryJson(const CoverageRun& run) {
  const sim::CoverageSummary& s = run.summary;
  const sim::Grid& g = run.coverage->grid();
  const sim::DensityLevels& levels = run.coverage->levels();
  const geo::Frame& f = run.city.frame;
  json j;
  j["scenario"] = run.scenario.name;
  j["crs"] = f.Label();
  j["grid"] = {{"resolution_m", g.resolution_m}, {"target_height_m", g.height_m}, {"columns", g.nx},
               {"rows", g.ny}, {"west", g.min_x + f.origin_x}, {"north", g.max_y + f.origin_y}};
  j["density_levels"] = {{"name", levels.name}, {"levels", json::array()}};
  for (const auto& l : levels.levels) j["density_levels"]["levels"].push_back({{"name", l.name}, {"min_px_per_m", l.min_px_per_m}});
  j["area_m2"] = {{"evaluated", Round(s.target_m2)}, {"covered", Round(s.covered_m2)},
                  {"at_level", LevelAreas(levels, s.at_level_m2)}};
  j["covered_pct"] = s.target_m2 > 0 ? Round(100 * s.covered_m2 / s.target_m2) : 0.0;
  j["k_histogram_m2"] = json::object();
  for (std::size_t k = 0; k < s.k_histogram_m2.size(); ++k) j["k_histogram_m2"][std::to_string(k)] = Round(s.k_histogram_m2[k]);
  j["zones"] = json::array();
  j["privacy"] = json::array();
  for (const sim::ZoneStats& z : run.zone_stats) {
    json jz = {{"name", z.name}, {"kind", sim::ZoneKindName(z.kind)}, {"area_m2", Round(z.area_m2)},
               {"covered_m2", Round(z.covered_m2)}, {"level_met_m2", Round(z.level_met_m2)},
               {"k_met_m2", Round(z.k_met_m2)}, {"requirement_met_m2", Round(z.requirement_met_m2)},
               {"cameras_seeing", z.cameras_seeing}};
    j["zones"].push_back(jz);
    if (z.kind == sim::ZoneKind::privacy)
      j["privacy"].push_back({{"zone", z.name}, {"exposed_m2", Round(z.covered_m2)}, {"cameras", z.cameras_seeing}});
  }
  j["cameras"] = json::array();
  for (std::size_t i = 0; i < s.cameras.size(); ++i) {
    const sim::Camera& c = run.coverage->cameras()[i];
    const sim::CameraSummary& cs = s.cameras[i];
    j["cameras"].push_back({{"id", cs.id}, {"model", cs.model},
                            {"position", {Round(c.position.x + f.origin_x), Round(c.position.y + f.origin_y), Round(c.position.z)}},
                            {"yaw_deg", c.yaw_deg}, {"pitch_deg", c.pitch_deg}, {"hfov_deg", Round(c.hfov_deg, 0.001)},
                            {"range_m", c.max_range_m}, {"cost", cs.cost}, {"visible_m2", Round(cs.visible_m2)},
                            {"at_level_m2", LevelAreas(levels, cs.at_level_m2)}});
  }
  j["total_cost"] = s.total_cost;
  j["warnings"] = json::object();
  for (const auto& [kind, k] : run.diagnostics.kinds()) j["warnings"][kind] = k.count;
  j["sources"] = json::array();
  for (const auto& src : run.city.sources) j["sources"].push_back({{"path", src.path}, {"format", src.format}});
  return j;
}

std::vector<std::filesystem::path> WriteCoverageOutputs(const CoverageRun& run, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::InputError(dir.string(), "", "cannot create the output folder: " + ec.message());
  const std::vector<std::filesystem::path> paths = {dir / "coverage.tif", dir / "coverage.gpkg",
                                                    dir / "summary.json", dir / "coverage.png"};
  WriteTiff(run, paths[0]);
  geo::WriteGeoPackage(paths[1], run.city.frame,
                       {CameraLayer(run), FovLayer(run), VisibilityLayer(run), BlindSpotLayer(run), ZoneLayer(run)});
  {
    core::AtomicOutput out(paths[2]);
    // Text from the sources is checked for UTF-8 where it is read; replace is the last guard.
    out.WriteText(SummaryJson(run).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
    out.Commit();
  }
  WriteQuickLook(run, paths[3]);
  return paths;
}

}  // namespace report
