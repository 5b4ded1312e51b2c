#include "geo/geotiff_writer.h"

#include <algorithm>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {

constexpr int kBlockRows = 256;  // GeoTIFF tiles are 256 x 256: a strip fills whole tiles
// GDAL's block cache (5 % of RAM by default) would keep every block written or read back for
// the overviews, up to 1.2 GB on a 24 GB machine: capped while a writer is open.
constexpr GIntBig kCacheBytes = 64 << 20;

class CacheCap {
 public:
  CacheCap() : previous_(GDALGetCacheMax64()) { GDALSetCacheMax64(std::min(previous_, kCacheBytes)); }
  ~CacheCap() { GDALSetCacheMax64(previous_); }
  CacheCap(const CacheCap&) = delete;
  CacheCap& operator=(const CacheCap&) = delete;

 private:
  GIntBig previous_;
};

struct GeoTiffWriter::State {
  CacheCap cache;
  std::string file;
  RasterGrid grid;
  int bands = 0;
  core::AtomicOutput output;
  detail::DatasetPtr ds;
  std::vector<float> strip;  // band-major, kBlockRows rows per band
  int strip_rows = 0, written_rows = 0;

  State(const std::filesystem::path& path, const RasterGrid& g, int n)
      : file(path.string()), grid(g), bands(n), output(path),
        strip(static_cast<std::size_t>(n) * kBlockRows * g.nx) {}

  void Fail(const std::string& what) const {
    throw core::InputError(file, "", "cannot write GeoTIFF: " + what + detail::LastGdalError());
  }

  void Flush() {
    if (strip_rows == 0) return;
    const std::size_t nx = static_cast<std::size_t>(grid.nx);
    CPLErrorReset();
    if (ds->RasterIO(GF_Write, 0, written_rows, grid.nx, strip_rows, strip.data(), grid.nx, strip_rows,
                     GDT_Float32, bands, nullptr, sizeof(float), static_cast<GSpacing>(nx * sizeof(float)),
                     static_cast<GSpacing>(nx * kBlockRows * sizeof(float))) != CE_None)
      Fail("");
    // Compressed and written now, so the block cache holds one strip, not the raster.
    ds->FlushCache(false);
    if (CPLGetLastErrorType() >= CE_Failure) Fail("");
    written_rows += strip_rows;
    strip_rows = 0;
  }
};

GeoTiffWriter::GeoTiffWriter(const std::filesystem::path& path, const Frame& frame, const RasterGrid& grid,
                             Type type, std::vector<GeoTiffBand> bands) {
  if (bands.empty() || grid.nx <= 0 || grid.ny <= 0) throw std::logic_error("GeoTiffWriter: empty raster");
  detail::EnsureGdal();
  state_ = std::make_unique<State>(path, grid, static_cast<int>(bands.size()));
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", "ZLEVEL=1", "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER", nullptr};
  CPLErrorReset();
  state_->ds.reset(gtiff->Create(state_->output.temp_path().c_str(), grid.nx, grid.ny,
                                 static_cast<int>(bands.size()), type == Type::int16 ? GDT_Int16 : GDT_Float32,
                                 const_cast<char**>(options)));
  if (!state_->ds) state_->Fail("");
  double gt[6] = {grid.min_x + frame.origin_x, grid.cell_m, 0, grid.max_y + frame.origin_y, 0, -grid.cell_m};
  state_->ds->SetGeoTransform(gt);
  OGRSpatialReference srs = detail::SpatialRefFromWkt(frame.crs_wkt);
  state_->ds->SetSpatialRef(&srs);
  for (std::size_t b = 0; b < bands.size(); ++b) {
    GDALRasterBand* band = state_->ds->GetRasterBand(static_cast<int>(b) + 1);
    band->SetDescription(bands[b].description.c_str());
    band->SetNoDataValue(bands[b].nodata);
  }
}

GeoTiffWriter::~GeoTiffWriter() = default;  // an uncommitted file is removed by AtomicOutput

void GeoTiffWriter::AddRows(int rows, const std::vector<float>& values) {
  State& s = *state_;
  const std::size_t nx = static_cast<std::size_t>(s.grid.nx);
  if (values.size() != static_cast<std::size_t>(s.bands) * rows * nx || s.written_rows + s.strip_rows + rows > s.grid.ny)
    throw std::logic_error("GeoTiffWriter::AddRows: rows do not fit the raster");
  for (int done = 0; done < rows;) {
    const int take = std::min(rows - done, kBlockRows - s.strip_rows);
    for (int b = 0; b < s.bands; ++b)
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>((b * static_cast<std::size_t>(rows) + done) * nx),
                  take * nx, s.strip.begin() + static_cast<std::ptrdiff_t>((b * std::size_t{kBlockRows} + s.strip_rows) * nx));
    s.strip_rows += take;
    done += take;
    if (s.strip_rows == kBlockRows) s.Flush();
  }
}

void GeoTiffWriter::Commit() {
  State& s = *state_;
  s.Flush();
  if (s.written_rows != s.grid.ny) throw std::logic_error("GeoTiffWriter::Commit: rows missing");
  s.strip = {};
  // Overviews so QGIS draws the whole area quickly; nearest keeps classes and counts exact.
  int levels[4];
  int n_levels = 0;
  for (int f = 2; n_levels < 4 && std::max(s.grid.nx, s.grid.ny) / f >= 256; f *= 2) levels[n_levels++] = f;
  CPLErrorReset();
  if (n_levels > 0 && s.ds->BuildOverviews("NEAREST", n_levels, levels, 0, nullptr, nullptr, nullptr) != CE_None)
    s.Fail("overviews: ");
  s.ds.reset();  // flush and close before the rename; a full disk shows up here
  if (CPLGetLastErrorType() >= CE_Failure) s.Fail("");
  s.output.Commit();
  state_.reset();  // the cache as it was
}

}  // namespace geo
