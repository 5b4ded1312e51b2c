#include "report/pdf_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/frame.h"
#include "geo/background.h"
#include "geo/relief.h"
#include "report/bom.h"
#include "report/cairo_draw.h"
#include "report/png_file.h"
#include "report/installation_sheets.h"
#include "report/plan_exports.h"
#include "report/test_chart.h"
#include "report/palette.h"
#include "report/plan_view_page.h"

namespace report {
namespace {

using namespace draw;

enum class MapKind { overview, k, density, flow };




Rgb BaseColour(const CoverageRun& run, std::uint32_t cell) {
  if (run.grid.IsTarget(cell)) return {255, 255, 255};
  return kBuilding;
}

// One map (into any cairo surface): rectangle rx..rw on the page, legend below it.
// What the maps draw: the run, and its blind spots polygonised once for all of them.
struct Maps {
  const CoverageRun& run;
  const std::vector<float>* flow = nullptr;  // pedestrians per 100 m2 (MapKind::flow)
  std::vector<geo::Polygon> blind_spots;
  geo::Hillshade relief;  // of the DEM, when the scene has one
  std::vector<geo::ContourLine> contours;
  double contour_interval_m = 0;
  float flow_peak = 0;
  geo::BackgroundImage background;  // the scenario's background raster over the grid, if any
  double background_opacity = 0;
};

Maps MapsOf(const CoverageRun& run, const std::optional<std::vector<geo::Polygon>>& blind_spots) {
  Maps maps{run, nullptr, blind_spots ? *blind_spots : BlindSpots(run), {}, {}, 0, 0, {}, 0};
  if (const auto& b = run.scenario.background) {  // an error names the raster
    geo::BackgroundOptions o;
    o.max_pixels = 1600;  // a page's map is about 500 pt wide: ~8 px per mm at 300 dpi
    maps.background = geo::LoadBackground(b->file, run.city.frame, GridBox(run.grid), o);
    maps.background_opacity = b->opacity;
  }
  if (!run.city.terrain) return maps;
  const geo::Heightfield& h = *run.city.terrain;
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  for (float z : h.z)
    if (std::isfinite(z)) lo = std::min(lo, z), hi = std::max(hi, z);
  if (!(hi - lo >= 1)) return maps;  // flat: nothing to show
  maps.relief = geo::ShadeRelief(h);
  {
    maps.contour_interval_m = NiceStep(hi - lo, 8);
    maps.contours = geo::ContourLines(h, maps.contour_interval_m);
  }
  return maps;
}

// The background raster (an orthophoto, a scanned plan) at its opacity over the base map.
void DrawBackground(cairo_t* cr, const MapView& v, const Maps& maps) {
  const geo::BackgroundImage& b = maps.background;
  if (b.empty() || !(maps.background_opacity > 0)) return;
  Surface img(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, b.width, b.height));
  unsigned char* data = cairo_image_surface_get_data(img.get());
  const int stride = cairo_image_surface_get_stride(img.get());
  for (int row = 0; row < b.height; ++row)
    for (int col = 0; col < b.width; ++col) {
      const std::uint8_t* p = &b.rgba[(std::size_t(row) * b.width + col) * 4];
      const std::uint32_t a = p[3];  // cairo wants premultiplied ARGB in native words
      const std::uint32_t px = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);
      std::memcpy(data + std::size_t(row) * stride + col * 4, &px, 4);
    }
  cairo_surface_mark_dirty(img.get());
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  cairo_translate(cr, v.Px(b.extent.min_x), v.Py(b.extent.max_y));
  cairo_scale(cr, v.scale * b.pixel_m, v.scale * b.pixel_m);
  cairo_set_source_surface(cr, img.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint_with_alpha(cr, maps.background_opacity);
  cairo_restore(cr);
}

// Shaded relief (multiplied over the cells) and contour lines of the DEM under the map.
void DrawRelief(cairo_t* cr, const MapView& v, const Maps& maps, double strength) {
  if (!maps.run.city.terrain) return;
  const geo::Heightfield& h = *maps.run.city.terrain;
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  if (!maps.relief.shade.empty()) {
    const geo::Hillshade& r = maps.relief;
    const Surface img = RgbImage(r.nx, r.ny, [&](int col, int row) {
      // Flat ground (lit at the sun's 45 degrees: 180) stays white; slopes away darken.
      const int s = r.shade[static_cast<std::size_t>(row) * r.nx + col];
      const auto lit = static_cast<std::uint8_t>(s == 0 ? 255 : std::min(255, s * 255 / 180));  // 0: no data
      return Rgb{lit, lit, lit};
    });
    cairo_save(cr);
    cairo_translate(cr, v.Px(h.x0 - h.spacing / 2), v.Py(h.y0 + (h.ny - 0.5) * h.spacing));
    cairo_scale(cr, v.scale * h.spacing, v.scale * h.spacing);
    cairo_set_source_surface(cr, img.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
    cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
    cairo_paint_with_alpha(cr, strength);
    cairo_restore(cr);
  }
  for (const geo::ContourLine& line : maps.contours) {
    for (std::size_t i = 0; i < line.points.size(); ++i)
      i == 0 ? cairo_move_to(cr, v.Px(line.points[i].x), v.Py(line.points[i].y))
             : cairo_line_to(cr, v.Px(line.points[i].x), v.Py(line.points[i].y));
    const bool index_line = std::fmod(std::abs(line.z), 5 * maps.contour_interval_m) < 1e-6;
    SetColour(cr, {140, 95, 50}, index_line ? 0.8 : 0.55);
    cairo_set_line_width(cr, index_line ? 0.6 : 0.3);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

// Returns the y under its legend.
double DrawMap(cairo_t* cr, const Maps& maps, MapKind kind, double rx, double ry, double rw, double rh) {
  const CoverageRun& run = maps.run;
  const sim::Grid& g = run.grid;
  const sim::Aggregate& a = run.coverage->aggregate();
  const int levels = static_cast<int>(run.coverage->levels().levels.size());
  const MapView v(GridBox(g), rx, ry, rw, rh);
  switch (kind) {
    case MapKind::overview:
      DrawCells(cr, v, g, [&](std::uint32_t c) { return BaseColour(run, c); });
      DrawBackground(cr, v, maps);
      for (const geo::PathFeature& p : run.city.paths) {
        for (std::size_t i = 0; i < p.points.size(); ++i) {
          const double px = v.Px(p.points[i].x), py = v.Py(p.points[i].y);
          i == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
        }
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
      }
      break;
    case MapKind::k:
      DrawCells(cr, v, g, [&](std::uint32_t c) {
        if (!g.IsTarget(c)) return kBuilding;
        return a.k[c] == 0 ? kUnseen : KColour(a.k[c]);
      });
      break;
    case MapKind::density:
      DrawCells(cr, v, g, [&](std::uint32_t c) {
        if (!g.IsTarget(c)) return kBuilding;
        return a.k[c] == 0 ? kUnseen : LevelColour(a.best_level[c], levels);
      });
      break;
    case MapKind::flow:
      DrawCells(cr, v, g, [&](std::uint32_t c) {
        if (!g.IsTarget(c)) return kBuilding;
        return FlowColour(maps.flow && c < maps.flow->size() ? (*maps.flow)[c] : 0.0f, maps.flow_peak);
      });
      break;
  }
  DrawRelief(cr, v, maps, kind == MapKind::overview ? 0.6 : 0.35);
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  if (kind == MapKind::k || kind == MapKind::density) {  // blind spots outlined
    for (const geo::Polygon& p : maps.blind_spots) Path(cr, v, p);
    SetColour(cr, kBlindSpot);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
  }
  DrawZones(cr, v, run);
  DrawCameras(cr, v, run, kind == MapKind::overview);
  cairo_restore(cr);
  DrawDecorations(cr, v, run.city.frame);

  std::vector<std::pair<Rgb, std::string>> legend;
  if (kind == MapKind::overview) {
    legend = {{kBuilding, "buildings, water, excluded ground"}, {{255, 255, 255}, "evaluated ground"},
              {{158, 202, 225}, "camera field of view (range wedge)"}};
  } else if (kind == MapKind::k) {
    legend = {{kUnseen, "not seen"}, {KColour(1), "1 camera"}, {KColour(2), "2 cameras"},
              {KColour(3), "3 cameras"}, {KColour(4), "4 or more cameras"}, {kBlindSpot, "blind spot outline"}};
  } else if (kind == MapKind::flow) {
    legend = {{FlowColour(0, 1), "nobody walked here"}};
    for (double f : {0.1, 0.4, 1.0})
      legend.push_back({FlowColour(static_cast<float>(f * maps.flow_peak), maps.flow_peak),
                        fmt::format("{:.2g} pedestrians per 100 m² (mean)", f * maps.flow_peak)});
  } else {
    const auto& l = run.coverage->levels().levels;
    legend.push_back({kUnseen, "not seen"});
    legend.push_back({LevelColour(-1, levels), fmt::format("seen, below {} ({:g} px/m)", l[0].name, l[0].min_px_per_m)});
    for (int i = 0; i < levels; ++i)
      legend.push_back({LevelColour(i, levels), fmt::format("{} ≥ {:g} px/m", l[i].name, l[i].min_px_per_m)});
    legend.push_back({kBlindSpot, "blind spot outline"});
  }
  if (kind == MapKind::overview && !maps.background.empty() && maps.background_opacity > 0)
    legend.push_back({{200, 200, 200}, fmt::format("background: {} ({:.0f} % opaque)",
                                                   run.scenario.background->file.filename().string(),
                                                   maps.background_opacity * 100)});
  if (maps.contour_interval_m > 0)
    legend.push_back({{140, 95, 50}, fmt::format("terrain: shaded relief, contours every {:g} m", maps.contour_interval_m)});
  return Legend(cr, v.x, v.y + v.h + 38, legend);
}

std::string LonLat(const geo::Frame& frame, double lx, double ly) {
  try {
    const geo::CrsTransform t = geo::CrsTransform::FromFrame(frame, "EPSG:4326");
    double x = lx, y = ly;
    if (t.Apply(x, y)) return fmt::format("{:.6f}° E, {:.6f}° N", x, y);
  } catch (const std::exception&) {
  }
  return "–";
}

std::string Attribution(const geo::CitySource& s) {
  if (!s.attribution.empty()) return s.attribution;
  const std::string name = s.path.filename().string();
  if (name.ends_with(".osm") || name.ends_with(".pbf") || name.ends_with(".osm.bz2"))
    return "© OpenStreetMap contributors, ODbL 1.0";
  return "see the data's licence";
}

void TitlePage(cairo_t* cr, const CoverageRun& run, const ReportOptions& o, const BillOfMaterials& bom) {
  const auto& s = run.summary;
  const auto& f = run.city.frame;
  const sim::Grid& g = run.grid;
  double y = 110;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, y, "Video surveillance coverage report", 13);
  // Long names wrap rather than run off the page.
  y = WrappedText(cr, kMargin, y + 34, run.scenario.name.empty() ? "Unnamed scenario" : run.scenario.name, 22, true,
                  kPageW - 2 * kMargin, 26);
  y += 4;
  const geo::Box2d box = GridBox(g);
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"Date", o.date},
      {"Scenario file", run.scenario.file.filename().string()},
      {"Coordinate system", f.Label() + " — " + f.crs_name},
      {"Area", fmt::format("{:.0f} × {:.0f} m, west {:.0f}, south {:.0f}, east {:.0f}, north {:.0f}", box.width(),
                           box.height(), box.min_x + f.origin_x, box.min_y + f.origin_y, box.max_x + f.origin_x,
                           box.max_y + f.origin_y)},
      {"Area centre", LonLat(f, (box.min_x + box.max_x) / 2, (box.min_y + box.max_y) / 2)},
      {"Evaluation grid", fmt::format("{:g} m cells at {:g} m above ground ({} × {})", g.resolution_m, g.height_m, g.nx, g.ny)},
      {"Pixel density levels", run.coverage->levels().name},
      {"Software", o.software}};
  for (const auto& [k, v] : facts) {
    Text(cr, kMargin, y, k, 8.5, true);
    y = WrappedText(cr, kMargin + 120, y, v, 8.5, false, kPageW - 2 * kMargin - 120, 11) + 3;
  }
  y += 14;
  Text(cr, kMargin, y, "Key figures", 11, true);
  y += 16;
  std::vector<std::pair<std::string, std::string>> figures = {
      {"Cameras", fmt::format("{}", s.cameras.size())},
      {"Total camera cost", fmt::format("{:.0f}", s.total_cost)},
      {"Evaluated ground", fmt::format("{:.0f} m²", s.target_m2)},
      {"Seen by at least one camera", fmt::format("{:.0f} m² ({})", s.covered_m2, Percent(s.covered_m2, s.target_m2))}};
  const auto& levels = run.coverage->levels().levels;
  for (std::size_t l = 0; l < levels.size(); ++l)
    figures.push_back({fmt::format("At {} (≥ {:g} px/m) or better", levels[l].name, levels[l].min_px_per_m),
                       fmt::format("{:.0f} m² ({})", s.at_level_m2[l], Percent(s.at_level_m2[l], s.target_m2))});
  if (bom.total_cost > s.total_cost)
    figures.push_back({"Bill of materials (cameras, mounts, network)",
                       fmt::format("{:.0f}{}", bom.total_cost, bom.unpriced_lines > 0 ? " + unpriced items" : "")});
  if (s.total_cost > 0 && s.covered_m2 > 0)
    figures.push_back({"Cost per covered m²", fmt::format("{:.2f}", s.total_cost / s.covered_m2)});
  for (const auto& [k, v] : figures) {
    WrappedText(cr, kMargin, y, k, 8.5, false, 245, 11);
    Text(cr, kMargin + 250, y, v, 8.5, true);
    y += 13;
  }
  y += 18;
  Text(cr, kMargin, y, "Data sources and attribution", 11, true);
  y += 16;
  for (const geo::CitySource& src : run.scenario.city.sources) {
    Text(cr, kMargin, y, src.path.filename().string(), 8, true);
    y = WrappedText(cr, kMargin + 180, y, Attribution(src), 8, false, kPageW - 2 * kMargin - 180, 10) + 3;
  }
  if (run.diagnostics.Total() > 0) {
    y += 12;
    Text(cr, kMargin, y, "Import and placement warnings", 11, true);
    y += 16;
    for (const auto& [kind, k] : run.diagnostics.kinds()) {
      Text(cr, kMargin, y, fmt::format("{} × {}", k.count, kind), 8);
      y += 12;
    }
  }
}

// A page's title and the paragraph under it, in black; returns the y below the paragraph.
double PageHeading(cairo_t* cr, const std::string& title, const std::string& intro) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double y = WrappedText(cr, kMargin, 60, title, 14, true, kPageW - 2 * kMargin, 17);
  return WrappedText(cr, kMargin, y - 1, intro, 8, false, kPageW - 2 * kMargin, 10);
}

