// Camera panel: every field of the one selected camera; edits apply as they are dragged or on
// Enter.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/panels.h"
#include "plan/placement.h"
#include "scenario/catalogue.h"
#include "sim/camera.h"
#include "sim/lens.h"

namespace gui {
namespace {

void DrawInspector(WorkbenchState& s, Commands& cmd) {
  if (s.project->selection.size() != 1) {
    if (s.selected_zone >= 0 && s.project->selection.empty()) return;  // the zone's fields show
    ImGui::TextDisabled(
        s.project->selection.empty() ? "Select a camera to edit it." : "%zu cameras selected.",
        s.project->selection.size());
    return;
  }
  const int index = s.project->IndexOf(*s.project->selection.begin());
  if (index < 0) return;
  const sim::Camera& applied = s.project->cameras()[index];
  // A value being typed lives in the draft until Enter or focus loss; a mouse drag applies as
  // it goes (the coverage follows the hand).
  if (s.draft && s.draft->id != applied.id) s.draft.reset();
  sim::Camera c = s.draft ? *s.draft : applied;
  const sim::Camera before = c;
  const geo::Frame& frame = s.project->run().city.frame;
  bool changed = false, finished = false, active = false;
  auto track = [&](bool edited) {
    changed |= edited;
    active |= ImGui::IsItemActive();
    finished |= ImGui::IsItemDeactivatedAfterEdit();
  };
  ImGui::PushItemWidth(-150);
  char id[64];
  std::snprintf(id, sizeof id, "%s", c.id.c_str());
  if (ImGui::InputText("id", id, sizeof id, ImGuiInputTextFlags_EnterReturnsTrue) && id[0] &&
      s.project->IndexOf(id) < 0) {
    c.id = id;  // the selection follows once the edit is applied
    changed = finished = true;
  }
  const auto models = s.project->ModelNames();
  if (!models.empty() &&
      ImGui::BeginCombo("model", c.model.empty() ? "(custom)" : c.model.c_str())) {
    for (const std::string& m : models)
      if (ImGui::Selectable(m.c_str(), m == c.model)) {
        c = s.project->WithModel(c, m);
        changed = finished = true;
      }
    if (ImGui::Selectable("(custom)", c.model.empty())) {  // keeps the optics, free to change
      c.model.clear();
      changed = finished = true;
    }
    ImGui::EndCombo();
  }
  double xy[2] = {c.position.x + frame.origin_x, c.position.y + frame.origin_y};
  track(ImGui::DragScalarN("x, y", ImGuiDataType_Double, xy, 2, 0.1f, nullptr, nullptr, "%.2f"));
  c.position.x = xy[0] - frame.origin_x, c.position.y = xy[1] - frame.origin_y;
  const double ground = s.project->run().city.GroundZ(c.position.x, c.position.y);
  double height = c.position.z - ground;
  const double hmin = 0, hmax = 60;
  track(ImGui::DragScalar("height above ground", ImGuiDataType_Double, &height, 0.05f, &hmin, &hmax,
                          "%.2f m"));
  c.position.z = ground + height;
  const double yaw_min = -360, yaw_max = 720, pmin = -90, pmax = 90, rmin = -180, rmax = 180;
  track(ImGui::DragScalar("yaw (from north)", ImGuiDataType_Double, &c.yaw_deg, 0.5f, &yaw_min,
                          &yaw_max, "%.1f\u00b0"));
  track(ImGui::DragScalar("pitch", ImGuiDataType_Double, &c.pitch_deg, 0.2f, &pmin, &pmax,
                          "%.1f\u00b0"));
  track(ImGui::DragScalar("roll", ImGuiDataType_Double, &c.roll_deg, 0.2f, &rmin, &rmax,
                          "%.1f\u00b0"));
  const double fmin = 2, fmax = c.lens == sim::LensModel::rectilinear ? 170 : 360;
  track(ImGui::DragScalar("HFOV", ImGuiDataType_Double, &c.hfov_deg, 0.2f, &fmin, &fmax,
                          "%.1f\u00b0"));
  // The lens as a planner orders it: focal length on the sensor (when the sensor is known).
  const auto model = s.project->run().scenario.camera_models.find(c.model);
  const bool has_model = !c.model.empty() && model != s.project->run().scenario.camera_models.end();
  if (const sim::LensReadout lens = sim::ReadLens(c); lens.focal_mm) {
    double focal = *lens.focal_mm;
    const bool varifocal = has_model && model->second.focal_range_mm;
    const double lo = varifocal ? model->second.focal_range_mm->first : 0.5;
    const double hi = varifocal ? model->second.focal_range_mm->second : 200;
    if (ImGui::DragScalar("focal length", ImGuiDataType_Double, &focal, 0.02f, &lo, &hi, "%.2f mm")) {
      c.hfov_deg = sim::FovDeg(*lens.sensor_width_mm, std::clamp(focal, lo, hi), c.lens);
      changed = true;
    }
    active |= ImGui::IsItemActive();
    finished |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::TextDisabled("sensor %.2f mm%s%s, VFOV %.1f\u00b0", *lens.sensor_width_mm,
                        lens.sensor_format.empty() ? "" : " ", lens.sensor_format.c_str(), lens.vfov_deg);
  }
  int res[2] = {c.width_px, c.height_px};
  track(ImGui::DragInt2("resolution", res, 4, 64, 16384));
  c.width_px = std::max(res[0], 64), c.height_px = std::max(res[1], 64);
  double range[2] = {c.min_range_m, c.max_range_m};
  track(ImGui::DragScalarN("range", ImGuiDataType_Double, range, 2, 0.5f, nullptr, nullptr,
                           "%.1f m"));
  c.min_range_m = std::max(0.0, range[0]), c.max_range_m = std::max(c.min_range_m + 0.1, range[1]);
  const double cmin = 0;
  track(ImGui::DragScalar("cost", ImGuiDataType_Double, &c.cost, 5.0f, &cmin, nullptr, "%.0f"));
  if (ImGui::TreeNode("Lens")) {
    int lens = c.lens == sim::LensModel::rectilinear ? 0 : 1;
    if (ImGui::Combo("projection", &lens, "rectilinear\0fisheye (equidistant)\0")) {
      c.lens = lens == 0 ? sim::LensModel::rectilinear : sim::LensModel::fisheye_equidistant;
      if (c.lens == sim::LensModel::rectilinear)
        c.hfov_deg = std::min(c.hfov_deg, 170.0);
      else
        c.distortion = {};
      changed = finished = true;
    }
    if (c.lens == sim::LensModel::rectilinear) {  // Brown-Conrady, OpenCV's convention
      double radial[3] = {c.distortion.k1, c.distortion.k2, c.distortion.k3};
      double tangential[2] = {c.distortion.p1, c.distortion.p2};
      track(ImGui::DragScalarN("k1 k2 k3", ImGuiDataType_Double, radial, 3, 0.002f, nullptr,
                               nullptr, "%.3f"));
      track(ImGui::DragScalarN("p1 p2", ImGuiDataType_Double, tangential, 2, 0.0005f, nullptr,
                               nullptr, "%.4f"));
      c.distortion = {radial[0], radial[1], radial[2], tangential[0], tangential[1]};
    }
    ImGui::TreePop();
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("%s mount, %.0f px/m on axis at 10 m",
                      c.mount == sim::MountType::wall   ? "wall"
                      : c.mount == sim::MountType::pole ? "pole"
                      : c.mount == sim::MountType::roof ? "roof"
                                                        : "other",
                      sim::PixelsPerMetreOnAxis(c, 10));
  // Wrapped at the panel's width; the fields are drag fields: typing needs a double-click
  // (a planner clicked one and typed, and nothing happened).
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  constexpr const char* kTyping = "Drag a field, or double-click it (Ctrl+click) to type a value; Enter or a "
                                  "click elsewhere applies it.";
  if (!has_model)
    ImGui::TextWrapped("%s", kTyping);
  else if (const auto range = scenario::HfovRangeDeg(model->second); range && model->second.focal_range_mm)
    ImGui::TextWrapped("%s: %.1f-%.1f mm varifocal (%.1f-%.1f\u00b0). %s", c.model.c_str(),
                       model->second.focal_range_mm->first, model->second.focal_range_mm->second, range->first,
                       range->second, kTyping);
  else
    ImGui::TextWrapped("%s: fixed %.1f\u00b0 lens. %s", c.model.c_str(), s.project->Template(c.model).hfov_deg,
                       kTyping);
  ImGui::PopStyleColor();
  // A mouse drag applies as it goes; typed text waits for Enter or focus loss.
  const bool dragging =
      changed && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::GetIO().WantTextInput;
  if (active && !finished)
    s.draft = c;
  else
    s.draft.reset();
  // While a slider is held the plan is amended (live coverage follows); one undo step per edit.
  // Once no field is held the gesture is over, even when its last frame changed nothing: the
  // next edit (pitch, then HFOV) is a step of its own.
  const plan::Gesture gesture =
      s.editing == c.id ? plan::Gesture::continues : plan::Gesture::starts;
  if (!active) s.editing.clear();
  if (!(finished || dragging) || c == applied) return;
  if (const plan::EditResult r = cmd.Edit(plan::ReplaceCamera{applied.id, c}, gesture);
      !r.applied()) {
    s.draft.reset();  // the field shows the applied value again
    if (finished)
      Notify(s, "Refused: " + r.message);  // once per attempt, not per keystroke or drag step
    return;
  }
  s.editing = finished || !active ? std::string() : c.id;
}

[[maybe_unused]] const bool registered =
    RegisterPanel({"inspector", Dock::right, 20, DrawInspector});

}  // namespace
}  // namespace gui
