// DEM/DSM rasters (GeoTIFF or any GDAL raster) resampled onto a regular grid in the frame:
// a terrain mesh, and for a DEM the heightfield buildings and cameras are seated on.
#include <fmt/format.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <vector>

#include "core/ascii_case.h"
#include "core/error.h"
#include "core/limits.h"
#include "geo/footprint.h"
#include "geo/gdal_util.h"
#include "geo/source_util.h"

namespace geo::detail {
namespace {

// What one block of a raster (every band of a pixel-interleaved one) may take to read.
constexpr double kMaxBlockBytes = 1e9;

constexpr double kMaxRasterCoordinate = 1e9;  // source CRS units (m or degrees): beyond any real raster

// Pixels a raster window may hold to be averaged down without overviews: a 1 m DEM of 40 x 50
// km; about 10-20 s of reading here.
constexpr double kMaxAveragedPixels = 2e9;

// A window of band 1 in memory with bilinear sampling at georeferenced points.
class RasterWindow {
 public:
  RasterWindow(GDALDataset& ds, const std::string& file) {
    if (ds.GetGeoTransform(gt_) != CE_None)
      throw core::InputError(file, "", "raster has no georeferencing (geotransform)");
    if (!GDALInvGeoTransform(gt_, inv_))
      throw core::InputError(file, "", "raster geotransform is not invertible");
    band_ = ds.GetRasterBand(1);
    if (!band_) throw core::InputError(file, "", "the raster has no band");
    // GDAL reads a pixel-interleaved block with every band in it: a corrupt header claiming
    // 65,535 bands made reading band 1 take 8.6 GB (found by fuzz_tif).
    int block_x = 0, block_y = 0;
    band_->GetBlockSize(&block_x, &block_y);
    const double block_bytes = static_cast<double>(ds.GetRasterCount()) * block_x * block_y *
                               std::max(1, GDALGetDataTypeSizeBytes(band_->GetRasterDataType()));
    if (!(block_bytes <= kMaxBlockBytes))
      throw core::InputError(file, "", fmt::format("the raster has {} bands in blocks of {} x {} pixels: reading its "
                                                   "first band would take {:.1f} GB; an elevation model has one band "
                                                   "(gdal_translate -b 1)",
                                                   ds.GetRasterCount(), block_x, block_y, block_bytes / 1e9));
    // A corrupt header can hold any double: an origin or pixel size no real raster has would
    // overflow the pixel windows and grid sizes computed from them (found by fuzz_tif).
    std::vector<double> xs, ys;
    ExtentCorners(xs, ys);
    const bool finite = std::all_of(gt_, gt_ + 6, [](double v) { return std::isfinite(v); }) &&
                        std::all_of(inv_, inv_ + 6, [](double v) { return std::isfinite(v); });
    const auto absurd = [](double v) { return !(std::abs(v) < kMaxRasterCoordinate); };
    if (!finite || !(pixel_size() > 1e-9) || std::any_of(xs.begin(), xs.end(), absurd) ||
        std::any_of(ys.begin(), ys.end(), absurd))
      throw core::InputError(file, "", fmt::format("raster georeferencing is unusable (origin {:g} {:g}, pixel size {:g} x {:g})",
                                                   gt_[0], gt_[3], gt_[1], gt_[5]));
    // A pixel side under a millimetre (or 1e-8 degrees) is no elevation model: a header's garbage
    // or a wrong unit, which would spread a few pixels over a sliver of an area.
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    const double min_side = srs && srs->IsGeographic() ? 1e-8 : 1e-3;
    const double side_x = std::hypot(gt_[1], gt_[4]), side_y = std::hypot(gt_[2], gt_[5]);
    if (!(side_x >= min_side) || !(side_y >= min_side))
      throw core::InputError(file, "", fmt::format("raster pixels of {:g} x {:g} (CRS units) are smaller than {:g}: "
                                                   "not an elevation model; check its georeferencing or resample it",
                                                   side_x, side_y, min_side));
    // Heights stored as scaled integers: a scale of 0 (or NaN, or a micrometre's worth) from a
    // bad header or a wrong gdal_edit.py would make every height the offset, a flat terrain
    // that looks valid; a negative one turns the relief upside down.
    const double scale = band_->GetScale(), offset = band_->GetOffset();
    if (!(scale >= 1e-6 && scale <= 1e6) || !(std::abs(offset) <= 1e6))
      throw core::InputError(file, "band 1", fmt::format("heights are stored with scale {:g} and offset {:g}: every height "
                                                         "would be the same or absurd; fix them (gdal_edit.py -scale -offset)",
                                                         scale, offset));
    int has_nodata = 0;
    nodata_ = band_->GetNoDataValue(&has_nodata);
    has_nodata_ = has_nodata != 0;
    file_ = file;
  }

