// A surveillance camera: pose in the local frame, optics, range, and what it costs.
// Angles follow the scenario: yaw degrees clockwise from north, pitch negative looking down.
#pragma once

#include <optional>
#include <string>

namespace sim {

struct Vec3d {
  double x = 0, y = 0, z = 0;
  bool operator==(const Vec3d&) const = default;
};

enum class MountType { wall, pole, roof, ceiling, other };
// As the scenario file spells it ("wall", "pole", ...).
const char* MountName(MountType mount);
enum class LensModel { rectilinear, fisheye_equidistant };

// Brown-Conrady lens distortion in OpenCV's convention (on normalised image coordinates), for
// rectilinear lenses: radial k1..k3, tangential p1, p2. All zero: an ideal pinhole.
struct Distortion {
  double k1 = 0, k2 = 0, k3 = 0, p1 = 0, p2 = 0;
  bool none() const { return k1 == 0 && k2 == 0 && k3 == 0 && p1 == 0 && p2 == 0; }
  bool operator==(const Distortion&) const = default;
};

struct Camera {
  std::string id;
  std::string model;  // catalogue entry it came from ("" if inline)
  Vec3d position;     // local frame metres, z absolute
  double yaw_deg = 0;
  double pitch_deg = 0;
  double roll_deg = 0;
  int width_px = 1920;
  int height_px = 1080;
  double hfov_deg = 0;         // 0: derive from focal_length_mm and sensor_width_mm
  double focal_length_mm = 0;  // optional
  double sensor_width_mm = 0;  // optional
  LensModel lens = LensModel::rectilinear;
  Distortion distortion;       // hfov_deg describes the undistorted pinhole; this warps it
  double min_range_m = 0.5;    // 3D distance from the camera centre
  double max_range_m = 150;
  MountType mount = MountType::wall;
  double cost = 0;
  bool operator==(const Camera&) const = default;
};

// Fills hfov_deg from focal length and sensor width when only those are given; then checks
// every field. Throws core::InputError naming `context` (the scenario file) and the camera id.
void ResolveAndValidate(Camera& camera, const std::string& context);

double VerticalFovDeg(const Camera& camera);

// Unit viewing direction (camera's optical axis) in the frame: x east, y north, z up.
Vec3d ForwardDirection(const Camera& camera);

// The camera's orthonormal axes in the frame (roll applied): the optical axis, the image's
// right and up directions.
struct CameraAxes {
  Vec3d forward, right, up;
};
CameraAxes Axes(const Camera& camera);

// Focal length in pixels: width / (2 tan(HFOV / 2)) for a pinhole, width / HFOV (radians) for
// an equidistant fisheye (r = f theta).
double FocalPx(const Camera& camera);

// Unit direction in the frame of the ray through pixel (u, v): the inverse of Project, through
// the lens model (pinhole with Brown-Conrady distortion, undone iteratively; or equidistant
// fisheye). For drawing frusta, picking in camera views and rendering what the lens sees.
Vec3d PixelRay(const Camera& camera, double u, double v);

// Horizontal pixel density on a plane facing the camera at `distance_m`, on the optical axis:
// width_px / (2 d tan(HFOV / 2)) for a rectilinear lens.
double PixelsPerMetreOnAxis(const Camera& camera, double distance_m);

// Where a point lands on the sensor (pixels, origin top-left; x right, y down) and the local
// horizontal pixel density there; nullopt when it is behind the camera or outside the image.
struct Projection {
  double u = 0, v = 0;      // pixel coordinates
  double distance_m = 0;    // 3D distance from the camera centre
  double px_per_m = 0;      // pixels spanned by a horizontal metre facing the camera there
};
std::optional<Projection> Project(const Camera& camera, const Vec3d& point);

// The same, with the camera's basis worked out once: for projecting many points.
class Projector {
 public:
  explicit Projector(const Camera& camera);
  std::optional<Projection> operator()(const Vec3d& point) const;

 private:
  bool SensorPosition(const Vec3d& point, double& u, double& v) const;
  const Camera& camera_;
  Vec3d forward_, right_, up_;
  double focal_px_ = 0;
};

}  // namespace sim
