// Case-insensitive matching of keys, names and extensions that are ASCII by convention (column
// names, zone kinds, density levels, camera ids, file extensions).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace core {

inline std::string AsciiLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace core
