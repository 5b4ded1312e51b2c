// How panels write areas and shares.
#pragma once

#include <fmt/format.h>

#include <string>

namespace gui {

// Square metres below a hectare, hectares above.
inline std::string Area(double m2) {
  return m2 >= 10000 ? fmt::format("{:.2f} ha", m2 / 10000) : fmt::format("{:.0f} m\u00b2", m2);
}

// `part` as a percentage of `whole` (0 when there is no whole).
inline double Pct(double part, double whole) { return whole > 0 ? 100 * part / whole : 0; }

}  // namespace gui
