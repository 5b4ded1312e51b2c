#include "report/cairo_draw.h"

#include <cairo-pdf.h>

#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"

namespace report::draw {

Surface NewPdf(const std::filesystem::path& path, double width_pt, double height_pt) {
  Surface surface(cairo_pdf_surface_create(path.c_str(), width_pt, height_pt));
  std::string date = "2000-01-01T00:00:00Z";
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    const std::time_t t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    std::tm utc{};
    char text[32];
    if (gmtime_r(&t, &utc) && std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc)) date = text;
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  return surface;
}

const char* kFont = "DejaVu Sans";


void SetColour(cairo_t* cr, const Rgb& c, double alpha) {
  cairo_set_source_rgba(cr, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, alpha);
}


// UTF-8 text (Latvian diacritics and all) at a baseline point; returns its width.
double Text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, Align align) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  const double dx = align == Align::left ? 0 : align == Align::centre ? -e.x_advance / 2 : -e.x_advance;
  cairo_move_to(cr, x + dx, y);
  cairo_show_text(cr, s.c_str());
  return e.x_advance;
}


geo::Box2d GridBox(const sim::Grid& g) {
  geo::Box2d b;
  b.Extend(g.min_x, g.max_y - g.ny * g.resolution_m);
  b.Extend(g.min_x + g.nx * g.resolution_m, g.max_y);
  return b;
}

void FinishPdf(Context& cr, Surface& surface, const std::filesystem::path& pdf) {
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  surface.reset();
  if (status != CAIRO_STATUS_SUCCESS)
    throw core::InputError(pdf.string(), "", std::string("cannot write PDF: ") + cairo_status_to_string(status));
}

Surface RgbImage(int width, int height, const std::function<Rgb(int col, int row)>& colour) {
  Surface img(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  cairo_surface_flush(img.get());
  unsigned char* data = cairo_image_surface_get_data(img.get());
  const int stride = cairo_image_surface_get_stride(img.get());
  for (int row = 0; row < height; ++row) {
    auto* px = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(row) * stride);
    for (int col = 0; col < width; ++col) {
      const Rgb c = colour(col, row);
      px[col] = (static_cast<std::uint32_t>(c[0]) << 16) | (c[1] << 8) | c[2];
    }
  }
  cairo_surface_mark_dirty(img.get());
  return img;
}

// The grid as an image, one pixel per cell, coloured by `colour(cell)`; drawn with sharp cells.
void DrawCells(cairo_t* cr, const MapView& v, const sim::Grid& g, const std::function<Rgb(std::uint32_t)>& colour) {
  const Surface img = RgbImage(g.nx, g.ny, [&](int col, int row) { return colour(g.Index(col, row)); });
  cairo_save(cr);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_clip(cr);
  cairo_translate(cr, v.Px(g.min_x), v.Py(g.max_y));
  cairo_scale(cr, v.scale * g.resolution_m, v.scale * g.resolution_m);
  cairo_set_source_surface(cr, img.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
}

void Path(cairo_t* cr, const MapView& v, const geo::Polygon& poly) {
  for (const geo::Ring& ring : poly) {
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const double px = v.Px(ring[i].x), py = v.Py(ring[i].y);
      i == 0 ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
  }
}

double NiceStep(double span, int wanted) {
  const double raw = span / wanted, mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

// Frame, CRS grid labels, scale bar and north arrow around a map.
void DrawDecorations(cairo_t* cr, const MapView& v, const geo::Frame& frame) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, v.x, v.y, v.w, v.h);
  cairo_stroke(cr);
  // Coordinate ticks and labels in the scenario CRS (metres).
  const double width_m = v.w / v.scale, height_m = v.h / v.scale;
  const double step = NiceStep(std::max(width_m, height_m), 5);
  cairo_set_line_width(cr, 0.5);
  for (double e = std::ceil((v.min_x + frame.origin_x) / step) * step; e <= v.min_x + frame.origin_x + width_m; e += step) {
    const double px = v.Px(e - frame.origin_x);
    cairo_move_to(cr, px, v.y + v.h);
    cairo_line_to(cr, px, v.y + v.h + 4);
    cairo_stroke(cr);
    Text(cr, px, v.y + v.h + 12, fmt::format("{:.0f}", e), 6, false, Align::centre);
  }
  for (double n = std::ceil((v.max_y - height_m + frame.origin_y) / step) * step; n <= v.max_y + frame.origin_y; n += step) {
    const double py = v.Py(n - frame.origin_y);
    cairo_move_to(cr, v.x, py);
    cairo_line_to(cr, v.x - 4, py);
    cairo_stroke(cr);
    cairo_save(cr);
    cairo_translate(cr, v.x - 6, py);
    cairo_rotate(cr, -M_PI / 2);
    Text(cr, 0, 0, fmt::format("{:.0f}", n), 6, false, Align::centre);
    cairo_restore(cr);
  }
  // Scale bar: a round length near a quarter of the map width, bottom left inside the frame.
  const double bar_m = NiceStep(width_m / 4, 1), bar = bar_m * v.scale;
  const double bx = v.x + 10, by = v.y + v.h - 12;
  cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
  cairo_rectangle(cr, bx - 4, by - 12, bar + 30, 18);
  cairo_fill(cr);
  for (int i = 0; i < 2; ++i) {
    cairo_rectangle(cr, bx + i * bar / 2, by - 3, bar / 2, 4);
    i == 0 ? cairo_set_source_rgb(cr, 0, 0, 0) : cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
  }
  Text(cr, bx + bar + 4, by + 1, fmt::format("{:g} m", bar_m), 7);
  // North arrow (grid north of the scenario CRS), top right.
  const double nx = v.x + v.w - 16, ny = v.y + 12;
  cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
  cairo_rectangle(cr, nx - 9, ny - 8, 18, 34);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, nx, ny + 4);
  cairo_line_to(cr, nx - 5, ny + 20);
  cairo_line_to(cr, nx, ny + 16);
  cairo_line_to(cr, nx + 5, ny + 20);
  cairo_close_path(cr);
  cairo_fill(cr);
  Text(cr, nx, ny + 2, "N", 8, true, Align::centre);
  Text(cr, v.x + v.w, v.y + v.h + 22, frame.Label() + " (" + frame.crs_name + "), metres", 6, false, Align::right);
}