  // Loads the pixels covering the given source-CRS points (plus a one-pixel margin). A window
  // of more than max_pixels is read averaged down to about that many (the nodes sample it
  // coarser anyway): a corrupt 441-byte header that claims 63,000 x 8,000 pixels, or a real
  // national tile without an area, must not take gigabytes (found by fuzz_tif).
  void Load(const std::vector<double>& xs, const std::vector<double>& ys, double max_pixels) {
    double min_c = INFINITY, min_r = INFINITY, max_c = -INFINITY, max_r = -INFINITY;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(xs[i])) continue;
      double c, r;
      ToPixel(xs[i], ys[i], c, r);
      if (!std::isfinite(c) || !std::isfinite(r)) continue;
      min_c = std::min(min_c, c), max_c = std::max(max_c, c);
      min_r = std::min(min_r, r), max_r = std::max(max_r, r);
    }
    const int w = band_->GetXSize(), h = band_->GetYSize();
    // Clamped as doubles: points far outside the raster must not overflow an int.
    const auto index = [](double v, int hi) { return static_cast<int>(std::clamp(v, 0.0, static_cast<double>(hi))); };
    x0_ = index(std::floor(min_c) - 1, w);
    y0_ = index(std::floor(min_r) - 1, h);
    nx_ = index(std::ceil(max_c) + 2, w) - x0_;
    ny_ = index(std::ceil(max_r) + 2, h) - y0_;
    if (nx_ <= 0 || ny_ <= 0) return;
    const int window_nx = nx_, window_ny = ny_;
    const double shrink = std::sqrt(static_cast<double>(nx_) * ny_ / max_pixels);
    // Averaging reads every pixel: billions of them (a header claiming 300,000 x 300,000 pixels
    // of 0.5 mm) would run for many minutes. GDAL reads a band's overviews instead when it has some.
    if (shrink > 1 && static_cast<double>(nx_) * ny_ > kMaxAveragedPixels && band_->GetOverviewCount() == 0)
      throw core::InputError(file_, "", fmt::format("the raster's window over the area is {} x {} pixels (pixel size {:g}): "
                                                    "too many to average without overviews; build them "
                                                    "(gdaladdo) or resample the raster (gdalwarp -tr)",
                                                    nx_, ny_, pixel_size()));
    GDALRasterIOExtraArg resampling;
    INIT_RASTERIO_EXTRA_ARG(resampling);
    if (shrink > 1) {
      nx_ = std::max(1, static_cast<int>(std::ceil(nx_ / shrink)));
      ny_ = std::max(1, static_cast<int>(std::ceil(ny_ / shrink)));
      resampling.eResampleAlg = GRIORA_Average;  // nodata pixels left out of each average
    }
    scale_x_ = static_cast<double>(window_nx) / nx_;
    scale_y_ = static_cast<double>(window_ny) / ny_;
    data_.resize(static_cast<std::size_t>(nx_) * ny_);
    CPLErrorReset();
    if (band_->RasterIO(GF_Read, x0_, y0_, window_nx, window_ny, data_.data(), nx_, ny_, GDT_Float32, 0, 0,
                        &resampling) != CE_None)
      throw core::InputError(file_, "band 1",
                             "cannot read raster data (corrupt or truncated file?): " +
                                 LastGdalError());
    // Heights kept as scaled integers (centimetres in a UInt16 band) carry GDAL's scale and
    // offset: metres = raw * scale + offset. Nodata becomes NaN first, as it is raw.
    const double scale = band_->GetScale(), offset = band_->GetOffset();
    for (float& v : data_)
      v = !std::isfinite(v) || (has_nodata_ && v == static_cast<float>(nodata_)) ? NAN
                                                                                  : static_cast<float>(v * scale + offset);
  }

