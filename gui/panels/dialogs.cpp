// Modal dialogs: errors, restoring an autosave, unsaved changes on quit, the file browser.
#include <imgui.h>

#include <utility>

#include "gui/file_dialog.h"
#include "gui/panels.h"

namespace gui {
namespace {

void DrawDialogs(WorkbenchState& s, Commands& cmd) {
  if (!s.error.empty()) ImGui::OpenPopup("Error");
  if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(560);
    ImGui::TextUnformatted(s.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled(s.project ? "The open project is unchanged." : "");
    if (ImGui::Button("OK", {120, 0})) {
      s.error.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (s.offer_autosave) ImGui::OpenPopup("Restore autosave?");
  if (ImGui::BeginPopupModal("Restore autosave?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Unsaved edits of this project were kept in\n%s",
                plan::Project::AutosavePath(s.project->path()).string().c_str());
    if (ImGui::Button("Restore them")) {
      try {
        cmd.Edit(plan::ReplacePlan{s.project->LoadAutosave(), "Restore autosave",
                                   s.project->LoadAutosaveZones()});
      } catch (const std::exception& e) {
        ShowError(s, std::string("Cannot restore the autosave: ") + e.what());
      }
      s.offer_autosave = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep the saved plan")) {
      s.project->DiscardAutosave();
      s.offer_autosave = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (s.confirm_quit) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The camera plan has unsaved changes.");
    if (ImGui::Button("Save and quit")) s.quit = cmd.Edit(plan::Save{}).applied();
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving")) {
      s.project->DiscardAutosave();
      s.quit = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      s.confirm_quit = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (auto chosen = DrawFileBrowser(s.browser, std::exchange(s.path_key, 0)))
    cmd.FileChosen(s.browser.purpose, *chosen);
}

[[maybe_unused]] const bool registered = RegisterPanel({"dialogs", Dock::screen, 50, DrawDialogs});

}  // namespace
}  // namespace gui
