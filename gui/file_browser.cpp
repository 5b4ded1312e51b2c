#include "gui/file_browser.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace gui {
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

fs::path RecentFile() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  return (config && *config ? fs::path(config) : HomeFolder() / ".config") / "sightline" / "recent.txt";
}

}  // namespace

fs::path HomeFolder() {
  const char* home = std::getenv("HOME");
  return home ? fs::path(home) : fs::current_path();
}

void CopyText(char* to, std::size_t size, const std::string& from) {
  std::snprintf(to, size, "%s", from.c_str());
}

const FileFilter& CurrentFilter(const FileBrowser& b) {
  static const FileFilter all{"All files", {}};
  return b.filters.empty() ? all : b.filters[std::clamp(b.filter, 0, int(b.filters.size()) - 1)];
}

void Navigate(FileBrowser& b, const fs::path& folder) {
  b.folder = folder.lexically_normal();
  CopyText(b.folder_text, sizeof b.folder_text, b.folder.string());
  b.listing = ListFolder(b.folder, CurrentFilter(b));
  b.error.clear();
}

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
  CopyText(b.name, sizeof b.name, suggested_name);
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
    p = HomeFolder() / t.substr(std::min<std::size_t>(2, t.size()));
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

}  // namespace gui
