// Rasters on the evaluation grid: burning polygons into it, turning masks back into polygons,
// and writing GeoTIFF and PNG outputs. Grid cells are north-up, row 0 at the north edge.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <span>
#include <vector>

#include "geo/frame.h"
#include "geo/tiff_compression.h"
#include "geo/triangulate.h"

namespace geo {

struct RasterGrid {
  double min_x = 0, max_y = 0;  // local frame: west and north edges
  double cell_m = 1;
  int nx = 0, ny = 0;
};

// Polygons (local metres, holes kept) of the 4-connected regions where mask != 0.
std::vector<Polygon> PolygonizeMask(std::span<const std::uint8_t> mask, const RasterGrid& grid);

struct RasterBand {
  enum class Type { int16, int32, float32 };
  std::string description;  // band name shown in QGIS
  Type type = Type::float32;
  std::vector<double> values;  // nx * ny, row-major from the north-west cell
  double nodata = -9999;
};

// A tiled, compressed GeoTIFF in the frame's CRS with overviews (temp file, renamed).
void WriteGeoTiff(const std::filesystem::path& path, const Frame& frame, const RasterGrid& grid,
                  const std::vector<RasterBand>& bands, TiffCompression compression = TiffCompression::zstd);

// An RGBA image (width * height * 4 bytes) as PNG (temp file, renamed).
void WritePng(const std::filesystem::path& path, int width, int height,
              const std::vector<std::uint8_t>& rgba);

}  // namespace geo
