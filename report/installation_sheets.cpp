#include "report/installation_sheets.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <cmath>
#include <numbers>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/frame.h"
#include "report/cairo_draw.h"
#include "sim/lens.h"

namespace report {
namespace {

using namespace draw;

// The cells of the window only (a city grid can have tens of millions): the camera's own
// ground coloured by its density level, other ground white, buildings and water dark.
void DrawSnippetCells(cairo_t* cr, const MapView& v, const CoverageRun& run, std::size_t camera,
                      const geo::Box2d& window) {
  const sim::Grid& g = run.grid;
  const int c0 = std::clamp(static_cast<int>(std::floor((window.min_x - g.min_x) / g.resolution_m)),
                            0, g.nx - 1);
  const int c1 = std::clamp(static_cast<int>(std::ceil((window.max_x - g.min_x) / g.resolution_m)),
                            0, g.nx - 1);
  const int r0 = std::clamp(static_cast<int>(std::floor((g.max_y - window.max_y) / g.resolution_m)),
                            0, g.ny - 1);
  const int r1 = std::clamp(static_cast<int>(std::ceil((g.max_y - window.min_y) / g.resolution_m)),
                            0, g.ny - 1);
  const int w = c1 - c0 + 1, h = r1 - r0 + 1;
  const sim::CameraLayer& layer = run.coverage->layers()[camera];
  const sim::DensityLevels& levels = run.coverage->levels();
  const int n_levels = static_cast<int>(levels.levels.size());
  std::vector<std::int8_t> seen(static_cast<std::size_t>(w) * h, -2);  // -2 unseen, else level
  for (std::size_t i = 0; i < layer.cells.size(); ++i) {
    const int col = static_cast<int>(layer.cells[i] % g.nx),
              row = static_cast<int>(layer.cells[i] / g.nx);
    if (col < c0 || col > c1 || row < r0 || row > r1) continue;
    seen[static_cast<std::size_t>(row - r0) * w + (col - c0)] =
        static_cast<std::int8_t>(levels.Classify(layer.px_per_m[i]));
  }
  const Surface img = RgbImage(w, h, [&](int col, int row) {
    if (!g.IsTarget(g.Index(c0 + col, r0 + row))) return kBuilding;
    const int s = seen[static_cast<std::size_t>(row) * w + col];
    return s == -2 ? Rgb{255, 255, 255} : LevelColour(s, n_levels);
  });
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  cairo_translate(cr, v.Px(g.min_x + c0 * g.resolution_m), v.Py(g.max_y - r0 * g.resolution_m));
  cairo_scale(cr, v.scale * g.resolution_m, v.scale * g.resolution_m);
  cairo_set_source_surface(cr, img.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
}

void DrawSnippet(cairo_t* cr, const CoverageRun& run, std::size_t index, double side_m, double x,
                 double y, double size) {
  const sim::Camera& c = run.coverage->cameras()[index];
  geo::Box2d window;
  window.Extend(c.position.x - side_m / 2, c.position.y - side_m / 2);
  window.Extend(c.position.x + side_m / 2, c.position.y + side_m / 2);
  const MapView v(window, x, y, size, size);
  DrawSnippetCells(cr, v, run, index, window);
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  for (const geo::PathFeature& p : run.city.paths) {
    for (std::size_t i = 0; i < p.points.size(); ++i)
      i == 0 ? cairo_move_to(cr, v.Px(p.points[i].x), v.Py(p.points[i].y))
             : cairo_line_to(cr, v.Px(p.points[i].x), v.Py(p.points[i].y));
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
  }
  DrawZones(cr, v, run);
  // The other cameras faint, this one's wedge and marker strong.
  for (std::size_t i = 0; i < run.coverage->cameras().size(); ++i)
    if (i != index)
      DrawCameraMarker(cr, v, run.coverage->cameras()[i], MarkerShape::circle, {150, 150, 150},
                       run.coverage->cameras()[i].id);
  // A wedge means little for a camera looking down or round (a ceiling fisheye): the ground it
  // sees, coloured, says it.
  if (c.pitch_deg > -60 && c.hfov_deg < 170) {
    Path(cr, v, FovWedge(c));
    SetColour(cr, {0, 114, 178}, 0.9);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
  }
  // The optical axis to where it meets the ground (or to the range).
  const double height = c.position.z - run.city.GroundZ(c.position.x, c.position.y);
  const double reach = AxisGroundDistance(height, c.pitch_deg).value_or(c.max_range_m);
  const double yaw = c.yaw_deg * std::numbers::pi / 180;
  const double ax = c.position.x + std::sin(yaw) * std::min(reach, c.max_range_m);
  const double ay = c.position.y + std::cos(yaw) * std::min(reach, c.max_range_m);
  cairo_move_to(cr, v.Px(c.position.x), v.Py(c.position.y));
  cairo_line_to(cr, v.Px(ax), v.Py(ay));
  const double dashes[] = {4, 2};
  cairo_set_dash(cr, dashes, 2, 0);
  SetColour(cr, {213, 94, 0});
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  DrawCameraMarker(cr, v, c, MarkerShape::circle, {0, 114, 178}, c.id);
  cairo_restore(cr);
  DrawDecorations(cr, v, run.city.frame);
}

std::string LonLatText(const geo::Frame& frame, double lx, double ly) {
  try {
    const geo::CrsTransform t = geo::CrsTransform::FromFrame(frame, "EPSG:4326");
    double x = lx, y = ly;
    if (t.Apply(x, y)) return fmt::format("{:.7f}° N, {:.7f}° E", y, x);
  } catch (const std::exception&) {
  }
  return "–";
}

void Sheet(cairo_t* cr, const CoverageRun& run, std::size_t index, const InstallationOptions& o) {
  const sim::Camera& c = run.coverage->cameras()[index];
  const geo::Frame& f = run.city.frame;
  const double ground = run.city.GroundZ(c.position.x, c.position.y);
  const double height = c.position.z - ground;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, 52, "Installation sheet", 9);
  Text(cr, kMargin, 74, "Camera " + c.id, 20, true);
  Text(cr, kPageW - kMargin, 74, run.scenario.name, 9, false, Align::right);
  // Left: the map; right: the figures an installer needs on site.
  const double side = o.snippet_m > 0 ? o.snippet_m : std::clamp(c.max_range_m * 1.1, 40.0, 160.0);
  const double map = 250;
  DrawSnippet(cr, run, index, side, kMargin + 10, 92, map);
  const auto model = run.scenario.camera_models.find(c.model);
  const sim::LensReadout lens = sim::ReadLens(c);
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Model", c.model.empty() ? "custom" : c.model},
  };
  if (model != run.scenario.camera_models.end() && !model->second.description.empty())
    rows.push_back({"", model->second.description});
  rows.push_back(
      {"Mount", fmt::format("{}, {:.2f} m above the ground", sim::MountName(c.mount), height)});
  rows.push_back({"Position", fmt::format("{:.2f} E  {:.2f} N", c.position.x + f.origin_x,
                                          c.position.y + f.origin_y)});
  rows.push_back({"", f.Label()});
  rows.push_back({"WGS 84", LonLatText(f, c.position.x, c.position.y)});
  rows.push_back({"Camera z", fmt::format("{:.2f} m (ground {:.2f} m)", c.position.z, ground)});
  rows.push_back({"Yaw (heading)", fmt::format("{:.1f}° from north, clockwise ({})", c.yaw_deg,
                                               CompassPoint(c.yaw_deg))});
  rows.push_back({"Pitch (tilt)", c.pitch_deg < 0 ? fmt::format("{:.1f}° down", -c.pitch_deg)
                                                  : fmt::format("{:.1f}° up", c.pitch_deg)});
  if (c.roll_deg != 0) rows.push_back({"Roll", fmt::format("{:.1f}°", c.roll_deg)});
  if (lens.focal_mm)
    rows.push_back(
        {"Lens", fmt::format("{:.1f} mm on a {:.2f} mm wide sensor{}", *lens.focal_mm,
                             *lens.sensor_width_mm,
                             lens.sensor_format.empty() ? "" : " (" + lens.sensor_format + ")")});
  if (model != run.scenario.camera_models.end() && model->second.focal_range_mm)
    rows.push_back(
        {"", fmt::format("varifocal {:g}-{:g} mm: set to {:.1f} mm",
                         model->second.focal_range_mm->first, model->second.focal_range_mm->second,
                         lens.focal_mm.value_or(0))});
  rows.push_back({"Field of view",
                  fmt::format("{:.1f}° × {:.1f}°{}", lens.hfov_deg, lens.vfov_deg,
                              c.lens == sim::LensModel::fisheye_equidistant ? " (fisheye)" : "")});
  rows.push_back({"Resolution", fmt::format("{} × {} px", c.width_px, c.height_px)});
  if (const auto d = AxisGroundDistance(height, c.pitch_deg); d && *d < 0.05)
    rows.push_back({"Image centre", "on the ground straight below"});
  else if (d)
    rows.push_back({"Image centre", fmt::format("on the ground {:.1f} m away", *d)});
  else
    rows.push_back({"Image centre", "above the horizon"});
  const sim::CameraSummary& cs = run.summary.cameras[index];
  rows.push_back({"Sees", fmt::format("{:.0f} m² of ground", cs.visible_m2)});
  double y = 104;
  const double tx = kMargin + map + 30, tw = kPageW - kMargin - tx;
  for (const auto& [k, val] : rows) {
    Text(cr, tx, y, k, 8, true);
    y = WrappedText(cr, tx + 72, y, val, 8, false, tw - 72, 10) + 3.5;
  }
  // Legend of the snippet.
  std::vector<std::pair<Rgb, std::string>> legend = {
      {{255, 255, 255}, "ground this camera does not see"}};
  const auto& levels = run.coverage->levels().levels;
  const int n = static_cast<int>(levels.size());
  legend.push_back({LevelColour(-1, n), "seen, below " + levels[0].name});
  for (int l = 0; l < n; ++l)
    legend.push_back({LevelColour(l, n),
                      fmt::format("{} (≥ {:g} px/m)", levels[l].name, levels[l].min_px_per_m)});
  legend.push_back({{213, 94, 0}, "optical axis to the ground"});
  Legend(cr, kMargin + 10, 92 + map + 34, legend);
  // The camera-eye picture: what the installer must see on the monitor when aiming.
  double py = 92 + map + 34 + 13 * ((legend.size() + 1) / 2) + 18;
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, kMargin, py, "What the camera must see", 11, true);
  py += 10;
  const double pw = kPageW - 2 * kMargin, ph = kPageH - 60 - py;
  if (index < o.views.size() && o.views[index] && o.views[index]->width > 0) {
    const Image& img = *o.views[index];
    const Surface s = RgbImage(img.width, img.height, [&](int col, int row) {
      const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(row) * img.width + col) * 4];
      return Rgb{p[0], p[1], p[2]};
    });
    const double scale = std::min(pw / img.width, ph / img.height);
    cairo_save(cr);
    cairo_translate(cr, kMargin + (pw - img.width * scale) / 2, py);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, s.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, kMargin + (pw - img.width * scale) / 2, py, img.width * scale,
                    img.height * scale);
    cairo_stroke(cr);
  } else {
    Text(cr, kMargin, py + 14,
         "No camera-eye picture: it could not be rendered where this sheet was made.", 8);
  }
}

}  // namespace