void MapPage(cairo_t* cr, const Maps& maps, MapKind kind, const std::string& title, const std::string& note) {
  const double top = PageHeading(cr, title, note) + 4;
  DrawMap(cr, maps, kind, kMargin + 12, std::max(90.0, top), kPageW - 2 * kMargin - 12, 520);
}

void TablePages(cairo_t* cr, const CoverageRun& run, const ReportOptions& options) {
  const auto& s = run.summary;
  const auto& levels = run.coverage->levels().levels;
  double y = 60;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, y, "Zones", 14, true);
  y += 22;
  if (run.zone_stats.empty()) {
    Text(cr, kMargin, y, "The scenario defines no zones.", 8);
    y += 16;
  } else {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < run.zone_stats.size(); ++i) {
      const sim::ZoneStats& z = run.zone_stats[i];
      const sim::Zone& zone = run.zones[i];
      const std::string need = zone.required_level >= 0 ? levels[zone.required_level].name : "any";
      if (z.kind == sim::ZoneKind::privacy)
        rows.push_back({z.name, "privacy", fmt::format("{:.0f}", z.area_m2), "–", "–",
                        fmt::format("{:.0f} m² exposed", z.covered_m2),
                        z.cameras_seeing.empty() ? "none" : fmt::format("{}", fmt::join(z.cameras_seeing, ", "))});
      else
        rows.push_back({z.name, sim::ZoneKindName(z.kind), fmt::format("{:.0f}", z.area_m2),
                        fmt::format("{} ({})", need, Percent(z.level_met_m2, z.area_m2)),
                        fmt::format("k ≥ {} ({})", zone.required_k, Percent(z.k_met_m2, z.area_m2)),
                        Percent(z.requirement_met_m2, z.area_m2),
                        fmt::format("{}", fmt::join(z.cameras_seeing, ", "))});
    }
    y = Table(cr, kMargin, y, {"zone", "kind", "area m²", "required level", "required k", "met / exposed", "cameras seeing"},
              rows);
  }
  y += 20;
  Text(cr, kMargin, y, "Cameras", 14, true);
  y += 22;
  const geo::Frame& f = run.city.frame;
  std::vector<std::string> header = {"id", "model", "position (projected)", "mount", "height", "yaw/pitch", "HFOV",
                                     "visible m²"};
  for (const auto& l : levels) header.push_back(l.name + " m²");
  header.push_back("cost");
  // With a network: what each camera sends and what its recording takes, by camera id.
  std::map<std::string, const DiagramNode*> network_camera;
  if (options.network) {
    for (const DiagramNode& n : options.network->nodes)
      if (n.kind == "camera") network_camera[n.id] = &n;
    header.push_back("Mb/s");
    header.push_back(fmt::format("TB/{:g} d", options.network->retention_days));
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < s.cameras.size(); ++i) {
    const sim::Camera& c = run.coverage->cameras()[i];
    const sim::CameraSummary& cs = s.cameras[i];
    std::vector<std::string> row = {
        c.id, c.model.empty() ? "–" : c.model,
        fmt::format("{:.1f} {:.1f}", c.position.x + f.origin_x, c.position.y + f.origin_y), sim::MountName(c.mount),
        fmt::format("{:.1f} m", c.position.z - run.city.GroundZ(c.position.x, c.position.y)),
        fmt::format("{:.0f}°/{:.0f}°", c.yaw_deg, c.pitch_deg), fmt::format("{:.0f}°", c.hfov_deg),
        fmt::format("{:.0f}", cs.visible_m2)};
    for (double m2 : cs.at_level_m2) row.push_back(fmt::format("{:.0f}", m2));
    row.push_back(fmt::format("{:.0f}", cs.cost));
    if (options.network) {
      const auto n = network_camera.find(c.id);
      row.push_back(n == network_camera.end() ? "–" : fmt::format("{:.1f}", n->second->wire_mbps));
      row.push_back(n == network_camera.end() ? "–" : fmt::format("{:.2f}", n->second->storage_tb));
    }
    rows.push_back(std::move(row));
  }
  // Paginate: the rest of this page, then full pages.
  std::size_t next = 0;
  while (next < rows.size() || next == 0) {
    const std::size_t fit = static_cast<std::size_t>(std::max(1.0, (kPageH - 90 - y) / 11));
    std::vector<std::vector<std::string>> part(rows.begin() + next, rows.begin() + std::min(rows.size(), next + fit));
    y = Table(cr, kMargin, y, header, part);
    next += part.size();
    if (rows.empty()) {
      Text(cr, kMargin, y, "The scenario has no cameras: all evaluated ground is a blind spot.", 8);
      y += 14;
      break;
    }
    if (next < rows.size()) {
      cairo_show_page(cr);
      y = 60;
    }
  }
  y += 16;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, y, "Totals", 14, true);
  y += 18;
  Text(cr, kMargin, y, fmt::format("Total cost: {:.0f}", s.total_cost), 9);
  Text(cr, kMargin, y += 13, fmt::format("Covered ground: {:.0f} m² of {:.0f} m² ({})", s.covered_m2, s.target_m2,
                                         Percent(s.covered_m2, s.target_m2)), 9);
  if (s.total_cost > 0)
    Text(cr, kMargin, y += 13, fmt::format("Covered ground per unit of cost: {:.2f} m²", s.covered_m2 / s.total_cost), 9);
}

