// Undo/redo for the plan: every edit commits a whole camera list (plans are small), the zones
// and the background raster (shared, immutable: a camera edit shares them, a zone edit makes a
// new list), so undo can never get out of step with what the edit did.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/background.h"
#include "scenario/scenario.h"
#include "sim/camera.h"
#include "sim/zones.h"

namespace plan {

// The background raster under the coverage as the plan has it: the scenario's `background:`
// and its picture, read once (a load takes seconds; undo must not read it again).
struct BackgroundLayer {
  scenario::BackgroundSpec spec;
  std::shared_ptr<const geo::BackgroundImage> image;
};

class CameraHistory {
 public:
  using Zones = std::shared_ptr<const std::vector<sim::Zone>>;
  using Background = std::shared_ptr<const BackgroundLayer>;  // null: none
  explicit CameraHistory(std::vector<sim::Camera> initial, Zones zones = nullptr,
                         Background background = nullptr);

  const std::vector<sim::Camera>& current() const { return states_[at_].cameras; }
  const Zones& zones() const { return states_[at_].zones; }
  const Background& background() const { return states_[at_].background; }
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
  // And for the background (an opacity slider held amends its step).
  void CommitBackground(Background next, std::string label);
  void AmendBackground(Background next);

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
    Background background;
    std::string label;  // the edit that led to this state
    std::uint64_t id = 0;
    Selection selection_before, selection_after;
  };
  State& NewStep(std::string label);  // a copy of the current state, made current
  std::vector<State> states_;
  std::size_t at_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace plan
