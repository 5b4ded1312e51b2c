#include "app/city_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "core/error.h"
#include "core/limits.h"
#include "geo/frame.h"
#include "geo/load_city.h"
#include "scenario/scenario.h"

namespace app {

void AddCityInputOptions(CLI::App& cmd, CityInputOptions& o) {
  cmd.add_option("inputs", o.inputs,
                 "A scenario .yaml, or city data files (.osm/.pbf, .gpkg/.shp/.geojson footprints, "
                 ".city.json, DEM .tif)")
      ->required();
  cmd.add_option("--crs", o.crs, "Frame CRS, e.g. EPSG:3059 (default: scenario's, else first "
                                 "projected source CRS, else the UTM zone)");
  cmd.add_option("--bbox", o.bbox, "Area of interest: min_x min_y max_x max_y")
      ->expected(4)
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            const double v = std::strtod(text.c_str(), nullptr);
            return core::SaneXY(v) ? "" : "a bbox value must be a finite coordinate below 1e7 in magnitude";
          },
          "COORDINATE"));
  cmd.add_option("--bbox-crs", o.bbox_crs, "CRS of --bbox")->capture_default_str();
  cmd.add_option("--height-attribute", o.height_attribute, "Footprint height attribute name");
  cmd.add_option("--levels-attribute", o.levels_attribute, "Footprint levels attribute name");
  cmd.add_option("--default-height", o.default_height_m,
                 "Height (m) of buildings with no height or levels")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            const double v = std::strtod(text.c_str(), nullptr);
            return v > 0 && v <= 1000 ? "" : "must be a height in metres within (0, 1000], got " + text;
          },
          "METRES"));
}

LoadedCity LoadCityInput(const CityInputOptions& o) {
  LoadedCity loaded;
  geo::CityLoadOptions options;
  const bool is_scenario = o.inputs.size() == 1 && (o.inputs[0].ends_with(".yaml") ||
                                                    o.inputs[0].ends_with(".yml"));
  if (is_scenario) {
    scenario::Scenario s = scenario::LoadScenario(o.inputs[0]);
    loaded.scenario_name = s.name;
    options = s.city;
  } else {
    for (const std::string& in : o.inputs) {
      geo::CitySource src;
      src.path = in;
      src.height_attribute = o.height_attribute;
      src.levels_attribute = o.levels_attribute;
      options.sources.push_back(src);
    }
  }
  if (!o.crs.empty()) {
    geo::CrsToWkt(o.crs, "--crs");  // "--crs: unknown CRS '...'" before any file is read
    options.crs = o.crs;
  }
  if (!o.bbox.empty()) {
    geo::AreaOfInterest area;
    area.bbox = std::array<double, 4>{o.bbox[0], o.bbox[1], o.bbox[2], o.bbox[3]};
    area.crs = o.bbox_crs;
    options.area = area;
  }
  if (o.default_height_m > 0) options.defaults.building_height_m = o.default_height_m;
  loaded.city = geo::LoadCity(options, loaded.diagnostics);
  return loaded;
}

std::string LodUsedText(const geo::SourceSummary& source) {
  std::string text;
  for (const auto& [lod, n] : source.lod_used)
    text += fmt::format("{}{} ({} objects)", text.empty() ? "" : ", ", lod, n);
  return text;
}

void LogCitySources(const geo::CityModel& city) {
  for (const geo::SourceSummary& s : city.sources) {
    std::string line = fmt::format("{}: {}", s.path, s.format);
    if (s.buildings > 0) line += fmt::format(", {} buildings", s.buildings);
    if (s.building_parts > 0) line += fmt::format(" ({} BuildingParts)", s.building_parts);
    if (!s.lod_used.empty()) line += ", LoD used " + LodUsedText(s);
    spdlog::info("{}", line);
  }
}

std::uint64_t ParseMemorySize(const std::string& text, const std::string& option) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  std::string unit(end);
  unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();
  if (!unit.empty() && unit.back() == 'I') unit.pop_back();
  const double scale = unit == "" || unit == "M" ? 1e6 : unit == "G" ? 1e9 : unit == "T" ? 1e12 : unit == "K" ? 1e3 : 0;
  const double bytes = value * scale;
  if (end == text.c_str() || !(bytes >= 1 && bytes < 9e18))  // NaN, 0, under a byte, past 2^63
    throw core::InputError(option, "", "not a memory size: '" + text + "' (e.g. 8G or 512M)");
  return static_cast<std::uint64_t>(bytes);
}

void PrintDiagnostics(const core::Diagnostics& diagnostics) {
  for (const auto& [kind, k] : diagnostics.kinds()) {
    spdlog::warn("{} x {}", k.count, kind);
    for (const auto& e : k.examples) spdlog::warn("    e.g. {}", e);
  }
}

}  // namespace app
