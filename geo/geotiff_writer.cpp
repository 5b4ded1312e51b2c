#include "geo/geotiff_writer.h"

#include <algorithm>
#include <cstring>
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

// The overview factors: 2, 4, 8, 16 while the coarser side keeps 256 pixels (QGIS draws the
// whole area quickly; nearest keeps classes and counts exact).
std::vector<int> OverviewFactors(const RasterGrid& g) {
  std::vector<int> factors;
  for (int f = 2; factors.size() < 4 && std::max(g.nx, g.ny) / f >= 256; f *= 2) factors.push_back(f);
  return factors;
}

// Where GDAL's nearest resampling takes each of `dst` pixels from `src` (its overviews are
// built each from the one before: 1:4 from 1:2): the pixel under the destination's left or top
// edge, rounded (gcore/overview.cpp, GDALResampleChunk_Near).
std::vector<int> NearestSources(int src, int dst) {
  const double ratio = static_cast<double>(src) / dst;
  std::vector<int> from(dst);
  for (int i = 0; i < dst; ++i) from[i] = std::min(src - 1, static_cast<int>(0.5 + i * ratio));
  return from;
}

// One overview level, filled as the rows of the level above arrive.
struct OverviewLevel {
  std::vector<GDALRasterBand*> bands;
  int nx = 0, ny = 0;
  std::vector<int> from_col, from_row;  // nearest pixel of the level above
  int next_row = 0;                     // the next row of this level to fill
  std::vector<float> strip;             // band-major, kBlockRows rows per band
  int strip_rows = 0, written_rows = 0;
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
  std::vector<OverviewLevel> overviews;  // finest first
  std::vector<float*> next_row;          // NextRow's pointers, one per band

  State(const std::filesystem::path& path, const RasterGrid& g, int n)
      : file(path.string()), grid(g), bands(n), output(path),
        strip(static_cast<std::size_t>(n) * kBlockRows * g.nx) {}

  void Fail(const std::string& what) const {
    throw core::InputError(file, "", "cannot write GeoTIFF: " + what + detail::LastGdalError());
  }

  // The overview levels' directories, empty: their pixels are streamed in as the rows come,
  // instead of reading the whole raster back (and inflating it) after the last row.
  void CreateOverviews() {
    std::vector<int> factors = OverviewFactors(grid);
    if (factors.empty()) return;
    CPLErrorReset();
    if (ds->BuildOverviews("NONE", static_cast<int>(factors.size()), factors.data(), 0, nullptr, nullptr, nullptr) !=
        CE_None)
      Fail("overviews: ");
    int above_nx = grid.nx, above_ny = grid.ny;
    for (std::size_t i = 0; i < factors.size(); ++i) {
      OverviewLevel level;
      for (int b = 1; b <= bands; ++b) {
        GDALRasterBand* overview = ds->GetRasterBand(b)->GetOverview(static_cast<int>(i));
        if (!overview) Fail("overviews: ");
        level.bands.push_back(overview);
      }
      level.nx = level.bands[0]->GetXSize();
      level.ny = level.bands[0]->GetYSize();
      level.from_col = NearestSources(above_nx, level.nx);
      level.from_row = NearestSources(above_ny, level.ny);
      level.strip.resize(static_cast<std::size_t>(bands) * kBlockRows * level.nx);
      above_nx = level.nx, above_ny = level.ny;
      overviews.push_back(std::move(level));
    }
  }

  // Row `row` of the level above `at` (the full raster for 0), one pointer per band.
  void FeedOverview(std::size_t at, int row, const std::vector<const float*>& above) {
    if (at >= overviews.size()) return;
    OverviewLevel& level = overviews[at];
    if (level.next_row >= level.ny || level.from_row[level.next_row] != row) return;
    std::vector<const float*> mine(bands);
    for (int b = 0; b < bands; ++b) {
      float* out = level.strip.data() + (static_cast<std::size_t>(b) * kBlockRows + level.strip_rows) * level.nx;
      for (int c = 0; c < level.nx; ++c) out[c] = above[b][level.from_col[c]];
      mine[b] = out;
    }
    const int my_row = level.next_row++;
    ++level.strip_rows;
    FeedOverview(at + 1, my_row, mine);
    if (level.strip_rows == kBlockRows || level.next_row == level.ny) FlushOverview(level);
  }

  void FlushOverview(OverviewLevel& level) {
    if (level.strip_rows == 0) return;
    CPLErrorReset();
    for (int b = 0; b < bands; ++b)
      if (level.bands[b]->RasterIO(GF_Write, 0, level.written_rows, level.nx, level.strip_rows,
                                   level.strip.data() + static_cast<std::size_t>(b) * kBlockRows * level.nx, level.nx,
                                   level.strip_rows, GDT_Float32, 0, 0) != CE_None)
        Fail("overviews: ");
    level.written_rows += level.strip_rows;
    level.strip_rows = 0;
  }

