// Between the window and the city: where a world point shows on screen and what lies under a
// cursor position (window units, from the top left).
#pragma once

#include <optional>

#include "gui/workbench_state.h"
#include "plan/placement.h"

namespace gui {

// The screen position (x, y) of `p` (local frame metres); false behind the eye or beyond the
// clip planes.
bool WorldToScreen(const WorkbenchState& s, const sim::Vec3d& p, double& x, double& y);
// The city surface under the cursor.
std::optional<plan::SurfacePick> PickAtScreen(const WorkbenchState& s, double x, double y);
// The camera whose marker or id label is under the cursor: its index, or -1.
int CameraAtScreen(const WorkbenchState& s, double x, double y);

}  // namespace gui
