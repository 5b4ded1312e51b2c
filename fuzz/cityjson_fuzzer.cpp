// libFuzzer target: the CityJSON reader -> CityModel -> Embree scene. The reader takes a file
// path (std::ifstream), so each input is written to a per-process file in the temp folder.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "fuzz/fuzz_city.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("sightline-fuzz-" + std::to_string(::getpid()) + ".city.json")).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);
  fuzz::LoadAndTrace(path, geo::SourceRole::buildings);
  return 0;
}
