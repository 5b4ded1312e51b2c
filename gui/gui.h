// `sightline gui`: the planner's desktop front end. One GLFW window; the OpenSceneGraph view
// of the city fills it (embedded viewer) and Dear ImGui panels are drawn on top.
#pragma once

#include "gui/gui_options.h"

namespace gui {

// Returns the process exit code: 0 done, 1 bad input (scenario or script), 3 no display/GL.
int RunGui(const GuiOptions& options);

}  // namespace gui
