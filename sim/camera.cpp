#include "sim/camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"
#include "core/limits.h"

namespace sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double Dot(const Vec3d& a, const Vec3d& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

// Brown-Conrady at normalised coordinates (x, y): distorted = (x, y) * radial + (tx, ty).
struct DistortionTerms {
  double radial, tx, ty;
};
DistortionTerms Terms(const Distortion& k, double x, double y) {
  const double r2 = x * x + y * y;
  return {1 + r2 * (k.k1 + r2 * (k.k2 + r2 * k.k3)), 2 * k.p1 * x * y + k.p2 * (r2 + 2 * x * x),
          k.p1 * (r2 + 2 * y * y) + 2 * k.p2 * x * y};
}

}  // namespace

double FocalPx(const Camera& c) {
  return c.lens == LensModel::rectilinear ? c.width_px / (2 * std::tan(c.hfov_deg * kDeg / 2))
                                          : c.width_px / (c.hfov_deg * kDeg);  // equidistant: r = f theta
}

CameraAxes Axes(const Camera& c) {
  const double yaw = c.yaw_deg * kDeg, pitch = c.pitch_deg * kDeg, roll = c.roll_deg * kDeg;
  const Vec3d f{std::sin(yaw) * std::cos(pitch), std::cos(yaw) * std::cos(pitch), std::sin(pitch)};
  Vec3d r{std::cos(yaw), -std::sin(yaw), 0};  // horizontal, to the right of the view
  Vec3d u{r.y * f.z - r.z * f.y, r.z * f.x - r.x * f.z, r.x * f.y - r.y * f.x};  // r x f
  // Roll turns right/up about the optical axis (positive: clockwise as the camera sees).
  const double cr = std::cos(roll), sr = std::sin(roll);
  const Vec3d r2{cr * r.x - sr * u.x, cr * r.y - sr * u.y, cr * r.z - sr * u.z};
  const Vec3d u2{sr * r.x + cr * u.x, sr * r.y + cr * u.y, sr * r.z + cr * u.z};
  return {f, r2, u2};
}

void ResolveAndValidate(Camera& c, const std::string& context) {
  auto fail = [&](const std::string& problem) {
    throw core::InputError(context, "camera '" + c.id + "'", problem);
  };
  if (c.hfov_deg == 0 && c.focal_length_mm > 0 && c.sensor_width_mm > 0)
    c.hfov_deg = 2 * std::atan(c.sensor_width_mm / (2 * c.focal_length_mm)) / kDeg;
  for (double v : {c.position.x, c.position.y, c.position.z, c.yaw_deg, c.pitch_deg, c.roll_deg,
                   c.hfov_deg, c.min_range_m, c.max_range_m, c.cost, c.distortion.k1,
                   c.distortion.k2, c.distortion.k3, c.distortion.p1, c.distortion.p2})
    if (!std::isfinite(v)) fail("has a NaN or infinite value");
  const Distortion& d = c.distortion;
  if (std::abs(d.k1) > 5 || std::abs(d.k2) > 5 || std::abs(d.k3) > 5 || std::abs(d.p1) > 1 || std::abs(d.p2) > 1)
    fail("distortion coefficients out of range (|k| <= 5, |p| <= 1)");
  if (!d.none() && c.lens != LensModel::rectilinear)
    fail("Brown-Conrady distortion applies to rectilinear lenses only");
  if (c.width_px <= 0 || c.height_px <= 0) fail("resolution must be positive");
  if (c.width_px > 100000 || c.height_px > 100000) fail("resolution above 100000 px is not a camera");
  const double max_hfov = c.lens == LensModel::rectilinear ? 179.0 : 360.0;
  if (c.hfov_deg == 0 && c.model.empty())  // nothing gave it one: say so, not "got 0"
    fail("no field of view: give it a model, or hfov_deg (or focal_length_mm and sensor_width_mm)");
  if (!(c.hfov_deg > 0 && c.hfov_deg <= max_hfov))
    fail("horizontal field of view must be in (0, " + std::to_string(static_cast<int>(max_hfov)) +
         "] degrees (rectilinear lenses stay below 180; use a fisheye lens), got " +
         std::to_string(c.hfov_deg));
  if (c.pitch_deg < -90 || c.pitch_deg > 90) fail("pitch must be within [-90, 90] degrees");
  if (std::abs(c.yaw_deg) > 360 || std::abs(c.roll_deg) > 360) fail("yaw and roll must be within [-360, 360] degrees");
  // Finite doubles can still overflow as floats in Embree's ray setup (it then aborts).
  if (!core::SaneXY(c.position.x) || !core::SaneXY(c.position.y) || !core::SaneZ(c.position.z))
    fail("position is outside the supported range (|x|, |y| < 1e7 m, |z| < 1e4 m in the frame)");
  if (!(c.min_range_m >= 0 && c.min_range_m < c.max_range_m))
    fail("range must satisfy 0 <= min_range_m < max_range_m");
  if (c.max_range_m > 10000) fail("max_range_m above 10 km is not a surveillance camera");
  if (c.cost < 0) fail("cost must not be negative");
}

double VerticalFovDeg(const Camera& c) {
  const double aspect = static_cast<double>(c.height_px) / c.width_px;
  if (c.lens == LensModel::fisheye_equidistant) return c.hfov_deg * aspect;
  return 2 * std::atan(std::tan(c.hfov_deg * kDeg / 2) * aspect) / kDeg;
}

Vec3d ForwardDirection(const Camera& c) { return Axes(c).forward; }

