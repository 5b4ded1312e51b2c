// A GDAL VRT mosaic: one raster made of several GeoTIFFs side by side (the bands of rows that
// the ranks of a distributed run write, each its own file), built by GDAL's own GDALBuildVRT.
// Any GDAL reader (QGIS, gdal_translate, rasterio) then sees one raster; the pixels are the
// sources' own, nothing is resampled: the sources share the resolution and meet on whole cells.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace geo {

struct VrtMosaicOptions {
  std::vector<std::string> band_descriptions;  // set on the VRT's bands (GDALBuildVRT drops them)
  // The sources' nodata, for sources that do not overlap: then their pixels are read as they
  // are (simple sources, no masking pass) and the VRT's bands carry this nodata.
  std::optional<double> nodata;
};

// Writes `vrt` (temporary file, renamed) over `sources`, which lie in or under the VRT's
// folder and are referenced relative to it, so the folder can be moved as a whole.
void WriteVrtMosaic(const std::filesystem::path& vrt, const std::vector<std::filesystem::path>& sources,
                    const VrtMosaicOptions& options = {});

}  // namespace geo
