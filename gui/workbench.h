// The GUI's state and behaviour behind RunGui: the open project, its live coverage and 3D
// view, the edit tools, the panels and the script runner. Internal to render/.
#pragma once

#include <osg/Camera>
#include <osg/Texture2D>
#include <osgViewer/Viewer>

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/city_view.h"
#include "plan/edit_command.h"
#include "gui/file_browser.h"
#include "gui/file_dialog.h"
#include "gui/gui.h"
#include "plan/gui_script.h"
#include "render/lens_view.h"
#include "plan/live_coverage.h"
#include "plan/placement.h"
#include "plan/project.h"

struct GLFWwindow;

namespace gui {

enum class Tool { select, place };

// Fixed layout (pixels): the 3D view sits between the side panels, under the menu bar.
inline constexpr float kLeftWidth = 330, kRightWidth = 400, kStatusHeight = 26, kMenuHeight = 22;

// An optimiser run in the background on a snapshot of the plan.
struct OptimiserJob {
  std::thread thread;
  std::atomic<bool> cancel{false}, done{false};
  std::mutex mutex;
  std::string phase, error;
  std::vector<sim::Camera> cameras;  // the plan, when done without error
  std::string summary;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

class Workbench {
 public:
  Workbench(GLFWwindow* window, const GuiOptions& options);
  ~Workbench();

  // Opens a scenario; on failure shows the error (file, line) and keeps the current project.
  bool Open(const std::filesystem::path& file);
  // Loads it in the background (a city takes seconds); the UI stays live and shows progress.
  void RequestOpen(const std::filesystem::path& file);
  // One frame: take finished coverage, draw the 3D view and the panels, run script steps.
  void Frame();
  bool WantsToQuit() const { return quit_; }
  int exit_code() const { return exit_code_; }

  // Input from GLFW (after ImGui has seen it).
  void MouseButton(int button, int action, int mods);
  void CursorMoved(double x, double y);
  void Scrolled(double dy);
  void Key(int key, int action, int mods);
  void Resized(int width, int height);  // framebuffer size changed
  void CloseRequested();

 private:
  // Every edit of the plan goes through here (plan::ApplyEdit): messages become notes, a
  // failed save an error. Returns what happened, so a caller can say why an edit was refused.
  plan::EditResult Edit(const plan::EditCommand& edit, plan::Gesture gesture = plan::Gesture::starts);
  void NudgeSelected(double dyaw, double dpitch);  // arrow keys
  void ApplyOptimisedPlan(std::vector<sim::Camera> cameras);

  // Screen <-> world.
  std::optional<plan::SurfacePick> PickAtScreen(double x, double y) const;
  int CameraAtScreen(double x, double y) const;  // index or -1
  bool WorldToScreen(const sim::Vec3d& p, double& x, double& y) const;
  void ClickAt(double x, double y, bool shift);
  void HomeView();
  void SetTopDown(bool top);

  // Frame parts.
  void SyncView();
  void UpdateSizes();
  void FinishLoading();                            // installs a background load when done
  void Install(std::unique_ptr<plan::Project> project);  // makes it the open project
  void Absorb(plan::CoverageSnapshot snapshot);  // applies a snapshot's changes to the view
  void UpdateEyeCamera();
  void DrawPanels();
  void DrawMenu();
  void DrawProjectPanel();
  void DrawCameraPanel();
  void DrawInspector();
  void DrawEyeInset();
  void DrawViewDecorations();
  void DrawDialogs();
  // Opens the file browser for "open", "save_as", "export", "report" or "screenshot".
  void Browse(const std::string& purpose);
  void Chosen(const std::string& purpose, const std::filesystem::path& path);
  void RememberFile(const std::filesystem::path& file);  // recent files (kept across sessions)
  void DrawStatusBar();
  void Export(const std::string& what, const std::filesystem::path& dir);
  // The run with the live figures, once the worker is idle (exports read its coverage).
  scenario::CoverageResult& SettledRun();
  void WriteSummary(const std::filesystem::path& file);
  void TakeScreenshot(const std::filesystem::path& file);
  void RunScriptStep();
  void RunBenchmark(int frames, int moves);
  void DrawOptimiser();
  void StartOptimiser(std::optional<double> time_limit_s = {});
  void StopOptimiser();  // cancels and waits for a running optimiser
  void ShowError(const std::string& message);
  void Notify(const std::string& message);

