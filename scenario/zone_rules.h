// What a zone's weight and k may be, the same for zones written in the scenario and zones read
// from a file's attributes. A weight is a relative priority: past a million it only breaks the
// solvers (CLP asserts on objective coefficients of 1e25, and 1e308 sums to infinity).
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "core/ascii_case.h"
#include "sim/pixel_density.h"
#include "sim/zones.h"

namespace scenario {

inline constexpr double kMaxZoneWeight = 1e6;
inline constexpr int kMaxZoneK = 100;

// "" when `weight` is usable, else why not.
inline std::string ZoneWeightProblem(double weight) {
  if (!(weight > 0) || !(weight <= kMaxZoneWeight)) return "weight must be a number above 0 and at most 1e6 (a relative priority)";
  return "";
}

// "" when `k` is usable, else why not.
inline std::string ZoneKProblem(double k) {
  if (!(k >= 1 && k <= kMaxZoneK) || k != std::floor(k)) return "k must be a whole number between 1 and 100";
  return "";
}

// " (levels: detect, observe, ...)": what a zone's `dori:` may name, for its error message.
inline std::string LevelList(const sim::DensityLevels& levels) {
  std::string names;
  for (const sim::DensityLevel& l : levels.levels) names += (names.empty() ? "" : ", ") + l.name;
  return " (levels: " + names + ")";
}

// The kind a zone's `kind` names, in any case ("Privacy" from a GIS attribute table).
inline std::optional<sim::ZoneKind> ZoneKindNamed(std::string text) {
  text = core::AsciiLower(std::move(text));
  if (text == "priority") return sim::ZoneKind::priority;
  if (text == "privacy") return sim::ZoneKind::privacy;
  if (text == "exclude") return sim::ZoneKind::exclude;
  return std::nullopt;
}

inline std::string ZoneKindProblem(const std::string& text) {
  return "zone kind must be priority, privacy or exclude, got '" + text + "'";
}

}  // namespace scenario
