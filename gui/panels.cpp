#include "gui/panels.h"

#include <imgui.h>

#include <algorithm>

namespace gui {
namespace {

// A function-local registry: panel files register during static initialisation, in any order.
std::vector<Panel>& Registry() {
  static std::vector<Panel> panels;
  return panels;
}

void DrawDock(WorkbenchState& s, Commands& commands, Dock dock) {
  const float top = ImGui::GetFrameHeight();
  const bool left = dock == Dock::left;
  if (!(left ? s.show_left : s.show_right)) return;
  float& width = left ? s.left_width : s.right_width;
  // Wide enough for the fields, never more than half the window: the 3D view keeps room.
  width = std::clamp(width, 220.0f, std::max(220.0f, s.width / 2.0f));
  const float height = s.height - top - kStatusHeight;
  ImGui::SetNextWindowPos({left ? 0 : s.width - width, top});
  ImGui::SetNextWindowSize({width, height});
  ImGui::SetNextWindowSizeConstraints({220, height}, {std::max(220.0f, s.width / 2.0f), height});
  // Resizable by its inner edge (ImGui keeps the size the planner dragged to: read back below).
  ImGui::Begin(left ? "Project" : "Cameras", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar);
  for (const Panel& p : PanelsIn(dock)) p.draw(s, commands);
  width = ImGui::GetWindowWidth();
  ImGui::End();
}

}  // namespace

bool RegisterPanel(const Panel& panel) {
  Registry().push_back(panel);
  return true;
}

std::vector<Panel> PanelsIn(Dock dock) {
  std::vector<Panel> out;
  for (const Panel& p : Registry())
    if (p.dock == dock) out.push_back(p);
  std::stable_sort(out.begin(), out.end(),
                   [](const Panel& a, const Panel& b) { return a.order < b.order; });
  return out;
}

void DrawPanels(WorkbenchState& s, Commands& commands) {
  if (ImGui::BeginMainMenuBar()) {
    for (const Panel& p : PanelsIn(Dock::menu_bar)) p.draw(s, commands);
    ImGui::EndMainMenuBar();
  }
  if (s.project) {
    DrawDock(s, commands, Dock::left);
    DrawDock(s, commands, Dock::right);
  }
  for (const Panel& p : PanelsIn(Dock::screen)) p.draw(s, commands);
}

}  // namespace gui