double PixelsPerMetreOnAxis(const Camera& c, double distance_m) { return FocalPx(c) / distance_m; }

Vec3d PixelRay(const Camera& c, double u, double v) {
  const CameraAxes a = Axes(c);
  double x = 0, y = 0, z = 1;  // direction in camera coordinates: right, up, forward
  const double f = FocalPx(c);
  if (c.lens == LensModel::rectilinear) {
    const double xd = (u - c.width_px / 2.0) / f, yd = (c.height_px / 2.0 - v) / f;
    x = xd, y = yd;
    if (!c.distortion.none()) {  // undistort by fixed-point iteration (as OpenCV does)
      const Distortion& k = c.distortion;
      for (int i = 0; i < 20; ++i) {
        const DistortionTerms t = Terms(k, x, y);
        x = (xd - t.tx) / t.radial, y = (yd - t.ty) / t.radial;
      }
    }
  } else {
    const double du = u - c.width_px / 2.0, dv = c.height_px / 2.0 - v;
    const double rho = std::hypot(du, dv), theta = rho / f;
    z = std::cos(theta);
    x = rho > 0 ? std::sin(theta) * du / rho : 0, y = rho > 0 ? std::sin(theta) * dv / rho : 0;
  }
  Vec3d d{x * a.right.x + y * a.up.x + z * a.forward.x, x * a.right.y + y * a.up.y + z * a.forward.y,
          x * a.right.z + y * a.up.z + z * a.forward.z};
  const double n = std::sqrt(Dot(d, d));
  return {d.x / n, d.y / n, d.z / n};
}

Projector::Projector(const Camera& camera) : camera_(camera) {
  const CameraAxes b = Axes(camera);
  forward_ = b.forward;
  right_ = b.right;
  up_ = b.up;
  focal_px_ = FocalPx(camera);
}

// Sensor position of a point, without clipping to the image; false when it cannot be imaged
// (behind a rectilinear camera).
bool Projector::SensorPosition(const Vec3d& p, double& u, double& v) const {
  const Camera& c = camera_;
  const Vec3d d{p.x - c.position.x, p.y - c.position.y, p.z - c.position.z};
  const double zf = Dot(d, forward_), xr = Dot(d, right_), yu = Dot(d, up_);
  if (c.lens == LensModel::rectilinear) {
    if (zf <= 1e-9) return false;
    double x = xr / zf, y = yu / zf;
    if (!c.distortion.none()) {
      const Distortion& k = c.distortion;
      const double r2 = x * x + y * y;
      // Beyond the radius where the radial mapping folds back the model means nothing.
      if (1 + r2 * (3 * k.k1 + r2 * (5 * k.k2 + r2 * 7 * k.k3)) <= 0) return false;
      const DistortionTerms t = Terms(k, x, y);
      x = x * t.radial + t.tx, y = y * t.radial + t.ty;
    }
    u = c.width_px / 2.0 + focal_px_ * x;
    v = c.height_px / 2.0 - focal_px_ * y;
    return true;
  }
  const double dist = std::sqrt(Dot(d, d));
  if (dist <= 0) return false;
  const double theta = std::acos(std::clamp(zf / dist, -1.0, 1.0));
  const double rho = std::hypot(xr, yu);
  u = c.width_px / 2.0 + (rho > 0 ? focal_px_ * theta * xr / rho : 0);
  v = c.height_px / 2.0 - (rho > 0 ? focal_px_ * theta * yu / rho : 0);
  return true;
}

std::optional<Projection> Projector::operator()(const Vec3d& p) const {
  const Camera& c = camera_;
  Projection out;
  if (!SensorPosition(p, out.u, out.v)) return std::nullopt;
  if (out.u < 0 || out.u > c.width_px || out.v < 0 || out.v > c.height_px) return std::nullopt;
  const Vec3d d{p.x - c.position.x, p.y - c.position.y, p.z - c.position.z};
  out.distance_m = std::sqrt(Dot(d, d));
  if (out.distance_m <= 0) return std::nullopt;
  // Pixel density as DORI means it: how many pixels a horizontal metre facing the camera at the
  // target spans on the sensor (a person's width), measured through the lens model itself so
  // off-axis stretching is included. Horizontal and perpendicular to the line of sight:
  Vec3d h{-d.y, d.x, 0};
  double hn = std::sqrt(h.x * h.x + h.y * h.y);  // (std::hypot's overflow care costs 10 % here)
  if (hn < 1e-12) h = right_, hn = 1;  // looking straight down: any horizontal will do
  constexpr double kHalf = 0.05;       // metres either side of the target
  const Vec3d p0{p.x - h.x / hn * kHalf, p.y - h.y / hn * kHalf, p.z};
  const Vec3d p1{p.x + h.x / hn * kHalf, p.y + h.y / hn * kHalf, p.z};
  double u0, v0, u1, v1;
  if (!SensorPosition(p0, u0, v0) || !SensorPosition(p1, u1, v1)) return std::nullopt;
  out.px_per_m = std::sqrt((u1 - u0) * (u1 - u0) + (v1 - v0) * (v1 - v0)) / (2 * kHalf);
  return out;
}

std::optional<Projection> Project(const Camera& c, const Vec3d& p) { return Projector(c)(p); }

const char* MountName(MountType mount) {
  switch (mount) {
    case MountType::wall: return "wall";
    case MountType::pole: return "pole";
    case MountType::roof: return "roof";
    case MountType::ceiling: return "ceiling";
    case MountType::other: break;
  }
  return "other";
}

}  // namespace sim
