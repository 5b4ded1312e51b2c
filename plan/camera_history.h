// Undo/redo for the camera plan: every edit commits a whole camera list (plans are small),
// so undo can never get out of step with what the edit did.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/camera.h"

namespace plan {

class CameraHistory {
 public:
  explicit CameraHistory(std::vector<sim::Camera> initial);

  const std::vector<sim::Camera>& current() const { return states_[at_].cameras; }
  // Identifies the current state: equal ids mean equal plans (used for "unsaved changes").
  std::uint64_t state_id() const { return states_[at_].id; }

  // Makes `next` current under `label` ("Move C03"); drops what could have been redone.
  // A commit equal to the current plan is ignored.
  void Commit(std::vector<sim::Camera> next, std::string label);
  // Replaces the current state without a new undo step (a drag in progress).
  void Amend(std::vector<sim::Camera> next);

  bool CanUndo() const { return at_ > 0; }
  bool CanRedo() const { return at_ + 1 < states_.size(); }
  bool Undo();
  bool Redo();
  const std::string& UndoLabel() const { return states_[at_].label; }  // what Undo reverts
  const std::string& RedoLabel() const;

 private:
  struct State {
    std::vector<sim::Camera> cameras;
    std::string label;  // the edit that led to this state
    std::uint64_t id = 0;
  };
  std::vector<State> states_;
  std::size_t at_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace plan
