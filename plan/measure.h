// The measure tool's figures, without GL: distances between two picked points and heights above
// the ground, and the pixel density a camera gives at any point (the planner's px/m read-out).
#pragma once

#include <optional>

#include "geo/city_model.h"
#include "sim/camera.h"
#include "sim/pixel_density.h"
#include "sim/scene.h"

namespace plan {

struct Measurement {    // to the centimetre
  double ground_m = 0;  // horizontal distance (on the map)
  double slant_m = 0;   // 3D distance
  double rise_m = 0;    // b above a
  double height_a_m = 0,
         height_b_m = 0;  // each point above the ground under it (a facade point's height)
};
Measurement Measure(const geo::CityModel& city, const sim::Vec3d& a, const sim::Vec3d& b);

// What a camera makes of a point: the engine's tests (image, range, occlusion) and px/m there.
struct DensityReading {
  enum class Seen { yes, outside_image, out_of_range, hidden } seen = Seen::outside_image;
  double px_per_m = 0;  // when in the image (also when hidden or out of range: what it would be)
  double distance_m = 0;
  int level = -1;  // index into the levels; -1 below the first
};
DensityReading ReadDensity(const sim::Camera& camera, const sim::Scene& scene,
                           const sim::DensityLevels& levels, const sim::Vec3d& point);

}  // namespace plan
