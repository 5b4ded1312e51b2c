#include "geo/viewshed.h"

#include <gdal_alg.h>

#include <cmath>
#include <stdexcept>

#include "geo/gdal_util.h"

namespace geo {

std::vector<std::uint8_t> Viewshed(const RasterGrid& grid, const std::vector<float>& surface,
                                   const ViewshedOptions& o) {
  detail::EnsureGdal();
  if (surface.size() != static_cast<std::size_t>(grid.nx) * grid.ny)
    throw std::logic_error("Viewshed: surface does not match the grid");
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  detail::DatasetPtr dsm(mem->Create("", grid.nx, grid.ny, 1, GDT_Float32, nullptr));
  double gt[6] = {grid.min_x, grid.cell_m, 0, grid.max_y, 0, -grid.cell_m};
  dsm->SetGeoTransform(gt);
  GDALRasterBand* band = dsm->GetRasterBand(1);
  if (band->RasterIO(GF_Write, 0, 0, grid.nx, grid.ny, const_cast<float*>(surface.data()), grid.nx, grid.ny,
                     GDT_Float32, 0, 0) != CE_None)
    throw std::runtime_error("Viewshed: cannot fill the surface raster");
  detail::DatasetPtr out(GDALDataset::FromHandle(GDALViewshedGenerate(
      band, "MEM", "", nullptr, o.observer_x, o.observer_y, o.observer_height_m, o.target_height_m,
      /*visible*/ 1, /*invisible*/ 0, /*out of range*/ 0, /*nodata*/ 0, /*curvature*/ 0, GVM_Edge,
      o.max_distance_m, nullptr, nullptr, GVOT_NORMAL, nullptr)));
  if (!out) throw std::runtime_error("GDAL viewshed failed: " + detail::LastGdalError());
  // With a maximum distance GDAL returns only the window around the observer: place it.
  double ogt[6];
  out->GetGeoTransform(ogt);
  const int ox = static_cast<int>(std::lround((ogt[0] - gt[0]) / grid.cell_m));
  const int oy = static_cast<int>(std::lround((gt[3] - ogt[3]) / grid.cell_m));
  const int w = out->GetRasterXSize(), h = out->GetRasterYSize();
  std::vector<std::uint8_t> window(static_cast<std::size_t>(w) * h);
  if (out->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, window.data(), w, h, GDT_Byte, 0, 0) != CE_None)
    throw std::runtime_error("GDAL viewshed: cannot read the result");
  std::vector<std::uint8_t> mask(surface.size(), 0);
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const int gc = ox + c, gr = oy + r;
      if (gc >= 0 && gc < grid.nx && gr >= 0 && gr < grid.ny)
        mask[static_cast<std::size_t>(gr) * grid.nx + gc] = window[static_cast<std::size_t>(r) * w + c];
    }
  return mask;
}

}  // namespace geo
