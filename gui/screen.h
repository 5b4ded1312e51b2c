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

// A handle of the selected zone's outline under the cursor: a vertex of ring `ring` (0: the
// outer one, then holes) of part `part`, or the midpoint of the edge after vertex `index`
// (dragging it inserts a vertex there).
struct ZoneHandle {
  int part = 0, ring = 0;
  int index = -1;
  bool midpoint = false;
};
std::optional<ZoneHandle> ZoneHandleAt(const WorkbenchState& s, double x, double y);
// The screen position of a zone vertex (local metres, drawn on the ground).
bool ZoneVertexToScreen(const WorkbenchState& s, const geo::Vec2d& p, double& x, double& y);
// The part of `zone` whose outer ring contains (x, y) (local metres); -1 if none.
int ZonePartAt(const sim::Zone& zone, double x, double y);
// The zone whose area contains the ground point (x, y), the last drawn first; -1 if none.
int ZoneAtPoint(const WorkbenchState& s, double x, double y);

}  // namespace gui
