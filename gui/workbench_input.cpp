// Mouse and keys: GLFW events the panels did not take become edits of the plan (through
// Commands::Edit) or camera moves of the 3D view.
#include "gui/workbench.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <osgGA/GUIEventAdapter>

#include "gui/screen.h"
#include "plan/edit_command.h"

namespace gui {

void Workbench::ClickAt(double x, double y, bool shift) {
  if (!state_.project) return;
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
  ImGuiIO& io = ImGui::GetIO();
  double x = 0, y = 0;
  glfwGetCursorPos(state_.window, &x, &y);
  const bool shift = mods & GLFW_MOD_SHIFT;
  // A button pressed over a panel belongs to ImGui until it is released.
  const std::size_t b = std::min<std::size_t>(static_cast<std::size_t>(std::max(button, 0)),
                                              pressed_in_view_.size() - 1);
  if (action == GLFW_PRESS) pressed_in_view_[b] = !io.WantCaptureMouse;
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
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS && state_.project) {
    const int hit = state_.tool == Tool::select ? CameraAtScreen(state_, x, y) : -1;
    if (state_.tool == Tool::place || hit >= 0) {
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
        std::hypot(x - drag_start_x_, y - drag_start_y_) < 3 && !shift)
      state_.project->selection.clear();
    empty_click_ = false;
  }
  if (state_.top_down && osg_button == 1) osg_button = 2;  // the map view pans instead of orbiting
  if (action == GLFW_PRESS)
    state_.gw->getEventQueue()->mouseButtonPress(float(x), float(y), osg_button);
  else
    state_.gw->getEventQueue()->mouseButtonRelease(float(x), float(y), osg_button);
}

void Workbench::CursorMoved(double x, double y) {
  state_.mouse_x = x, state_.mouse_y = y;
  if (aiming_ && state_.project) {
    if (auto pick = PickAtScreen(state_, x, y))
      Edit(plan::AimSelected{pick->point}, plan::Gesture::continues);
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

void Workbench::Scrolled(double dy) {
  if (ImGui::GetIO().WantCaptureMouse) return;
  state_.gw->getEventQueue()->mouseScroll(dy > 0 ? osgGA::GUIEventAdapter::SCROLL_UP
                                                 : osgGA::GUIEventAdapter::SCROLL_DOWN);
}

void Workbench::Key(int key, int action, int mods) {
  // ImGui 1.86 samples key states once a frame, so a press and release between two frames
  // (fast typists, xdotool) is lost: the path dialog takes Enter and Escape from here too.
  if (action == GLFW_PRESS && state_.browser.open) {
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) state_.path_key = +1;
    if (key == GLFW_KEY_ESCAPE) state_.path_key = -1;
  }
  if (action == GLFW_RELEASE || ImGui::GetIO().WantCaptureKeyboard) return;
  const double step = (mods & GLFW_MOD_SHIFT) ? 10 : 1;
  if (key == GLFW_KEY_LEFT) return NudgeSelected(-step, 0);  // arrows turn the selected cameras
  if (key == GLFW_KEY_RIGHT) return NudgeSelected(step, 0);
  if (key == GLFW_KEY_UP) return NudgeSelected(0, step);
  if (key == GLFW_KEY_DOWN) return NudgeSelected(0, -step);
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
  else if (key == GLFW_KEY_DELETE)
    Edit(plan::DeleteSelected{});
  else if (key == GLFW_KEY_ESCAPE) {
    state_.tool = Tool::select;
    if (state_.project) state_.project->selection.clear();
  } else if (key == GLFW_KEY_P)
    state_.tool = Tool::place;
  else if (key == GLFW_KEY_T)
    SetTopDown(!state_.top_down);
  else if (key == GLFW_KEY_H)
    HomeView();
}

}  // namespace gui
