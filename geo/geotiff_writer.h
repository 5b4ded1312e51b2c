// A GeoTIFF written a strip of rows at a time, so writing a raster costs memory in proportion
// to its width, not its area: the rows go straight into the file's tiles (compressed on all
// cores), and so do its overviews' rows (nearest, each level from the one above, the pixels
// GDAL's own overview builder picks), with no read-back at the end. The same rows given in any
// chunks make the same bytes (strips are buffered to whole tile rows), which is what lets ranks
// of a distributed run hand their bands to one writer and match a single process bit for bit.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "geo/frame.h"
#include "geo/raster_io.h"
#include "geo/tiff_compression.h"

namespace geo {

struct GeoTiffBand {
  std::string description;  // band name shown in QGIS
  double nodata = -9999;
};

class GeoTiffWriter {
 public:
  enum class Type { int16, float32 };  // one type for all bands, as in a GeoTIFF
  // Opens a temporary file beside `path` (renamed by Commit).
  GeoTiffWriter(const std::filesystem::path& path, const Frame& frame, const RasterGrid& grid, Type type,
                std::vector<GeoTiffBand> bands, TiffCompression compression = TiffCompression::zstd);
  ~GeoTiffWriter();
  GeoTiffWriter(const GeoTiffWriter&) = delete;
  GeoTiffWriter& operator=(const GeoTiffWriter&) = delete;

  // The next `rows` rows, band after band: values[b * rows * nx + row * nx + col]. Rows come in
  // order from the north edge; any number at a time.
  void AddRows(int rows, const std::vector<float>& values);
  // The next row, to be filled in place: one pointer per band (nx values each) into the strip
  // that goes to GDAL, valid until RowDone(). Saves a copy of rows the caller makes anyway.
  const std::vector<float*>& NextRow();
  void RowDone();
  // After the last row: close, rename.
  void Commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace geo
