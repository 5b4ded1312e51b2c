// The workbench behind RunGui: owns the window's state (workbench_state.h), turns GLFW input
// into edits and view changes, runs a frame (coverage in, 3D view, panels) and scripted
// sessions. Every change to the plan goes through Commands::Edit. Internal to gui/.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/commands.h"
#include "gui/gui_options.h"
#include "gui/workbench_state.h"
#include "plan/gui_script.h"

struct GLFWwindow;

namespace gui {

class Workbench : public Commands {
 public:
  Workbench(GLFWwindow* window, const GuiOptions& options);
  ~Workbench() override;

  // Loads a scenario in the background (a city takes seconds); the UI stays live and shows
  // progress.
  void RequestOpen(const std::filesystem::path& file);
  // One frame: take finished coverage, draw the 3D view and the panels, run script steps.
  void Frame();
  bool WantsToQuit() const { return state_.quit; }
  // How long the window may sleep before the next frame unless input arrives: 0 while
  // something moves (a script, a load, the optimiser, coverage being computed, the frames
  // right after input), else until the next timed change (a note expiring, autosave). An
  // idle window then draws nothing (issue #17: under 5 % of a core).
  double SecondsToNextFrame() const;
  // Any input event: the next few frames are drawn (ImGui settles hover and focus over them).
  void Woken() { frames_after_input_ = 3; }
  int exit_code() const { return state_.exit_code; }

  // Input from GLFW (after ImGui has seen it); workbench_input.cpp.
  void MouseButton(int button, int action, int mods);
  void CursorMoved(double x, double y);
  void Scrolled(double dy);
  void Key(int key, int action, int mods);
  void Resized(int width, int height);  // framebuffer size changed

  // Commands.
  plan::EditResult Edit(const plan::EditCommand& edit,
                        plan::Gesture gesture = plan::Gesture::starts) override;
  void FileChosen(const std::string& purpose, const std::filesystem::path& path) override;
  bool SetBackground(const std::optional<std::filesystem::path>& file) override;
  void HomeView() override;
  void SetTopDown(bool top) override;
  void CloseRequested() override;
  void StartOptimiser(std::optional<double> time_limit_s = {}) override;
  void StopOptimiser() override;
  void StartAgents(std::optional<double> duration_s = {}) override;
  void StopAgents() override;

 private:
  // Opens a scenario now; on failure shows the error (file, line) and keeps the current project.
  bool Open(const std::filesystem::path& file);
  void FinishLoading();                                  // installs a background load when done
  // Starts reading a background raster off the UI thread (false while another is read).
  bool ReadBackground(const std::filesystem::path& file, double opacity, bool expect_error);
  void FinishBackgroundLoad();  // a background raster read: applied as an edit, or its error
  void FinishAgents();  // takes a finished agents run: its timeline, figures (or its error)
  void UpdateAgentsView();  // the agents at the timeline's instant, highlighted by camera
  void Install(std::unique_ptr<plan::Project> project);  // makes it the open project
  void RememberFile(const std::filesystem::path& file);  // recent files (kept across sessions)

  // Frame parts.
  void RegridForExcludeZones();
  void SyncView();
  void UpdateSizes();
  void Absorb(plan::CoverageSnapshot snapshot);  // applies a snapshot's changes to the view
  void UpdateEyeCamera();
  void DrawPanels();
  void TakeScreenshot(const std::filesystem::path& file);

  // Outputs of the live plan. The run with the live figures, once the worker is idle (exports
  // read its coverage).
  scenario::CoverageResult& SettledRun();
  void WriteSummary(const std::filesystem::path& file);
  void Export(const std::string& what, const std::filesystem::path& dir);

  // Input helpers.
  void ClickAt(double x, double y, bool shift);
  void NudgeSelected(double dyaw, double dpitch, bool repeat);  // arrow keys (held: one step)
  // The zone tool: the outline drawn so far becomes a zone (Enter, or a click on its first point).
  void FinishZoneDraft();
  // The selected zone with its outer ring changed by `edit`, as one edit (a drag amends it).
  // Edits ring `ring` of part `part` of the selected zone (one undo step, or amends a drag's).
  void EditZoneRing(int part, int ring, const std::function<bool(geo::Ring&)>& edit,
                    plan::Gesture gesture);
  // Removes a hole, or a part of a zone of several; false when it is the zone's only outline.
  bool RemoveZoneRing(int part, int ring);

  // Scripts (workbench_script.cpp).
  void RunScriptStep();
  void RunBenchmark(int frames, int moves);

  WorkbenchState state_;

  // Mouse gestures in the 3D view.
  std::array<bool, 3> pressed_in_view_{};  // per mouse button: the press went to the 3D view
  bool empty_click_ = false;               // the left press hit no camera (a click may deselect)
  bool aiming_ = false;                    // Ctrl+drag
  int drag_index_ = -1;                    // camera being dragged
  int drag_zone_part_ = 0, drag_zone_ring_ = 0;  // the ring the dragged vertex belongs to
  int drag_zone_vertex_ = -1;              // vertex of the selected zone being dragged
  bool drag_moved_ = false;
  double drag_start_x_ = 0, drag_start_y_ = 0;
  int frames_after_input_ = 3;
  bool close_menus_ = false;  // Esc pressed while a menu was open  // frames still to draw after
                              // the last input event

  // The script being run.
  std::vector<plan::ScriptAction> script_;
  std::size_t script_at_ = 0;
  int settle_frames_ = 0;
};

}  // namespace gui
