#include "render/home_view.h"

#include <algorithm>
#include <cmath>

namespace render {

EyePose FrameArea(const geo::Box2d& a, double ground_z, double z_low, double z_high,
                  const HomeViewOptions& o) {
  const osg::Vec3d centre((a.min_x + a.max_x) / 2, (a.min_y + a.max_y) / 2, ground_z);
  osg::Vec3d back(0, -0.64, 0.77);  // from the south, about 50 degrees down
  back.normalize();
  const osg::Vec3d forward = -back, right(1, 0, 0), up = right ^ forward;
  const double tan_v = std::tan(o.vertical_fov_deg * M_PI / 360), tan_h = tan_v * o.aspect;
  // Each corner at distance d: depth d + p.forward, offsets p.right and p.up; it fits when
  // both offsets are within the half-angles at that depth.
  double distance = 10;
  for (double x : {a.min_x, a.max_x})
    for (double y : {a.min_y, a.max_y})
      for (double z : {std::min(z_low, ground_z), std::max(z_high, ground_z)}) {
        const osg::Vec3d p = osg::Vec3d(x, y, z) - centre;
        distance = std::max({distance, std::abs(p * right) / tan_h - p * forward,
                             std::abs(p * up) / tan_v - p * forward});
      }
  return {centre + back * distance * o.margin, centre};
}

}  // namespace render
