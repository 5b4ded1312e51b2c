// Pixel-density levels (px per metre at the target) a planner designs against: by default the
// DORI levels of IEC 62676-4:2015, or a table of the scenario's own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sim {

struct DensityLevel {
  std::string name;     // "detect", "observe", ...
  double min_px_per_m;  // a target at or above this density reaches the level
};

struct DensityLevels {
  std::string name;                 // "IEC 62676-4:2015 DORI"
  std::vector<DensityLevel> levels; // strictly ascending min_px_per_m

  // Index of the highest level reached, -1 below the first.
  int Classify(double px_per_m) const;
  // Index of the level called `name`, -1 if none.
  int Find(const std::string& name) const;
};

// Detect 25, observe 62.5, recognise 125, identify 250 px/m (IEC 62676-4:2015, the default).
DensityLevels DoriLevels();

// "iec62676-4" (DORI, above) or "en62676-4-all" (monitor 12.5, DORI, inspect 1000 px/m).
// Throws core::InputError naming `context` for an unknown preset.
DensityLevels DensityPreset(const std::string& preset, const std::string& context);

// The most levels a table may have. IEC 62676-4 defines six; the coverage raster stores the
// level in a byte, and the report's legends and tables have room for this many.
inline constexpr std::size_t kMaxDensityLevels = 16;

// Checks a user table: 1..kMaxDensityLevels levels, names unique and non-empty, densities
// positive and strictly ascending. Throws core::InputError naming `context`.
void ValidateLevels(const DensityLevels& levels, const std::string& context);

}  // namespace sim
