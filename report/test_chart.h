// Face and plate preview: a procedural test chart (a stylised face and a number plate, life
// size) as a camera that delivers a given pixel density records it, for explaining DORI levels
// to a client. Drawn finely with cairo, then box-filtered down to the density (each output
// pixel the mean of the fine pixels it covers, as a sensor pixel integrates light).
#pragma once

#include "report/image.h"

namespace report {

inline constexpr double kChartWidth_m = 0.75, kChartHeight_m = 0.25;
inline constexpr double kFaceWidth_m = 0.16;         // the face's width on the chart
inline constexpr double kPlateTextHeight_m = 0.075;  // character height on the plate

// The chart at `px_per_m` (1 to 2000): round(0.75 P) x round(0.25 P) pixels, at least 1 x 1.
Image TestChartAt(double px_per_m);

}  // namespace report