void DrawCameras(cairo_t* cr, const MapView& v, const CoverageRun& run, bool wedges) {
  for (const sim::Camera& c : run.coverage->cameras()) {
    if (wedges) {
      Path(cr, v, FovWedge(c));
      SetColour(cr, {0, 114, 178}, 0.12);  // Okabe-Ito blue
      cairo_fill_preserve(cr);
      SetColour(cr, {0, 114, 178}, 0.6);
      cairo_set_line_width(cr, 0.4);
      cairo_stroke(cr);
    }
    DrawCameraMarker(cr, v, c, MarkerShape::circle, kCamera, c.id);
  }
}

void DrawCameraMarker(cairo_t* cr, const MapView& v, const sim::Camera& c, MarkerShape shape, const Rgb& colour,
                      const std::string& label) {
  const double px = v.Px(c.position.x), py = v.Py(c.position.y);
  cairo_new_path(cr);  // text leaves a current point; the marker must not connect to it
  if (shape == MarkerShape::circle) {
    cairo_arc(cr, px, py, 2.2, 0, 2 * M_PI);
  } else if (shape == MarkerShape::square) {
    cairo_rectangle(cr, px - 2.4, py - 2.4, 4.8, 4.8);
  } else {
    cairo_move_to(cr, px, py - 3);
    cairo_line_to(cr, px + 2.8, py + 2);
    cairo_line_to(cr, px - 2.8, py + 2);
    cairo_close_path(cr);
  }
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  SetColour(cr, colour);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  Text(cr, px + 3.5, py - 3, label, 6.5, true);
}

void DrawZones(cairo_t* cr, const MapView& v, const CoverageRun& run) {
  for (const sim::Zone& z : run.zones) {
    if (z.kind == sim::ZoneKind::exclude) continue;
    for (const geo::Polygon& p : z.outline) Path(cr, v, p);
    const bool privacy = z.kind == sim::ZoneKind::privacy;
    SetColour(cr, privacy ? Rgb{204, 121, 167} : Rgb{0, 0, 0});  // reddish purple / black
    const double dashes[] = {3, 2};
    cairo_set_dash(cr, dashes, privacy ? 2 : 0, 0);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
}

double Legend(cairo_t* cr, double x, double y, const std::vector<std::pair<Rgb, std::string>>& items) {
  // More than five entries go in two columns, so the legend stays short.
  const std::size_t per_column = items.size() > 5 ? (items.size() + 1) / 2 : items.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double ly = y + (i % per_column) * 13;
    const double x0 = x + (i / per_column) * 250.0;
    cairo_rectangle(cr, x0, ly - 8, 14, 9);
    SetColour(cr, items[i].first);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    Text(cr, x0 + 19, ly, items[i].second, 7.5);
  }
  return y + double(per_column) * 13;
}

std::string Percent(double part, double whole) {
  return whole > 0 ? fmt::format("{:.1f} %", 100 * part / whole) : "–";
}

double TextWidth(cairo_t* cr, const std::string& s, double size, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  return e.x_advance;
}

double WrappedText(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, double max_width,
                   double line_height) {
  std::vector<std::string> words;
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t space = s.find(' ', at);
    const std::size_t end = space == std::string::npos ? s.size() : space;
    if (end > at) words.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  std::string line;
  auto flush = [&] {
    if (line.empty()) return;
    Text(cr, x, y, line, size, bold);
    y += line_height;
    line.clear();
  };
  for (const std::string& w : words) {
    const std::string longer = line.empty() ? w : line + " " + w;
    if (!line.empty() && TextWidth(cr, longer, size, bold) > max_width) {
      flush();
      line = w;
    } else {
      line = longer;
    }
  }
  flush();
  return y;
}

double Table(cairo_t* cr, double x, double y, const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows, double max_width) {
  // Columns as wide as their widest text plus a gap; a table wider than the page gets a
  // smaller font rather than overlapping headers.
  constexpr double kGap = 6;
  double size = 7;
  std::vector<double> widths;
  for (; size >= 4.5; size -= 0.5) {
    widths.assign(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) widths[c] = TextWidth(cr, header[c], size, true);
    for (const auto& row : rows)
      for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
        widths[c] = std::max(widths[c], TextWidth(cr, row[c], size, false));
    double total = 0;
    for (double w : widths) total += w + kGap;
    if (total <= max_width) break;
  }
  std::vector<double> cols(header.size(), 0);
  for (std::size_t c = 1; c < cols.size(); ++c) cols[c] = cols[c - 1] + widths[c - 1] + kGap;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (std::size_t c = 0; c < header.size(); ++c) Text(cr, x + cols[c], y, header[c], size, true);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, x, y + 3);
  cairo_line_to(cr, x + max_width, y + 3);
  cairo_stroke(cr);
  y += size + 6;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < cols.size(); ++c) Text(cr, x + cols[c], y, row[c], size);
    y += size + 4;
  }
  return y;
}

}  // namespace report::draw
