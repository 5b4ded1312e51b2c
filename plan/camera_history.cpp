#include "plan/camera_history.h"

namespace plan {

CameraHistory::CameraHistory(std::vector<sim::Camera> initial, Zones zones) {
  if (!zones) zones = std::make_shared<const std::vector<sim::Zone>>();
  states_.push_back({std::move(initial), std::move(zones), "", next_id_++, {}, {}});
}

void CameraHistory::Commit(std::vector<sim::Camera> next, std::string label) {
  if (next == current()) return;
  Zones zones = states_[at_].zones;
  states_.resize(at_ + 1);
  states_.push_back({std::move(next), std::move(zones), std::move(label), next_id_++, {}, {}});
  at_ = states_.size() - 1;
}

void CameraHistory::CommitZones(Zones next, std::string label) {
  std::vector<sim::Camera> cameras = states_[at_].cameras;
  states_.resize(at_ + 1);
  states_.push_back({std::move(cameras), std::move(next), std::move(label), next_id_++, {}, {}});
  at_ = states_.size() - 1;
}

void CameraHistory::AmendZones(Zones next) {
  states_[at_].zones = std::move(next);
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
