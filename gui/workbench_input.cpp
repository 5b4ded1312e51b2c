// Mouse and keys: GLFW events the panels did not take become edits of the plan (through
// Commands::Edit) or camera moves of the 3D view.
#include "gui/workbench.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // the popup stack: is an open popup a menu or a modal dialog

#include <algorithm>
#include <cmath>
#include <osgGA/GUIEventAdapter>
#include <osgGA/TerrainManipulator>

#include "gui/screen.h"
#include "plan/edit_command.h"

namespace gui {
namespace {

// A menu (a popup that is not a modal dialog) is open.
bool MenuOpen() { return GImGui->OpenPopupStack.Size > 0 && !ImGui::GetTopMostPopupModal(); }

// Whether the 3D view gets a mouse press or the wheel. ImGui claims the mouse everywhere while
// a menu is open; outside its windows the press still goes to the view (ImGui closes the menu
// on it), so an open menu does not swallow the first click or turn of the wheel.
bool ViewGetsMouse() {
  if (!ImGui::GetIO().WantCaptureMouse) return true;
  return MenuOpen() && GImGui->HoveredWindow == nullptr;
}

// The cursor is over the 3D view, between the side panels, the menu bar and the status bar.
// ImGui's hover lags a frame behind the cursor: a press that comes with a move onto a panel
// (a quick hand, xdotool) must not also reach the view's tools (a zone corner under a slider).
bool OverView(const WorkbenchState& s, double x, double y) {
  return x >= s.ViewLeft() && x < s.ViewRight() && y >= kMenuHeight && y < s.height - kStatusHeight;
}

osgGA::TerrainManipulator* Manipulator(osgViewer::Viewer& v) {
  return dynamic_cast<osgGA::TerrainManipulator*>(v.getCameraManipulator());
}

}  // namespace

void Workbench::FinishZoneDraft() {
  if (state_.zone_draft.size() < 3) return Notify(state_, "A zone needs at least 3 points");
  geo::Ring ring;
  for (const sim::Vec3d& p : state_.zone_draft) ring.push_back({p.x, p.y});
  const auto& zones = state_.project->zones();
  const int index = state_.selected_zone;
  if (state_.zone_draft_into != ZoneDraftInto::new_zone) {  // into the selected zone
    if (index < 0 || index >= int(zones.size())) {
      state_.zone_draft_into = ZoneDraftInto::new_zone;
      return Notify(state_, "Select the zone first");
    }
    sim::Zone z = zones[index];
    if (state_.zone_draft_into == ZoneDraftInto::part) {
      z.outline.push_back({ring});
    } else {  // a hole in the part whose outer ring holds the outline's first point
      const int part = ZonePartAt(z, ring.front().x, ring.front().y);
      if (part < 0) return Notify(state_, "A hole starts inside the zone: Backspace, or Esc to cancel");
      z.outline[part].push_back(ring);
    }
    if (const plan::EditResult r = Edit(plan::ReplaceZone{std::size_t(index), std::move(z)}); !r.applied())
      return Notify(state_, "Refused: " + r.message);
    state_.zone_draft.clear();
    state_.zone_draft_into = ZoneDraftInto::new_zone;
    return;
  }
  plan::AddZone add;
  for (int n = int(zones.size()) + 1;; ++n) {  // the first free "Zone N"
    add.zone.name = "Zone " + std::to_string(n);
    if (std::none_of(zones.begin(), zones.end(),
                     [&](const sim::Zone& z) { return z.name == add.zone.name; }))
      break;
  }
  add.zone.outline = {{ring}};
  if (const plan::EditResult r = Edit(add); !r.applied())
    return Notify(state_, "Refused: " + r.message);
  state_.zone_draft.clear();
  state_.selected_zone = int(state_.project->zones().size()) - 1;
}

void Workbench::EditZoneRing(int part, int ring, const std::function<bool(geo::Ring&)>& edit,
                             plan::Gesture gesture) {
  if (!state_.project || state_.selected_zone < 0 ||
      state_.selected_zone >= int(state_.project->zones().size()))
    return;
  sim::Zone z = state_.project->zones()[state_.selected_zone];
  if (part < 0 || part >= int(z.outline.size()) || ring < 0 || ring >= int(z.outline[part].size()) ||
      !edit(z.outline[part][ring]))
    return;
  const plan::EditResult r =
      Edit(plan::ReplaceZone{std::size_t(state_.selected_zone), std::move(z)}, gesture);
  if (!r.applied() && gesture == plan::Gesture::starts) Notify(state_, "Refused: " + r.message);
}

bool Workbench::RemoveZoneRing(int part, int ring) {
  if (!state_.project || state_.selected_zone < 0 ||
      state_.selected_zone >= int(state_.project->zones().size()))
    return false;
  sim::Zone z = state_.project->zones()[state_.selected_zone];
  if (part < 0 || part >= int(z.outline.size()) || ring < 0 || ring >= int(z.outline[part].size()))
    return false;
  if (ring > 0)
    z.outline[part].erase(z.outline[part].begin() + ring);  // a hole: filled
  else if (z.outline.size() > 1)
    z.outline.erase(z.outline.begin() + part);  // a part, with its holes
  else
    return false;
  const plan::EditResult r = Edit(plan::ReplaceZone{std::size_t(state_.selected_zone), std::move(z)});
  if (!r.applied()) Notify(state_, "Refused: " + r.message);
  return r.applied();
}

void Workbench::ClickAt(double x, double y, bool shift) {
  if (!state_.project) return;
  if (state_.tool == Tool::zone) {  // a vertex; on the first one (3 or more drawn): done
    if (state_.zone_draft.size() >= 3) {
      double fx = 0, fy = 0;
      if (WorldToScreen(state_, state_.zone_draft.front(), fx, fy) &&
          std::hypot(fx - x, fy - y) < 10)
        return FinishZoneDraft();
    }
    if (auto pick = PickAtScreen(state_, x, y)) state_.zone_draft.push_back(pick->point);
    return;
  }
  if (state_.tool == Tool::measure) {  // a point, then another; a third click starts again
    if (auto pick = PickAtScreen(state_, x, y)) {
      if (state_.measure.size() >= 2) state_.measure.clear();
      state_.measure.push_back(pick->point);
    }
    return;
  }
  if (state_.tool == Tool::place) {
    if (auto pick = PickAtScreen(state_, x, y))
      if (const plan::EditResult r = Edit(plan::PlaceCamera{*pick, state_.place_model});
          !r.applied())
        Notify(state_, r.message);
    return;
  }
  const int hit = CameraAtScreen(state_, x, y);
  if (hit < 0) {
    if (!shift) state_.project->selection.clear();
    return;
  }
  const std::string& id = state_.project->cameras()[hit].id;
  if (shift && state_.project->selection.count(id))
    state_.project->selection.erase(id);
  else if (shift)
    state_.project->selection.insert(id);
  else
    state_.project->selection = {id};
}

// ---- input ----------------------------------------------------------------------------------

void Workbench::MouseButton(int button, int action, int mods) {
  double x = 0, y = 0;
  glfwGetCursorPos(state_.window, &x, &y);
  x /= state_.ui_scale, y /= state_.ui_scale;  // window units
  const bool shift = mods & GLFW_MOD_SHIFT;
  // A button pressed over a panel belongs to ImGui until it is released.
  const std::size_t b = std::min<std::size_t>(static_cast<std::size_t>(std::max(button, 0)),
                                              pressed_in_view_.size() - 1);
  if (action == GLFW_PRESS) pressed_in_view_[b] = ViewGetsMouse() && OverView(state_, x, y);
  if (!pressed_in_view_[b]) return;
  if (action == GLFW_RELEASE) pressed_in_view_[b] = false;
  int osg_button = button == GLFW_MOUSE_BUTTON_LEFT     ? 1
                   : button == GLFW_MOUSE_BUTTON_MIDDLE ? 2
                                                        : 3;
  const bool ctrl = mods & GLFW_MOD_CONTROL;
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS && state_.project && ctrl &&
      !state_.project->selection.empty()) {
    aiming_ = true;  // Ctrl+drag: the selected cameras look at the point under the mouse
    if (auto pick = PickAtScreen(state_, x, y)) Edit(plan::AimSelected{pick->point});
    return;
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE && aiming_) {
    aiming_ = false;
    return;
  }
  if (state_.project && state_.tool == Tool::zone && action == GLFW_PRESS &&
      state_.zone_draft.empty() && state_.zone_draft_into == ZoneDraftInto::new_zone) {
    if (auto handle = ZoneHandleAt(state_, x, y)) {
      if (button == GLFW_MOUSE_BUTTON_LEFT) {  // drag a vertex (a midpoint: a new vertex)
        drag_zone_part_ = handle->part, drag_zone_ring_ = handle->ring;
        drag_zone_vertex_ = handle->midpoint ? -2 - handle->index : handle->index;
        drag_moved_ = false;
        drag_start_x_ = x, drag_start_y_ = y;
        return;
      }
      if (button == GLFW_MOUSE_BUTTON_RIGHT && !handle->midpoint) {
        // Remove a vertex; of a triangle that is a hole or one of several parts, the ring.
        const sim::Zone& z = state_.project->zones()[state_.selected_zone];
        if (z.outline[handle->part][handle->ring].size() <= 3) {
          if (!RemoveZoneRing(handle->part, handle->ring))
            Notify(state_, "A zone keeps at least 3 points (Del deletes the zone)");
          return;
        }
        const int i = handle->index;
        EditZoneRing(
            handle->part, handle->ring,
            [i](geo::Ring& ring) {
              ring.erase(ring.begin() + i);
              return true;
            },
            plan::Gesture::starts);
        return;
      }
    }
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE && drag_zone_vertex_ != -1) {
    drag_zone_vertex_ = -1;
    return;
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS && state_.project) {
    const int hit = state_.tool == Tool::select ? CameraAtScreen(state_, x, y) : -1;
    if (state_.tool == Tool::place || state_.tool == Tool::measure || state_.tool == Tool::zone ||
        hit >= 0) {
      ClickAt(x, y, shift);
      if (hit >= 0 && !shift) {  // grab it: dragging moves it along the surfaces
        drag_index_ = hit;
        drag_moved_ = false;
        drag_start_x_ = x, drag_start_y_ = y;
      }
      return;
    }
    drag_start_x_ = x, drag_start_y_ = y;
    empty_click_ = true;  // unless it turns into an orbit
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE) {
    if (drag_index_ >= 0) {
      drag_index_ = -1;
      return;
    }
    // A click on empty ground (no drag) clears the selection.
    if (state_.project && empty_click_ && state_.tool == Tool::select &&
        std::hypot(x - drag_start_x_, y - drag_start_y_) < 3 && !shift) {
      state_.project->selection.clear();
      if (auto pick = PickAtScreen(state_, x, y))  // ... and picks the zone there, if any
        state_.selected_zone = ZoneAtPoint(state_, pick->point.x, pick->point.y);
    }
    empty_click_ = false;
  }
  if (state_.top_down && osg_button == 1) osg_button = 2;  // the map view pans instead of orbiting
  if (action == GLFW_PRESS)
    state_.gw->getEventQueue()->mouseButtonPress(float(x), float(y), osg_button);
  else
    state_.gw->getEventQueue()->mouseButtonRelease(float(x), float(y), osg_button);
}

