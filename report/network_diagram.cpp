#include "report/network_diagram.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/cairo_draw.h"
#include "report/png_file.h"
#include "report/palette.h"

namespace report {
namespace {

using namespace draw;

constexpr double kW = 760, kH = 560;     // points; the PNG at 2 px per point
constexpr Rgb kLinkOk{0, 114, 178};      // Okabe-Ito blue
constexpr Rgb kLinkBusy{230, 159, 0};    // Okabe-Ito orange: above 80 %
constexpr Rgb kOverloaded = kBlindSpot;  // vermillion

// Every node gets a place: its own, else the mean of placed neighbours (a few passes, so a
// switch sits among its cameras and a recorder beyond the switches), else a row below.
std::vector<std::array<double, 2>> Place(const NetworkDiagram& d) {
  std::vector<std::array<double, 2>> p(d.nodes.size());
  std::vector<bool> placed(d.nodes.size(), false);
  for (std::size_t i = 0; i < d.nodes.size(); ++i)
    if (d.nodes[i].has_position) p[i] = {d.nodes[i].x, d.nodes[i].y}, placed[i] = true;
  double min_x = 0, max_x = 1, min_y = 0, max_y = 1;
  bool any = false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (placed[i]) {
      if (!any) min_x = max_x = p[i][0], min_y = max_y = p[i][1], any = true;
      min_x = std::min(min_x, p[i][0]), max_x = std::max(max_x, p[i][0]);
      min_y = std::min(min_y, p[i][1]), max_y = std::max(max_y, p[i][1]);
    }
  const double span = std::max({max_x - min_x, max_y - min_y, 10.0});
  for (int pass = 0; pass < 8; ++pass) {
    std::vector<std::array<double, 2>> next = p;
    std::vector<bool> now = placed;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (placed[i]) continue;
      double sx = 0, sy = 0;
      int n = 0;
      for (const DiagramLink& l : d.links) {
        const int o = l.a == static_cast<int>(i) ? l.b : l.b == static_cast<int>(i) ? l.a : -1;
        if (o >= 0 && placed[o]) sx += p[o][0], sy += p[o][1], ++n;
      }
      if (n == 0) continue;
      // Pulled a little below its neighbours: upstream nodes read top to bottom.
      next[i] = {sx / n, sy / n - 0.12 * span};
      now[i] = true;
    }
    p = next, placed = now;
  }
  int row = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!placed[i]) p[i] = {min_x + (row++) * 0.15 * span, min_y - 0.3 * span};
  return p;
}

void Marker(cairo_t* cr, const std::string& kind, double x, double y) {
  // The previous label leaves cairo's current point at its end: an arc would start with a line
  // from there, and the filled dot drew a thin wedge from label to dot that read as a link.
  cairo_new_path(cr);
  cairo_set_line_width(cr, 0.8);
  if (kind == "camera") {
    cairo_arc(cr, x, y, 3, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    return;
  }
  const double r = kind == "recorder" || kind == "centre" ? 7 : 5.5;
  if (kind == "access_point" || kind == "radio") {
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y + r * 0.8);
    cairo_line_to(cr, x - r, y + r * 0.8);
    cairo_close_path(cr);
  } else if (kind == "centre") {
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
  } else {
    cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
  }
  if (kind == "recorder")
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  else
    cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_stroke(cr);
}

void Draw(cairo_t* cr, const NetworkDiagram& d) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, 24, 30, d.title, 14, true);
  const auto pos = Place(d);
  double min_x = std::numeric_limits<double>::max(), max_x = -min_x, min_y = min_x, max_y = -min_x;
  for (const auto& p : pos)
    min_x = std::min(min_x, p[0]), max_x = std::max(max_x, p[0]), min_y = std::min(min_y, p[1]),
    max_y = std::max(max_y, p[1]);
  if (pos.empty()) min_x = min_y = 0, max_x = max_y = 1;
  const double pad = 0.06 * std::max({max_x - min_x, max_y - min_y, 10.0});
  min_x -= pad, max_x += pad, min_y -= pad, max_y += pad;
  const double box_x = 24, box_y = 44, box_w = kW - 48, box_h = kH - 44 - 110;
  const double scale = std::min(box_w / (max_x - min_x), box_h / (max_y - min_y));
  const double ox = box_x + (box_w - (max_x - min_x) * scale) / 2,
               oy = box_y + (box_h - (max_y - min_y) * scale) / 2;
  const auto px = [&](double x) { return ox + (x - min_x) * scale; };
  const auto py = [&](double y) { return oy + (max_y - y) * scale; };
  for (const DiagramLink& l : d.links) {
    const Rgb colour = l.overloaded ? kOverloaded : l.utilisation > 0.8 ? kLinkBusy : kLinkOk;
    SetColour(cr, colour);
    cairo_set_line_width(cr, 0.6 + 0.5 * std::log10(std::max(1.0, l.capacity_mbps)));
    if (l.radio) {
      const double dash[] = {4, 2.5};
      cairo_set_dash(cr, dash, 2, 0);
    }
    const double x1 = px(pos[l.a][0]), y1 = py(pos[l.a][1]), x2 = px(pos[l.b][0]),
                 y2 = py(pos[l.b][1]);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    if (d.nodes[l.a].kind != "camera" || l.overloaded || l.utilisation > 0.8)
      Text(cr, (x1 + x2) / 2 + 3, (y1 + y2) / 2 - 3,
           l.overloaded ? fmt::format("{:.0f} % offered", 100 * l.offered_mbps / l.capacity_mbps)
                        : fmt::format("{:.0f} %", 100 * l.utilisation),
           7, l.overloaded);
  }
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    Marker(cr, d.nodes[i].kind, px(pos[i][0]), py(pos[i][1]));
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    Text(cr, px(pos[i][0]) + 8, py(pos[i][1]) + 3, d.nodes[i].id, 7.5, d.nodes[i].kind != "camera");
  }
  Legend(cr, 24, kH - 100,
         {{kLinkOk, "link up to 80 % of capacity"},
          {kLinkBusy, "link above 80 %"},
          {kOverloaded, "overloaded: offered load above capacity"}});
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, 300, kH - 100,
       "● camera   □ switch/router   ■ recorder   ◇ centre   △ AP/radio (dashed: radio link)", 7.5);
  double y = kH - 56;
  for (const std::string& note : d.notes) {
    Text(cr, 24, y, note, 8);
    y += 11;
    if (y > kH - 6) break;
  }
}

}  // namespace

double DrawNetworkDiagram(cairo_t* cr, const NetworkDiagram& d, double x, double y, double width) {
  const double scale = width / kW;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_rectangle(cr, 0, 0, kW, kH);
  cairo_clip(cr);
  Draw(cr, d);
  cairo_restore(cr);
  return kH * scale;
}

void WriteNetworkDiagram(const NetworkDiagram& d, const std::filesystem::path& png,
                         const std::filesystem::path& pdf) {
  {
    core::AtomicOutput out(pdf);
    Surface surface = NewPdf(out.temp_path().c_str(), kW, kH);
    Context cr(cairo_create(surface.get()));
    Draw(cr.get(), d);
    FinishPdf(cr, surface, pdf);
    out.Commit();
  }
  {
    constexpr double kScale = 2;
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(kW * kScale),
                                               static_cast<int>(kH * kScale)));
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kScale, kScale);
    Draw(cr.get(), d);
    WritePng(surface.get(), png);
  }
}

}  // namespace report