  // Pixels outside the plausible elevation range become nodata: a corrupt file's garbage
  // (up to 3.4e38) would otherwise reach the mesh and overflow Embree's float bounds.
  std::size_t DropImplausible() {
    std::size_t dropped = 0;
    for (float& v : data_)
      if (std::isfinite(v) && !core::SaneTerrain(v)) {  // nodata is NaN by now
        v = NAN;
        ++dropped;
      }
    return dropped;
  }

  // Bilinear height at a source-CRS point; NaN outside the raster or next to nodata.
  double Sample(double x, double y) const {
    double c, r;
    ToPixel(x, y, c, r);
    c = (c - x0_) / scale_x_ - 0.5;  // pixel centres (of the averaged pixels, if shrunk)
    r = (r - y0_) / scale_y_ - 0.5;
    // Half a pixel of clamping at the raster border, so the edge pixels are used fully.
    if (c < -0.5 || r < -0.5 || c > nx_ - 0.5 || r > ny_ - 0.5) return NAN;
    c = std::clamp(c, 0.0, nx_ - 1.0);
    r = std::clamp(r, 0.0, ny_ - 1.0);
    const int i = std::min(static_cast<int>(c), nx_ - 2 < 0 ? 0 : nx_ - 2);
    const int j = std::min(static_cast<int>(r), ny_ - 2 < 0 ? 0 : ny_ - 2);
    const double tx = nx_ > 1 ? c - i : 0, ty = ny_ > 1 ? r - j : 0;
    const double z00 = Value(i, j), z10 = Value(i + (nx_ > 1), j);
    const double z01 = Value(i, j + (ny_ > 1)), z11 = Value(i + (nx_ > 1), j + (ny_ > 1));
    return (1 - ty) * ((1 - tx) * z00 + tx * z10) + ty * ((1 - tx) * z01 + tx * z11);
  }

  // Centre of pixel (0, 0) in source CRS coordinates.
  void PixelCentre(double& x, double& y) const {
    x = gt_[0] + 0.5 * gt_[1] + 0.5 * gt_[2];
    y = gt_[3] + 0.5 * gt_[4] + 0.5 * gt_[5];
  }

  // Pixel size in source CRS units (for the default grid spacing).
  double pixel_size() const { return std::sqrt(std::abs(gt_[1] * gt_[5] - gt_[2] * gt_[4])); }
  void ExtentCorners(std::vector<double>& xs, std::vector<double>& ys) const {
    const double w = band_->GetXSize(), h = band_->GetYSize();
    for (int k = 0; k <= 8; ++k)  // along the border, so curved reprojections are covered
      for (const auto& [c, r] : {std::pair{w * k / 8, 0.0}, std::pair{w * k / 8, h},
                                 std::pair{0.0, h * k / 8}, std::pair{w, h * k / 8}}) {
        xs.push_back(gt_[0] + c * gt_[1] + r * gt_[2]);
        ys.push_back(gt_[3] + c * gt_[4] + r * gt_[5]);
      }
  }

 private:
  void ToPixel(double x, double y, double& c, double& r) const {
    c = inv_[0] + x * inv_[1] + y * inv_[2];
    r = inv_[3] + x * inv_[4] + y * inv_[5];
  }
  double Value(int i, int j) const {
    const float v = data_[static_cast<std::size_t>(j) * nx_ + i];
    return std::isfinite(v) ? v : NAN;
  }

  double gt_[6] = {};
  double inv_[6] = {};
  GDALRasterBand* band_ = nullptr;
  double nodata_ = 0;
  bool has_nodata_ = false;
  std::string file_;
  int x0_ = 0, y0_ = 0, nx_ = 0, ny_ = 0;  // the window's origin (raster pixels), data_'s size
  double scale_x_ = 1, scale_y_ = 1;        // raster pixels per pixel of data_
  std::vector<float> data_;
};

// Nodata holes of at most this many nodes inside the data are dropouts (a dark roof, glass, a
// lidar shadow at a wall's foot), not the edge of the survey: they are filled. A hole left open
// would cut the mesh around it: every cell touching a nodata node is dropped, so one missing
// pixel at a wall's foot opens a 2 x 2 pixel window through the wall.
constexpr std::size_t kMaxFilledHoleNodes = 25;

