// One path for every change to the camera plan. The GUI's panels, its mouse and keyboard input
// and scripted sessions describe an edit as an EditCommand and hand it to ApplyEdit, the only
// code that commits to the project's history: so every edit is validated the same way and is
// one undo step, whoever made it. A new front end (feeds, network panels, background jobs)
// adds a command here rather than its own way of touching the plan.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "plan/placement.h"
#include "plan/project.h"

namespace plan {

// A new camera of a catalogue model dropped on a surface; it becomes the selection. On a pole
// it faces the nearest priority zone unless a yaw is given.
struct PlaceCamera {
  SurfacePick pick;
  std::string model;                // catalogue name; "" or unknown: the project's default optics
  std::optional<double> height_m{};  // above the ground, instead of the mount's own height
  std::optional<double> yaw_deg{};  // instead of the facade's or the template's
  std::optional<double> pitch_deg{};
};

// A camera dragged along the surfaces to `pick` (it keeps its aim unless a facade turns it).
struct MoveCamera {
  std::string id;
  SurfacePick pick;
};

// A camera replaced by an edited copy (inspector fields, a script's `set`). A new id must be
// free and carries the selection with it; edit_checks.h says what is refused.
struct ReplaceCamera {
  std::string id;  // the camera as it is now
  sim::Camera camera;
};

// The selected cameras turned by these angles (pitch kept within +-90 degrees).
struct RotateSelected {
  double yaw_deg = 0, pitch_deg = 0, roll_deg = 0;
};

// The selected cameras look at `target` (local frame metres): the ground point under the mouse.
struct AimSelected {
  sim::Vec3d target;
};

struct DeleteSelected {};

// A whole plan at once (the optimiser's plan, a restored autosave), taken as given.
struct ReplacePlan {
  std::vector<sim::Camera> cameras;
  std::string label;  // the undo step's name
  // The zones too (a restored autosave; cells as built), in the same step; unset: kept.
  std::optional<std::vector<sim::Zone>> zones{};
  std::optional<CameraHistory::Background> background{};  // likewise (null: none)
};

// Zones drawn in the workbench: the outline in local frame metres (polygons, each an outer
// ring and its holes; the grid cells are worked out here). An exclude zone changes which
// ground is evaluated: the project's owner then calls Project::ApplyExcludedGround and
// recomputes the coverage.
struct AddZone {
  sim::Zone zone;
};
// A zone's properties or outline changed (a vertex dragged: the gesture amends one step).
struct ReplaceZone {
  std::size_t index = 0;
  sim::Zone zone;
};
struct DeleteZone {
  std::size_t index = 0;
};

// The background raster under the coverage: a layer read beforehand (Project::ReadBackground,
// off the UI thread for a big raster), or null to clear it.
struct SetBackground {
  CameraHistory::Background layer;
};
// Its opacity (0..1); a held slider amends one step.
struct SetBackgroundOpacity {
  double opacity = 0.7;
};

struct Undo {};
struct Redo {};

// Writes the scenario with the plan; an empty `to` is the project's own file.
struct Save {
  std::filesystem::path to;
};

using EditCommand = std::variant<PlaceCamera, MoveCamera, ReplaceCamera, RotateSelected, AimSelected,
                                 DeleteSelected, ReplacePlan, AddZone, ReplaceZone, DeleteZone,
                                 SetBackground, SetBackgroundOpacity, Undo, Redo, Save>;

// A drag, a held slider or repeated keys make one undo step: an edit that `continues` amends
// the last step when that step was made by the same edit ("Move C03", "Rotate", "Edit C03").
enum class Gesture { starts, continues };

struct EditResult {
  enum class Outcome {
    applied,  // done (a no-op edit counts as done)
    refused,  // not possible as asked; the plan is unchanged and `message` says why
    failed,   // writing failed (Save); nothing was overwritten
  };
  Outcome outcome = Outcome::applied;
  std::string message;  // what happened, in words for the planner ("Undone: Move C03")
  bool applied() const { return outcome == Outcome::applied; }
};

// Applies `command` to the project's plan and selection. Cameras edited by hand are snapped to
// file precision, so a saved plan reproduces the live coverage exactly.
EditResult ApplyEdit(Project& project, const EditCommand& command, Gesture gesture = Gesture::starts);

}  // namespace plan
