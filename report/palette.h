// Colours shared by every map sightline draws: colour-blind-safe and readable in print.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace report {

using Rgb = std::array<std::uint8_t, 3>;

// Viridis, from "seen, below the first level" (yellow) to the highest level (dark violet).
inline Rgb LevelColour(int level, int levels) {
  static const std::array<Rgb, 6> viridis = {
      {{253, 231, 37}, {122, 209, 81}, {34, 168, 132}, {42, 120, 142}, {65, 68, 135}, {68, 1, 84}}};
  if (levels <= 5) {  // up to five levels (DORI's four among them) each take one of the six
    const int idx = levels <= 0 ? 0 : static_cast<int>(std::lround((level + 1) * 5.0 / levels));
    return viridis[std::clamp(idx, 0, 5)];
  }
  // More (up to 16): colours between them, so that no two levels share one.
  const double at = std::clamp((level + 1) * 5.0 / levels, 0.0, 5.0);
  const int lo = std::min(4, static_cast<int>(at));
  const double t = at - lo;
  Rgb c{};
  for (int i = 0; i < 3; ++i)
    c[i] = static_cast<unsigned char>(std::lround(viridis[lo][i] + t * (viridis[lo + 1][i] - viridis[lo][i])));
  return c;
}

// Cameras seeing a cell: 1, 2, 3, 4+ (ColorBrewer YlGnBu, sequential, print-safe).
inline Rgb KColour(int k) {
  static const std::array<Rgb, 4> ylgnbu = {{{161, 218, 180}, {65, 182, 196}, {44, 127, 184}, {37, 52, 148}}};
  return ylgnbu[std::clamp(k, 1, 4) - 1];
}

// Pedestrian flow from none (light grey) to the peak (dark red), ColorBrewer YlOrRd; on a
// square-root scale, since a plaza's flow is tens of times a side street's.
inline Rgb FlowColour(float value, float peak) {
  static const std::array<Rgb, 6> ylorrd = {
      {{255, 255, 178}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60}, {240, 59, 32}, {189, 0, 38}}};
  if (!(value > 0) || !(peak > 0)) return {240, 240, 240};
  const double t = std::sqrt(std::min(1.0, static_cast<double>(value) / peak));
  return ylorrd[std::clamp(static_cast<int>(t * 5.999), 0, 5)];
}

inline constexpr Rgb kUnseen{232, 232, 232};
inline constexpr Rgb kBuilding{110, 110, 110};
inline constexpr Rgb kWater{166, 206, 227};
inline constexpr Rgb kBlindSpot{213, 94, 0};  // Okabe-Ito vermillion outlines
inline constexpr Rgb kCamera{0, 0, 0};

}  // namespace report
