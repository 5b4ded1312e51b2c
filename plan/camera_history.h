// Undo/redo for the plan: every edit commits a whole camera list (plans are small) and the
// zones (shared, immutable: a camera edit shares them, a zone edit makes a new list), so undo
// can never get out of step with what the edit did.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/camera.h"
#include "sim/zones.h"

namespace plan {

class CameraHistory {
 public:
  using Zones = std::shared_ptr<const std::vector<sim::Zone>>;
  explicit CameraHistory(std::vector<sim::Camera> initial, Zones zones = nullptr);

  const std::vector<sim::Camera>& current() const { return states_[at_].cameras; }
  const Zones& zones() const { return states_[at_].zones; }
  // Identifies the current state: equal ids mean equal plans (used for "unsaved changes").
  std::uint64_t state_id() const { return states_[at_].id; }

  // Makes `next` current under `label` ("Move C03"); drops what could have been redone.
  // A commit equal to the current plan is ignored.
  void Commit(std::vector<sim::Camera> next, std::string label);
  // Replaces the current state without a new undo step (a drag in progress).
  void Amend(std::vector<sim::Camera> next);
  // The same for the zones (the cameras stay as they are).
  void CommitZones(Zones next, std::string label);
  void AmendZones(Zones next);

  bool CanUndo() const { return at_ > 0; }
  bool CanRedo() const { return at_ + 1 < states_.size(); }
  bool Undo();
  bool Redo();
  const std::string& UndoLabel() const { return states_[at_].label; }  // what Undo reverts
  const std::string& RedoLabel() const;
  std::size_t position() const { return at_; }  // steps since the start (grows with a commit)

  // The selection around the current step: as the edit found it and as it left it. Undo
  // restores the first, redo the second (ApplyEdit records both).
  using Selection = std::set<std::string>;
  void NoteSelection(const Selection& before, const Selection& after, bool new_step);
  const Selection& selection_before() const { return states_[at_].selection_before; }
  const Selection& selection_after() const { return states_[at_].selection_after; }

 private:
  struct State {
    std::vector<sim::Camera> cameras;
    Zones zones;
    std::string label;  // the edit that led to this state
    std::uint64_t id = 0;
    Selection selection_before, selection_after;
  };
  std::vector<State> states_;
  std::size_t at_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace plan
