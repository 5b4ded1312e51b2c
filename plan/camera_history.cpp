#include "plan/camera_history.h"

namespace plan {

CameraHistory::CameraHistory(std::vector<sim::Camera> initial) {
  states_.push_back({std::move(initial), "", next_id_++});
}

void CameraHistory::Commit(std::vector<sim::Camera> next, std::string label) {
  if (next == current()) return;
  states_.resize(at_ + 1);
  states_.push_back({std::move(next), std::move(label), next_id_++});
  at_ = states_.size() - 1;
}

void CameraHistory::Amend(std::vector<sim::Camera> next) {
  if (next == current()) return;
  states_[at_].cameras = std::move(next);
  states_[at_].id = next_id_++;
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
