#include "sim/pixel_density.h"

#include <cmath>
#include <set>

#include "core/ascii_case.h"
#include "core/error.h"

namespace sim {

int DensityLevels::Classify(double px_per_m) const {
  int level = -1;
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (px_per_m >= levels[i].min_px_per_m) level = static_cast<int>(i);
  return level;
}

int DensityLevels::Find(const std::string& level_name) const {
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i].name == level_name) return static_cast<int>(i);
  // "Observe" from a GIS table is observe, as "Privacy" is privacy; unless two levels differ
  // only in case.
  int found = -1;
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (core::AsciiLower(levels[i].name) == core::AsciiLower(level_name)) {
      if (found >= 0) return -1;
      found = static_cast<int>(i);
    }
  return found;
}

DensityLevels DoriLevels() {
  return {"IEC 62676-4:2015 DORI",
          {{"detect", 25}, {"observe", 62.5}, {"recognise", 125}, {"identify", 250}}};
}

DensityLevels DensityPreset(const std::string& preset, const std::string& context) {
  if (preset == "iec62676-4" || preset == "dori") return DoriLevels();
  if (preset == "en62676-4-all")
    return {"EN 62676-4:2015 (all six levels)",
            {{"monitor", 12.5}, {"detect", 25}, {"observe", 62.5}, {"recognise", 125},
             {"identify", 250}, {"inspect", 1000}}};
  throw core::InputError(context, "density_levels",
                         "unknown preset '" + preset + "' (known: iec62676-4, en62676-4-all; or "
                         "give a table of {name, min_px_per_m})");
}

void ValidateLevels(const DensityLevels& t, const std::string& context) {
  auto fail = [&](const std::string& problem) {
    throw core::InputError(context, "density_levels", problem);
  };
  if (t.levels.empty()) fail("needs at least one level");
  if (t.levels.size() > kMaxDensityLevels)
    fail(std::to_string(t.levels.size()) + " density levels; at most " + std::to_string(kMaxDensityLevels) +
         " are supported (IEC 62676-4 defines six)");
  std::set<std::string> names;
  for (std::size_t i = 0; i < t.levels.size(); ++i) {
    const DensityLevel& l = t.levels[i];
    if (l.name.empty()) fail("a level has no name");
    if (!names.insert(l.name).second) fail("level '" + l.name + "' appears twice");
    if (!(l.min_px_per_m > 0) || !std::isfinite(l.min_px_per_m))
      fail("level '" + l.name + "' needs a positive min_px_per_m");
    if (i > 0 && !(l.min_px_per_m > t.levels[i - 1].min_px_per_m))
      fail("levels must be in ascending order of min_px_per_m ('" + l.name + "')");
  }
}

}  // namespace sim
