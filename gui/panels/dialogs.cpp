// Modal dialogs: errors, restoring an autosave, unsaved changes on quit, the file browser.
#include <fmt/format.h>
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
                                   s.project->LoadAutosaveZones(), s.project->LoadAutosaveBackground()});
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
    ImGui::Text("The plan (cameras, zones, background) has unsaved changes.");
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
  if (s.pending_export) {  // drawn once before the window is held while it is written
    // Straight onto the foreground: a new ImGui window is hidden in its first frame, the only
    // one drawn before the export holds the window.
    const std::string text = fmt::format(
        "Writing the {} to {} ...\nThe window is busy until it is done (a big city: a minute).",
        s.pending_export->what == "report" ? "report" : "coverage", s.pending_export->dir.string());
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    const ImVec2 at(centre.x - size.x / 2, centre.y - size.y / 2);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled({at.x - 14, at.y - 10}, {at.x + size.x + 14, at.y + size.y + 10}, IM_COL32(250, 250, 250, 245), 4);
    dl->AddRect({at.x - 14, at.y - 10}, {at.x + size.x + 14, at.y + size.y + 10}, IM_COL32(120, 120, 130, 255), 4);
    dl->AddText(at, IM_COL32(20, 20, 30, 255), text.c_str());
    s.pending_export->shown = true;
  }
  if (auto chosen = DrawFileBrowser(s.browser, std::exchange(s.path_key, 0)))
    cmd.FileChosen(s.browser.purpose, *chosen);
}

[[maybe_unused]] const bool registered = RegisterPanel({"dialogs", Dock::screen, 50, DrawDialogs});

}  // namespace
}  // namespace gui
