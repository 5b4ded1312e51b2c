// Over the 3D view: the measure tool's points and line with its figures (ground distance, 3D
// distance, each point's height above the ground under it).
#include "plan/measure.h"

#include <fmt/format.h>
#include <imgui.h>

#include "gui/panels.h"
#include "gui/screen.h"

namespace gui {
namespace {

void DrawMeasure(WorkbenchState& s, Commands&) {
  if (!s.project || s.tool != Tool::measure) return;
  // Under the panels and dialogs (background list): over the 3D view only.
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  std::vector<sim::Vec3d> points = s.measure;
  // One point set: the line follows the mouse to the point under it.
  if (points.size() == 1 && !ImGui::GetIO().WantCaptureMouse)
    if (auto pick = PickAtScreen(s, s.mouse_x, s.mouse_y)) points.push_back(pick->point);
  std::vector<ImVec2> at;
  for (const sim::Vec3d& p : points) {
    double x = 0, y = 0;
    if (!WorldToScreen(s, p, x, y)) return;
    at.emplace_back(float(x), float(y));
  }
  const ImU32 ink = IM_COL32(20, 20, 30, 255), halo = IM_COL32(255, 255, 255, 230);
  if (at.size() == 2) {
    dl->AddLine(at[0], at[1], halo, 5);
    dl->AddLine(at[0], at[1], IM_COL32(230, 60, 20, 255), 2.5f);
  }
  for (const ImVec2& p : at) {
    dl->AddCircleFilled(p, 5, halo);
    dl->AddCircleFilled(p, 3.5f, IM_COL32(230, 60, 20, 255));
  }
  std::string text;
  const geo::CityModel& city = s.project->run().city;
  if (points.size() == 2) {
    const plan::Measurement m = plan::Measure(city, points[0], points[1]);
    text = fmt::format(
        "ground {:.2f} m   3D {:.2f} m   rise {:+.2f} m\nheights above ground: {:.2f} m -> {:.2f} "
        "m",
        m.ground_m, m.slant_m, m.rise_m, m.height_a_m, m.height_b_m);
  } else if (points.size() == 1) {
    text = fmt::format("height above ground {:.2f} m\nclick a second point",
                       plan::Measure(city, points[0], points[0]).height_a_m);
  } else {
    text = "Measure: click a point, then another";
  }
  const ImVec2 anchor =
      at.empty() ? ImVec2(float(s.mouse_x), float(s.mouse_y))
                 : ImVec2((at.front().x + at.back().x) / 2, (at.front().y + at.back().y) / 2);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 box(anchor.x + 12, anchor.y + 12);
  dl->AddRectFilled({box.x - 5, box.y - 3}, {box.x + size.x + 5, box.y + size.y + 3}, halo, 4);
  dl->AddText(box, ink, text.c_str());
}

[[maybe_unused]] const bool registered = RegisterPanel({"measure", Dock::screen, 15, DrawMeasure});

}  // namespace
}  // namespace gui
