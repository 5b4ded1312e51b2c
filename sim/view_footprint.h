// What a camera sees on the ground, for plan views (the workbench's wedges, the report's plan
// page): around the camera, direction by direction, the stretches of ground it sees at the
// grid's target height and the density level (DORI band) each reaches. The tests are the
// coverage engine's (in the image through the lens, within range, not occluded, px/m through
// the lens), sampled along rays instead of on grid cells, so a wedge stops at the buildings
// that cut it and shows ground seen again beyond a low wall.
#pragma once

#include <array>
#include <vector>

#include "geo/city_model.h"
#include "sim/camera.h"
#include "sim/pixel_density.h"
#include "sim/scene.h"

namespace sim {

struct FootprintOptions {
  double target_height_m = 1.7;  // above the ground (the grid's height_m)
  double azimuth_step_deg = 1;   // between directions, all around the camera
  double distance_step_m = 0.5;  // between samples along a direction (coarser for long ranges)
  int max_samples = 320;         // per direction: the step grows for long ranges
};

// A patch of ground seen at one level: between two directions and two horizontal distances.
struct FootprintPiece {
  std::array<Vec3d, 4> corners;  // on the ground, local frame metres: near0, far0, far1, near1
  int level = -1;                // index into DensityLevels; -1: seen, below the first level
};

struct ViewFootprint {
  std::vector<FootprintPiece> pieces;
  double area_m2(int level) const;  // ground area of the pieces at `level`
};

// Neighbouring samples at the same level along a direction make one piece.
ViewFootprint FootprintOf(const Camera& camera, const Scene& scene, const geo::CityModel& city,
                          const DensityLevels& levels, const FootprintOptions& options = {});

}  // namespace sim
