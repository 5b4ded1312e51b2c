// What a zone's weight and k may be, the same for zones written in the scenario and zones read
// from a file's attributes. A weight is a relative priority: past a million it only breaks the
// solvers (CLP asserts on objective coefficients of 1e25, and 1e308 sums to infinity).
#pragma once

#include <cmath>
#include <string>

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

}  // namespace scenario
