// The file browser's rules without a window: what a folder lists under a filter, what a typed
// name means, recent files.
#include "gui/file_browser.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace gui {
namespace {

using testing_util::TempDir;
using testing_util::WriteText;

std::vector<std::string> Names(const std::vector<std::filesystem::directory_entry>& entries) {
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.path().filename().string());
  return names;
}

TEST(FileBrowser, ListsFoldersFirstThenMatchingFilesWithoutHiddenOnes) {
  TempDir dir;
  std::filesystem::create_directories(dir / "plans");
  std::filesystem::create_directories(dir / "Archive");
  std::filesystem::create_directories(dir / ".git");
  WriteText(dir / "b.yaml", "");
  WriteText(dir / "A.YML", "");
  WriteText(dir / "notes.txt", "");
  WriteText(dir / ".hidden.yaml", "");
  const FileFilter yaml{"Scenarios", {".yaml", ".yml"}}, all{"All files", {}};
  EXPECT_EQ(Names(ListFolder(dir.path(), yaml)),
            (std::vector<std::string>{"Archive", "plans", "A.YML", "b.yaml"}));
  EXPECT_EQ(Names(ListFolder(dir.path(), all)),
            (std::vector<std::string>{"Archive", "plans", "A.YML", "b.yaml", "notes.txt"}));
  EXPECT_TRUE(ListFolder(dir / "missing", all).empty());
}

TEST(FileBrowser, TypedNamesAreNamesInTheFolderOrWholePaths) {
  const FileFilter yaml{"Scenarios", {".yaml", ".yml"}};
  const std::filesystem::path folder = "/data/plans";
  EXPECT_EQ(ResolveTyped(folder, "final", BrowseFor::save_file, yaml), "/data/plans/final.yaml");
  EXPECT_EQ(ResolveTyped(folder, " final.yml ", BrowseFor::save_file, yaml),
            "/data/plans/final.yml");
  EXPECT_EQ(ResolveTyped(folder, "../exp1", BrowseFor::folder, {}), "/data/exp1");
  EXPECT_EQ(ResolveTyped(folder, "/tmp/x.yaml", BrowseFor::open_file, yaml), "/tmp/x.yaml");
  EXPECT_EQ(ResolveTyped(folder, "exp1", BrowseFor::folder, {}), "/data/plans/exp1");
  const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  setenv("HOME", "/home/planner", 1);
  EXPECT_EQ(ResolveTyped(folder, "~/city.yaml", BrowseFor::open_file, yaml),
            "/home/planner/city.yaml");
  setenv("HOME", home.c_str(), 1);
}

TEST(FileBrowser, OpeningStartsAfreshAndRecentFilesPersist) {
  TempDir dir;
  FileBrowser b;
  OpenBrowser(b, BrowseFor::folder, "export", "Export", dir.path(), "coverage", {});
  std::snprintf(b.name, sizeof b.name, "%s", "exp1ge");  // typed, then cancelled
  const int first = b.generation;
  OpenBrowser(b, BrowseFor::save_file, "save_as", "Save as", dir.path(), "plan-edited.yaml", {});
  EXPECT_STREQ(b.name, "plan-edited.yaml");  // the suggestion, nothing of the last text
  EXPECT_NE(b.generation, first);            // new widget ids: no old cursor or selection
  EXPECT_EQ(b.folder, dir.path());

  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  std::vector<std::filesystem::path> recent;
  for (const char* f : {"/a.yaml", "/b.yaml", "/a.yaml"}) Remember(recent, f, 3);
  EXPECT_EQ(recent, (std::vector<std::filesystem::path>{"/a.yaml", "/b.yaml"}));
  SaveRecent(recent);
  EXPECT_EQ(LoadRecent(), recent);
  unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace gui
