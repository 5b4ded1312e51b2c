// What `sightline gui` is asked to do: the scenario to open, a script to run, a screenshot to
// take, the window's size and what exported reports are stamped with.
#pragma once

#include <filesystem>

#include "report/pdf_report.h"

namespace gui {

struct GuiOptions {
  std::filesystem::path scenario;    // opened at start ("" = empty window, File > Open)
  std::filesystem::path script;      // scripted actions (plan/gui_script.h); the GUI quits after them
  std::filesystem::path screenshot;  // written once everything is drawn (after the script)
  int width = 1600, height = 960;    // window units
  bool fit_to_screen = true;         // shrink to the screen's work area (not when a size is asked for)
  // Screen pixels per window unit where the system does not scale windows itself (X11 on a
  // HiDPI screen: the monitor's content scale, or SIGHTLINE_UI_SCALE); set by RunGui.
  double ui_scale = 1;
  report::ReportOptions report;      // what exported reports are stamped with
};

}  // namespace gui
