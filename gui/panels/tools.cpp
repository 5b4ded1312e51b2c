// Project panel: the edit tool (select/drag or place) and the model new cameras get.
#include <imgui.h>

#include "gui/panels.h"

namespace gui {
namespace {

void DrawTools(WorkbenchState& s, Commands&) {
  if (ImGui::CollapsingHeader("Tools", ImGuiTreeNodeFlags_DefaultOpen)) {
    int tool = s.tool == Tool::place ? 1 : 0;
    ImGui::RadioButton("Select / drag (Esc)", &tool, 0);
    ImGui::RadioButton("Place camera (P)", &tool, 1);
    s.tool = tool == 1 ? Tool::place : Tool::select;
    const auto models = s.project->ModelNames();
    if (!models.empty() && ImGui::BeginCombo("Model", s.place_model.c_str())) {
      for (const std::string& m : models)
        if (ImGui::Selectable(m.c_str(), m == s.place_model)) s.place_model = m;
      ImGui::EndCombo();
    }
    ImGui::TextDisabled(
        "Click a facade (wall mount), the ground (pole)\nor a roof. Drag a camera (or its label) "
        "to\nmove it; Ctrl+drag aims the selection at the\nground; arrow keys turn it (Shift: "
        "10\u00b0).");
  }
}

[[maybe_unused]] const bool registered = RegisterPanel({"tools", Dock::left, 20, DrawTools});

}  // namespace
}  // namespace gui
