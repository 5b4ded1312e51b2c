// Over the 3D view: the zone tool's outline being drawn (with the edge to the mouse) and the
// selected zone's handles on every part and hole: vertices to drag (right click removes one),
// edge midpoints to drag out into new vertices.
#include <imgui.h>

#include <algorithm>

#include "gui/panels.h"
#include "gui/screen.h"

namespace gui {
namespace {

void DrawZoneTool(WorkbenchState& s, Commands&) {
  if (!s.project || s.tool != Tool::zone) return;
  // Under the panels and dialogs (background list): over the 3D view only.
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const ImU32 halo = IM_COL32(255, 255, 255, 230), ink = IM_COL32(0, 115, 178, 255);
  std::vector<ImVec2> draft;
  for (const sim::Vec3d& p : s.zone_draft) {
    double x = 0, y = 0;
    if (WorldToScreen(s, p, x, y)) draft.emplace_back(float(x), float(y));
  }
  if (!draft.empty()) {
    draft.emplace_back(float(s.mouse_x), float(s.mouse_y));  // the edge being drawn
    dl->AddPolyline(draft.data(), int(draft.size()), halo, 0, 5);
    dl->AddPolyline(draft.data(), int(draft.size()), ink, 0, 2.5f);
    for (std::size_t i = 0; i + 1 < draft.size(); ++i) {
      dl->AddCircleFilled(draft[i], i == 0 ? 7.f : 5.f, halo);
      dl->AddCircleFilled(draft[i], i == 0 ? 5.f : 3.5f, ink);
    }
  }
  if (s.selected_zone >= 0 && s.selected_zone < int(s.project->zones().size())) {
    const sim::Zone& z = s.project->zones()[s.selected_zone];
    for (const geo::Polygon& part : z.outline)
      for (std::size_t r = 0; r < part.size(); ++r) {
        const geo::Ring& ring = part[r];
        for (std::size_t i = 0; i < ring.size(); ++i) {
          const geo::Vec2d& a = ring[i];
          const geo::Vec2d& b = ring[(i + 1) % ring.size()];
          double x = 0, y = 0;
          if (ZoneVertexToScreen(s, {(a.x + b.x) / 2, (a.y + b.y) / 2}, x, y)) {
            dl->AddCircleFilled({float(x), float(y)}, 4.5f, halo);
            dl->AddCircle({float(x), float(y)}, 4.5f, ink, 0, 1.5f);
          }
          if (ZoneVertexToScreen(s, a, x, y)) {  // holes' vertices hollow
            dl->AddRectFilled({float(x) - 5, float(y) - 5}, {float(x) + 5, float(y) + 5}, halo);
            if (r == 0)
              dl->AddRectFilled({float(x) - 3.5f, float(y) - 3.5f}, {float(x) + 3.5f, float(y) + 3.5f}, ink);
            else
              dl->AddRect({float(x) - 3.5f, float(y) - 3.5f}, {float(x) + 3.5f, float(y) + 3.5f}, ink, 0, 0, 2);
          }
        }
      }
  }
  const bool into = s.zone_draft_into != ZoneDraftInto::new_zone;
  const char* hint =
      into && s.zone_draft.empty()
          ? (s.zone_draft_into == ZoneDraftInto::hole
                 ? "Hole: click inside the selected zone to start its outline; Esc cancels"
                 : "Another part of the selected zone: click to start its outline; Esc cancels")
      : !s.zone_draft.empty()
          ? "Click to add points; Enter or a click on the first point closes the outline; Backspace "
            "removes the last; Esc cancels"
          : "Zone: click to start an outline. Selected zone: drag a vertex, drag a midpoint to add "
            "one, right-click a vertex to remove it (a hole's or part's last three: the hole or "
            "part), Del deletes";
  // Under the panels (background list): a long hint on a narrow view is cut, not drawn over them.
  ImDrawList* bg = ImGui::GetBackgroundDrawList();
  // Bottom left, above the north arrow: notes come and go at the top.
  const float wrap = std::max(200.0f, s.ViewRight() - s.ViewLeft() - 30);
  const ImVec2 size = ImGui::CalcTextSize(hint, nullptr, false, wrap);
  const ImVec2 at(s.ViewLeft() + 10, s.height - kStatusHeight - 100 - size.y);
  bg->AddRectFilled({at.x - 5, at.y - 3}, {at.x + size.x + 5, at.y + size.y + 3}, halo, 4);
  bg->AddText(nullptr, 0, at, IM_COL32(20, 20, 30, 255), hint, nullptr, wrap);
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"zone tool", Dock::screen, 16, DrawZoneTool});

}  // namespace
}  // namespace gui
