#include "geo/background.h"

#include <fmt/format.h>
#include <gdal_alg.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {
namespace {

using detail::DatasetPtr;

// GDAL's command-line style options as a NULL-terminated array that owns its strings.
class Args {
 public:
  Args& operator<<(std::string s) {
    text_.push_back(std::move(s));
    return *this;
  }
  char** get() {
    ptrs_.clear();
    for (std::string& s : text_) ptrs_.push_back(s.data());
    ptrs_.push_back(nullptr);
    return ptrs_.data();
  }

 private:
  std::vector<std::string> text_;
  std::vector<char*> ptrs_;
};

// The bands that make the picture, as a Byte VRT: grey (+ alpha) or red, green, blue (+ alpha).
DatasetPtr PictureBands(GDALDataset& ds, const std::string& file) {
  const int count = ds.GetRasterCount();
  GDALRasterBand* first = ds.GetRasterBand(1);
  Args args;
  args << "-of" << "VRT";
  int alpha = 0;
  for (int b = 1; b <= count; ++b)
    if (ds.GetRasterBand(b)->GetColorInterpretation() == GCI_AlphaBand) alpha = b;
  std::vector<int> colour;
  if (first->GetColorTable() && count <= 2) {
    args << "-expand" << "rgba";  // a paletted scan: its colours, transparent entries kept
  } else {
    if (count >= 3) {
      int r = 0, g = 0, b = 0;
      for (int i = 1; i <= count; ++i) {
        const GDALColorInterp ci = ds.GetRasterBand(i)->GetColorInterpretation();
        if (ci == GCI_RedBand && !r) r = i;
        if (ci == GCI_GreenBand && !g) g = i;
        if (ci == GCI_BlueBand && !b) b = i;
      }
      colour = r && g && b ? std::vector<int>{r, g, b} : std::vector<int>{1, 2, 3};
    } else {
      colour = {1};
    }
    for (int b : colour) args << "-b" << std::to_string(b);
    if (alpha && std::find(colour.begin(), colour.end(), alpha) == colour.end())
      args << "-b" << std::to_string(alpha);
    if (first->GetRasterDataType() != GDT_Byte) {  // 16-bit or float: stretched to bytes
      double lo = HUGE_VAL, hi = -HUGE_VAL;
      for (int b : colour) {
        double mm[2] = {0, 0};
        if (GDALComputeRasterMinMax(GDALRasterBand::ToHandle(ds.GetRasterBand(b)), TRUE, mm) != CE_None)
          continue;
        lo = std::min(lo, mm[0]), hi = std::max(hi, mm[1]);
      }
      if (!(hi > lo)) throw core::InputError(file, "", "the raster holds no values to show (all no data or one value)");
      args << "-ot" << "Byte";
      for (std::size_t i = 0; i < colour.size(); ++i)
        args << fmt::format("-scale_{}", i + 1) << fmt::format("{:.17g}", lo) << fmt::format("{:.17g}", hi)
             << "1" << "255";  // 0 stays free for no data
    }
  }
  GDALTranslateOptions* options = GDALTranslateOptionsNew(args.get(), nullptr);
  int failed = 0;
  DatasetPtr vrt(GDALDataset::FromHandle(
      GDALTranslate("", GDALDataset::ToHandle(&ds), options, &failed)));
  GDALTranslateOptionsFree(options);
  if (!vrt || failed) throw core::InputError(file, "", "cannot read its bands as a picture: " + detail::LastGdalError());
  return vrt;
}

std::string CrsName(const OGRSpatialReference* srs) {
  const char* name = srs ? srs->GetName() : nullptr;
  return name ? name : "unnamed";
}

}  // namespace