std::optional<double> AxisGroundDistance(double height_m, double pitch_deg) {
  if (!(pitch_deg < -0.01) || !(height_m > 0)) return std::nullopt;
  return height_m / std::tan(-pitch_deg * std::numbers::pi / 180);
}

std::string CompassPoint(double yaw_deg) {
  static const char* kPoints[] = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                  "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
  const double a = std::fmod(std::fmod(yaw_deg, 360) + 360, 360);
  return kPoints[static_cast<int>(std::floor(a / 22.5 + 0.5)) % 16];
}

void WriteInstallationSheets(const CoverageRun& run, const std::filesystem::path& pdf,
                             const InstallationOptions& options) {
  core::AtomicOutput out(pdf);
  Surface surface = NewPdf(out.temp_path().c_str(), kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 ("Installation sheets: " + run.scenario.name).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                 options.software.c_str());
  Context cr(cairo_create(surface.get()));
  const auto& cameras = run.coverage->cameras();
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    Sheet(cr.get(), run, i, options);
    cairo_set_source_rgb(cr.get(), 0.4, 0.4, 0.4);
    Text(cr.get(), kMargin, kPageH - 24, fmt::format("{} · {}", options.software, options.date), 7);
    Text(cr.get(), kPageW - kMargin, kPageH - 24,
         fmt::format("camera {} of {}", i + 1, cameras.size()), 7, false, Align::right);
    cairo_show_page(cr.get());
  }
  if (cameras.empty()) {
    Text(cr.get(), kMargin, 60, "The scenario has no cameras.", 11);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw core::InputError(pdf.string(), "",
                           std::string("cannot write PDF: ") +
                               cairo_status_to_string(cairo_surface_status(surface.get())));
  surface.reset();
  out.Commit();
}

}  // namespace report
