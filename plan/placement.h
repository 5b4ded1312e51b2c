// Where the planner's clicks land and where a camera goes when dropped there. The same code
// serves mouse clicks in the 3D view and the test scripts' `place`/`move` actions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/city_model.h"
#include "sim/camera.h"
#include "sim/scene.h"

namespace plan {

struct SurfacePick {
  sim::Vec3d point;   // local frame metres
  sim::Vec3d normal;  // unit, facing the side the ray came from
  geo::Surface surface = geo::Surface::ground;
  std::uint32_t feature = 0;  // index into CityModel::features
};

// The first city surface along a ray (direction need not be unit length).
std::optional<SurfacePick> PickSurface(const geo::CityModel& city, const sim::Scene& scene,
                                       const sim::Vec3d& origin, const sim::Vec3d& direction);
// The top surface at a map position (a click in the top-down view, a script's coordinates).
std::optional<SurfacePick> PickFromAbove(const geo::CityModel& city, const sim::Scene& scene, double x, double y);

struct PlacementRules {
  double pole_height_m = 6;       // cameras dropped on the ground go on a pole this high
  double wall_offset_m = 0.25;    // bracket length out from a facade
  double roof_mast_m = 1.0;       // mast on a roof edge
  double min_wall_height_m = 2.5; // a facade mount lower than this is lifted (vandalism)
  double default_pitch_deg = -15;
  double pole_snap_m = 2.0;       // a ground click this close to a street lamp/mast mounts on it
};

// A camera with `templ`'s optics and id dropped on `pick`: on a wall it faces out of the
// facade; on the ground it stands on a pole (the nearest OSM street lamp or mast when one is
// within `pole_snap_m`); on a roof on a short mast. A new camera gets
// the template's pitch (or the default); a camera being `moving` keeps its yaw and pitch
// except that a facade turns it outwards.
// nullopt on water. Positions are rounded to the millimetre, angles to 0.01 degree: what the
// scenario file stores, so a saved plan reproduces the live coverage exactly.
std::optional<sim::Camera> PlaceOnSurface(const geo::CityModel& city, const SurfacePick& pick,
                                          const sim::Camera& templ, bool moving,
                                          const PlacementRules& rules = {});

// Rounds a camera's pose to file precision (millimetres, 0.01 degree; yaw into [0, 360)).
void SnapToFilePrecision(sim::Camera& camera);

// The next free id of the form C01, C02, ... among `cameras`.
std::string NextCameraId(const std::vector<sim::Camera>& cameras, const std::string& prefix = "C");

}  // namespace plan