// Fills the small nodata holes of `hf` from their rims, ring by ring (each node the mean of its
// valid 8-neighbours), and returns how many nodes it filled. Holes that touch the grid's border
// (outside the raster) or are larger stay nodata.
std::size_t FillSmallHoles(Heightfield& hf) {
  const int nx = hf.nx, ny = hf.ny;
  const auto at = [nx](int i, int j) { return static_cast<std::size_t>(j) * nx + i; };
  std::vector<std::uint8_t> seen(hf.z.size(), 0);
  std::size_t filled = 0;
  std::vector<std::pair<int, int>> hole, stack;
  for (int j0 = 0; j0 < ny; ++j0)
    for (int i0 = 0; i0 < nx; ++i0) {
      if (seen[at(i0, j0)] || std::isfinite(hf.z[at(i0, j0)])) continue;
      // The 4-connected hole around (i0, j0).
      hole.clear();
      stack.assign(1, {i0, j0});
      seen[at(i0, j0)] = 1;
      bool border = false;
      while (!stack.empty()) {
        const auto [i, j] = stack.back();
        stack.pop_back();
        hole.emplace_back(i, j);
        border |= i == 0 || j == 0 || i == nx - 1 || j == ny - 1;
        for (const auto& [di, dj] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}}) {
          const int a = i + di, b = j + dj;
          if (a < 0 || b < 0 || a >= nx || b >= ny || seen[at(a, b)] || std::isfinite(hf.z[at(a, b)])) continue;
          seen[at(a, b)] = 1;
          stack.emplace_back(a, b);
        }
      }
      if (border || hole.size() > kMaxFilledHoleNodes) continue;
      // Ring by ring from the rim: a node is filled once it has a valid neighbour.
      std::vector<std::pair<std::size_t, float>> ring;
      for (std::size_t left = hole.size(); left > 0;) {
        ring.clear();
        for (const auto& [i, j] : hole) {
          if (std::isfinite(hf.z[at(i, j)])) continue;
          double sum = 0;
          int n = 0;
          for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di) {
              const int a = i + di, b = j + dj;
              if (a < 0 || b < 0 || a >= nx || b >= ny || !std::isfinite(hf.z[at(a, b)])) continue;
              sum += hf.z[at(a, b)];
              ++n;
            }
          if (n) ring.emplace_back(at(i, j), static_cast<float>(sum / n));
        }
        for (const auto& [k, z] : ring) hf.z[k] = z;
        left -= ring.size();
        filled += ring.size();
      }
    }
  return filled;
}

}  // namespace

// Metres per raster value: the band's unit when it names one, else the CRS's z unit.
double RasterZToMetres(GDALRasterBand& band, const LayerTransform& transform,
                       const std::string& file, core::Diagnostics& diagnostics) {
  const std::string unit = core::AsciiLower(band.GetUnitType() ? band.GetUnitType() : "");
  if (unit == "m" || unit == "metre" || unit == "meter" || unit == "metres" || unit == "meters")
    return 1;
  if (unit == "ft" || unit == "foot" || unit == "feet" || unit == "international foot") return 0.3048;
  if (unit == "us-ft" || unit == "ftus" || unit == "us survey foot" || unit == "us_survey_foot")
    return 1200.0 / 3937.0;
  if (transform.z_unit_assumed())
    diagnostics.Warn("raster values in a feet CRS without unit taken in feet", file);
  return transform.z_to_metres();
}

