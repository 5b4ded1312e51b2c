// How a GeoTIFF's tiles are compressed.
#pragma once

namespace geo {

// ZSTD (level 1) writes Monaco's 31 M cells in about a third of deflate's time (level 1) into a
// third of its size; deflate is for readers whose libtiff lacks ZSTD (older ArcGIS, MATLAB).
enum class TiffCompression { zstd, deflate };

}  // namespace geo
