// The scenario file (YAML, versioned): what city to load, where, and (as the engine grows)
// cameras, zones and network. Parsed strictly: unknown keys are errors with their line.
#pragma once

#include <filesystem>
#include <string>

#include "geo/city_sources.h"

namespace scenario {

struct Scenario {
  std::filesystem::path file;  // the YAML file; relative paths inside resolve against its folder
  int version = 1;
  std::string name;
  geo::CityLoadOptions city;  // city sources, crs, area, defaults
};

// Throws core::InputError naming the file and line for any problem.
Scenario LoadScenario(const std::filesystem::path& file);
// Same, from text; `file` is used for messages and to resolve relative paths.
Scenario ParseScenario(const std::string& yaml, const std::filesystem::path& file);

}  // namespace scenario
