#include "report/quick_look.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "core/error.h"
#include "report/cairo_draw.h"
#include "report/png_file.h"
#include "report/palette.h"

namespace report {
namespace {

std::uint32_t Packed(const Rgb& c) { return (static_cast<std::uint32_t>(c[0]) << 16) | (c[1] << 8) | c[2]; }

}  // namespace

int QuickLookStep(const geo::RasterGrid& g, int max_px) {
  return std::max(1, (std::max(g.nx, g.ny) + max_px - 1) / max_px);
}

QuickLookColours::QuickLookColours(int levels) : last_level_(std::max(levels, 0)), palette_{Packed(kBuilding), Packed(kUnseen)} {
  for (int level = -1; level < std::max(levels, 0); ++level) palette_.push_back(Packed(LevelColour(level, levels)));
}

namespace {

// The quick look's sizes: the map (1 pixel per cell, or per `step` cells on huge grids; small
// grids upsampled by whole pixels to at least 1000 px) above a legend, `width` wide (the legend
// may be wider than a narrow map: white beside it).
struct Layout {
  int levels = 0, step = 1, nx = 0, ny = 0, scale = 1, map_w = 0, map_h = 0, width = 0, height = 0, legend_h = 0;
  double text_px = 13;
  std::vector<std::pair<Rgb, std::string>> legend;

  Layout(const geo::RasterGrid& g, const sim::DensityLevels& density, int max_px) {
    const auto& lv = density.levels;
    levels = static_cast<int>(lv.size());
    step = QuickLookStep(g, max_px);
    nx = (g.nx + step - 1) / step;
    ny = (g.ny + step - 1) / step;
    scale = std::max(1, static_cast<int>(std::ceil(1000.0 / std::max(1, std::max(nx, ny)))));
    map_w = nx * scale, map_h = ny * scale;
    legend = {{kBuilding, "buildings, water, excluded ground"}, {kUnseen, "not seen"}};
    if (levels > 0)
      legend.push_back({LevelColour(-1, levels), fmt::format("seen, below {} ({:g} px/m)", lv[0].name, lv[0].min_px_per_m)});
    for (int i = 0; i < levels; ++i)
      legend.push_back({LevelColour(i, levels), fmt::format("{} \u2265 {:g} px/m", lv[i].name, lv[i].min_px_per_m)});
    text_px = std::max(13.0, map_w / 80.0);
    legend_h = static_cast<int>(text_px * 1.5 + RowHeight() * ((legend.size() + Columns() - 1) / Columns()));
    width = std::max(map_w, static_cast<int>(text_px * 24)), height = map_h + legend_h;
  }

  int RowHeight() const { return static_cast<int>(text_px * 1.6); }
  int Columns() const { return map_w >= 40 * text_px ? 2 : 1; }  // of the legend
};

// coverage.png's palette: the map's colours, white, and greys for the legend's text (drawn
// black on white, anti-aliased); the legend's few other shades take the nearest entry.
std::vector<std::uint32_t> QuickLookPalette(int levels) {
  std::vector<std::uint32_t> palette = QuickLookColours(levels).palette();
  palette.push_back(0xFFFFFFu);
  const int greys = 256 - static_cast<int>(palette.size());
  for (int i = 0; i < greys; ++i) {
    const auto v = static_cast<std::uint32_t>(std::lround(254.0 * i / (greys - 1)));
    palette.push_back((v << 16) | (v << 8) | v);
  }
  return palette;
}

}  // namespace

struct QuickLook::State {
  Layout layout;
  std::vector<std::uint32_t> palette;
  PngRowWriter png;
  std::uint8_t white = 0;
  std::vector<std::uint8_t> row;    // one row of the picture (scale 1: the map's, streamed)
  std::vector<std::uint8_t> cells;  // scale > 1 only: the map before upsampling, drawn at Commit
  std::unordered_map<std::uint32_t, std::uint8_t> nearest;  // the legend's colours, as indices
  int next_row = 0;                 // of the map, before upsampling

  State(const std::filesystem::path& path, const geo::RasterGrid& g, const sim::DensityLevels& density, int max_px)
      : layout(g, density, max_px),
        palette(QuickLookPalette(layout.levels)),
        png(path, layout.width, layout.height, palette),
        white(static_cast<std::uint8_t>(std::find(palette.begin(), palette.end(), 0xFFFFFFu) - palette.begin())),
        row(layout.width, white) {
    if (layout.scale > 1) cells.assign(static_cast<std::size_t>(layout.nx) * layout.ny, white);
  }

