// libFuzzer target: a reader that takes a file path (the CityJSON reader's std::ifstream,
// libcitygml's Xerces parser) -> CityModel -> Embree scene. Built once per format:
// FUZZ_EXTENSION picks the reader. Each input is written to a per-process file in the temp
// folder.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "fuzz/fuzz_city.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("sightline-fuzz-" + std::to_string(::getpid()) + FUZZ_EXTENSION))
                                      .string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);
  fuzz::LoadAndTrace(path, geo::SourceRole::buildings);
  return 0;
}
