#include "core/error.h"

namespace core {
namespace {

std::string Describe(const std::string& file, const std::string& where,
                     const std::string& problem) {
  std::string text;
  if (!file.empty()) text += file + ": ";
  if (!where.empty()) text += where + ": ";
  return text + problem;
}

}  // namespace

InputError::InputError(std::string file, std::string where, std::string problem)
    : std::runtime_error(Describe(file, where, problem)),
      file_(std::move(file)),
      where_(std::move(where)),
      problem_(std::move(problem)) {}

}  // namespace core
