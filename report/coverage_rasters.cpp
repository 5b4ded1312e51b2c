#include "report/coverage_rasters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/geotiff_writer.h"
#include "report/cairo_draw.h"
#include "report/palette.h"

namespace report {
namespace {

constexpr double kNoData = -9999;
// cairo images stop at 32767 pixels a side; beyond this the quick look takes every n-th cell.
constexpr int kMaxQuickLookPx = 16384;

std::vector<geo::GeoTiffBand> TiffBands(const sim::DensityLevels& levels) {
  return {{"cameras seeing (k)", kNoData},
          {"best pixel density (px/m)", kNoData},
          {"density class (0 none, 1.." + std::to_string(levels.levels.size()) + " " + levels.name + ")", kNoData},
          {"best camera (index in coverage.gpkg cameras, -1 none)", kNoData}};
}

std::uint32_t Packed(const Rgb& c) { return (static_cast<std::uint32_t>(c[0]) << 16) | (c[1] << 8) | c[2]; }

}  // namespace

// The quick look: the map (1 pixel per cell, or per `step` cells on huge grids; small grids
// upsampled by whole pixels to at least 1000 px) above a legend.
struct QuickLook {
  int levels = 0, step = 1, scale = 1, map_w = 0, map_h = 0, width = 0, height = 0;
  double text_px = 13;
  std::vector<std::pair<Rgb, std::string>> legend;
  draw::Surface surface;  // the whole picture
  draw::Surface cells;    // the map before upsampling (scale > 1 only: small grids)

  QuickLook(const geo::RasterGrid& g, const sim::DensityLevels& density) {
    const auto& lv = density.levels;
    levels = static_cast<int>(lv.size());
    step = (std::max(g.nx, g.ny) + kMaxQuickLookPx - 1) / kMaxQuickLookPx;
    const int nx = (g.nx + step - 1) / step, ny = (g.ny + step - 1) / step;
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
    surface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    draw::Context cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cr.reset();
    if (scale > 1) cells.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, nx, ny));
    cairo_surface_flush(MapSurface());
  }

  cairo_surface_t* MapSurface() const { return scale > 1 ? cells.get() : surface.get(); }

  // Grid row `row` (a multiple of step) into the map's pixel row row / step.
  template <class Colour>
  void Row(int row, int nx, const Colour& colour) {
    cairo_surface_t* s = MapSurface();
    auto* px = reinterpret_cast<std::uint32_t*>(cairo_image_surface_get_data(s) +
                                                static_cast<std::size_t>(row / step) * cairo_image_surface_get_stride(s));
    for (int col = 0, x = 0; col < nx; col += step, ++x) px[x] = Packed(colour(col));
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
    core::AtomicOutput out(path);
    if (cairo_surface_write_to_png(surface.get(), out.temp_path().c_str()) != CAIRO_STATUS_SUCCESS)
      throw core::InputError(path.string(), "", "cannot write PNG");
    out.Commit();
  }
};

struct CoverageRasterWriter::State {
  std::filesystem::path dir;
  geo::RasterGrid grid;
  bool any_priority = false;
  int rows_done = 0;
  geo::GeoTiffWriter tiff;
  QuickLook look;
  std::vector<std::uint8_t> blind;  // 1 byte per cell: target, unseen, in scope
  std::vector<float> bands;         // one strip's four bands

  State(const std::filesystem::path& d, const geo::Frame& frame, const geo::RasterGrid& g,
        const sim::DensityLevels& levels, bool priority)
      : dir(d), grid(g), any_priority(priority),
        tiff(d / "coverage.tif", frame, g, geo::GeoTiffWriter::Type::float32, TiffBands(levels)),
        look(g, levels), blind(static_cast<std::size_t>(g.nx) * g.ny, 0) {}
};

CoverageRasterWriter::CoverageRasterWriter(const std::filesystem::path& dir, const geo::Frame& frame,
                                           const geo::RasterGrid& grid, const sim::DensityLevels& levels,
                                           bool any_priority)
    : state_(std::make_unique<State>(dir, frame, grid, levels, any_priority)) {}

CoverageRasterWriter::~CoverageRasterWriter() = default;

void CoverageRasterWriter::Add(const CellStrip& s) {
  State& st = *state_;
  const std::size_t nx = static_cast<std::size_t>(st.grid.nx), n = nx * s.rows;
  if (s.rows < 0 || st.rows_done + s.rows > st.grid.ny || s.ground_z.size() != n || s.k.size() != n ||
      s.best_px_per_m.size() != n || s.best_camera.size() != n || s.best_level.size() != n ||
      (st.any_priority && s.scope.size() != n))
    throw std::logic_error("CoverageRasterWriter::Add: strip does not fit the grid");
  st.bands.resize(4 * n);
  float* k = st.bands.data();
  float* px = k + n;
  float* cls = px + n;
  float* cam = cls + n;
  std::uint8_t* blind = st.blind.data() + st.rows_done * nx;
  for (std::size_t i = 0; i < n; ++i) {
    if (s.ground_z[i] != s.ground_z[i]) {  // NaN: no target
      k[i] = px[i] = cls[i] = cam[i] = static_cast<float>(kNoData);
      continue;
    }
    k[i] = s.k[i];
    px[i] = s.best_px_per_m[i];
    cls[i] = static_cast<float>(s.best_level[i] + 1);
    cam[i] = static_cast<float>(s.best_camera[i]);
    blind[i] = s.k[i] == 0 && (!st.any_priority || s.scope[i]);
  }
  st.tiff.AddRows(s.rows, st.bands);
  const int levels = st.look.levels;
  for (int r = 0; r < s.rows; ++r) {
    const int row = st.rows_done + r;
    if (row % st.look.step) continue;
    const std::size_t base = static_cast<std::size_t>(r) * nx;
    st.look.Row(row, st.grid.nx, [&](int col) {
      const std::size_t i = base + col;
      if (s.ground_z[i] != s.ground_z[i]) return kBuilding;  // buildings, water, excluded
      if (s.k[i] == 0) return kUnseen;                        // not seen
      return LevelColour(s.best_level[i], levels);            // seen: by best density
    });
  }
  st.rows_done += s.rows;
}

std::vector<geo::Polygon> CoverageRasterWriter::Finish() {
  State& st = *state_;
  if (st.rows_done != st.grid.ny) throw std::logic_error("CoverageRasterWriter::Finish: rows missing");
  st.bands = {};
  st.tiff.Commit();
  st.look.Write(st.dir / "coverage.png");
  st.look.surface.reset();
  std::vector<geo::Polygon> spots = geo::PolygonizeMask(st.blind, st.grid);
  st.blind = {};
  return spots;
}

}  // namespace report
