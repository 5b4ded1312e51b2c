// From scenario specs to engine objects once the city (and so the frame) is known: cameras
// placed in the frame on the ground, zones burnt into the grid.
#pragma once

#include <functional>
#include <vector>

#include "core/diagnostics.h"
#include "geo/city_model.h"
#include "scenario/scenario.h"
#include "sim/scene.h"
#include "sim/zones.h"

namespace scenario {

// Model fields, then the camera's overrides; position reprojected into the frame; z from
// height_m above the ground (or absolute z). Validated (core::InputError names file, line and
// camera id). Cameras inside a building, below the ground or outside the area are kept and
// counted as warnings.
// `scene_checks_here(x, y)` (local frame metres): whether this process checks a camera there
// against the scene (inside a building, under a DSM); empty: every camera. A process holding
// a window of the city (geo/city_window.h) checks the cameras of its own rows.
std::vector<sim::Camera> BuildCameras(const Scenario& scenario, const geo::CityModel& city,
                                      const sim::Scene& scene, core::Diagnostics& diagnostics,
                                      const std::function<bool(double x, double y)>& scene_checks_here = {});

// The longest max_range_m of the scenario's cameras (its list and its camera file), read
// before the city: how far around its rows a process holding a window must read. Problems
// with the cameras are said later, by BuildCameras.
double MaxCameraRange(const Scenario& scenario, const geo::Frame& frame);

// Throws core::InputError naming the scenario when the city has no extent to lay a grid on:
// sources of lines or points alone (street lamps, paths) and no `area:`.
void RequireExtent(const Scenario& scenario, const geo::CityModel& city);

// The cameras of `cameras: {source: file}` as specs placed in the scenario's `crs:` (x, y in
// its units), for users that have no city and so no frame: the network. Needs that `crs:`.
std::vector<CameraSpec> CameraSpecsFromSource(const Scenario& scenario, core::Diagnostics& diagnostics);

// A catalogue model as a camera template (optics, range, cost), validated.
sim::Camera CameraFromModel(const Scenario& scenario, const std::string& model);

// Zones as grid cells. A zone file may set name, kind, weight, dori (or level) and k per
// feature. A zone without cells is kept (empty) with the warning below.
std::vector<sim::Zone> BuildZones(const Scenario& scenario, const geo::CityModel& city,
                                  const sim::Grid& grid, core::Diagnostics& diagnostics);

// The warning for a zone no grid cell centre falls in: outside the area, or inside it but too
// small or thin for `resolution_m`. Tiled runs give it once the whole grid has been counted.
std::string EmptyZoneWarning(const sim::Zone& zone, const geo::Box2d& area, double resolution_m);
bool IsEmptyZoneWarning(const std::string& warning);

}  // namespace scenario
