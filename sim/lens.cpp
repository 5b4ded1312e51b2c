#include "sim/lens.h"

#include <cmath>
#include <numbers>

namespace sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180;

// "1/2.8\"", "1/2.8in", "1/2.8 inch", "1/2.8" -> "1/2.8".
std::string FormatKey(std::string_view name) {
  std::string s;
  for (char ch : name)
    if (ch != ' ') s += ch;
  for (std::string_view suffix : {"\"", "inch", "in", "''", "\u2033"})
    if (s.size() > suffix.size() && std::string_view(s).ends_with(suffix)) {
      return s.substr(0, s.size() - suffix.size());
    }
  return s;
}

}  // namespace

const std::vector<SensorFormat>& SensorFormats() {
  // Nominal active areas as CCTV data sheets give them: 16:9 within the format's diagonal for
  // the 1/2.9" to 1/2.7" and 1/1.8" classes of 1080p, 4 MP and 4K sensors, 4:3 for the rest.
  static const std::vector<SensorFormat> formats = {
      {"1/4\"", 3.6, 2.7},     {"1/3.6\"", 4.0, 3.0}, {"1/3\"", 4.8, 3.6},
      {"1/2.9\"", 5.38, 3.03}, {"1/2.8\"", 5.6, 3.1}, {"1/2.7\"", 5.86, 3.3},
      {"1/2.5\"", 5.76, 4.29}, {"1/2\"", 6.4, 4.8},   {"1/1.8\"", 7.68, 4.32},
      {"2/3\"", 8.8, 6.6},     {"1\"", 12.8, 9.6}};
  return formats;
}

std::optional<SensorFormat> FindSensorFormat(std::string_view name) {
  const std::string key = FormatKey(name);
  for (const SensorFormat& f : SensorFormats())
    if (FormatKey(f.name) == key) return f;
  return std::nullopt;
}

double FovDeg(double sensor_extent_mm, double focal_mm, LensModel lens) {
  if (lens == LensModel::fisheye_equidistant) return sensor_extent_mm / focal_mm / kDeg;
  return 2 * std::atan(sensor_extent_mm / (2 * focal_mm)) / kDeg;
}

double FocalForFovDeg(double sensor_extent_mm, double fov_deg, LensModel lens) {
  if (lens == LensModel::fisheye_equidistant) return sensor_extent_mm / (fov_deg * kDeg);
  return sensor_extent_mm / (2 * std::tan(fov_deg * kDeg / 2));
}

double DensityAt(double distance_m, int width_px, double sensor_width_mm, double focal_mm) {
  return width_px * focal_mm / (sensor_width_mm * distance_m);
}

double FocalForDensity(double px_per_m, double distance_m, int width_px, double sensor_width_mm) {
  return sensor_width_mm * distance_m * px_per_m / width_px;
}

double DistanceForDensity(double px_per_m, int width_px, double hfov_deg, LensModel lens) {
  if (lens == LensModel::fisheye_equidistant) return width_px / (hfov_deg * kDeg) / px_per_m;
  return width_px / (2 * px_per_m * std::tan(hfov_deg * kDeg / 2));
}

LensReadout ReadLens(const Camera& camera) {
  LensReadout r;
  r.hfov_deg = camera.hfov_deg;
  if (r.hfov_deg == 0 && camera.focal_length_mm > 0 && camera.sensor_width_mm > 0)
    r.hfov_deg = FovDeg(camera.sensor_width_mm, camera.focal_length_mm, camera.lens);
  Camera resolved = camera;
  resolved.hfov_deg = r.hfov_deg;
  r.vfov_deg = r.hfov_deg > 0 ? VerticalFovDeg(resolved) : 0;
  if (camera.sensor_width_mm > 0 && r.hfov_deg > 0) {
    r.sensor_width_mm = camera.sensor_width_mm;
    r.focal_mm = FocalForFovDeg(camera.sensor_width_mm, r.hfov_deg, camera.lens);
    for (const SensorFormat& f : SensorFormats())
      if (std::abs(f.width_mm - camera.sensor_width_mm) < 0.05) {
        r.sensor_format = f.name;
        break;
      }
  }
  return r;
}

}  // namespace sim
