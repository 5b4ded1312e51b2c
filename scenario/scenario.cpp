#include "scenario/scenario.h"

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "scenario/parser.h"

namespace scenario {

Scenario ParseScenario(const std::string& yaml, const std::filesystem::path& file) {
  return detail::Parser(file).Parse(yaml);
}

Scenario LoadScenario(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw core::InputError(file.string(), "", "cannot open scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseScenario(text.str(), file);
}

}  // namespace scenario
