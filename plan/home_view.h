// The workbench's home view: the oblique planning view (from the south, 50 degrees down, north
// up the screen) backed off until the whole area, ground to highest roof, fits the 3D view.
// Plain geometry (no GL): the GUI hands the pose to its OSG manipulator.
#pragma once

#include "geo/vec.h"
#include "sim/camera.h"

namespace plan {

struct HomeViewOptions {
  double vertical_fov_deg = 30;  // the 3D view's perspective
  double aspect = 1;             // width / height of the 3D view
  double margin = 1.05;          // a little room around the area
};

struct EyePose {
  sim::Vec3d eye, centre;  // local frame metres; up is +z
};

// `area` in local frame metres; `ground_z` under its centre; `z_low`..`z_high` what stands in it.
EyePose FrameArea(const geo::Box2d& area, double ground_z, double z_low, double z_high,
                  const HomeViewOptions& options);

}  // namespace plan