  void Flush() {
    if (strip_rows == 0) return;
    const std::size_t nx = static_cast<std::size_t>(grid.nx);
    CPLErrorReset();
    if (ds->RasterIO(GF_Write, 0, written_rows, grid.nx, strip_rows, strip.data(), grid.nx, strip_rows,
                     GDT_Float32, bands, nullptr, sizeof(float), static_cast<GSpacing>(nx * sizeof(float)),
                     static_cast<GSpacing>(nx * kBlockRows * sizeof(float))) != CE_None)
      Fail("");
    std::vector<const float*> row(bands);
    for (int r = 0; r < strip_rows; ++r) {
      for (int b = 0; b < bands; ++b) row[b] = strip.data() + (static_cast<std::size_t>(b) * kBlockRows + r) * nx;
      FeedOverview(0, written_rows + r, row);
    }
    // No flush here: the block cache (capped above) writes the oldest blocks as it fills, GDAL's
    // threads compressing them while the next strip is made; Commit flushes the rest.
    if (CPLGetLastErrorType() >= CE_Failure) Fail("");
    written_rows += strip_rows;
    strip_rows = 0;
  }
};

GeoTiffWriter::GeoTiffWriter(const std::filesystem::path& path, const Frame& frame, const RasterGrid& grid,
                             Type type, std::vector<GeoTiffBand> bands, TiffCompression compression) {
  if (bands.empty() || grid.nx <= 0 || grid.ny <= 0) throw std::logic_error("GeoTiffWriter: empty raster");
  detail::EnsureGdal();
  state_ = std::make_unique<State>(path, grid, static_cast<int>(bands.size()));
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  const auto [compress, level] = TiffCompressionOptions(compression);
  const char* options[] = {"TILED=YES", compress, level, "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER", "SPARSE_OK=TRUE", nullptr};
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
  state_->CreateOverviews();
}

GeoTiffWriter::~GeoTiffWriter() = default;  // an uncommitted file is removed by AtomicOutput

void GeoTiffWriter::AddRows(int rows, const std::vector<float>& values) {
  State& s = *state_;
  const std::size_t nx = static_cast<std::size_t>(s.grid.nx);
  if (values.size() != static_cast<std::size_t>(s.bands) * rows * nx || s.written_rows + s.strip_rows + rows > s.grid.ny)
    throw std::logic_error("GeoTiffWriter::AddRows: rows do not fit the raster");
  for (int r = 0; r < rows; ++r) {
    const std::vector<float*>& row = NextRow();
    for (int b = 0; b < s.bands; ++b)
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>((b * static_cast<std::size_t>(rows) + r) * nx), nx, row[b]);
    RowDone();
  }
}

const std::vector<float*>& GeoTiffWriter::NextRow() {
  State& s = *state_;
  if (s.written_rows + s.strip_rows >= s.grid.ny) throw std::logic_error("GeoTiffWriter::NextRow: past the last row");
  const std::size_t nx = static_cast<std::size_t>(s.grid.nx);
  s.next_row.resize(s.bands);
  for (int b = 0; b < s.bands; ++b) s.next_row[b] = s.strip.data() + (b * std::size_t{kBlockRows} + s.strip_rows) * nx;
  return s.next_row;
}

void GeoTiffWriter::RowDone() {
  State& s = *state_;
  if (++s.strip_rows == kBlockRows) s.Flush();
}

void GeoTiffWriter::Commit() {
  State& s = *state_;
  s.Flush();
  if (s.written_rows != s.grid.ny) throw std::logic_error("GeoTiffWriter::Commit: rows missing");
  for (const OverviewLevel& level : s.overviews)
    if (level.written_rows != level.ny) throw std::logic_error("GeoTiffWriter::Commit: overview rows missing");
  s.strip = {};
  CPLErrorReset();
  s.ds.reset();  // flush and close before the rename; a full disk shows up here
  if (CPLGetLastErrorType() >= CE_Failure) s.Fail("");
  s.output.Commit();
  state_.reset();  // the cache as it was
}

std::array<const char*, 2> TiffCompressionOptions(TiffCompression compression) {
  detail::EnsureGdal();
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  const char* creation = gtiff ? gtiff->GetMetadataItem(GDAL_DMD_CREATIONOPTIONLIST) : nullptr;
  const bool zstd = compression == TiffCompression::zstd && creation && std::strstr(creation, "ZSTD");
  return zstd ? std::array<const char*, 2>{"COMPRESS=ZSTD", "ZSTD_LEVEL=1"}
              : std::array<const char*, 2>{"COMPRESS=DEFLATE", "ZLEVEL=1"};
}

}  // namespace geo
