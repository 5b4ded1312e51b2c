// The lens calculator: focal length and sensor <-> field of view, and the focal length (or
// distance) that gives a pixel density. Plain formulas over millimetres, degrees and pixels,
// shared by the scenario's catalogue checks, `sightline lens`, the GUI's lens panel and the
// inspector. Rectilinear: fov = 2 atan(s / 2f); equidistant fisheye (r = f theta): fov = s / f.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/camera.h"

namespace sim {

// A sensor's nominal active area. Format names ("1/2.8\"") are optical-format conventions, not
// measures: the data sheet's active area wins when it is known.
struct SensorFormat {
  std::string name;  // 1/2.8"
  double width_mm = 0, height_mm = 0;
};

// The common CCTV formats, smallest first.
const std::vector<SensorFormat>& SensorFormats();
// "1/2.8\"", "1/2.8in", "1/2.8" (any of them); nullopt when unknown.
std::optional<SensorFormat> FindSensorFormat(std::string_view name);

// Field of view (degrees) across a sensor extent (mm) at a focal length (mm).
double FovDeg(double sensor_extent_mm, double focal_mm, LensModel lens = LensModel::rectilinear);
// The focal length (mm) that gives `fov_deg` across `sensor_extent_mm`.
double FocalForFovDeg(double sensor_extent_mm, double fov_deg,
                      LensModel lens = LensModel::rectilinear);

// Pixel density on axis, on a plane facing the camera at `distance_m` (rectilinear):
// px/m = width_px f / (sensor_width d).
double DensityAt(double distance_m, int width_px, double sensor_width_mm, double focal_mm);
// The focal length (mm) that gives `px_per_m` at `distance_m`: f = sensor_width d P / width_px.
double FocalForDensity(double px_per_m, double distance_m, int width_px, double sensor_width_mm);
// The farthest distance (m) at which a camera of this HFOV still gives `px_per_m` on axis:
// focal length in pixels / px_per_m (as sim::PixelsPerMetreOnAxis).
double DistanceForDensity(double px_per_m, int width_px, double hfov_deg,
                          LensModel lens = LensModel::rectilinear);

// A camera's lens in the planner's terms: focal length on its sensor when the sensor is known
// (given, or from the focal length the scenario wrote), else only the fields of view.
struct LensReadout {
  double hfov_deg = 0, vfov_deg = 0;
  std::optional<double> focal_mm;  // from sensor width and HFOV
  std::optional<double> sensor_width_mm;
  std::string sensor_format;  // "1/2.8\"" when the width matches a known format
};
LensReadout ReadLens(const Camera& camera);

}  // namespace sim
