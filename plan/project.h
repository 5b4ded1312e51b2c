// The planner's open project: the scenario with its city and coverage as loaded, the camera
// plan being edited (undo/redo, selection) and whether it is saved. No GL in here: the GUI and
// the tests drive the same object.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "geo/background.h"
#include "plan/camera_history.h"
#include "scenario/pipeline.h"

namespace plan {

// Reads `spec.file` as a background layer in `frame` over `area` (geo::LoadBackground: seconds
// for a big raster, so the workbench calls it on a worker thread). Throws core::InputError
// naming the file.
CameraHistory::Background ReadBackgroundLayer(scenario::BackgroundSpec spec, const geo::Frame& frame,
                                              const geo::Box2d& area);

class Project {
 public:
  // Loads the scenario and computes its coverage. Throws core::InputError for bad input.
  static std::unique_ptr<Project> Open(const std::filesystem::path& scenario_file,
                                       const sim::Coverage::ProgressFn& progress = {});

  // The loaded run. Its `coverage` belongs to the live coverage worker once the GUI starts one.
  scenario::CoverageResult& run() { return *run_; }
  const scenario::CoverageResult& run() const { return *run_; }
  const std::filesystem::path& path() const { return path_; }
  std::string Title() const;

  CameraHistory& history() { return history_; }
  const CameraHistory& history() const { return history_; }
  const std::vector<sim::Camera>& cameras() const { return history_.current(); }
  // The zones as edited (the scenario's, then those drawn in the workbench); the shared list
  // itself for the coverage worker, which must not see it change under it.
  const std::vector<sim::Zone>& zones() const { return *history_.zones(); }
  const CameraHistory::Zones& shared_zones() const { return history_.zones(); }
  bool zones_edited() const { return history_.zones() != base_zones_; }
  // Exclude zones drawn, edited or undone here change which ground is evaluated. Whether the
  // grid's targets differ from what the zones now exclude, and bringing them in line: cells
  // let go get their ground back exactly as sim::MakeGrid lays it (the rows around them laid
  // again). After a change the coverage must be recomputed (Coverage::SetCameras) by whoever
  // owns it; nothing else may read the grid meanwhile.
  bool ExcludedGroundChanged() const;
  bool ApplyExcludedGround();
  std::set<std::string> selection;  // camera ids
  int IndexOf(const std::string& id) const;  // -1 if absent

  // Catalogue models by name and a camera built from one (validated).
  std::vector<std::string> ModelNames() const;
  sim::Camera Template(const std::string& model) const;
  // `camera` with another catalogue model's optics, range and cost; id and pose are kept.
  sim::Camera WithModel(const sim::Camera& camera, const std::string& model) const;

  // The background raster under the coverage (scenario `background:`) as the plan has it:
  // an undo step like every edit (plan::SetBackground), saved and autosaved with the plan.
  std::optional<scenario::BackgroundSpec> background() const;
  std::shared_ptr<const geo::BackgroundImage> background_image() const;
  // Brings run().scenario.background (the report's overview reads it) in line with the plan's;
  // ApplyEdit calls it after every edit.
  void SyncRunBackground();

  bool dirty() const { return history_.state_id() != saved_state_; }
  // Writes the scenario with the current cameras (atomically); `to` empty = the project's own
  // file. Only the cameras that changed are rewritten, in the planner's form (height_m, mount,
  // comments and layout kept). The project then lives at `to`. The autosave file is removed.
  void Save(const std::filesystem::path& to = {});
  // Writes the unsaved plan beside the project (<name>.autosave.yaml) when dirty.
  void Autosave();
  static std::filesystem::path AutosavePath(const std::filesystem::path& scenario_file);
  // An autosave worth offering: present and newer than the scenario file itself.
  static bool HasFreshAutosave(const std::filesystem::path& scenario_file);
  // The planner chose the saved plan (or quit without saving): the autosave goes.
  void DiscardAutosave();
  // The cameras of the autosave file, placed in this project's city (throws core::InputError).
  std::vector<sim::Camera> LoadAutosave() const;
  // Its zones, built on this project's grid (throws core::InputError).
  std::vector<sim::Zone> LoadAutosaveZones() const;
  // Its background (the current layer again when it names the same file and opacity).
  CameraHistory::Background LoadAutosaveBackground() const;

 private:
  Project(std::unique_ptr<scenario::CoverageResult> run, std::filesystem::path path);
  // Writes the plan to `target` as an edit of the file's own text (comments, layout and the
  // planner's forms kept); returns the cameras as the written file reads back.
  std::vector<sim::Camera> WritePlan(const std::filesystem::path& target) const;
  std::unique_ptr<scenario::CoverageResult> run_;
  std::filesystem::path path_;
  std::string text_;                 // the file's text as last read or saved
  std::vector<sim::Camera> base_;    // the cameras that text describes
  CameraHistory::Zones base_zones_;  // the zones that text describes
  CameraHistory history_;
  std::uint64_t saved_state_ = 0;
  std::uint64_t autosaved_state_ = 0;
  std::vector<std::uint32_t> excluded_;  // grid cells the exclude zones took (sorted)
  CameraHistory::Background base_background_;  // the background that text describes
};

}  // namespace plan
