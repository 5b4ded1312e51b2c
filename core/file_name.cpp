#include "core/file_name.h"

namespace core {

std::string FileNameProblem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is '" + std::string(name) + "', which names a folder";
  for (const char c : name) {
    if (c == '/' || c == '\\') return "contains '" + std::string(1, c) + "' (it names files in the output folder)";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "contains a control character";
  }
  return "";
}

}  // namespace core
