// `sightline gui`: the planner's desktop front end. One GLFW window; the OpenSceneGraph view
// of the city fills it (embedded viewer) and Dear ImGui panels are drawn on top.
#pragma once

#include <filesystem>

#include "report/pdf_report.h"

namespace gui {

struct GuiOptions {
  std::filesystem::path scenario;    // opened at start ("" = empty window, File > Open)
  std::filesystem::path script;      // scripted actions (gui_script.h); the GUI quits after them
  std::filesystem::path screenshot;  // written once everything is drawn (after the script)
  int width = 1600, height = 960;
  report::ReportOptions report;      // what exported reports are stamped with
};

// Returns the process exit code: 0 done, 1 bad input (scenario or script), 3 no display/GL.
int RunGui(const GuiOptions& options);

}  // namespace gui
