#include "core/file_name.h"

namespace core {

std::string FileNameProblem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is '" + std::string(name) + "', which names a folder";
  for (const char c : name) {
    if (c == '/' || c == '\\') return "contains '" + std::string(1, c) + "' (it names files in the output folder)";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "contains a control character";
  }
  // Windows drops a trailing space or dot from a file name: "C01 " would overwrite C01's files.
  if (name.front() == ' ' || name.back() == ' ' || name.back() == '.')
    return "begins or ends with a space, or ends with a dot (it names files in the output folder)";
  return "";
}

}  // namespace core
