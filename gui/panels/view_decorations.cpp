// Over the 3D view: building names, camera labels, north arrow and scale bar.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <osgGA/TerrainManipulator>

#include "gui/panels.h"
#include "gui/screen.h"

namespace gui {
namespace {

void DrawViewDecorations(WorkbenchState& s, Commands&) {
  if (!s.project) return;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float left = s.ViewLeft(), right_edge = s.ViewRight();
  dl->PushClipRect({left, kMenuHeight}, {right_edge, s.height - kStatusHeight}, true);
  // Building names: those nearest the screen centre first, at most 60, none overlapping.
  if (s.show_names) {
    std::vector<std::pair<double, ImVec2>> shown;
    std::vector<std::pair<double, std::size_t>> order;
    const auto& labels = s.view->building_labels();
    const double mx = (left + right_edge) / 2.0, my = s.height / 2.0;
    std::vector<ImVec2> at(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      double x = 0, y = 0;
      if (!WorldToScreen(s, labels[i].position, x, y) || x < left || x > right_edge) continue;
      at[i] = ImVec2(float(x), float(y));
      order.emplace_back(std::hypot(x - mx, y - my), i);
    }
    std::sort(order.begin(), order.end());
    std::vector<ImVec4> boxes;
    for (const auto& [d, i] : order) {
      if (boxes.size() >= 60) break;
      const ImVec2 size = ImGui::CalcTextSize(labels[i].text.c_str());
      const ImVec4 box(at[i].x - size.x / 2, at[i].y - size.y / 2, at[i].x + size.x / 2,
                       at[i].y + size.y / 2);
      bool overlaps = false;
      for (const ImVec4& b : boxes)
        overlaps |= box.x < b.z && b.x < box.z && box.y < b.w && b.y < box.w;
      if (overlaps) continue;
      boxes.push_back(box);
      dl->AddText({box.x + 1, box.y + 1}, IM_COL32(255, 255, 255, 200), labels[i].text.c_str());
      dl->AddText({box.x, box.y}, IM_COL32(60, 40, 20, 255), labels[i].text.c_str());
    }
  }
  // Camera labels.
  for (const sim::Camera& c : s.project->cameras()) {
    double x = 0, y = 0;
    if (!WorldToScreen(s, c.position, x, y)) continue;
    const bool sel = s.project->selection.count(c.id) > 0;
    const ImVec2 at(float(x) + 8, float(y) - 20);
    const ImVec2 size = ImGui::CalcTextSize(c.id.c_str());
    const bool inside = s.inside.count(c.id) > 0;  // inside a building: red, as in the list
    dl->AddRectFilled({at.x - 3, at.y - 1}, {at.x + size.x + 3, at.y + size.y + 1},
                      sel      ? IM_COL32(255, 140, 0, 230)
                      : inside ? IM_COL32(230, 60, 60, 230)
                               : IM_COL32(255, 255, 255, 210),
                      3);
    dl->AddText(at, IM_COL32(20, 20, 30, 255), c.id.c_str());
  }
  // North arrow and scale bar, bottom left of the 3D view, from the view's centre point.
  auto* m = dynamic_cast<osgGA::TerrainManipulator*>(s.viewer->getCameraManipulator());
  if (!m) return dl->PopClipRect();
  const osg::Vec3d centre = m->getCenter();
  double cx = 0, cy = 0, nx = 0, ny = 0;
  if (WorldToScreen(s, {centre.x(), centre.y(), centre.z()}, cx, cy) &&
      WorldToScreen(s, {centre.x(), centre.y() + 10, centre.z()}, nx, ny)) {
    double dx = nx - cx, dy = ny - cy;
    const double len = std::hypot(dx, dy);
    if (len > 1e-6) {
      dx /= len, dy /= len;
      const ImVec2 o(left + 50, s.height - kStatusHeight - 60);
      const ImVec2 tip(o.x + float(dx) * 26, o.y + float(dy) * 26),
          tail(o.x - float(dx) * 20, o.y - float(dy) * 20);
      const ImVec2 side(-float(dy) * 9, float(dx) * 9);
      dl->AddCircleFilled(o, 32, IM_COL32(255, 255, 255, 190));
      dl->AddTriangleFilled(tip, {tail.x + side.x, tail.y + side.y},
                            {tail.x - side.x, tail.y - side.y}, IM_COL32(30, 30, 40, 255));
      dl->AddText({tip.x + float(dx) * 6 - 4, tip.y + float(dy) * 6 - 7}, IM_COL32(180, 0, 0, 255),
                  "N");
    }
  }
  // Scale: metres per pixel at the centre, along the screen's horizontal.
  const osg::Camera* cam = s.viewer->getCamera();
  const osg::Matrixd inv = osg::Matrixd::inverse(cam->getViewMatrix());
  osg::Vec3d right(inv(0, 0), inv(0, 1), 0);  // the screen's x axis, flattened onto the ground
  if (right.normalize() > 0) {
    double ax = 0, ay = 0, bx = 0, by = 0;
    const osg::Vec3d b = centre + right * 10.0;
    if (WorldToScreen(s, {centre.x(), centre.y(), centre.z()}, ax, ay) &&
        WorldToScreen(s, {b.x(), b.y(), b.z()}, bx, by)) {
      const double px_per_m = std::hypot(bx - ax, by - ay) / 10;
      if (px_per_m > 0) {
        double metres = 1;
        for (double step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
          if (step * px_per_m <= 160) metres = step;
        const float len = float(metres * px_per_m);
        const ImVec2 o(left + 100, s.height - kStatusHeight - 30);
        dl->AddRectFilled({o.x - 6, o.y - 22}, {o.x + len + 50, o.y + 8},
                          IM_COL32(255, 255, 255, 190), 3);
        dl->AddLine(o, {o.x + len, o.y}, IM_COL32(20, 20, 20, 255), 3);
        dl->AddLine({o.x, o.y - 6}, {o.x, o.y}, IM_COL32(20, 20, 20, 255), 2);
        dl->AddLine({o.x + len, o.y - 6}, {o.x + len, o.y}, IM_COL32(20, 20, 20, 255), 2);
        const std::string label =
            metres >= 1000 ? fmt::format("{:g} km", metres / 1000) : fmt::format("{:g} m", metres);
        dl->AddText({o.x + len + 6, o.y - 16}, IM_COL32(20, 20, 20, 255), label.c_str());
        if (!s.top_down) dl->AddText({o.x, o.y - 20}, IM_COL32(90, 90, 90, 255), "at centre");
      }
    }
  }
  dl->PopClipRect();
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"view decorations", Dock::screen, 10, DrawViewDecorations});

}  // namespace
}  // namespace gui
