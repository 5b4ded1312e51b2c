#include "plan/edit_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "plan/edit_checks.h"
#include "plan/aim_rules.h"

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

// Zones: the same, for a new zone list.
void RecordZones(Project& project, std::vector<sim::Zone> zones, const std::string& label,
                 Gesture gesture) {
  auto next = std::make_shared<const std::vector<sim::Zone>>(std::move(zones));
  CameraHistory& history = project.history();
  if (gesture == Gesture::continues && history.UndoLabel() == label) history.AmendZones(std::move(next));
  else history.CommitZones(std::move(next), label);
}

bool SameZones(const std::vector<sim::Zone>& a, const std::vector<sim::Zone>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].kind != b[i].kind || a[i].weight != b[i].weight ||
        a[i].required_level != b[i].required_level || a[i].required_k != b[i].required_k ||
        a[i].cells != b[i].cells)
      return false;
  return true;
}

// Why a zone drawn or edited by hand cannot be taken ("" when it can); fills its grid cells.
std::string PrepareZone(const Project& project, sim::Zone& z) {
  // Parts (polygons), each an outer ring and its holes; exclude zones too: the project lays
  // the grid's targets again (Project::ApplyExcludedGround).
  if (z.outline.empty() || z.outline[0].empty() || z.outline[0][0].size() < 3)
    return "a zone needs at least 3 points";
  for (const geo::Polygon& poly : z.outline) {
    if (poly.empty()) return "a part of the zone has no outline";
    for (const geo::Ring& ring : poly)
      if (ring.size() < 3) return "a hole or part needs at least 3 points";
    double twice = 0;  // the outer ring's area
    const geo::Ring& ring = poly[0];
    for (std::size_t i = 0; i < ring.size(); ++i)
      twice += ring[i].x * ring[(i + 1) % ring.size()].y - ring[(i + 1) % ring.size()].x * ring[i].y;
    if (std::abs(twice) / 2 < 0.01) return "the zone's outline encloses no area";
  }
  if (z.name.empty()) return "a zone needs a name";
  if (!(z.weight > 0)) return "a zone's weight must be more than 0";
  if (z.required_k < 1 || z.required_k > 100) return "k must be between 1 and 100";
  const int levels = static_cast<int>(project.run().scenario.levels.levels.size());
  if (z.required_level < -1 || z.required_level >= levels) return "unknown density level";
  for (geo::Polygon& poly : z.outline)  // millimetres, as the scenario file stores them
    for (geo::Ring& r : poly)
      for (geo::Vec2d& p : r) p.x = std::round(p.x * 1000) / 1000, p.y = std::round(p.y * 1000) / 1000;
  const sim::Grid& grid = project.run().grid;
  const auto mask = sim::CellsInside(z.outline, grid);
  z.cells.clear();
  for (std::uint32_t i = 0; i < mask.size(); ++i)
    if (mask[i]) z.cells.push_back(i);
  return "";
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
    // A new pole faces the nearest priority zone, or looks along the street (a facade already
    // turns a wall camera out).
    if (!e.yaw_deg && cam->mount == sim::MountType::pole)
      if (auto yaw = NewPoleYaw(project.zones(), run.city.paths, cam->position.x, cam->position.y,
                                cam->max_range_m)) {
        cam->yaw_deg = *yaw;
        SnapToFilePrecision(*cam);
      }
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
    return EditSelected(project, "Aim", gesture, [&](sim::Camera& c) {
      const double dx = e.target.x - c.position.x, dy = e.target.y - c.position.y;
      const double dz = e.target.z - c.position.z;
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
    CameraHistory& history = project.history();
    const std::size_t position = history.position();
    history.Commit(e.cameras, e.label);
    if (e.zones && !SameZones(*e.zones, project.zones())) {
      auto zones = std::make_shared<const std::vector<sim::Zone>>(*e.zones);
      if (history.position() != position) history.AmendZones(std::move(zones));  // one step
      else history.CommitZones(std::move(zones), e.label);
    }
    if (e.background && *e.background != history.background()) {
      if (history.position() != position) history.AmendBackground(*e.background);
      else history.CommitBackground(*e.background, e.label);
    }
    return Applied();
  }

  EditResult operator()(const AddZone& e) const {
    sim::Zone z = e.zone;
    if (const std::string why = PrepareZone(project, z); !why.empty()) return Refused(why);
    std::vector<sim::Zone> zones = project.zones();
    for (const sim::Zone& other : zones)
      if (other.name == z.name) return Refused("a zone called '" + z.name + "' exists");
    zones.push_back(std::move(z));
    RecordZones(project, std::move(zones), "Add zone " + e.zone.name, Gesture::starts);
    return Applied();
  }

  EditResult operator()(const ReplaceZone& e) const {
    std::vector<sim::Zone> zones = project.zones();
    if (e.index >= zones.size()) return Refused("no such zone");
    sim::Zone z = e.zone;
    if (const std::string why = PrepareZone(project, z); !why.empty()) return Refused(why);
    for (std::size_t i = 0; i < zones.size(); ++i)
      if (i != e.index && zones[i].name == z.name) return Refused("a zone called '" + z.name + "' exists");
    const std::string label = "Edit zone " + zones[e.index].name;
    zones[e.index] = std::move(z);
    RecordZones(project, std::move(zones), label, gesture);
    return Applied();
  }

  EditResult operator()(const DeleteZone& e) const {
    std::vector<sim::Zone> zones = project.zones();
    if (e.index >= zones.size()) return Refused("no such zone");
    const std::string label = "Delete zone " + zones[e.index].name;
    zones.erase(zones.begin() + static_cast<std::ptrdiff_t>(e.index));
    RecordZones(project, std::move(zones), label, Gesture::starts);
    return Applied();
  }

  EditResult operator()(const SetBackground& e) const {
    CameraHistory& history = project.history();
    if (e.layer == history.background()) return Applied();
    if (e.layer && (!e.layer->image || e.layer->image->empty())) return Refused("the background has no picture");
    history.CommitBackground(e.layer, e.layer ? "Background " + e.layer->spec.file.filename().string()
                                              : std::string("Clear background"));
    return Applied();
  }

  EditResult operator()(const SetBackgroundOpacity& e) const {
    CameraHistory& history = project.history();
    const CameraHistory::Background& now = history.background();
    if (!now) return Refused("there is no background");
    if (!(e.opacity >= 0 && e.opacity <= 1)) return Refused("the opacity is between 0 and 1");
    const double opacity = std::round(e.opacity * 100) / 100;  // as the file keeps it
    if (opacity == now->spec.opacity) return Applied();
    auto next = std::make_shared<BackgroundLayer>(*now);
    next->spec.opacity = opacity;
    const std::string label = "Background opacity";
    if (gesture == Gesture::continues && history.UndoLabel() == label) history.AmendBackground(std::move(next));
    else history.CommitBackground(std::move(next), label);
    return Applied();
  }

  EditResult operator()(const Undo&) const {
    const std::string label = project.history().UndoLabel();
    const CameraHistory::Selection selection = project.history().selection_before();
    if (!project.history().Undo()) return Refused("nothing to undo");
    project.selection = selection;  // as the undone edit found it
    return Applied("Undone: " + label);
  }

  EditResult operator()(const Redo&) const {
    const std::string label = project.history().RedoLabel();
    if (!project.history().Redo()) return Refused("nothing to redo");
    project.selection = project.history().selection_after();  // as the redone edit left it
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
  const CameraHistory::Selection before = project.selection;
  const std::size_t position = project.history().position();
  const std::uint64_t state = project.history().state_id();
  EditResult r = std::visit(Apply{project, gesture}, command);
  const bool history_move = std::holds_alternative<Undo>(command) || std::holds_alternative<Redo>(command);
  if (!history_move && project.history().state_id() != state)
    project.history().NoteSelection(before, project.selection, project.history().position() != position);
  project.SyncRunBackground();
  return r;
}

}  // namespace plan
