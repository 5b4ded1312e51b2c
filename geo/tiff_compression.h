// How a GeoTIFF's tiles are compressed.
#pragma once

#include <array>

namespace geo {

// ZSTD (level 1) writes Monaco's 31 M cells in about a third of deflate's time (level 1) into a
// third of its size; deflate is for readers whose libtiff lacks ZSTD (older ArcGIS, MATLAB).
enum class TiffCompression { zstd, deflate };

// GTiff creation options for `compression` (COMPRESS and its level, null-padded): a GDAL whose
// libtiff lacks ZSTD (not Debian's) gets deflate rather than no file.
std::array<const char*, 2> TiffCompressionOptions(TiffCompression compression);

}  // namespace geo
