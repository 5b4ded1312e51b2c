// The main menu: File, Edit and View, and the open project's title at the right.
#include <imgui.h>

#include <filesystem>

#include "gui/panels.h"

namespace gui {
namespace {

void DrawMainMenu(WorkbenchState& s, Commands& cmd) {
  const bool has = s.project != nullptr;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scenario...", "Ctrl+O")) Browse(s, "open");
    if (ImGui::BeginMenu("Open recent", !s.browser.recent.empty())) {
      for (const std::filesystem::path& r : s.browser.recent)
        if (ImGui::MenuItem(r.filename().string().c_str(), nullptr, false,
                            std::filesystem::exists(r)))
          cmd.FileChosen("open", r);
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Save", "Ctrl+S", false, has)) cmd.Edit(plan::Save{});
    if (ImGui::MenuItem("Save as...", "Ctrl+Shift+S", false, has)) Browse(s, "save_as");
    ImGui::Separator();
    if (ImGui::MenuItem("Export coverage (GeoTIFF, GeoPackage, JSON)...", nullptr, false, has))
      Browse(s, "export");
    if (ImGui::MenuItem("Export report (PDF)...", nullptr, false, has)) Browse(s, "report");
    if (ImGui::MenuItem("Screenshot...")) Browse(s, "screenshot");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) cmd.CloseRequested();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit", has)) {
    const std::string undo = "Undo " + s.project->history().UndoLabel();
    const std::string redo = "Redo " + s.project->history().RedoLabel();
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, s.project->history().CanUndo()))
      cmd.Edit(plan::Undo{});
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Y", false, s.project->history().CanRedo()))
      cmd.Edit(plan::Redo{});
    ImGui::Separator();
    if (ImGui::MenuItem("Delete selected", "Del", false, !s.project->selection.empty()))
      cmd.Edit(plan::DeleteSelected{});
    if (ImGui::MenuItem("Select all")) {
      s.project->selection.clear();
      for (const sim::Camera& c : s.project->cameras()) s.project->selection.insert(c.id);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View", has)) {
    if (ImGui::MenuItem("3D view", nullptr, !s.top_down)) cmd.SetTopDown(false);
    if (ImGui::MenuItem("Top-down map", "T", s.top_down)) cmd.SetTopDown(true);
    if (ImGui::MenuItem("Home", "H")) cmd.HomeView();
    ImGui::Separator();
    ImGui::MenuItem("Project panel", "F2", &s.show_left);
    ImGui::MenuItem("Camera panel", "F3", &s.show_right);
    ImGui::MenuItem("Camera eye in its own window", "F4", &s.eye_window);
    ImGui::MenuItem("Wedges with DORI bands", "W", &s.show_wedges);
    ImGui::Separator();
    for (plan::OverlayMode m :
         {plan::OverlayMode::k_coverage, plan::OverlayMode::density, plan::OverlayMode::off})
      if (ImGui::MenuItem(plan::OverlayModeName(m), nullptr, s.overlay == m)) s.overlay = m;
    ImGui::EndMenu();
  }
  if (has && ImGui::GetWindowWidth() > 900) {  // the title where there is room for it
    ImGui::SameLine(ImGui::GetWindowWidth() - 420);
    ImGui::TextDisabled("%s", s.project->Title().c_str());
  }
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"main menu", Dock::menu_bar, 10, DrawMainMenu});

}  // namespace
}  // namespace gui
