#include "geo/raster_io.h"

#include <gdal_alg.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/gdal_util.h"

namespace geo {
namespace {

detail::DatasetPtr MemRaster(const RasterGrid& grid, int bands, GDALDataType type, const Frame* frame) {
  detail::EnsureGdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  detail::DatasetPtr ds(mem->Create("", grid.nx, grid.ny, bands, type, nullptr));
  // Local coordinates unless a frame is given (then CRS coordinates, for outputs).
  const double ox = frame ? frame->origin_x : 0, oy = frame ? frame->origin_y : 0;
  double gt[6] = {grid.min_x + ox, grid.cell_m, 0, grid.max_y + oy, 0, -grid.cell_m};
  ds->SetGeoTransform(gt);
  if (frame) {
    OGRSpatialReference srs = detail::SpatialRefFromWkt(frame->crs_wkt);
    ds->SetSpatialRef(&srs);
  }
  return ds;
}

void CheckSize(const RasterGrid& grid, std::size_t n, const std::string& what) {
  if (n != static_cast<std::size_t>(grid.nx) * grid.ny)
    throw std::logic_error(what + ": values do not match the grid size");
}

}  // namespace

std::vector<Polygon> PolygonizeMask(std::span<const std::uint8_t> mask, const RasterGrid& grid) {
  CheckSize(grid, mask.size(), "PolygonizeMask");
  if (mask.empty()) return {};
  // The band reads the mask where it lies (MEM's DATAPOINTER): no copy of a whole-grid mask.
  detail::DatasetPtr ds = MemRaster(grid, 0, GDT_Byte, nullptr);
  char pointer[64] = {};
  CPLPrintPointer(pointer, const_cast<std::uint8_t*>(mask.data()), sizeof(pointer) - 1);
  char** options = CSLSetNameValue(nullptr, "DATAPOINTER", pointer);
  const CPLErr added = ds->AddBand(GDT_Byte, options);
  CSLDestroy(options);
  if (added != CE_None) throw std::runtime_error("polygonize: cannot wrap the mask: " + detail::LastGdalError());
  GDALRasterBand* band = ds->GetRasterBand(1);
  GDALDriver* memv = GetGDALDriverManager()->GetDriverByName("Memory");
  detail::DatasetPtr vds(memv->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* layer = vds->CreateLayer("mask", nullptr, wkbPolygon, nullptr);
  OGRFieldDefn value("value", OFTInteger);
  layer->CreateField(&value);
  // The band is its own mask: zero cells produce no polygons.
  if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None)
    throw std::runtime_error("polygonize failed: " + detail::LastGdalError());
  std::vector<Polygon> out;
  for (auto& f : *layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || wkbFlatten(g->getGeometryType()) != wkbPolygon) continue;
    Polygon poly;
    for (const OGRLinearRing* r : *g->toPolygon()) {
      Ring ring;
      for (int i = 0; i + 1 < r->getNumPoints(); ++i) ring.push_back({r->getX(i), r->getY(i)});
      poly.push_back(std::move(ring));
    }
    out.push_back(std::move(poly));
  }
  return out;
}

void WriteGeoTiff(const std::filesystem::path& path, const Frame& frame, const RasterGrid& grid,
                  const std::vector<RasterBand>& bands, TiffCompression compression) {
  const std::string file = path.string();
  if (bands.empty()) throw std::logic_error("WriteGeoTiff: no bands");
  // All bands share one type in a GeoTIFF: the widest asked for.
  GDALDataType type = GDT_Int16;
  for (const RasterBand& b : bands) {
    if (b.type == RasterBand::Type::float32) type = GDT_Float32;
    else if (b.type == RasterBand::Type::int32 && type == GDT_Int16) type = GDT_Int32;
  }
  detail::DatasetPtr mem = MemRaster(grid, static_cast<int>(bands.size()), type, &frame);
  for (std::size_t i = 0; i < bands.size(); ++i) {
    CheckSize(grid, bands[i].values.size(), bands[i].description);
    GDALRasterBand* band = mem->GetRasterBand(static_cast<int>(i) + 1);
    band->SetDescription(bands[i].description.c_str());
    band->SetNoDataValue(bands[i].nodata);
    if (band->RasterIO(GF_Write, 0, 0, grid.nx, grid.ny, const_cast<double*>(bands[i].values.data()),
                       grid.nx, grid.ny, GDT_Float64, 0, 0) != CE_None)
      throw core::InputError(file, bands[i].description, "cannot fill band: " + detail::LastGdalError());
  }
  // Overviews so QGIS draws the whole town quickly; nearest keeps classes and counts exact.
  int levels[4];
  int n_levels = 0;
  for (int f = 2; n_levels < 4 && std::max(grid.nx, grid.ny) / f >= 256; f *= 2) levels[n_levels++] = f;
  if (n_levels > 0) mem->BuildOverviews("NEAREST", n_levels, levels, 0, nullptr, nullptr, nullptr);

  core::AtomicOutput output(path);
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  const auto [compress, level] = TiffCompressionOptions(compression);
  const char* options[] = {"TILED=YES", compress, level, "COPY_SRC_OVERVIEWS=YES", nullptr};
  CPLErrorReset();
  detail::DatasetPtr out(gtiff->CreateCopy(output.temp_path().c_str(), mem.get(), FALSE,
                                           const_cast<char**>(options), nullptr, nullptr));
  if (!out) throw core::InputError(file, "", "cannot write GeoTIFF: " + detail::LastGdalError());
  CPLErrorReset();
  out.reset();  // flush and close before the rename; a full disk shows up here
  if (CPLGetLastErrorType() >= CE_Failure)
    throw core::InputError(file, "", "cannot write GeoTIFF: " + detail::LastGdalError());
  output.Commit();
}

void WritePng(const std::filesystem::path& path, int width, int height,
              const std::vector<std::uint8_t>& rgba) {
  const std::string file = path.string();
  detail::EnsureGdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  detail::DatasetPtr ds(mem->Create("", width, height, 4, GDT_Byte, nullptr));
  if (ds->RasterIO(GF_Write, 0, 0, width, height, const_cast<std::uint8_t*>(rgba.data()), width,
                   height, GDT_Byte, 4, nullptr, 4, 4 * width, 1) != CE_None)
    throw std::runtime_error("PNG: cannot fill image");
  core::AtomicOutput output(path);
  GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
  detail::DatasetPtr out(png->CreateCopy(output.temp_path().c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
  if (!out) throw core::InputError(file, "", "cannot write PNG: " + detail::LastGdalError());
  CPLErrorReset();
  out.reset();
  if (CPLGetLastErrorType() >= CE_Failure)
    throw core::InputError(file, "", "cannot write PNG: " + detail::LastGdalError());
  output.Commit();
}

}  // namespace geo
