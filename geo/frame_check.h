// Whether the frame's CRS suits the place: every length inside sightline is a metre of the
// frame (grid cells, ranges, px/m, m²), which holds only where the projection keeps scale. Web
// Mercator at 52° N stretches lengths by 62 %, a state plane or UTM zone far from its own
// region shears them; GDAL reads such data without a word.
#pragma once

#include <string>
#include <vector>

#include "geo/frame.h"

namespace geo {

// What is wrong with measuring in `frame` around its origin, for warnings: lengths off by more
// than 1 % (the true length of 100 m of the frame, east and north, by an azimuthal equidistant
// projection on the point), and an origin outside the CRS's area of use. Empty: it suits.
std::vector<std::string> FrameDistortion(const Frame& frame);

}  // namespace geo
