#include "report/coverage_rasters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/cell_vector.h"
#include "core/error.h"
#include "geo/geotiff_writer.h"
#include "report/quick_look.h"

namespace report {
namespace {

constexpr double kNoData = kCoverageNoData;

std::vector<geo::GeoTiffBand> TiffBands(const sim::DensityLevels& levels) {
  return {{"cameras seeing (k)", kNoData},
          {"best pixel density (px/m)", kNoData},
          {"density class (0 none, 1.." + std::to_string(levels.levels.size()) + " " + levels.name + ")", kNoData},
          {"best camera (index in coverage.gpkg cameras, -1 none)", kNoData}};
}

}  // namespace

std::vector<std::string> CoverageBandNames(const sim::DensityLevels& levels) {
  std::vector<std::string> names;
  for (const geo::GeoTiffBand& b : TiffBands(levels)) names.push_back(b.description);
  return names;
}

struct CoverageRasterWriter::State {
  geo::RasterGrid grid;
  bool any_priority = false;
  int rows_done = 0;
  int levels = 0;
  geo::GeoTiffWriter tiff;
  std::unique_ptr<QuickLook> look;  // null: no coverage.png
  core::CellVector<std::uint8_t> blind;  // 1 byte per cell: target, unseen, in scope (set as strips come)
  std::vector<std::uint8_t> colours;  // one map row

  State(const std::filesystem::path& d, const geo::Frame& frame, const geo::RasterGrid& g,
        const sim::DensityLevels& density, bool priority, const CoverageRasterOptions& o)
      : grid(g), any_priority(priority), levels(static_cast<int>(density.levels.size())),
        tiff(d / o.tif, frame, g, geo::GeoTiffWriter::Type::float32, TiffBands(density), o.compression),
        look(o.quick_look ? std::make_unique<QuickLook>(d / "coverage.png", g, density) : nullptr),
        blind(o.blind_spots ? static_cast<std::size_t>(g.nx) * g.ny : 0) {}
};

CoverageRasterWriter::CoverageRasterWriter(const std::filesystem::path& dir, const geo::Frame& frame,
                                           const geo::RasterGrid& grid, const sim::DensityLevels& levels,
                                           bool any_priority, const CoverageRasterOptions& options)
    : state_(std::make_unique<State>(dir, frame, grid, levels, any_priority, options)) {}

CoverageRasterWriter::~CoverageRasterWriter() = default;

void DrawQuickLookRows(QuickLook& look, int first_row, const CellStrip& s, int levels,
                       std::vector<std::uint8_t>& colours) {
  const std::size_t nx = s.rows > 0 ? s.k.size() / s.rows : 0;
  const int step = look.step();
  const QuickLookColours colour(levels);
  for (int r = 0; r < s.rows; ++r) {
    const int row = first_row + r;
    if (row % step) continue;
    const std::size_t base = static_cast<std::size_t>(r) * nx;
    colours.clear();
    for (std::size_t col = 0; col < nx; col += step)
      colours.push_back(colour(s.ground_z[base + col], s.k[base + col], s.best_level[base + col]));
    look.Row(row, colours);
  }
}

void CoverageRasterWriter::Add(const CellStrip& s) {
  State& st = *state_;
  const std::size_t nx = static_cast<std::size_t>(st.grid.nx), n = nx * s.rows;
  if (s.rows < 0 || st.rows_done + s.rows > st.grid.ny || s.ground_z.size() != n || s.k.size() != n ||
      s.best_px_per_m.size() != n || s.best_camera.size() != n || s.best_level.size() != n ||
      (st.any_priority && s.scope.size() != n))
    throw std::logic_error("CoverageRasterWriter::Add: strip does not fit the grid");
  // Straight into the GeoTIFF's strip, a row at a time.
  for (int r = 0; r < s.rows; ++r) {
    const std::vector<float*>& bands = st.tiff.NextRow();
    float* k = bands[0];
    float* px = bands[1];
    float* cls = bands[2];
    float* cam = bands[3];
    const std::size_t at = static_cast<std::size_t>(r) * nx;
    for (std::size_t c = 0; c < nx; ++c) {
      const std::size_t i = at + c;
      if (s.ground_z[i] != s.ground_z[i]) {  // NaN: no target
        k[c] = px[c] = cls[c] = cam[c] = static_cast<float>(kNoData);
        continue;
      }
      k[c] = s.k[i];
      px[c] = s.best_px_per_m[i];
      cls[c] = static_cast<float>(s.best_level[i] + 1);
      cam[c] = static_cast<float>(s.best_camera[i]);
    }
    st.tiff.RowDone();
  }
  if (!st.blind.empty()) {
    std::uint8_t* blind = st.blind.data() + st.rows_done * nx;
    for (std::size_t i = 0; i < n; ++i)
      blind[i] = s.ground_z[i] == s.ground_z[i] && s.k[i] == 0 && (!st.any_priority || s.scope[i]);
  }
  if (st.look) DrawQuickLookRows(*st.look, st.rows_done, s, st.levels, st.colours);
  st.rows_done += s.rows;
}

std::vector<geo::Polygon> CoverageRasterWriter::Finish() {
  State& st = *state_;
  if (st.rows_done != st.grid.ny) throw std::logic_error("CoverageRasterWriter::Finish: rows missing");
  // The blind spots' polygons beside the files' last rows (a failure there waits for them: the
  // future of std::async waits when destroyed).
  auto spots = std::async(std::launch::async, [&st] {
    return st.blind.empty() ? std::vector<geo::Polygon>{} : geo::PolygonizeMask(st.blind, st.grid);
  });
  if (st.look) st.look->Commit();
  st.look.reset();
  st.tiff.Commit();
  std::vector<geo::Polygon> polygons = spots.get();
  st.blind = {};
  return polygons;
}

}  // namespace report
