// The workbench's file browser without its window: plain state (folders, files filtered by
// extension, recent files, a name field that starts afresh each time it opens) and the listing
// and path rules, tested without a display. file_dialog.h draws it with ImGui.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gui {

enum class BrowseFor { open_file, save_file, folder };

struct FileFilter {
  std::string label;                    // "Scenarios (*.yaml, *.yml)"
  std::vector<std::string> extensions;  // lower case with the dot; empty: every file
};

struct FileBrowser {
  BrowseFor mode = BrowseFor::open_file;
  std::string title;
  std::string purpose;  // what the choice is for ("open", "save_as", "export", ...)
  std::filesystem::path folder;
  std::vector<FileFilter> filters;
  int filter = 0;
  std::vector<std::filesystem::path> recent;  // most recent first (open mode shows them)
  bool open = false;
  // Per opening: a fresh id for the text fields (no cursor or selection carried over), the
  // typed name and folder text, and a pending "replace?" question.
  int generation = 0;
  char name[512] = {};
  char folder_text[1024] = {};
  std::optional<std::filesystem::path> confirm_replace;
  std::string error;
  std::vector<std::filesystem::directory_entry> listing;  // of `folder`, filtered
};

// Opens `b` afresh in `folder` with `suggested_name` in the name field (selected, so typing
// replaces it).
void OpenBrowser(FileBrowser& b, BrowseFor mode, const std::string& purpose,
                 const std::string& title, const std::filesystem::path& folder,
                 const std::string& suggested_name, std::vector<FileFilter> filters);

// Folders first, then files matching the filter, each sorted by name; hidden entries skipped.
std::vector<std::filesystem::directory_entry> ListFolder(const std::filesystem::path& folder,
                                                         const FileFilter& filter);

// What a typed name means: an absolute path or ~/..., else a name in `folder`. Saving with a
// filter adds its first extension when the name has none of them.
std::filesystem::path ResolveTyped(const std::filesystem::path& folder, const std::string& typed,
                                   BrowseFor mode, const FileFilter& filter);

// Adds `file` at the front of `recent` (no duplicates, at most `keep`).
void Remember(std::vector<std::filesystem::path>& recent, const std::filesystem::path& file,
              std::size_t keep = 10);
// Recent files in $XDG_CONFIG_HOME/sightline/recent.txt (or ~/.config/...), one per line.
std::vector<std::filesystem::path> LoadRecent();
void SaveRecent(const std::vector<std::filesystem::path>& recent);

// The filter in use, the folder shown (listing refreshed), the user's home folder.
const FileFilter& CurrentFilter(const FileBrowser& b);
void Navigate(FileBrowser& b, const std::filesystem::path& folder);
std::filesystem::path HomeFolder();
// Copies `from` into a fixed text field, cut to fit.
void CopyText(char* to, std::size_t size, const std::string& from);

}  // namespace gui
