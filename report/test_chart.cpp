#include "report/test_chart.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "report/cairo_draw.h"

namespace report {
namespace {

using namespace draw;
constexpr double kFine = 2000;  // px/m of the master drawing

void Ellipse(cairo_t* cr, double cx, double cy, double rx, double ry) {
  cairo_save(cr);
  cairo_translate(cr, cx, cy);
  cairo_scale(cr, rx, ry);
  cairo_arc(cr, 0, 0, 1, 0, 2 * std::numbers::pi);
  cairo_restore(cr);
}

// The master chart, drawn in metres (scaled to kFine px/m).
const Image& Master() {
  static const Image master = [] {
    const int w = static_cast<int>(std::lround(kChartWidth_m * kFine)),
              h = static_cast<int>(std::lround(kChartHeight_m * kFine));
    Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    Context cr(cairo_create(s.get()));
    cairo_t* c = cr.get();
    cairo_scale(c, kFine, kFine);
    cairo_set_source_rgb(c, 0.78, 0.80, 0.78);  // a grey wall behind
    cairo_paint(c);
    // The face: 16 cm wide, 22 cm tall, centred at (0.11, 0.125).
    const double fx = 0.11, fy = 0.13;
    Ellipse(c, fx - 0.08, fy, 0.012, 0.025);  // ears
    Ellipse(c, fx + 0.08, fy, 0.012, 0.025);
    cairo_set_source_rgb(c, 0.85, 0.64, 0.52);
    cairo_fill(c);
    Ellipse(c, fx, fy, 0.08, 0.11);
    cairo_fill(c);
    cairo_set_source_rgb(c, 0.22, 0.15, 0.10);  // hair
    cairo_arc(c, fx, fy - 0.035, 0.083, std::numbers::pi * 1.02, std::numbers::pi * 1.98);
    cairo_close_path(c);
    cairo_fill(c);
    for (double side : {-1.0, 1.0}) {
      const double ex = fx + side * 0.032, ey = fy - 0.01;
      Ellipse(c, ex, ey, 0.017, 0.007);  // eye white
      cairo_set_source_rgb(c, 0.97, 0.97, 0.95);
      cairo_fill(c);
      Ellipse(c, ex, ey, 0.0065, 0.0065);  // iris
      cairo_set_source_rgb(c, 0.25, 0.35, 0.45);
      cairo_fill(c);
      Ellipse(c, ex, ey, 0.003, 0.003);
      cairo_set_source_rgb(c, 0.02, 0.02, 0.02);
      cairo_fill(c);
      cairo_move_to(c, ex - 0.02, ey - 0.016);  // eyebrow
      cairo_curve_to(c, ex - 0.007, ey - 0.024, ex + 0.008, ey - 0.024, ex + 0.02, ey - 0.017);
      cairo_set_line_width(c, 0.005);
      cairo_set_source_rgb(c, 0.22, 0.15, 0.10);
      cairo_stroke(c);
    }
    cairo_move_to(c, fx, fy - 0.005);  // nose
    cairo_line_to(c, fx - 0.008, fy + 0.03);
    cairo_line_to(c, fx + 0.006, fy + 0.033);
    cairo_set_line_width(c, 0.0025);
    cairo_set_source_rgb(c, 0.55, 0.38, 0.30);
    cairo_stroke(c);
    cairo_move_to(c, fx - 0.025, fy + 0.058);  // mouth
    cairo_curve_to(c, fx - 0.01, fy + 0.068, fx + 0.01, fy + 0.068, fx + 0.025, fy + 0.058);
    cairo_set_line_width(c, 0.005);
    cairo_set_source_rgb(c, 0.62, 0.22, 0.22);
    cairo_stroke(c);
    // The plate: 52 x 11 cm, EU layout, characters 7.5 cm tall.
    const double px = 0.215, py = 0.07, pw = 0.52, ph = 0.11;
    cairo_rectangle(c, px, py, pw, ph);
    cairo_set_source_rgb(c, 0.98, 0.98, 0.98);
    cairo_fill_preserve(c);
    cairo_set_line_width(c, 0.004);
    cairo_set_source_rgb(c, 0.05, 0.05, 0.05);
    cairo_stroke(c);
    cairo_rectangle(c, px + 0.002, py + 0.002, 0.04, ph - 0.004);
    cairo_set_source_rgb(c, 0.0, 0.2, 0.6);
    cairo_fill(c);
    cairo_select_font_face(c, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(c, kPlateTextHeight_m / 0.73);  // cap height of DejaVu is ~0.73 em
    cairo_text_extents_t e;
    const char* text = "AB 123 CD";
    cairo_text_extents(c, text, &e);
    // Plate fonts are condensed: the characters keep their height and fit the plate's width.
    const double room = pw - 0.065, squeeze = std::min(1.0, room / e.x_advance);
    cairo_save(c);
    cairo_translate(c, px + 0.05 + (room - e.x_advance * squeeze) / 2,
                    py + ph / 2 + kPlateTextHeight_m / 2);
    cairo_scale(c, squeeze, 1);
    cairo_move_to(c, 0, 0);
    cairo_set_source_rgb(c, 0.05, 0.05, 0.05);
    cairo_show_text(c, text);
    cairo_restore(c);
    cairo_surface_flush(s.get());
    Image img;
    img.width = w, img.height = h;
    img.rgba.resize(static_cast<std::size_t>(w) * h * 4);
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int row = 0; row < h; ++row)
      for (int col = 0; col < w; ++col) {
        const std::uint32_t p = reinterpret_cast<const std::uint32_t*>(
            data + static_cast<std::size_t>(row) * stride)[col];
        std::uint8_t* o = &img.rgba[(static_cast<std::size_t>(row) * w + col) * 4];
        o[0] = (p >> 16) & 255, o[1] = (p >> 8) & 255, o[2] = p & 255, o[3] = 255;
      }
    return img;
  }();
  return master;
}

}  // namespace

Image TestChartAt(double px_per_m) {
  const Image& m = Master();
  const double p = std::clamp(px_per_m, 1.0, kFine);
  Image out;
  out.width = std::max(1, static_cast<int>(std::lround(kChartWidth_m * p)));
  out.height = std::max(1, static_cast<int>(std::lround(kChartHeight_m * p)));
  out.rgba.assign(static_cast<std::size_t>(out.width) * out.height * 4, 255);
  // Box filter: each output pixel averages the master pixels whose centres fall inside it.
  const double sx = static_cast<double>(m.width) / out.width,
               sy = static_cast<double>(m.height) / out.height;
  for (int row = 0; row < out.height; ++row) {
    const int y0 = static_cast<int>(std::floor(row * sy)),
              y1 = std::max(y0 + 1, static_cast<int>(std::floor((row + 1) * sy)));
    for (int col = 0; col < out.width; ++col) {
      const int x0 = static_cast<int>(std::floor(col * sx)),
                x1 = std::max(x0 + 1, static_cast<int>(std::floor((col + 1) * sx)));
      double sum[3] = {0, 0, 0};
      int n = 0;
      for (int y = y0; y < std::min(y1, m.height); ++y)
        for (int x = x0; x < std::min(x1, m.width); ++x, ++n)
          for (int ch = 0; ch < 3; ++ch)
            sum[ch] += m.rgba[(static_cast<std::size_t>(y) * m.width + x) * 4 + ch];
      std::uint8_t* o = &out.rgba[(static_cast<std::size_t>(row) * out.width + col) * 4];
      for (int ch = 0; ch < 3; ++ch)
        o[ch] = static_cast<std::uint8_t>(std::lround(sum[ch] / std::max(1, n)));
    }
  }
  return out;
}

}  // namespace report
