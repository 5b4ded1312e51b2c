// The message a scenario text is refused with, for tests of the parser's errors.
#pragma once

#include <string>

#include "core/error.h"
#include "scenario/scenario.h"

namespace testing_util {

// "(accepted)" when the text parses.
inline std::string ScenarioErrorOf(const std::string& yaml, const std::string& file = "/tmp/s.yaml") {
  try {
    scenario::ParseScenario(yaml, file);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace testing_util
