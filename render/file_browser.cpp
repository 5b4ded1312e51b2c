#include "render/file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace render {
namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Matches(const fs::path& file, const FileFilter& filter) {
  if (filter.extensions.empty()) return true;
  const std::string ext = Lower(file.extension().string());
  return std::find(filter.extensions.begin(), filter.extensions.end(), ext) !=
         filter.extensions.end();
}

fs::path Home() {
  const char* home = std::getenv("HOME");
  return home ? fs::path(home) : fs::current_path();
}

fs::path RecentFile() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  return (config && *config ? fs::path(config) : Home() / ".config") / "sightline" / "recent.txt";
}

void Copy(char* to, std::size_t size, const std::string& from) {
  std::snprintf(to, size, "%s", from.c_str());
}

const FileFilter& CurrentFilter(const FileBrowser& b) {
  static const FileFilter all{"All files", {}};
  return b.filters.empty() ? all : b.filters[std::clamp(b.filter, 0, int(b.filters.size()) - 1)];
}

void Navigate(FileBrowser& b, const fs::path& folder) {
  b.folder = folder.lexically_normal();
  Copy(b.folder_text, sizeof b.folder_text, b.folder.string());
  b.listing = ListFolder(b.folder, CurrentFilter(b));
  b.error.clear();
}

}  // namespace

void OpenBrowser(FileBrowser& b, BrowseFor mode, const std::string& purpose,
                 const std::string& title, const fs::path& folder,
                 const std::string& suggested_name, std::vector<FileFilter> filters) {
  b.mode = mode;
  b.purpose = purpose;
  b.title = title;
  b.filters = std::move(filters);
  b.filter = 0;
  b.open = true;
  ++b.generation;  // new widget ids: ImGui keeps no cursor or selection from the last time
  b.confirm_replace.reset();
  Copy(b.name, sizeof b.name, suggested_name);
  std::error_code e;
  Navigate(b, fs::is_directory(folder, e) ? fs::absolute(folder) : fs::current_path());
}

std::vector<fs::directory_entry> ListFolder(const fs::path& folder, const FileFilter& filter) {
  std::vector<fs::directory_entry> dirs, files;
  std::error_code e;
  for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, e), end;
       !e && it != end; it.increment(e)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code s;
    if (it->is_directory(s))
      dirs.push_back(*it);
    else if (Matches(it->path(), filter))
      files.push_back(*it);
  }
  auto by_name = [](const fs::directory_entry& a, const fs::directory_entry& b) {
    return Lower(a.path().filename().string()) < Lower(b.path().filename().string());
  };
  std::sort(dirs.begin(), dirs.end(), by_name);
  std::sort(files.begin(), files.end(), by_name);
  dirs.insert(dirs.end(), files.begin(), files.end());
  return dirs;
}

fs::path ResolveTyped(const fs::path& folder, const std::string& typed, BrowseFor mode,
                      const FileFilter& filter) {
  std::string t = typed;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  t.erase(0, std::min(t.size(), t.find_first_not_of(" \t")));
  fs::path p;
  if (t == "~" || t.rfind("~/", 0) == 0)
    p = Home() / t.substr(std::min<std::size_t>(2, t.size()));
  else
    p = fs::path(t).is_absolute() ? fs::path(t) : folder / t;
  p = p.lexically_normal();
  if (mode == BrowseFor::save_file && !filter.extensions.empty() && !p.filename().empty() &&
      !Matches(p, filter))
    p += filter.extensions.front();
  return p;
}

void Remember(std::vector<fs::path>& recent, const fs::path& file, std::size_t keep) {
  const fs::path f = fs::absolute(file).lexically_normal();
  std::erase(recent, f);
  recent.insert(recent.begin(), f);
  if (recent.size() > keep) recent.resize(keep);
}

std::vector<fs::path> LoadRecent() {
  std::vector<fs::path> recent;
  std::ifstream in(RecentFile());
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) recent.emplace_back(line);
  return recent;
}

void SaveRecent(const std::vector<fs::path>& recent) {
  std::error_code e;
  fs::create_directories(RecentFile().parent_path(), e);
  std::ofstream out(RecentFile());
  for (const fs::path& f : recent) out << f.string() << "\n";
}

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
  if (ImGui::Button("Home")) Navigate(b, Home());
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
        Copy(b.name, sizeof b.name, name);
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

}  // namespace render