BackgroundImage LoadBackground(const std::filesystem::path& path, const Frame& frame,
                               const Box2d& area, const BackgroundOptions& options) {
  detail::EnsureGdal();
  const std::string file = path.string();
  DatasetPtr ds = detail::OpenDataset(file, GDAL_OF_RASTER);
  if (!ds) throw core::InputError(file, "", "cannot open as a raster: " + detail::WhyNotOpened(file));
  if (ds->GetRasterCount() < 1) throw core::InputError(file, "", "has no raster bands");
  // Without overviews GDAL reads every pixel to make the picture: minutes for a big scan.
  constexpr double kMaxPixelsWithoutOverviews = 16384.0 * 16384.0;
  if (double(ds->GetRasterXSize()) * ds->GetRasterYSize() > kMaxPixelsWithoutOverviews &&
      ds->GetRasterBand(1)->GetOverviewCount() == 0)
    throw core::InputError(file, "",
                           fmt::format("is {} x {} px without overviews: reading it whole would take minutes; "
                                       "build them first (gdaladdo -r average {})",
                                       ds->GetRasterXSize(), ds->GetRasterYSize(), file));
  double gt[6];
  const bool has_gt = ds->GetGeoTransform(gt) == CE_None;
  const bool has_gcps = ds->GetGCPCount() > 0;
  if (!has_gt && !has_gcps)
    throw core::InputError(file, "", "has no georeferencing (no geotransform, world file or ground control "
                                     "points): georeference the picture first, e.g. in QGIS");
  const OGRSpatialReference* srs = has_gt ? ds->GetSpatialRef() : ds->GetGCPSpatialRef();
  if (detail::FileCrsWkt(srs).empty())
    throw core::InputError(file, "", "has no CRS: give it one (gdal_edit.py -a_srs EPSG:<code> " + file + ")");
  {  // the CRS must lead into the frame's
    const OGRSpatialReference frame_srs = detail::SpatialRefFromWkt(frame.crs_wkt);
    OGRSpatialReference source = *srs;
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformation* ct = OGRCreateCoordinateTransformation(&source, &frame_srs);
    if (ct) OGRCoordinateTransformation::DestroyCT(ct);
    else
      throw core::InputError(file, "", "its CRS '" + CrsName(srs) + "' cannot be transformed into the scenario's (" +
                                           frame.Label() + "): " + detail::LastGdalError());
  }
  const DatasetPtr picture = PictureBands(*ds, file);

  // Where it lands in the frame and at what resolution it was made.
  const std::string dst_srs = "DST_SRS=" + frame.crs_wkt;
  const char* transformer_options[] = {dst_srs.c_str(), nullptr};
  void* transformer = GDALCreateGenImgProjTransformer2(GDALDataset::ToHandle(picture.get()), nullptr,
                                                       const_cast<char**>(transformer_options));
  if (!transformer)
    throw core::InputError(file, "", "cannot be reprojected into the scenario's CRS (" + frame.Label() +
                                         "): " + detail::LastGdalError());
  double suggested[6];
  int sx = 0, sy = 0;
  double bounds[4];  // min x, min y, max x, max y in the frame's CRS
  const CPLErr err = GDALSuggestedWarpOutput2(GDALDataset::ToHandle(picture.get()), GDALGenImgProjTransform,
                                              transformer, suggested, &sx, &sy, bounds, 0);
  GDALDestroyGenImgProjTransformer(transformer);
  if (err != CE_None)
    throw core::InputError(file, "", "cannot be reprojected into the scenario's CRS (" + frame.Label() +
                                         "): " + detail::LastGdalError());
  Box2d footprint;
  footprint.Extend(bounds[0] - frame.origin_x, bounds[1] - frame.origin_y);
  footprint.Extend(bounds[2] - frame.origin_x, bounds[3] - frame.origin_y);
  if (area.empty() || footprint.max_x <= area.min_x || footprint.min_x >= area.max_x ||
      footprint.max_y <= area.min_y || footprint.min_y >= area.max_y)
    throw core::InputError(
        file, "",
        fmt::format("lies outside the scenario's area: it covers {:.0f} .. {:.0f} E, {:.0f} .. {:.0f} N, the area "
                    "{:.0f} .. {:.0f} E, {:.0f} .. {:.0f} N ({}); is its CRS right?",
                    bounds[0], bounds[2], bounds[1], bounds[3], area.min_x + frame.origin_x,
                    area.max_x + frame.origin_x, area.min_y + frame.origin_y, area.max_y + frame.origin_y,
                    frame.Label()));

  BackgroundImage out;
  const double across = std::max(area.max_x - area.min_x, area.max_y - area.min_y);
  const double native = std::abs(suggested[1]);
  out.pixel_m = std::max({native, options.finest_m, across / std::max(options.max_pixels, 1)});
  out.width = std::clamp(int(std::ceil((area.max_x - area.min_x) / out.pixel_m - 1e-9)), 1, options.max_pixels);
  out.height = std::clamp(int(std::ceil((area.max_y - area.min_y) / out.pixel_m - 1e-9)), 1, options.max_pixels);
  out.extent.Extend(area.min_x, area.max_y - out.height * out.pixel_m);
  out.extent.Extend(area.min_x + out.width * out.pixel_m, area.max_y);

  const bool paletted = ds->GetRasterBand(1)->GetColorTable() && ds->GetRasterCount() <= 2;
  Args args;
  args << "-of" << "MEM" << "-t_srs" << frame.crs_wkt << "-te"
       << fmt::format("{:.17g}", out.extent.min_x + frame.origin_x) << fmt::format("{:.17g}", out.extent.min_y + frame.origin_y)
       << fmt::format("{:.17g}", out.extent.max_x + frame.origin_x) << fmt::format("{:.17g}", out.extent.max_y + frame.origin_y)
       << "-ts" << std::to_string(out.width) << std::to_string(out.height)
       // A shrunk picture averages its pixels; a palette's colours are never mixed.
       << "-r" << (paletted ? "near" : out.pixel_m > 1.5 * native ? "average" : "bilinear") << "-dstalpha";
  GDALWarpAppOptions* warp_options = GDALWarpAppOptionsNew(args.get(), nullptr);
  GDALDatasetH source = GDALDataset::ToHandle(picture.get());
  int failed = 0;
  const DatasetPtr warped(GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &source, warp_options, &failed)));
  GDALWarpAppOptionsFree(warp_options);
  if (!warped || failed)
    throw core::InputError(file, "", "cannot be reprojected into the scenario's CRS (" + frame.Label() +
                                         "): " + detail::LastGdalError());

  // Colour bands first (one grey or three), the alpha band last.
  const int bands = warped->GetRasterCount();
  const std::size_t n = std::size_t(out.width) * out.height;
  std::vector<std::uint8_t> plane(n);
  out.rgba.assign(n * 4, 255);
  auto read = [&](int band) {
    if (warped->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, out.width, out.height, plane.data(), out.width,
                                              out.height, GDT_Byte, 0, 0) != CE_None)
      throw core::InputError(file, "", "cannot read its pixels: " + detail::LastGdalError());
  };
  const int colours = bands >= 4 ? 3 : 1;
  for (int c = 0; c < 3; ++c) {
    if (c < colours) read(c + 1);
    for (std::size_t i = 0; i < n; ++i) out.rgba[i * 4 + c] = plane[i];
  }
  read(bands);
  for (std::size_t i = 0; i < n; ++i) out.rgba[i * 4 + 3] = plane[i];
  return out;
}

}  // namespace geo