// Where each camera is, for installers: lon/lat and projected coordinates, mount height.
void PositionsPage(cairo_t* cr, const CoverageRun& run) {
  const geo::Frame& f = run.city.frame;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, 60, "Camera positions", 14, true);
  std::vector<std::vector<std::string>> rows;
  for (const sim::Camera& c : run.coverage->cameras())
    rows.push_back({c.id, LonLat(f, c.position.x, c.position.y),
                    fmt::format("{:.2f}  {:.2f}", c.position.x + f.origin_x, c.position.y + f.origin_y),
                    fmt::format("{:.2f}", c.position.z),
                    fmt::format("{:.2f} m", c.position.z - run.city.GroundZ(c.position.x, c.position.y)),
                    fmt::format("{:.1f}° / {:.1f}° / {:.1f}°", c.yaw_deg, c.pitch_deg, c.roll_deg)});
  const std::size_t per_page = 60;
  for (std::size_t first = 0; first < rows.size() || first == 0; first += per_page) {
    std::vector<std::vector<std::string>> part(rows.begin() + first, rows.begin() + std::min(rows.size(), first + per_page));
    Table(cr, kMargin, first == 0 ? 84 : 60,
          {"id", "lon / lat (WGS 84)", "x  y (" + f.Label() + ")", "z", "above ground", "yaw / pitch / roll"}, part);
    if (first + per_page < rows.size()) cairo_show_page(cr);
    if (rows.empty()) break;
  }
}

