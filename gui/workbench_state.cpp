#include "gui/workbench_state.h"

#include <iostream>

namespace gui {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void Notify(WorkbenchState& s, const std::string& message) {
  s.notes.emplace_back(message, Now() + 6);
  if (s.notes.size() > 5) s.notes.pop_front();
  if (s.scripted) std::cout << message << "\n";
}

void ShowError(WorkbenchState& s, const std::string& message) {
  s.error = message;
  if (s.expecting_error) return;
  std::cerr << "error: " << message << "\n";
  if (s.scripted) {
    s.exit_code = 1;
    s.quit = true;
  }
}

void Browse(WorkbenchState& s, const std::string& purpose) {
  const std::filesystem::path dir =
      s.project ? s.project->path().parent_path() : std::filesystem::current_path();
  const FileFilter yaml{"Scenarios (*.yaml, *.yml)", {".yaml", ".yml"}}, all{"All files", {}};
  if (purpose == "open") {
    OpenBrowser(s.browser, BrowseFor::open_file, purpose, "Open scenario", dir, "", {yaml, all});
  } else if (purpose == "save_as" && s.project) {
    OpenBrowser(s.browser, BrowseFor::save_file, purpose, "Save scenario as", dir,
                s.project->path().stem().string() + "-edited.yaml", {yaml});
  } else if (purpose == "export" && s.project) {
    OpenBrowser(s.browser, BrowseFor::folder, purpose, "Export coverage into folder", dir,
                "coverage", {});
  } else if (purpose == "report" && s.project) {
    OpenBrowser(s.browser, BrowseFor::folder, purpose, "Write report into folder", dir, "report",
                {});
  } else if (purpose == "background" && s.project) {
    OpenBrowser(s.browser, BrowseFor::open_file, purpose, "Background raster (orthophoto, scanned plan)",
                dir, "",
                {{"Rasters (*.tif, *.tiff, *.jpg, *.png, *.jp2, *.vrt, *.ecw, *.sid)",
                  {".tif", ".tiff", ".jpg", ".jpeg", ".png", ".jp2", ".vrt", ".ecw", ".sid"}},
                 all});
  } else if (purpose == "screenshot") {
    OpenBrowser(s.browser, BrowseFor::save_file, purpose, "Save screenshot as", dir,
                "screenshot.png", {{"PNG images (*.png)", {".png"}}});
  } else {
    return;
  }
  if (purpose != "background") s.browser.recent = s.recent;  // recent scenarios, not rasters
  else s.browser.recent.clear();
}

}  // namespace gui
