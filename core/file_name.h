// Names from user files that become file and folder names in an output folder (a camera id is
// `<id>.mp4` and `<id>/gt/gt.txt` in a feeds run): a separator or ".." would write outside it.
#pragma once

#include <string>
#include <string_view>

namespace core {

// "" when `name` can name a file inside a folder on every system we write for, else why not:
// empty, "." or "..", a '/' or '\\', or a control character.
std::string FileNameProblem(std::string_view name);

}  // namespace core
