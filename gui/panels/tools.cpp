// Project panel: the edit tool (select/drag or place) and the model new cameras get.
#include <imgui.h>

#include "gui/panels.h"

namespace gui {
namespace {

void DrawTools(WorkbenchState& s, Commands&) {
  if (ImGui::CollapsingHeader("Tools", ImGuiTreeNodeFlags_DefaultOpen)) {
    int tool = static_cast<int>(s.tool);
    ImGui::RadioButton("Select / drag (Esc)", &tool, static_cast<int>(Tool::select));
    ImGui::RadioButton("Place camera (P)", &tool, static_cast<int>(Tool::place));
    ImGui::RadioButton("Measure (M)", &tool, static_cast<int>(Tool::measure));
    ImGui::SameLine();
    ImGui::RadioButton("Draw zone (Z)", &tool, static_cast<int>(Tool::zone));
    if (static_cast<Tool>(tool) != s.tool) s.measure.clear();
    s.tool = static_cast<Tool>(tool);
    const auto models = s.project->ModelNames();
    if (!models.empty() && ImGui::BeginCombo("Model", s.place_model.c_str())) {
      for (const std::string& m : models)
        if (ImGui::Selectable(m.c_str(), m == s.place_model)) s.place_model = m;
      ImGui::EndCombo();
    }
    // Wrapped at the panel's width (a narrow panel at 1280 x 720 cut fixed lines off).
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped(
        "Click a facade (wall mount), the ground (pole) or a roof. Drag a camera (or its label) "
        "to move it; Ctrl+drag aims the selection at the ground; arrow keys turn it (Shift: "
        "10\u00b0).");
    ImGui::PopStyleColor();
  }
}

[[maybe_unused]] const bool registered = RegisterPanel({"tools", Dock::left, 20, DrawTools});

}  // namespace
}  // namespace gui