// Camera-eye views rendered by the caller (options.camera_view), with the camera ids: a grid of
// thumbnails. Cameras it could not render are left out.
struct CameraView {
  std::string id;
  Image image;
};

void ThumbnailPage(cairo_t* cr, const std::vector<CameraView>& views) {
  const double w = (kPageW - 2 * kMargin - 20) / 3, h = w * 9 / 16;
  int drawn = 0;
  for (const CameraView& view : views) {
    const Image& img = view.image;
    if (drawn == 0) {
      cairo_set_source_rgb(cr, 0, 0, 0);
      Text(cr, kMargin, 60, "Camera views", 14, true);
    }
    const double x = kMargin + (drawn % 3) * (w + 10), y = 80 + (drawn / 3) * (h + 24);
    const Surface s = RgbImage(img.width, img.height, [&](int col, int row) {
      const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(row) * img.width + col) * 4];
      return Rgb{p[0], p[1], p[2]};
    });
    // Fit the cell keeping the camera's aspect, centred.
    const double scale = std::min(w / img.width, h / img.height);
    cairo_save(cr);
    cairo_translate(cr, x + (w - img.width * scale) / 2, y + (h - img.height * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, s.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    Text(cr, x, y + h + 10, view.id, 8, true);
    if (++drawn % 30 == 0) {
      cairo_show_page(cr);
      drawn = 0;
    }
  }
}

