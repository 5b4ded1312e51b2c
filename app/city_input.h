// The city inputs every verb shares: a scenario file, or data files plus flags.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "geo/city_sources.h"

namespace app {

struct CityInputOptions {
  std::vector<std::string> inputs;  // scenario.yaml, or data files
  std::string crs;
  std::vector<double> bbox;  // min_x min_y max_x max_y
  std::string bbox_crs = "EPSG:4326";
  std::string height_attribute;
  std::string levels_attribute;
  double default_height_m = 0;  // 0: keep the scenario's / built-in default
};

void AddCityInputOptions(CLI::App& cmd, CityInputOptions& o);

struct LoadedCity {
  std::string scenario_name;  // "" when loaded from plain files
  geo::CityModel city;
  core::Diagnostics diagnostics;
};

// Loads the city the options describe; throws core::InputError.
LoadedCity LoadCityInput(const CityInputOptions& o);

// "2 (49 objects), 1 (3 objects)": the LoDs a CityJSON/CityGML source was read at.
std::string LodUsedText(const geo::SourceSummary& source);
// Logs (stderr) what each source gave: buildings, BuildingParts, the LoD used.
void LogCitySources(const geo::CityModel& city);

// "8G", "512M", "8GB", "1.5 GiB" -> bytes (a bare number is MB); throws core::InputError.
std::uint64_t ParseMemorySize(const std::string& text, const std::string& option);
inline constexpr const char* kMaxMemoryHelp =
    "Memory the run may take, e.g. 8G, 512M or 64K; a plain number is megabytes (default: what is "
    "available); larger runs stop "
    "at once with the estimate";

// Prints warnings grouped by kind with a count and the first examples.
void PrintDiagnostics(const core::Diagnostics& diagnostics);

}  // namespace app
