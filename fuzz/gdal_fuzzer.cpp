// libFuzzer target: import through GDAL from an in-memory file (/vsimem/) -> CityModel ->
// Embree scene. Built once per format: FUZZ_EXTENSION (".geojson", ".osm", ".tif") picks the
// driver and FUZZ_ROLE the reader (footprints, OSM or terrain raster).
#include <cpl_vsi.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_city.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = std::string("/vsimem/fuzz") + FUZZ_EXTENSION;
  // GDAL reads the bytes in place (no copy, not taken over); unlinked before returning.
  VSIFCloseL(VSIFileFromMemBuffer(path.c_str(), const_cast<std::uint8_t*>(data), size, FALSE));
  fuzz::LoadAndTrace(path, geo::SourceRole::FUZZ_ROLE);
  VSIUnlink(path.c_str());
  return 0;
}