void PeoplePage(cairo_t* cr, const Maps& maps, const PeopleSection& people) {
  const auto& levels = maps.run.coverage->levels().levels;
  double y = PageHeading(cr, "People and vehicles",
                  fmt::format("{} over {:.0f} s. The map shows where pedestrians walk (mean pedestrians per 100 m², "
                              "smoothed; flow.tif). The table gives the share of agent-seconds in the area that the "
                              "cameras see, by the best pixel density of any camera on the agent's body.",
                              people.source, people.duration_s)) + 4;
  // The table goes under the map's legend, however many lines that has (Monaco's relief and
  // contours add one; a tall area uses the map's whole height).
  const double below = DrawMap(cr, maps, MapKind::flow, kMargin + 12, y, kPageW - 2 * kMargin - 12, 400) + 16;
  std::vector<std::string> header = {"", "agents", "agent-s in area", "seen", "by 2+"};
  for (const auto& l : levels) header.push_back(l.name);
  header.push_back("ever ≥ " + (levels.size() > 2 ? levels[2].name : std::string("top level")));
  std::vector<std::vector<std::string>> rows;
  for (const PeopleSection::Row& r : people.rows) {
    std::vector<std::string> row = {r.group, fmt::format("{}", r.agents), fmt::format("{:.0f}", r.in_area_s),
                                    fmt::format("{:.1f} %", r.seen_pct), fmt::format("{:.1f} %", r.seen_by_2_pct)};
    for (double p : r.at_level_pct) row.push_back(fmt::format("{:.1f} %", p));
    row.push_back(r.agents > 0 ? fmt::format("{:.0f} %", 100.0 * r.agents_ever_at_recognise / r.agents) : "–");
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    // A table of nothing reads like a fault; say why it is empty and what to change.
    WrappedText(cr, kMargin, below,
                "No person or vehicle came inside the area during the run, so there is no people-time to "
                "report. Check that the walkers' paths or the SUMO demand cross the scenario's area, and "
                "that the run (duration_s) lasts until they arrive.",
                9, false, kPageW - 2 * kMargin, 12);
    return;
  }
  Table(cr, kMargin, below, header, rows);
}

