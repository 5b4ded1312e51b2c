// A background picture for maps and the 3D view: any GDAL raster the planner has (an
// orthophoto GeoTIFF, a scanned plan georeferenced by a world file or ground control points)
// reprojected into the scenario's frame over the area, as RGBA at a capped size.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "geo/frame.h"
#include "geo/vec.h"

namespace geo {

struct BackgroundOptions {
  int max_pixels = 2048;         // the longer side of the image, at most (a texture, a map)
  double finest_m = 0.05;        // no finer than this per pixel, whatever the source's
};

// North-up RGBA rows over `extent` (local frame metres): pixel (0, 0) is the north-west corner.
// Alpha is 0 where the raster has no data (nodata, its alpha or mask, outside its footprint).
struct BackgroundImage {
  int width = 0, height = 0;
  double pixel_m = 0;  // square pixels, metres
  Box2d extent;        // min_x/max_y: the north-west corner; width * pixel_m across
  std::vector<std::uint8_t> rgba;

  bool empty() const { return rgba.empty(); }
};

// Reads `file` and warps it (GDALWarp, bilinear or averaged when shrunk) into `frame` over
// `area` (local metres), at the source's own resolution or coarser to keep within
// max_pixels. One band: grey, or its colour table; three or more: red, green, blue (and
// alpha) by their colour interpretation, else the first three; other than bytes: stretched
// from the band's minimum to maximum. Throws core::InputError naming the file when it cannot
// be read, has no georeferencing (geotransform or GCPs) or no CRS, its CRS cannot be
// transformed into the frame's, or it lies outside the area.
BackgroundImage LoadBackground(const std::filesystem::path& file, const Frame& frame,
                               const Box2d& area, const BackgroundOptions& options = {});

}  // namespace geo