void ReadRasterSurface(const CitySource& source, SourceRole role, ReadContext& ctx) {
  const std::string file = source.path.string();
  DatasetPtr ds = OpenDataset(file, GDAL_OF_RASTER);
  if (!ds) throw core::InputError(file, "", "cannot open as a raster: " + LastGdalError());
  if (ds->GetRasterCount() < 1) throw core::InputError(file, "", "raster has no bands");
  if (role == SourceRole::terrain && ctx.city.terrain)
    throw core::InputError(file, "", "only one terrain (DEM) raster is supported per scenario");
  RasterWindow raster(*ds, file);
  const OGRSpatialReference* srs = ds->GetSpatialRef();
  const std::string crs =
      ResolveSourceCrs(FileCrsWkt(srs), source, ctx.fallback_crs, ctx.diagnostics);
  const LayerTransform transform(crs, ctx.frame, file);
  const double z_to_metres = RasterZToMetres(*ds->GetRasterBand(1), transform, file, ctx.diagnostics);

  SourceSummary summary = StartSummary(file, ds->GetDriverName());
  summary.crs = transform.source_name();
  {
    std::vector<double> xs, ys;
    raster.ExtentCorners(xs, ys);
    for (std::size_t i = 0; i < xs.size(); ++i) summary.extent_source.Extend(xs[i], ys[i]);
  }

  // Grid extent in local metres: the area, or the whole raster.
  Box2d area;
  if (!ctx.area.bounds.empty()) {
    area.Extend(ctx.area.bounds.min_x - ctx.frame.origin_x, ctx.area.bounds.min_y - ctx.frame.origin_y);
    area.Extend(ctx.area.bounds.max_x - ctx.frame.origin_x, ctx.area.bounds.max_y - ctx.frame.origin_y);
  } else {
    std::vector<double> xs, ys;
    raster.ExtentCorners(xs, ys);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      double x = xs[i], y = ys[i];
      if (transform.ToLocal(x, y, ctx.frame)) area.Extend(x, y);
    }
  }
  if (area.empty()) throw core::InputError(file, "", "raster extent cannot be placed in the frame");
  // Without an area the city's extent is the raster's own, to the pixel edges (the mesh, with its
  // nodes on the pixel centres, stops half a pixel short): a grid at the raster's resolution then
  // has its cells on the pixels, each target over one DSM value, instead of on pixel corners
  // between four (a one-cell fence or a tree-crown gap averaged away).
  if (ctx.area.bounds.empty()) {
    ctx.city.area.Extend(area.min_x, area.min_y);
    ctx.city.area.Extend(area.max_x, area.max_y);
  }
  if (!core::SaneXY(area.min_x) || !core::SaneXY(area.max_x) || !core::SaneXY(area.min_y) || !core::SaneXY(area.max_y))
    throw core::InputError(file, "", "raster extent lies outside the supported range (|x|, |y| < 1e7 m from the "
                                     "frame origin): is its georeferencing corrupt?");

  // Spacing: the raster's own resolution measured in the frame, coarsened to the node limit.
  double spacing;
  {
    std::vector<double> xs, ys;
    raster.ExtentCorners(xs, ys);
    double x0 = xs[0], y0 = ys[0];
    double x1 = xs[0] + raster.pixel_size(), y1 = ys[0];
    transform.ToLocal(x0, y0, ctx.frame);
    transform.ToLocal(x1, y1, ctx.frame);
    spacing = std::hypot(x1 - x0, y1 - y0);
    if (!(spacing > 0)) spacing = 1.0;
  }
  if (!std::isfinite(area.width()) || !std::isfinite(area.height()) || !std::isfinite(spacing))
    throw core::InputError(file, "", "raster extent cannot be placed in the frame");
  const auto nodes_at = [&](double s) { return (area.width() / s + 1) * (area.height() / s + 1); };
  if (nodes_at(spacing) > ctx.max_terrain_nodes) {
    // One step fits a square-ish area; a sliver (a corrupt header's pixel 1e-12 m wide and 9 m
    // tall made 245 M nodes and 7.8 GB) needs a few, as the +1 of its thin side stops shrinking.
    for (int step = 0; step < 64 && nodes_at(spacing) > ctx.max_terrain_nodes; ++step)
      spacing *= std::sqrt(nodes_at(spacing) / ctx.max_terrain_nodes) * 1.001;
    ctx.diagnostics.Warn("terrain resampled to a coarser grid (node limit)",
                         file + ": " + std::to_string(spacing) + " m spacing");
  }

  // Nodes on the pixel centres where the raster is in the frame's CRS at full resolution, so
  // heights are the raster's own values, not averages of four pixels.
  double cx = 0, cy = 0;
  raster.PixelCentre(cx, cy);
  if (!transform.ToLocal(cx, cy, ctx.frame)) cx = cy = 0;
  Heightfield hf;
  hf.spacing = spacing;
  hf.x0 = cx + std::floor((area.min_x - cx) / spacing) * spacing;
  hf.y0 = cy + std::floor((area.min_y - cy) / spacing) * spacing;
  hf.nx = static_cast<int>(std::ceil((area.max_x - hf.x0) / spacing)) + 1;
  hf.ny = static_cast<int>(std::ceil((area.max_y - hf.y0) / spacing)) + 1;
  std::vector<double> xs, ys;
  xs.reserve(static_cast<std::size_t>(hf.nx) * hf.ny);
  ys.reserve(xs.capacity());
  for (int j = 0; j < hf.ny; ++j)
    for (int i = 0; i < hf.nx; ++i) {
      xs.push_back(hf.x0 + i * spacing);
      ys.push_back(hf.y0 + j * spacing);
    }
  transform.FromLocal(xs, ys, ctx.frame);
  raster.Load(xs, ys, 4 * ctx.max_terrain_nodes);
  if (const std::size_t dropped = raster.DropImplausible())
    ctx.diagnostics.Warn("raster values outside -500..9000 m treated as nodata",
                         file + ": band 1: " + std::to_string(dropped) + " pixels");
  hf.z.resize(xs.size());
  std::size_t valid = 0;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const double z = std::isfinite(xs[k]) ? raster.Sample(xs[k], ys[k]) : NAN;
    hf.z[k] = static_cast<float>(z * z_to_metres);
    valid += std::isfinite(z);
  }
  if (valid == 0) throw core::InputError(file, "", "the raster has no data inside the area");
  if (const std::size_t filled = FillSmallHoles(hf)) {
    ctx.diagnostics.Warn("small nodata holes filled from their rims",
                         file + ": " + std::to_string(filled) + " nodes in holes of up to " +
                             std::to_string(kMaxFilledHoleNodes) + " pixels");
    valid += filled;
  }
  if (valid < hf.z.size()) {
    // Where the terrain has no data there is no ground to evaluate: say how much, in m2 and
    // as a share, since the coverage percentages are taken over what is left.
    const std::size_t missing = hf.z.size() - valid;
    char text[160];
    std::snprintf(text, sizeof text, "%zu nodes, about %.0f m2 (%.0f %% of the area): not evaluated",
                  missing, missing * hf.spacing * hf.spacing, 100.0 * missing / hf.z.size());
    ctx.diagnostics.Warn("terrain nodes without data (nodata or outside the raster)", file + ": " + text);
  }

  // Mesh: two up-facing triangles per grid cell whose four corners have data.
  Feature f;
  f.kind = role == SourceRole::terrain ? "terrain" : "surface";
  f.layer = "band 1";
  f.source = source.path.filename().string();
  f.height_source = HeightSource::none;
  const auto fid = static_cast<std::uint32_t>(ctx.city.features.size());
  ctx.city.features.push_back(f);
  const std::size_t first_vertex = ctx.city.vertices.size();
  std::vector<std::uint32_t> vid(hf.z.size(), 0);
  for (int j = 0; j < hf.ny; ++j)
    for (int i = 0; i < hf.nx; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * hf.nx + i;
      if (std::isfinite(hf.z[k]))
        vid[k] = AddVertex(ctx.city, hf.x0 + i * spacing, hf.y0 + j * spacing, hf.z[k]);
    }
  for (int j = 0; j + 1 < hf.ny; ++j)
    for (int i = 0; i + 1 < hf.nx; ++i) {
      const std::size_t k00 = static_cast<std::size_t>(j) * hf.nx + i, k10 = k00 + 1,
                        k01 = k00 + hf.nx, k11 = k01 + 1;
      if (!std::isfinite(hf.z[k00]) || !std::isfinite(hf.z[k10]) || !std::isfinite(hf.z[k01]) ||
          !std::isfinite(hf.z[k11]))
        continue;
      AddTriangle(ctx.city, vid[k00], vid[k10], vid[k11], fid, Surface::terrain);
      AddTriangle(ctx.city, vid[k00], vid[k11], vid[k01], fid, Surface::terrain);
    }
  summary.features_per_layer.emplace_back(
      "band 1: " + std::to_string(hf.nx) + " x " + std::to_string(hf.ny) + " nodes at " +
          std::to_string(spacing).substr(0, 5) + " m",
      1);
  FinishSummary(summary, ctx.city, first_vertex);
  ctx.city.sources.push_back(std::move(summary));
  if (role == SourceRole::terrain) {
    ctx.city.terrain = std::move(hf);
    ctx.city.ground_source = GroundSource::dem;
  } else if (!ctx.city.surface) {
    ctx.city.surface = std::move(hf);
  }
}

}  // namespace geo::detail
