#include "plan/camera_history.h"

namespace plan {

CameraHistory::CameraHistory(std::vector<sim::Camera> initial, Zones zones, Background background) {
  if (!zones) zones = std::make_shared<const std::vector<sim::Zone>>();
  states_.push_back({std::move(initial), std::move(zones), std::move(background), "", next_id_++, {}, {}});
}

CameraHistory::State& CameraHistory::NewStep(std::string label) {
  State next = states_[at_];
  next.label = std::move(label);
  next.id = next_id_++;
  next.selection_before.clear();
  next.selection_after.clear();
  states_.resize(at_ + 1);
  states_.push_back(std::move(next));
  at_ = states_.size() - 1;
  return states_[at_];
}

void CameraHistory::Commit(std::vector<sim::Camera> next, std::string label) {
  if (next == current()) return;
  NewStep(std::move(label)).cameras = std::move(next);
}

void CameraHistory::CommitZones(Zones next, std::string label) {
  NewStep(std::move(label)).zones = std::move(next);
}

void CameraHistory::AmendZones(Zones next) {
  states_[at_].zones = std::move(next);
  states_[at_].id = next_id_++;
}

void CameraHistory::CommitBackground(Background next, std::string label) {
  NewStep(std::move(label)).background = std::move(next);
}

void CameraHistory::AmendBackground(Background next) {
  states_[at_].background = std::move(next);
  states_[at_].id = next_id_++;
}

void CameraHistory::Amend(std::vector<sim::Camera> next) {
  if (next == current()) return;
  states_[at_].cameras = std::move(next);
  states_[at_].id = next_id_++;
}

void CameraHistory::NoteSelection(const Selection& before, const Selection& after, bool new_step) {
  if (new_step) states_[at_].selection_before = before;
  states_[at_].selection_after = after;
}

bool CameraHistory::Undo() {
  if (!CanUndo()) return false;
  --at_;
  return true;
}

bool CameraHistory::Redo() {
  if (!CanRedo()) return false;
  ++at_;
  return true;
}

const std::string& CameraHistory::RedoLabel() const {
  static const std::string none;
  return CanRedo() ? states_[at_ + 1].label : none;
}

}  // namespace plan
