// An RGBA picture handed between modules: camera-eye renders (render module) into the report,
// test charts out of it.
#pragma once

#include <cstdint>
#include <vector>

namespace report {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4, row 0 at the top
};

}  // namespace report
