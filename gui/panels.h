// The workbench's panels: free functions over the workbench state, each in its own file under
// gui/panels/, registered there with the dock it lives in and its place in that dock. Adding a
// panel (a feeds player, a network view, a job list) is one new file in gui/panels/; what it
// must keep between frames beyond plain widget state goes into WorkbenchState.
#pragma once

#include <vector>

#include "gui/commands.h"
#include "gui/workbench_state.h"

namespace gui {

enum class Dock {
  menu_bar,  // items of the main menu bar
  left,      // sections of the project panel (drawn only while a project is open)
  right,     // sections of the camera panel (ditto)
  screen,    // whole windows and overlays of their own (status bar, dialogs, view decorations)
};

using DrawPanel = void (*)(WorkbenchState& state, Commands& commands);

struct Panel {
  const char* name;  // for messages and tests
  Dock dock;
  int order;  // position within its dock, smallest first
  DrawPanel draw;
};

// Called once per panel file, at static initialisation: `[[maybe_unused]] const bool registered
// = RegisterPanel({...});`. Returns true.
bool RegisterPanel(const Panel& panel);
// The panels of a dock in drawing order.
std::vector<Panel> PanelsIn(Dock dock);

// Draws every panel: the menu bar, the project and camera docks (while a project is open),
// then the screen panels.
void DrawPanels(WorkbenchState& state, Commands& commands);

// The face and plate test chart as a camera records it at `px_per_m`, `width` wide, with its
// sizes in pixels under it (panels/density_preview.cpp). Each use keeps its own texture.
enum class ChartUse { panel, eye_tooltip };
void DrawTestChart(double px_per_m, ChartUse use, float width);

}  // namespace gui