  void Row(int grid_row, std::span<const std::uint8_t> colours) {
    if (grid_row != next_row * layout.step || next_row >= layout.ny)
      throw std::logic_error("QuickLook::Row: not the next row of the map");
    ++next_row;
    const std::size_t n = std::min<std::size_t>(colours.size(), layout.nx);
    if (layout.scale == 1) {
      std::copy_n(colours.begin(), n, row.begin());
      png.Row(row);
      return;
    }
    std::copy_n(colours.begin(), n, cells.begin() + static_cast<std::ptrdiff_t>(next_row - 1) * layout.nx);
  }

  std::uint8_t Nearest(std::uint32_t rgb) {
    if (const auto it = nearest.find(rgb); it != nearest.end()) return it->second;
    auto channel = [](std::uint32_t c, int shift) { return static_cast<int>((c >> shift) & 0xFF); };
    std::size_t best = 0;
    int best_distance = 1 << 30;
    for (std::size_t i = 0; i < palette.size(); ++i) {
      const int dr = channel(rgb, 16) - channel(palette[i], 16), dg = channel(rgb, 8) - channel(palette[i], 8),
                db = channel(rgb, 0) - channel(palette[i], 0);
      if (const int d = dr * dr + dg * dg + db * db; d < best_distance) best = i, best_distance = d;
    }
    return nearest[rgb] = static_cast<std::uint8_t>(best);
  }

  // A white picture `width` wide and `rows` high, `paint` on it, then streamed out.
  void DrawRows(int rows, const std::function<void(cairo_t*)>& paint) {
    const int width = layout.width;
    draw::Surface part(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, rows));
    draw::Context cr(cairo_create(part.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    paint(cr.get());
    cr.reset();
    cairo_surface_flush(part.get());
    const unsigned char* data = cairo_image_surface_get_data(part.get());
    const int stride = cairo_image_surface_get_stride(part.get());
    for (int y = 0; y < rows; ++y) {
      const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
      for (int x = 0; x < width; ++x) row[x] = Nearest(px[x] & 0xFFFFFFu);
      png.Row(row);
    }
  }

  void Commit() {
    const Layout& l = layout;
    if (next_row != l.ny) throw std::logic_error("QuickLook::Commit: map rows missing");
    if (l.scale > 1) {  // each cell a scale x scale square
      for (int y = 0; y < l.map_h; ++y) {
        const std::uint8_t* source = cells.data() + static_cast<std::size_t>(y / l.scale) * l.nx;
        for (int x = 0; x < l.map_w; ++x) row[x] = source[x / l.scale];
        png.Row(row);
      }
      cells = {};
    }
    DrawRows(l.legend_h, [&](cairo_t* cr) {
      for (std::size_t i = 0; i < l.legend.size(); ++i) {
        const double x = 10 + static_cast<double>(i % l.Columns()) * l.width / l.Columns();
        const double y = l.text_px * 0.8 + l.RowHeight() * static_cast<double>(i / l.Columns());
        cairo_rectangle(cr, x, y, l.text_px * 1.4, l.text_px);
        draw::SetColour(cr, l.legend[i].first);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        // A long level name on a narrow map is set smaller to fit its column (down to 60 %).
        const double room = static_cast<double>(l.width) / l.Columns() - l.text_px * 2 - 14;
        const double wide = draw::TextWidth(cr, l.legend[i].second, l.text_px);
        const double size = wide > room && room > 0 ? std::max(0.6 * l.text_px, l.text_px * room / wide) : l.text_px;
        draw::Text(cr, x + l.text_px * 2, y + l.text_px * 0.85, l.legend[i].second, size);
      }
    });
    png.Commit();
  }
};

QuickLook::QuickLook(const std::filesystem::path& path, const geo::RasterGrid& grid, const sim::DensityLevels& levels,
                     int max_px)
    : state_(std::make_unique<State>(path, grid, levels, max_px)) {}
QuickLook::~QuickLook() = default;
int QuickLook::step() const { return state_->layout.step; }
int QuickLook::columns() const { return state_->layout.nx; }
void QuickLook::Row(int row, std::span<const std::uint8_t> colours) { state_->Row(row, colours); }
void QuickLook::Commit() {
  state_->Commit();
  state_.reset();
}

}  // namespace report
