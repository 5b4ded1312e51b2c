#include "report/contact_sheet.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/cairo_draw.h"

namespace report {
using namespace draw;

namespace {

constexpr int kColumns = 4;

void DrawFrame(cairo_t* cr, const SheetFrame& f, double x, double y, double w, double h) {
  const Image& img = f.image;
  if (img.width <= 0 || img.height <= 0) return;
  const double scale = std::min(w / img.width, h / img.height);
  const Surface s = RgbImage(img.width, img.height, [&](int col, int row) {
    const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(row) * img.width + col) * 4];
    return Rgb{p[0], p[1], p[2]};
  });
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, s.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  // Boxes in the frame's pixels; a mostly hidden agent dashed, so occlusion shows at a glance.
  cairo_set_line_width(cr, 0.6);
  for (const SheetBox& b : f.boxes) {
    const double dash[] = {1.5, 1.0};
    cairo_set_dash(cr, dash, b.visibility < 0.5 ? 2 : 0, 0);
    cairo_set_source_rgb(cr, 1.0, 0.85, 0.0);
    cairo_rectangle(cr, x + b.left * scale, y + b.top * scale, b.width * scale, b.height * scale);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    Text(cr, x + b.left * scale, y + b.top * scale - 1,
         fmt::format("{} {:.0f}%", b.track_id, 100 * b.visibility), 4);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, x, y + img.height * scale + 7, fmt::format("{}  frame {}  t = {:.2f} s  {} boxes", f.camera, f.frame,
                                                      f.t_s, f.boxes.size()), 5);
}

}  // namespace

void WriteContactSheet(const std::string& title, const std::vector<SheetFrame>& frames,
                       const std::filesystem::path& pdf) {
  core::AtomicOutput out(pdf);
  Surface surface = NewPdf(out.temp_path().c_str(), kPageW, kPageH);
  Context cr(cairo_create(surface.get()));
  const double gap = 8, w = (kPageW - 2 * kMargin - (kColumns - 1) * gap) / kColumns;
  double aspect = 9.0 / 16;
  for (const SheetFrame& f : frames)
    if (f.image.width > 0) aspect = std::max(aspect, double(f.image.height) / f.image.width);
  const double h = w * aspect, row_h = h + 16;
  const auto header = [&] {
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    double y = WrappedText(cr.get(), kMargin, 50, title, 12, true, kPageW - 2 * kMargin, 14);
    return WrappedText(cr.get(), kMargin, y,
                       "Frames across the run with their labels (gt.txt): track id and visibility; dashed "
                       "boxes are less than half visible.",
                       7, false, kPageW - 2 * kMargin, 9) + 6;
  };
  double y = header();
  std::size_t i = 0;
  while (i < frames.size()) {
    // One row: up to kColumns frames of the same camera.
    std::size_t end = i;
    while (end < frames.size() && end - i < kColumns && frames[end].camera == frames[i].camera) ++end;
    if (y + row_h > kPageH - kMargin) {
      cairo_show_page(cr.get());
      y = header();
    }
    for (std::size_t k = i; k < end; ++k) DrawFrame(cr.get(), frames[k], kMargin + (k - i) * (w + gap), y, w, h);
    y += row_h;
    i = end;
  }
  if (frames.empty()) Text(cr.get(), kMargin, y + 10, "No frames.", 9);
  FinishPdf(cr, surface, pdf);
  out.Commit();
}

}  // namespace report
