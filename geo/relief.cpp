#include "geo/relief.h"

#include <gdal_alg.h>
#include <gdal_utils.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "geo/gdal_util.h"

namespace geo {
namespace {

// The heightfield as a one-band Float32 MEM raster: pixel centres on the nodes, north up.
detail::DatasetPtr ToRaster(const Heightfield& h) {
  detail::EnsureGdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  detail::DatasetPtr ds(mem->Create("", h.nx, h.ny, 1, GDT_Float32, nullptr));
  if (!ds) throw std::runtime_error("cannot make an in-memory raster: " + detail::LastGdalError());
  double gt[6] = {
      h.x0 - h.spacing / 2, h.spacing, 0, h.y0 + (h.ny - 0.5) * h.spacing, 0, -h.spacing};
  ds->SetGeoTransform(gt);
  std::vector<float> rows(h.z.size());
  for (int j = 0; j < h.ny; ++j)
    for (int i = 0; i < h.nx; ++i)
      rows[static_cast<std::size_t>(h.ny - 1 - j) * h.nx + i] = h.At(i, j);
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(std::numeric_limits<double>::quiet_NaN());
  if (band->RasterIO(GF_Write, 0, 0, h.nx, h.ny, rows.data(), h.nx, h.ny, GDT_Float32, 0, 0) !=
      CE_None)
    throw std::runtime_error("cannot fill an in-memory raster: " + detail::LastGdalError());
  return ds;
}

}  // namespace

Hillshade ShadeRelief(const Heightfield& h) {
  Hillshade out;
  if (h.nx < 3 || h.ny < 3) return out;
  const detail::DatasetPtr src = ToRaster(h);
  char* args[] = {const_cast<char*>("-of"), const_cast<char*>("MEM"),
                  const_cast<char*>("-compute_edges"), nullptr};
  GDALDEMProcessingOptions* options = GDALDEMProcessingOptionsNew(args, nullptr);
  int failed = 0;
  detail::DatasetPtr shaded(GDALDataset::FromHandle(GDALDEMProcessing(
      "", GDALDataset::ToHandle(src.get()), "hillshade", nullptr, options, &failed)));
  GDALDEMProcessingOptionsFree(options);
  if (!shaded || failed) return out;  // relief is decoration: a map without it is still right
  out.nx = h.nx, out.ny = h.ny;
  out.shade.resize(static_cast<std::size_t>(h.nx) * h.ny);
  if (shaded->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, h.nx, h.ny, out.shade.data(), h.nx, h.ny,
                                         GDT_Byte, 0, 0) != CE_None)
    return {};
  return out;
}

std::vector<ContourLine> ContourLines(const Heightfield& h, double interval_m) {
  std::vector<ContourLine> lines;
  if (h.nx < 2 || h.ny < 2 || !(interval_m > 0)) return lines;
  const detail::DatasetPtr src = ToRaster(h);
  GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
  detail::DatasetPtr vec(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* layer = vec->CreateLayer("contours", nullptr, wkbLineString, nullptr);
  OGRFieldDefn id("id", OFTInteger), elev("z", OFTReal);
  layer->CreateField(&id);
  layer->CreateField(&elev);
  const std::string interval = "LEVEL_INTERVAL=" + std::to_string(interval_m);
  const char* options[] = {interval.c_str(), "ID_FIELD=0", "ELEV_FIELD=1", nullptr};
  if (GDALContourGenerateEx(src->GetRasterBand(1), layer, const_cast<char**>(options), nullptr,
                            nullptr) != CE_None)
    return lines;
  layer->ResetReading();
  for (OGRFeature* f; (f = layer->GetNextFeature()) != nullptr; OGRFeature::DestroyFeature(f)) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || wkbFlatten(g->getGeometryType()) != wkbLineString) continue;
    const OGRLineString* ls = g->toLineString();
    ContourLine line{f->GetFieldAsDouble(1), {}};
    for (int i = 0; i < ls->getNumPoints(); ++i) line.points.push_back({ls->getX(i), ls->getY(i)});
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace geo
