// The range of coordinates the engine accepts. Values beyond it are finite as doubles but turn
// into infinities as floats or in Embree's float bounds arithmetic (which then aborts), and no
// city is that large: reject them at the boundary, naming where they came from.
#pragma once

#include <cmath>

namespace core {

// Horizontal coordinates in the scenario frame and in source CRS units (metres or degrees).
inline constexpr double kMaxAbsXY_m = 1e7;
// Heights and elevations (m): the highest mountain is 8.8 km, the deepest open pit 1.2 km.
inline constexpr double kMaxAbsZ_m = 1e4;
// Terrain (DEM) cells outside this range are nodata: garbage, not ground.
inline constexpr double kMinTerrain_m = -500;
inline constexpr double kMaxTerrain_m = 9000;

inline bool SaneXY(double v) { return std::abs(v) < kMaxAbsXY_m; }  // false for NaN too
inline bool SaneZ(double v) { return std::abs(v) < kMaxAbsZ_m; }
inline bool SaneTerrain(double v) { return v >= kMinTerrain_m && v <= kMaxTerrain_m; }

}  // namespace core