void NetworkPage(cairo_t* cr, const NetworkDiagram& network) {
  double y = PageHeading(cr, "Network and storage",
                  "The cameras' streams on the scenario's network: every link's mean offered load against its "
                  "capacity (closed form, the sum of the streams' bitrates along their routes), the recorders' "
                  "storage for the retention period and what each planned failure cuts. The command sightline network adds a "
                  "packet-level run on ns-3 (bursts, queues, loss).") + 4;
  y += DrawNetworkDiagram(cr, network, kMargin, y, kPageW - 2 * kMargin) + 10;
  std::vector<std::vector<std::string>> rows;
  for (const DiagramLink& l : network.links)
    rows.push_back({network.nodes[l.a].id + " – " + network.nodes[l.b].id, fmt::format("{:g}", l.capacity_mbps),
                    fmt::format("{:.1f}", l.offered_mbps), fmt::format("{:.0f} %", 100 * l.offered_mbps / l.capacity_mbps),
                    l.overloaded ? "overloaded" : l.utilisation > 0.8 ? "above 80 %" : "ok"});
  // One figure for the map and the table: the offered load over the capacity (a link carries
  // at most 100 %; above that it is overloaded and the map says "% offered" too).
  Table(cr, kMargin, y, {"link", "capacity Mb/s", "offered Mb/s", "offered / capacity", ""}, rows);
}

