#include "plan/edit_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "plan/edit_checks.h"

namespace plan {
namespace {

EditResult Applied(std::string message = {}) { return {EditResult::Outcome::applied, std::move(message)}; }
EditResult Refused(std::string why) { return {EditResult::Outcome::refused, std::move(why)}; }

// Commits `cameras` as the step `label`, or amends the last step when the gesture goes on.
void Record(Project& project, std::vector<sim::Camera> cameras, const std::string& label, Gesture gesture) {
  CameraHistory& history = project.history();
  if (gesture == Gesture::continues && history.UndoLabel() == label) history.Amend(std::move(cameras));
  else history.Commit(std::move(cameras), label);
}

EditResult EditSelected(Project& project, const std::string& label, Gesture gesture,
                        const std::function<void(sim::Camera&)>& edit) {
  if (project.selection.empty()) return Refused("no camera is selected");
  std::vector<sim::Camera> cams = project.cameras();
  for (sim::Camera& c : cams) {
    if (!project.selection.count(c.id)) continue;
    edit(c);
    SnapToFilePrecision(c);
  }
  Record(project, std::move(cams), label, gesture);
  return Applied();
}

struct Apply {
  Project& project;
  Gesture gesture;

  EditResult operator()(const PlaceCamera& e) const {
    const scenario::CoverageResult& run = project.run();
    sim::Camera templ = project.Template(e.model);
    templ.id = NextCameraId(project.cameras());
    templ.model = run.scenario.camera_models.count(e.model) ? e.model : "";
    auto cam = PlaceOnSurface(run.city, e.pick, templ, false);
    if (!cam) return Refused("Cannot place a camera on water");
    if (e.height_m) cam->position.z = run.city.GroundZ(cam->position.x, cam->position.y) + *e.height_m;
    cam->yaw_deg = e.yaw_deg.value_or(cam->yaw_deg);
    cam->pitch_deg = e.pitch_deg.value_or(cam->pitch_deg);
    if (e.height_m || e.yaw_deg || e.pitch_deg) SnapToFilePrecision(*cam);
    std::vector<sim::Camera> cams = project.cameras();
    cams.push_back(*cam);
    project.history().Commit(std::move(cams), "Place " + cam->id);
    project.selection = {cam->id};
    return Applied();
  }

  EditResult operator()(const MoveCamera& e) const {
    const int index = project.IndexOf(e.id);
    if (index < 0) return Refused("no camera '" + e.id + "'");
    std::vector<sim::Camera> cams = project.cameras();
    auto moved = PlaceOnSurface(project.run().city, e.pick, cams[index], true);
    if (!moved) return Refused("Cannot move a camera onto water");
    cams[index] = *moved;
    Record(project, std::move(cams), "Move " + e.id, gesture);
    return Applied();
  }

  EditResult operator()(const ReplaceCamera& e) const {
    const int index = project.IndexOf(e.id);
    if (index < 0) return Refused("no camera '" + e.id + "'");
    sim::Camera c = e.camera;
    if (c.id != e.id && project.IndexOf(c.id) >= 0) return Refused("camera id '" + c.id + "' is taken");
    SnapToFilePrecision(c);
    const sim::Camera& before = project.cameras()[index];
    if (const std::string why = RefusedEdit(project, before, c); !why.empty()) return Refused(why);
    std::vector<sim::Camera> cams = project.cameras();
    cams[index] = c;
    Record(project, std::move(cams), "Edit " + c.id, gesture);
    if (c.id != e.id && project.selection.erase(e.id)) project.selection.insert(c.id);
    return Applied();
  }

  EditResult operator()(const RotateSelected& e) const {
    return EditSelected(project, "Rotate", gesture, [&](sim::Camera& c) {
      c.yaw_deg += e.yaw_deg;
      c.pitch_deg = std::clamp(c.pitch_deg + e.pitch_deg, -90.0, 90.0);
      c.roll_deg += e.roll_deg;
    });
  }

  EditResult operator()(const AimSelected& e) const {
    const double face_m = project.run().grid.height_m;  // the height the coverage targets are at
    return EditSelected(project, "Aim", gesture, [&](sim::Camera& c) {
      const double dx = e.target.x - c.position.x, dy = e.target.y - c.position.y;
      const double dz = e.target.z + face_m - c.position.z;
      const double h = std::sqrt(dx * dx + dy * dy);
      if (h < 0.1) return;
      c.yaw_deg = std::atan2(dx, dy) * 180 / 3.14159265358979323846;
      c.pitch_deg = std::atan2(dz, h) * 180 / 3.14159265358979323846;
    });
  }

  EditResult operator()(const DeleteSelected&) const {
    if (project.selection.empty()) return Refused("no camera is selected");
    std::vector<sim::Camera> cams;
    for (const sim::Camera& c : project.cameras())
      if (!project.selection.count(c.id)) cams.push_back(c);
    const std::size_t n = project.selection.size();
    project.selection.clear();
    project.history().Commit(std::move(cams), n == 1 ? "Delete camera" : fmt::format("Delete {} cameras", n));
    return Applied();
  }

  EditResult operator()(const ReplacePlan& e) const {
    project.history().Commit(e.cameras, e.label);
    return Applied();
  }

  EditResult operator()(const Undo&) const {
    const std::string label = project.history().UndoLabel();
    if (!project.history().Undo()) return Refused("nothing to undo");
    return Applied("Undone: " + label);
  }

  EditResult operator()(const Redo&) const {
    const std::string label = project.history().RedoLabel();
    if (!project.history().Redo()) return Refused("nothing to redo");
    return Applied("Redone: " + label);
  }

  EditResult operator()(const Save& e) const {
    try {
      project.Save(e.to);
    } catch (const std::exception& ex) {
      return {EditResult::Outcome::failed, std::string("Saving failed, nothing was overwritten: ") + ex.what()};
    }
    return Applied("Saved " + project.path().string());
  }
};

}  // namespace

EditResult ApplyEdit(Project& project, const EditCommand& command, Gesture gesture) {
  return std::visit(Apply{project, gesture}, command);
}

}  // namespace plan
