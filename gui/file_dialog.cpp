#include "gui/file_dialog.h"

#include <imgui.h>

#include <cstring>

namespace gui {
namespace fs = std::filesystem;

std::optional<fs::path> DrawFileBrowser(FileBrowser& b, int key) {
  if (!b.open) return std::nullopt;
  const std::string popup = b.title + "###file browser";
  if (!ImGui::IsPopupOpen(popup.c_str())) ImGui::OpenPopup(popup.c_str());
  ImGui::SetNextWindowSize({760, 500}, ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings))
    return std::nullopt;
  ImGui::PushID(b.generation);
  std::optional<fs::path> chosen;
  auto close = [&] {
    b.open = false;
    b.confirm_replace.reset();
    ImGui::CloseCurrentPopup();
  };
  const FileFilter& filter = CurrentFilter(b);

  if (b.confirm_replace) {  // asked once; Enter replaces, Escape goes back to the browser
    const bool folder = fs::is_directory(*b.confirm_replace);
    ImGui::TextWrapped(folder
                           ? "The folder %s exists; files of the same names in it will be replaced."
                           : "%s already exists. Replace it?",
                       b.confirm_replace->string().c_str());
    if (ImGui::Button(folder ? "Write into it" : "Replace", {140, 0}) || key > 0) {
      chosen = *b.confirm_replace;
      close();
    }
    ImGui::SameLine();
    if (ImGui::Button("Back", {120, 0}) || key < 0) b.confirm_replace.reset();
    ImGui::PopID();
    ImGui::EndPopup();
    return chosen;
  }

  // The folder: Up, or type one and press Enter.
  if (ImGui::Button("Up")) Navigate(b, b.folder.parent_path());
  ImGui::SameLine();
  if (ImGui::Button("Home")) Navigate(b, HomeFolder());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##folder", b.folder_text, sizeof b.folder_text,
                       ImGuiInputTextFlags_EnterReturnsTrue)) {
    const fs::path typed = ResolveTyped(b.folder, b.folder_text, BrowseFor::folder, filter);
    if (fs::is_directory(typed))
      Navigate(b, typed);
    else
      b.error = "no such folder: " + typed.string();
  }
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2 +
                       (b.error.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing());
  if (b.mode == BrowseFor::open_file && !b.recent.empty()) {
    ImGui::BeginChild("recent", {230, -footer}, true);
    ImGui::TextDisabled("Recent");
    for (const fs::path& r : b.recent) {
      if (ImGui::Selectable(r.filename().string().c_str()) && fs::exists(r)) {
        chosen = r;
        close();
      }
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s%s", r.string().c_str(), fs::exists(r) ? "" : " (gone)");
    }
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginChild("listing", {0, -footer}, true);
  std::optional<fs::path> enter_folder;
  for (const fs::directory_entry& entry : b.listing) {
    std::error_code e;
    const bool dir = entry.is_directory(e);
    const std::string name = entry.path().filename().string();
    const std::string label = (dir ? "[folder]  " + name + "/" : "          " + name);
    const bool selected = !dir && name == b.name;
    if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick)) {
      if (dir) {
        enter_folder = entry.path();
      } else {
        CopyText(b.name, sizeof b.name, name);
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) key = +1;  // double click chooses
      }
    }
  }
  if (b.listing.empty())
    ImGui::TextDisabled(filter.extensions.empty() ? "(empty folder)" : "(no matching files here)");
  ImGui::EndChild();
  if (enter_folder) Navigate(b, *enter_folder);

  // The name: selected when the browser opens, so typing replaces it.
  const char* name_label = b.mode == BrowseFor::folder ? "folder name" : "file name";
  ImGui::SetNextItemWidth(420);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool typed_enter =
      ImGui::InputText(name_label, b.name, sizeof b.name,
                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  if (b.filters.size() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##filter", filter.label.c_str())) {
      for (int i = 0; i < int(b.filters.size()); ++i)
        if (ImGui::Selectable(b.filters[i].label.c_str(), i == b.filter)) {
          b.filter = i;
          Navigate(b, b.folder);
        }
      ImGui::EndCombo();
    }
  }
  const char* ok = b.mode == BrowseFor::open_file ? "Open"
                   : b.mode == BrowseFor::folder  ? "Choose"
                                                  : "Save";
  const bool submit = ImGui::Button(ok, {120, 0}) || typed_enter || key > 0;
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel", {120, 0}) || key < 0;
  ImGui::SameLine();
  ImGui::TextDisabled("Enter: %s   Escape: cancel", ok);
  if (!b.error.empty()) ImGui::TextColored({0.85f, 0.1f, 0.1f, 1}, "%s", b.error.c_str());

  if (cancel) {
    close();
  } else if (submit) {
    const fs::path p = b.name[0] ? ResolveTyped(b.folder, b.name, b.mode, filter) : b.folder;
    std::error_code e;
    if (b.mode != BrowseFor::folder && fs::is_directory(p, e)) {
      Navigate(b, p);  // a folder typed or picked: go in
      b.name[0] = 0;
    } else if (b.mode != BrowseFor::folder && !b.name[0]) {
      b.error = "type or pick a file name";
    } else if (b.mode == BrowseFor::open_file && !fs::exists(p, e)) {
      b.error = "no such file: " + p.string();
    } else if (b.mode != BrowseFor::open_file && !fs::is_directory(p.parent_path(), e)) {
      b.error = "no such folder: " + p.parent_path().string();
    } else if (b.mode == BrowseFor::folder && fs::exists(p, e) && !fs::is_directory(p, e)) {
      b.error = p.string() + " is a file, not a folder";
    } else if (b.mode != BrowseFor::open_file && fs::exists(p, e) &&
               !(fs::is_directory(p, e) && fs::is_empty(p, e))) {
      b.confirm_replace = p;
    } else {
      chosen = p;
      close();
    }
  }
  ImGui::PopID();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace gui