// The bill of materials: what to buy, how many, what it costs.
void BomPage(cairo_t* cr, const BillOfMaterials& bom, const CoverageRun& run) {
  double y = PageHeading(cr, "Bill of materials",
                  std::string("Cameras by model, a mount per camera by its kind (poles by height), and the network "
                              "equipment of the scenario's network section with the cable of its wired links (straight line x 1.25 "
                              "for routing, plus each camera's mast), priced from the camera catalogue") +
                      (run.scenario.catalogue.empty() ? " (the scenario names none: only camera costs are known)" : " (" +
                       run.scenario.catalogue.filename().string() + ")") + ". The same table is in bom.csv.") + 6;
  std::vector<std::vector<std::string>> rows;
  for (const BomLine& l : bom.lines)
    rows.push_back({l.category, l.item, l.key, fmt::format("{:g} {}", l.quantity, l.unit),
                    l.unit_cost ? fmt::format("{:.2f}", *l.unit_cost) : "no price",
                    l.unit_cost ? fmt::format("{:.2f}", l.Total()) : "–",
                    l.cameras.size() > 8 ? fmt::format("{} … ({})", fmt::join(l.cameras.begin(), l.cameras.begin() + 8, " "), l.cameras.size())
                                         : fmt::format("{}", fmt::join(l.cameras, " "))});
  y = Table(cr, kMargin, y, {"", "item", "key", "quantity", "unit cost", "total", "for"}, rows);
  y += 14;
  Text(cr, kMargin, y, fmt::format("Total: {:.2f}", bom.total_cost), 11, true);
  if (bom.unpriced_lines > 0)
    Text(cr, kMargin + 150, y, fmt::format("{} line{} without a price (add them to the catalogue's accessories)",
                                           bom.unpriced_lines, bom.unpriced_lines == 1 ? "" : "s"), 8);
}

// What each density level looks like: the test chart (a face 16 cm wide, a plate with 7.5 cm
// characters) as a camera delivering the level's density records it, all shown at one size.
void DensityPreviewPage(cairo_t* cr, const CoverageRun& run) {
  double y = PageHeading(cr, "What the density levels look like",
                  "A face and a number plate, life size, as a camera that delivers each level's pixel density records "
                  "them (each sensor pixel the mean of the light it receives), enlarged to one size. No noise, blur or "
                  "compression: a real picture is worse.") + 10;
  std::vector<sim::DensityLevel> levels = run.coverage->levels().levels;
  // Every level on the page (up to 16): the charts shrink to share it, the labels with them.
  const double slot = levels.empty() ? 0 : (kPageH - 60 - y) / static_cast<double>(levels.size());
  const double full_w = kPageW - 2 * kMargin - 110;
  const double h = std::min(full_w * kChartHeight_m / kChartWidth_m, slot - 16);
  const double w = h * kChartWidth_m / kChartHeight_m;
  for (const sim::DensityLevel& l : levels) {
    const Image chart = TestChartAt(l.min_px_per_m);
    const Surface img = RgbImage(chart.width, chart.height, [&](int col, int row) {
      const std::uint8_t* p = &chart.rgba[(static_cast<std::size_t>(row) * chart.width + col) * 4];
      return Rgb{p[0], p[1], p[2]};
    });
    cairo_set_source_rgb(cr, 0, 0, 0);
    // A long name is set smaller to stay left of its chart, not over it.
    const double name_pt = std::max(5.0, std::min(10.0, 10 * 104 / std::max(1.0, TextWidth(cr, l.name, 10, true))));
    Text(cr, kMargin, y + 12, l.name, name_pt, true);
    const std::vector<std::string> details = {fmt::format("{:g} px/m", l.min_px_per_m),
                                              fmt::format("face {:.0f} px wide", kFaceWidth_m * l.min_px_per_m),
                                              fmt::format("plate text {:.0f} px tall", kPlateTextHeight_m * l.min_px_per_m)};
    for (std::size_t i = 0; i < details.size() && 24 + 11.0 * static_cast<double>(i) <= h + 10; ++i)
      Text(cr, kMargin, y + 24 + 11.0 * static_cast<double>(i), details[i], i == 0 ? 8 : 7);
    cairo_save(cr);
    cairo_translate(cr, kMargin + 110, y);
    cairo_scale(cr, w / chart.width, h / chart.height);
    cairo_set_source_surface(cr, img.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);  // the pixels, as recorded
    cairo_paint(cr);
    cairo_restore(cr);
    y += h + 16;
  }
}

void Footer(cairo_t* cr, int page, const std::string& name) {
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  Text(cr, kMargin, kPageH - 24, name, 7);
  Text(cr, kPageW - kMargin, kPageH - 24, fmt::format("page {}", page), 7, false, Align::right);
}

