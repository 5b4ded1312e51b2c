#include "report/quick_look.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/cell_vector.h"
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

std::uint32_t QuickLookColour(float ground_z, std::uint16_t k, std::int8_t best_level, int levels) {
  if (ground_z != ground_z) return Packed(kBuilding);  // NaN: buildings, water, excluded
  if (k == 0) return Packed(kUnseen);                  // not seen
  return Packed(LevelColour(best_level, levels));      // seen: by best density
}

// The quick look: the map (1 pixel per cell, or per `step` cells on huge grids; small grids
// upsampled by whole pixels to at least 1000 px) above a legend.
struct QuickLook::State {
  int levels = 0, step = 1, nx = 0, scale = 1, map_w = 0, map_h = 0, width = 0, height = 0;
  double text_px = 13;
  std::vector<std::pair<Rgb, std::string>> legend;
  core::CellVector<unsigned char> pixels;  // the whole picture's (a big map's first touch in 2 MB pages)
  draw::Surface surface;  // the whole picture, over `pixels`
  draw::Surface cells;    // the map before upsampling (scale > 1 only: small grids)

  State(const geo::RasterGrid& g, const sim::DensityLevels& density, int max_px) {
    const auto& lv = density.levels;
    levels = static_cast<int>(lv.size());
    step = QuickLookStep(g, max_px);
    nx = (g.nx + step - 1) / step;
    const int ny = (g.ny + step - 1) / step;
    scale = std::max(1, static_cast<int>(std::ceil(1000.0 / std::max(1, std::max(nx, ny)))));
    map_w = nx * scale, map_h = ny * scale;
    legend = {{kBuilding, "buildings, water, excluded ground"}, {kUnseen, "not seen"}};
    if (levels > 0)
      legend.push_back({LevelColour(-1, levels), fmt::format("seen, below {} ({:g} px/m)", lv[0].name, lv[0].min_px_per_m)});
    for (int i = 0; i < levels; ++i)
      legend.push_back({LevelColour(i, levels), fmt::format("{} \u2265 {:g} px/m", lv[i].name, lv[i].min_px_per_m)});
    text_px = std::max(13.0, map_w / 80.0);
    const int row_h = static_cast<int>(text_px * 1.6), columns = map_w >= 40 * text_px ? 2 : 1;
    const int legend_h = static_cast<int>(text_px * 1.5 + row_h * ((legend.size() + columns - 1) / columns));
    width = std::max(map_w, static_cast<int>(text_px * 24)), height = map_h + legend_h;
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, width);
    pixels.resize(static_cast<std::size_t>(stride) * height);
    surface.reset(cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_RGB24, width, height, stride));
    draw::Context cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cr.reset();
    if (scale > 1) cells.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, nx, ny));
    cairo_surface_flush(MapSurface());
  }

  cairo_surface_t* MapSurface() const { return scale > 1 ? cells.get() : surface.get(); }

  void Row(int row, std::span<const std::uint32_t> colours) {
    cairo_surface_t* s = MapSurface();
    auto* px = reinterpret_cast<std::uint32_t*>(cairo_image_surface_get_data(s) +
                                                static_cast<std::size_t>(row / step) * cairo_image_surface_get_stride(s));
    std::copy_n(colours.begin(), std::min<std::size_t>(colours.size(), nx), px);
  }

  void Write(const std::filesystem::path& path) {
    cairo_surface_mark_dirty(MapSurface());
    draw::Context cr(cairo_create(surface.get()));
    if (scale > 1) {
      cairo_save(cr.get());
      cairo_scale(cr.get(), scale, scale);
      cairo_set_source_surface(cr.get(), cells.get(), 0, 0);
      cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_NEAREST);
      cairo_paint(cr.get());
      cairo_restore(cr.get());
    }
    const int row_h = static_cast<int>(text_px * 1.6), columns = map_w >= 40 * text_px ? 2 : 1;
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
    cells.reset();
    WritePng(surface.get(), path);
  }
};

QuickLook::QuickLook(const geo::RasterGrid& grid, const sim::DensityLevels& levels, int max_px)
    : state_(std::make_unique<State>(grid, levels, max_px)) {}
QuickLook::~QuickLook() = default;
int QuickLook::step() const { return state_->step; }
int QuickLook::columns() const { return state_->nx; }
void QuickLook::Row(int row, std::span<const std::uint32_t> colours) {
  if (row % state_->step) throw std::logic_error("QuickLook::Row: not a row of the map");
  state_->Row(row, colours);
}
void QuickLook::Write(const std::filesystem::path& path) {
  state_->Write(path);
  state_.reset();
}

}  // namespace report
