#include "gui/screen.h"

#include <imgui.h>

#include <cmath>

namespace gui {

std::optional<plan::SurfacePick> PickAtScreen(const WorkbenchState& s, double x, double y) {
  if (!s.project) return std::nullopt;
  const osg::Camera* cam = s.viewer->getCamera();
  const osg::Matrixd vpw =
      cam->getViewMatrix() * cam->getProjectionMatrix() * cam->getViewport()->computeWindowMatrix();
  const osg::Matrixd inv = osg::Matrixd::inverse(vpw);
  // Cursor (window units, from the top) to GL window coordinates (pixels, from the bottom).
  const double px = x * s.scale, py = (s.height - y) * s.scale;
  const osg::Vec3d a = osg::Vec3d(px, py, 0) * inv, b = osg::Vec3d(px, py, 1) * inv;
  return plan::PickSurface(s.project->run().city, *s.project->run().scene, {a.x(), a.y(), a.z()},
                           {b.x() - a.x(), b.y() - a.y(), b.z() - a.z()});
}

bool WorldToScreen(const WorkbenchState& s, const sim::Vec3d& p, double& x, double& y) {
  const osg::Camera* cam = s.viewer->getCamera();
  const osg::Matrixd vp = cam->getViewMatrix() * cam->getProjectionMatrix();
  const osg::Vec4d clip = osg::Vec4d(p.x, p.y, p.z, 1) * vp;
  if (clip.w() <= 0) return false;
  const osg::Vec3d ndc(clip.x() / clip.w(), clip.y() / clip.w(), clip.z() / clip.w());
  const osg::Viewport* v = cam->getViewport();
  x = (v->x() + (ndc.x() + 1) / 2 * v->width()) / s.scale;
  y = s.height - (v->y() + (ndc.y() + 1) / 2 * v->height()) / s.scale;
  return std::abs(ndc.z()) <= 1;
}

int CameraAtScreen(const WorkbenchState& s, double x, double y) {
  if (!s.project) return -1;
  int best = -1;
  double best_d = 16;  // pixels from the marker
  const auto& cams = s.project->cameras();
  for (std::size_t i = 0; i < cams.size(); ++i) {
    double sx = 0, sy = 0;
    if (!WorldToScreen(s, cams[i].position, sx, sy)) continue;
    const double d = std::hypot(sx - x, sy - y);
    if (d < best_d) best_d = d, best = static_cast<int>(i);
    // The id label beside the marker is a handle too.
    const ImVec2 size = ImGui::CalcTextSize(cams[i].id.c_str());
    if (best < 0 && x >= sx + 5 && x <= sx + 11 + size.x && y >= sy - 21 && y <= sy - 19 + size.y)
      best = static_cast<int>(i);
  }
  return best;
}

}  // namespace gui