void WriteFigure(const Maps& maps, MapKind kind, const std::filesystem::path& path) {
  constexpr double kScale = 3;  // 3 px per point: ~1500 px wide
  const int w = static_cast<int>((kPageW - 2 * kMargin + 40) * kScale), h = static_cast<int>(720 * kScale);
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  Context cr(cairo_create(surface.get()));
  cairo_scale(cr.get(), kScale, kScale);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  DrawMap(cr.get(), maps, kind, 20, 10, kPageW - 2 * kMargin, 560);
  WritePng(surface.get(), path);
}

}  // namespace

std::vector<std::filesystem::path> WriteReport(const CoverageRun& run, const std::filesystem::path& dir,
                                               const ReportOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::InputError(dir.string(), "", "cannot create the output folder: " + ec.message());
  const std::filesystem::path pdf = dir / "report.pdf";
  const Maps maps = MapsOf(run, options.blind_spots);
  const BillOfMaterials bom = BuildBillOfMaterials(run, options.network ? &*options.network : nullptr);
  // Camera-eye pictures, rendered once for the thumbnails and the installation sheets.
  InstallationOptions sheets;
  sheets.software = options.software;
  sheets.date = options.date;
  std::vector<CameraView> views;
  for (const sim::Camera& c : run.coverage->cameras()) {
    std::optional<Image> img = options.camera_view ? options.camera_view(c) : std::nullopt;
    if (img && (img->width <= 0 || img->height <= 0)) img.reset();
    if (img) views.push_back({c.id, *img});
    sheets.views.push_back(std::move(img));
  }
  {
    core::AtomicOutput out(pdf);
    Surface surface = NewPdf(out.temp_path().c_str(), kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   ("Coverage report: " + run.scenario.name).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, options.software.c_str());
    Context cr(cairo_create(surface.get()));
    int page = 1;
    auto next_page = [&] {
      Footer(cr.get(), page++, run.scenario.name);
      cairo_show_page(cr.get());
    };
    TitlePage(cr.get(), run, options, bom);
    next_page();
    MapPage(cr.get(), maps, MapKind::overview, "Overview", "Buildings, streets, cameras with their field-of-view wedges, zones (black: priority, dashed: privacy).");
    next_page();
    MapPage(cr.get(), maps, MapKind::k, "Coverage: cameras seeing each point",
            fmt::format("k-coverage at {:g} m above ground; blind spots outlined.", run.grid.height_m));
    next_page();
    MapPage(cr.get(), maps, MapKind::density, "Pixel density (" + run.coverage->levels().name + ")",
            "Best pixel density at each point over all cameras; blind spots outlined.");
    next_page();
    DensityPreviewPage(cr.get(), run);
    next_page();
    if (!run.coverage->cameras().empty()) {  // every camera's wedge by density band
      PlanViewPage(cr.get(), run);
      next_page();
    }
    TablePages(cr.get(), run, options);
    next_page();
    if (options.people) {
      Maps flow_maps = maps;
      flow_maps.flow = &options.people->flow;
      for (float f : options.people->flow) flow_maps.flow_peak = std::max(flow_maps.flow_peak, f);
      PeoplePage(cr.get(), flow_maps, *options.people);
      next_page();
    }
    if (options.network) {
      NetworkPage(cr.get(), *options.network);
      next_page();
    }
    BomPage(cr.get(), bom, run);
    next_page();
    PositionsPage(cr.get(), run);
    if (!views.empty()) {
      next_page();
      ThumbnailPage(cr.get(), views);
    } else if (options.camera_view && !run.coverage->cameras().empty()) {
      // Say so in the report itself: a reader cannot see the log.
      next_page();
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      Text(cr.get(), kMargin, 60, "Camera views", 14, true);
      Text(cr.get(), kMargin, 84,
           "Left out: they could not be rendered where this report was made (no X display or OpenGL).", 9);
    }
    Footer(cr.get(), page, run.scenario.name);
    FinishPdf(cr, surface, pdf);
    out.Commit();
  }
  std::vector<std::filesystem::path> written = {pdf, dir / "overview.png", dir / "coverage_k.png", dir / "density.png",
                                               dir / "installation.pdf", dir / "bom.csv", dir / "cameras.csv", dir / "plan.dxf"};
  WriteFigure(maps, MapKind::overview, written[1]);
  WriteFigure(maps, MapKind::k, written[2]);
  WriteFigure(maps, MapKind::density, written[3]);
  WriteInstallationSheets(run, written[4], sheets);
  WriteBomCsv(bom, written[5]);
  WriteCameraCsv(run, written[6]);
  WritePlanDxf(run, written[7]);
  return written;
}

}  // namespace report
