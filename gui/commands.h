// What a panel, the mouse and keys or a script may ask of the workbench beyond changing plain
// state. Every change to the camera plan goes through Edit (plan::ApplyEdit underneath: one
// undo step, the same checks for everyone); the rest are the workbench's own actions, which
// need the window, the 3D view or a background job. The Workbench implements it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "plan/edit_command.h"

namespace gui {

class Commands {
 public:
  virtual ~Commands() = default;

  // Applies an edit to the open project. Its message becomes a note, a failed save an error;
  // a refusal is returned for the caller to word (a drag step refused is no news).
  virtual plan::EditResult Edit(const plan::EditCommand& edit,
                                plan::Gesture gesture = plan::Gesture::starts) = 0;
  // The file browser chose `path` for `purpose` (open, save_as, export, report, background,
  // screenshot).
  virtual void FileChosen(const std::string& purpose, const std::filesystem::path& path) = 0;
  // The background raster under the coverage: `file` read off the UI thread, then draped as
  // an undo step (an error names the file and keeps the old one), or cleared (nullopt).
  // Returns false when no project is open or another raster is still being read.
  virtual bool SetBackground(const std::optional<std::filesystem::path>& file) = 0;
  virtual void HomeView() = 0;
  virtual void SetTopDown(bool top) = 0;
  // Quit, asking first when the plan has unsaved changes.
  virtual void CloseRequested() = 0;
  virtual void StartOptimiser(std::optional<double> time_limit_s = {}) = 0;
  virtual void StopOptimiser() = 0;  // cancels and waits for a running optimiser
  // Simulates the scenario's `agents:` over the current plan (`duration_s`: the scenario's
  // unless given); the timeline and the people-time figures follow when it is done.
  virtual void StartAgents(std::optional<double> duration_s = {}) = 0;
  virtual void StopAgents() = 0;  // cancels and waits for a running simulation
};

}  // namespace gui