  GLFWwindow* window_;
  GuiOptions options_;
  int width_, height_;              // window units: cursor positions and ImGui layout
  int fb_width_ = 1, fb_height_ = 1;  // framebuffer pixels: GL viewport and screenshots
  double scale_ = 1;                // framebuffer pixels per window unit (HiDPI)
  osg::ref_ptr<osgViewer::Viewer> viewer_;
  osg::ref_ptr<osgViewer::GraphicsWindowEmbedded> gw_;
  osg::ref_ptr<osg::Group> scene_root_;

  // The open project (null until one opened) and what hangs off it.
  std::unique_ptr<plan::Project> project_;
  std::unique_ptr<plan::LiveCoverage> live_;
  std::unique_ptr<render::CityView> view_;
  std::optional<plan::CoverageSnapshot> latest_;  // figures of the newest snapshot (its deltas absorbed)
  sim::Aggregate shown_aggregate_;          // per cell, as drawn (status bar look-ups)
  std::vector<std::uint8_t> shown_overlay_;
  std::uint64_t requested_state_ = 0;
  plan::OverlayMode requested_mode_ = plan::OverlayMode::off;
  std::uint64_t shown_state_ = 0;
  std::set<std::string> shown_selection_;
  bool view_dirty_ = true;

  // Camera-eye inset: pre-render cameras drawing the city into a texture through the lens.
  static constexpr int kEyeWidth = 640, kEyeHeight = 480;
  std::unique_ptr<render::LensView> eye_;

  // Tools and view.
  Tool tool_ = Tool::select;
  std::string place_model_;
  plan::OverlayMode overlay_ = plan::OverlayMode::k_coverage;
  bool top_down_ = false;
  bool show_names_ = true, show_streets_ = true;
  double mouse_x_ = 0, mouse_y_ = 0;
  std::string editing_;  // camera whose inspector field is being dragged (amends, no new undo step)
  // The inspector's copy while a field is being typed in: applied on Enter or focus loss.
  std::optional<sim::Camera> draft_;
  std::set<std::string> inside_;  // cameras inside a building (marked in the list)
  std::uint64_t inside_state_ = 0;
  double last_nudge_ = 0;
  std::array<bool, 3> pressed_in_view_{};  // per mouse button: the press went to the 3D view
  bool empty_click_ = false;               // the left press hit no camera (a click may deselect)
  bool aiming_ = false;
  int drag_index_ = -1;
  bool drag_moved_ = false;
  double drag_start_x_ = 0, drag_start_y_ = 0;
  int sort_column_ = 0;
  bool sort_ascending_ = true;

  // Messages and dialogs.
  std::string error_;                  // modal error (bad file), shown until dismissed
  std::deque<std::pair<std::string, double>> notes_;  // transient messages with expiry time
  bool confirm_quit_ = false, quit_ = false, offer_autosave_ = false;
  int exit_code_ = 0;
  FileBrowser browser_;                // open, save as, export, report, screenshot
  std::vector<std::filesystem::path> recent_;  // scenarios opened or saved, most recent first
  int path_key_ = 0;                   // Enter (+1) or Escape (-1) pressed while the browser is open
  std::string pending_screenshot_;
  struct LoadJob {
    std::filesystem::path file;
    std::future<std::unique_ptr<plan::Project>> result;
    std::atomic<std::size_t> cameras_done{0}, cameras_total{0};
    std::chrono::steady_clock::time_point started;
  };
  std::shared_ptr<LoadJob> loading_;
  std::chrono::steady_clock::time_point last_autosave_ = std::chrono::steady_clock::now();

  // Script.
  std::vector<plan::ScriptAction> script_;
  std::size_t script_at_ = 0;
  int settle_frames_ = 0;
  bool scripted_ = false;
  bool expecting_error_ = false;  // a script's `open: {expect: error}` is running

  std::unique_ptr<OptimiserJob> optimiser_;

  // Timing of the last frames (for the status bar and the benchmark).
  double last_frame_ms_ = 0;
};

}  // namespace gui