void Workbench::CursorMoved(double x, double y) {
  x /= state_.ui_scale, y /= state_.ui_scale;  // window units
  state_.mouse_x = x, state_.mouse_y = y;
  if (aiming_ && state_.project) {
    if (auto pick = PickAtScreen(state_, x, y))
      Edit(plan::AimSelected{pick->point}, plan::Gesture::continues);
    return;
  }
  if (drag_zone_vertex_ != -1 && state_.project) {
    if (!drag_moved_ && std::hypot(x - drag_start_x_, y - drag_start_y_) < 3) return;
    auto pick = PickAtScreen(state_, x, y);
    if (!pick) return;
    const geo::Vec2d to{pick->point.x, pick->point.y};
    const plan::Gesture gesture = drag_moved_ ? plan::Gesture::continues : plan::Gesture::starts;
    if (drag_zone_vertex_ <= -2) {  // a midpoint: a new vertex after it, then dragged as one
      const int after = -2 - drag_zone_vertex_;
      drag_zone_vertex_ = after + 1;
      EditZoneRing(
          drag_zone_part_, drag_zone_ring_,
          [&](geo::Ring& ring) {
            ring.insert(ring.begin() + after + 1, to);
            return true;
          },
          gesture);
    } else {
      const int i = drag_zone_vertex_;
      EditZoneRing(
          drag_zone_part_, drag_zone_ring_,
          [&](geo::Ring& ring) {
            if (i >= int(ring.size())) return false;
            ring[i] = to;
            return true;
          },
          gesture);
    }
    drag_moved_ = true;
    return;
  }
  if (drag_index_ >= 0 && state_.project) {
    if (!drag_moved_ && std::hypot(x - drag_start_x_, y - drag_start_y_) < 3) return;
    const plan::Gesture gesture = drag_moved_ ? plan::Gesture::continues : plan::Gesture::starts;
    if (auto pick = PickAtScreen(state_, x, y))
      if (Edit(plan::MoveCamera{state_.project->cameras()[drag_index_].id, *pick}, gesture)
              .applied())
        drag_moved_ = true;
    return;
  }
  state_.gw->getEventQueue()->mouseMotion(float(x), float(y));
}

