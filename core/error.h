// Errors in user input: they name the file, the place in it and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace core {

// Thrown at the boundary where user input (files, scenario keys, CLI values) is validated.
// The CLI maps it to exit code 1; the GUI shows it and keeps the current project.
class InputError : public std::runtime_error {
 public:
  // file: the offending file ("" if none); where: "line 12", "feature 345", "band 1"... ("" if
  // the whole file); problem: what is wrong, in words a planner understands.
  InputError(std::string file, std::string where, std::string problem);

  const std::string& file() const { return file_; }
  const std::string& where() const { return where_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  std::string where_;
  std::string problem_;
};

}  // namespace core
