// libFuzzer target: the scenario YAML parser. Bad input must end as core::InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    scenario::ParseScenario(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const core::InputError&) {
  }
  return 0;
}