// The wheel zooms toward the point under the cursor (wheel up: in), as maps do: that point
// stays put on screen while the view's centre and distance scale about it.
void Workbench::Scrolled(double dy) {
  double x = 0, y = 0;
  glfwGetCursorPos(state_.window, &x, &y);
  x /= state_.ui_scale, y /= state_.ui_scale;  // window units
  if (!ViewGetsMouse() || !OverView(state_, x, y) || dy == 0) return;
  if (MenuOpen()) close_menus_ = true;  // the view took the wheel: the menu is done with
  auto* m = Manipulator(*state_.viewer);
  if (!m) return;
  const double factor = std::pow(dy > 0 ? 0.8 : 1.25, std::min(std::abs(dy), 5.0));
  const double distance = std::clamp(m->getDistance() * factor, 2.0, 50000.0);
  const double applied = distance / m->getDistance();
  osg::Vec3d centre = m->getCenter();
  if (auto pick = PickAtScreen(state_, state_.mouse_x, state_.mouse_y)) {
    const osg::Vec3d p(pick->point.x, pick->point.y, pick->point.z);
    centre = p + (centre - p) * applied;
  }
  m->setCenter(centre);
  m->setDistance(distance);
}

void Workbench::Key(int key, int action, int mods) {
  // ImGui 1.86 samples key states once a frame, so a press and release between two frames
  // (fast typists, xdotool) is lost: the path dialog takes Enter and Escape from here too.
  if (action == GLFW_PRESS && state_.browser.open) {
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) state_.path_key = +1;
    if (key == GLFW_KEY_ESCAPE) state_.path_key = -1;
  }
  if (state_.tool == Tool::zone && action == GLFW_PRESS && !state_.zone_draft.empty() &&
      !ImGui::GetIO().WantCaptureKeyboard) {  // the outline being drawn
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) return FinishZoneDraft();
    if (key == GLFW_KEY_BACKSPACE) return state_.zone_draft.pop_back();
    if (key == GLFW_KEY_ESCAPE) {
      state_.zone_draft_into = ZoneDraftInto::new_zone;
      return state_.zone_draft.clear();
    }
  }
  if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS && MenuOpen()) {
    close_menus_ = true;  // closed in the next frame; Esc does nothing else then
    return;
  }
  if (action == GLFW_RELEASE || ImGui::GetIO().WantCaptureKeyboard) return;
  const double step = (mods & GLFW_MOD_SHIFT) ? 10 : 1;
  const bool repeat = action == GLFW_REPEAT;
  if (key == GLFW_KEY_LEFT) return NudgeSelected(-step, 0, repeat);  // arrows turn the selection
  if (key == GLFW_KEY_RIGHT) return NudgeSelected(step, 0, repeat);
  if (key == GLFW_KEY_UP) return NudgeSelected(0, step, repeat);
  if (key == GLFW_KEY_DOWN) return NudgeSelected(0, -step, repeat);
  if (action != GLFW_PRESS) return;
  const bool ctrl = mods & GLFW_MOD_CONTROL;
  if (ctrl && key == GLFW_KEY_Z && (mods & GLFW_MOD_SHIFT))
    Edit(plan::Redo{});
  else if (ctrl && key == GLFW_KEY_Z)
    Edit(plan::Undo{});
  else if (ctrl && key == GLFW_KEY_Y)
    Edit(plan::Redo{});
  else if (ctrl && key == GLFW_KEY_S && (mods & GLFW_MOD_SHIFT))
    Browse(state_, "save_as");
  else if (ctrl && key == GLFW_KEY_S)
    Edit(plan::Save{});
  else if (ctrl && key == GLFW_KEY_O)
    Browse(state_, "open");
  else if (key == GLFW_KEY_DELETE && state_.tool == Tool::zone && state_.selected_zone >= 0) {
    Edit(plan::DeleteZone{std::size_t(state_.selected_zone)});
    state_.selected_zone = -1;
  } else if (key == GLFW_KEY_DELETE)
    Edit(plan::DeleteSelected{});
  else if (key == GLFW_KEY_ESCAPE) {
    state_.tool = Tool::select;
    state_.measure.clear();
    state_.zone_draft.clear();
    state_.zone_draft_into = ZoneDraftInto::new_zone;
    if (state_.project) state_.project->selection.clear();
  } else if (key == GLFW_KEY_P)
    state_.tool = Tool::place;
  else if (key == GLFW_KEY_Z)
    state_.tool = Tool::zone;
  else if (key == GLFW_KEY_F2)
    state_.show_left = !state_.show_left;
  else if (key == GLFW_KEY_F3)
    state_.show_right = !state_.show_right;
  else if (key == GLFW_KEY_F4)
    state_.eye_window = !state_.eye_window;
  else if (key == GLFW_KEY_M)
    state_.tool = Tool::measure, state_.measure.clear();
  else if (key == GLFW_KEY_W)
    state_.show_wedges = !state_.show_wedges;
  else if (key == GLFW_KEY_T)
    SetTopDown(!state_.top_down);
  else if (key == GLFW_KEY_H)
    HomeView();
}

}  // namespace gui
