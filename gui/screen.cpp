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

bool ZoneVertexToScreen(const WorkbenchState& s, const geo::Vec2d& p, double& x, double& y) {
  return WorldToScreen(s, {p.x, p.y, s.project->run().city.GroundZ(p.x, p.y) + 0.3}, x, y);
}

std::optional<ZoneHandle> ZoneHandleAt(const WorkbenchState& s, double x, double y) {
  if (!s.project || s.selected_zone < 0 || s.selected_zone >= int(s.project->zones().size()))
    return std::nullopt;
  const sim::Zone& z = s.project->zones()[s.selected_zone];
  std::optional<ZoneHandle> best;
  double best_d = 9;  // pixels
  for (std::size_t p = 0; p < z.outline.size(); ++p)
    for (std::size_t r = 0; r < z.outline[p].size(); ++r) {
      const geo::Ring& ring = z.outline[p][r];
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const geo::Vec2d& a = ring[i];
        const geo::Vec2d& b = ring[(i + 1) % ring.size()];
        double ax = 0, ay = 0, mx = 0, my = 0;
        if (ZoneVertexToScreen(s, a, ax, ay) && std::hypot(ax - x, ay - y) < best_d)
          best_d = std::hypot(ax - x, ay - y), best = ZoneHandle{int(p), int(r), int(i), false};
        if (ZoneVertexToScreen(s, {(a.x + b.x) / 2, (a.y + b.y) / 2}, mx, my) &&
            std::hypot(mx - x, my - y) < best_d - 2)  // vertices win a tie
          best_d = std::hypot(mx - x, my - y), best = ZoneHandle{int(p), int(r), int(i), true};
      }
    }
  return best;
}

int ZonePartAt(const sim::Zone& zone, double x, double y) {
  for (std::size_t p = 0; p < zone.outline.size(); ++p) {
    if (zone.outline[p].empty()) continue;
    const geo::Ring& ring = zone.outline[p][0];
    bool in = false;
    for (std::size_t a = 0, b = ring.size() - 1; a < ring.size(); b = a++)
      if ((ring[a].y > y) != (ring[b].y > y) &&
          x < (ring[b].x - ring[a].x) * (y - ring[a].y) / (ring[b].y - ring[a].y) + ring[a].x)
        in = !in;
    if (in) return int(p);
  }
  return -1;
}

int ZoneAtPoint(const WorkbenchState& s, double x, double y) {
  if (!s.project) return -1;
  const auto& zones = s.project->zones();
  for (int i = int(zones.size()) - 1; i >= 0; --i)
    for (const geo::Polygon& poly : zones[i].outline) {
      bool in = false;  // even-odd over all rings: holes count out
      for (const geo::Ring& ring : poly)
        for (std::size_t a = 0, b = ring.size() - 1; a < ring.size(); b = a++)
          if ((ring[a].y > y) != (ring[b].y > y) &&
              x < (ring[b].x - ring[a].x) * (y - ring[a].y) / (ring[b].y - ring[a].y) + ring[a].x)
            in = !in;
      if (in) return i;
    }
  return -1;
}

}  // namespace gui
