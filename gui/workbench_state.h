// Everything the workbench's panels read and change, in one plain struct: the window's size,
// the 3D view, the open project and what hangs off it, tool and view settings, messages,
// dialogs and background jobs. Panels are free functions over it (panels.h); the Workbench
// owns it, feeds it input and runs the frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <osg/Group>
#include <osgViewer/Viewer>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "agents/timeline.h"
#include "gui/file_browser.h"
#include "gui/gui_options.h"
#include "gui/jobs.h"
#include "plan/agent_playback.h"
#include "plan/live_coverage.h"
#include "plan/plan_view.h"
#include "plan/project.h"
#include "render/city_view.h"
#include "report/people_section.h"
#include "render/lens_view.h"

struct GLFWwindow;

namespace gui {

enum class Tool { select, place, measure, zone };
// What the zone tool's outline becomes when closed: a zone of its own, or a hole in / another
// part of the selected zone.
enum class ZoneDraftInto { new_zone, hole, part };

// Layout (window units): the 3D view sits between the side panels, under the menu bar. The
// panels' widths are the planner's (drag their inner edge; View menu or F2/F3 hide them); these
// are the defaults, narrower on small screens.
inline constexpr float kLeftWidth = 330, kRightWidth = 400, kStatusHeight = 26, kMenuHeight = 22;
inline constexpr float kSmallLeftWidth = 270, kSmallRightWidth = 300;  // windows under 1500 wide
// The camera-eye inset's texture (pixels).
inline constexpr int kEyeWidth = 640, kEyeHeight = 480;

struct WorkbenchState {
  GuiOptions options;
  bool scripted = false;  // a script or screenshot run: no dialogs wait for a person

  // The window: window units for cursor positions and ImGui layout, framebuffer pixels for GL
  // (they differ on HiDPI screens).
  GLFWwindow* window = nullptr;
  int width = 0, height = 0;
  int fb_width = 1, fb_height = 1;
  double scale = 1;     // framebuffer pixels per window unit
  double ui_scale = 1;  // screen pixels per window unit where GLFW reports pixels (X11 HiDPI)

  // The side panels: their widths and whether they are shown; the camera eye in a window of
  // its own (enlarged) instead of the camera panel.
  float left_width = kLeftWidth, right_width = kRightWidth;
  bool show_left = true, show_right = true, eye_window = false;
  // The 3D view's edges in window units (the panels' inner edges, 0 / width when hidden).
  float ViewLeft() const { return project && show_left ? left_width : 0; }
  float ViewRight() const { return float(width) - (project && show_right ? right_width : 0); }

  // The 3D view, embedded in the window, and the camera-eye inset drawn in the same scene.
  osg::ref_ptr<osgViewer::Viewer> viewer;
  osg::ref_ptr<osgViewer::GraphicsWindowEmbedded> gw;
  osg::ref_ptr<osg::Group> scene_root;
  std::unique_ptr<render::LensView> eye;

  // The open project (null until one opened) and what hangs off it.
  std::unique_ptr<plan::Project> project;
  std::unique_ptr<plan::LiveCoverage> live;
  std::unique_ptr<render::CityView> view;
  std::optional<plan::CoverageSnapshot>
      latest;                      // figures of the newest snapshot (its deltas absorbed)
  sim::Aggregate shown_aggregate;  // per cell, as drawn (status bar look-ups)
  std::vector<std::uint8_t> shown_overlay;
  std::uint64_t requested_state = 0;
  plan::OverlayMode requested_mode = plan::OverlayMode::off;
  std::uint64_t shown_state = 0;
  std::set<std::string> shown_selection;
  bool view_dirty = true;

  // Tools and view settings.
  Tool tool = Tool::select;
  std::string place_model;
  plan::OverlayMode overlay = plan::OverlayMode::k_coverage;
  bool top_down = false;
  bool show_names = true, show_streets = true;
  bool show_wedges = true;             // every camera's footprint by DORI band (plan view)
  plan::FootprintCache footprints;     // what the wedges show
  std::uint64_t shown_footprints = 0;  // the cache revision the view draws
  double mouse_x = 0, mouse_y = 0;     // window units
  std::vector<sim::Vec3d> measure;     // the measure tool's points (local metres): none, one or two
  std::vector<sim::Vec3d> zone_draft;  // the zone tool's outline being drawn (local metres)
  ZoneDraftInto zone_draft_into = ZoneDraftInto::new_zone;
  int selected_zone = -1;              // index into the project's zones; its vertices are handles
  const void* shown_zones = nullptr;   // the zone list the 3D view draws (and its highlight)
  int shown_zone_highlight = -1;

  // What panels remember between frames.
  std::string editing;  // camera whose inspector field is being dragged (amends, no new undo step)
  std::optional<sim::Camera>
      draft;                       // the inspector's copy while a field is typed in (Enter applies)
  std::set<std::string> inside;    // cameras inside a building (marked in the list)
  std::uint64_t inside_state = 0;  // the plan `inside` was worked out for
  int sort_column = 0;
  bool sort_ascending = true;

  // Messages and dialogs.
  std::string error;  // modal error (bad file), shown until dismissed
  std::deque<std::pair<std::string, double>> notes;  // transient messages with expiry time (s)
  bool expecting_error = false;  // a script's `open: {expect: error}` is running
  bool confirm_quit = false, quit = false, offer_autosave = false;
  int exit_code = 0;
  FileBrowser browser;                        // open, save as, export, report, screenshot
  std::vector<std::filesystem::path> recent;  // scenarios opened or saved, most recent first
  int path_key = 0;                // Enter (+1) or Escape (-1) pressed while the browser is open
  std::string pending_screenshot;  // taken at the end of this frame
  // An export or report chosen in the browser: written once a frame has shown that it is being
  // written (it holds the window for seconds, a minute for Monaco's report).
  struct PendingExport {
    std::string what;  // "export" or "report"
    std::filesystem::path dir;
    bool shown = false;  // a frame saying "Writing ..." was drawn (and then shown)
  };
  std::optional<PendingExport> pending_export;

  // People and traffic: the last agents run over the plan (its figures count for the plan as
  // it was then, agents_plan_state), its timeline and the clock that plays it. Highlights
  // follow the current plan: which cameras see the agents is worked out for the instant shown.
  std::shared_ptr<const agents::AgentsResult> agents;
  std::optional<report::PeopleSection> people_figures;  // its figures, as the report's page
  agents::Timeline timeline;
  std::uint64_t agents_plan_state = 0;
  plan::Playback playback;
  bool show_agents = true;
  float agents_duration_s = -1;  // simulated seconds asked for (-1: the scenario's)
  double playback_clock = 0;  // Now() when the clock last moved
  bool was_playing = false;
  double shown_agents_t = -1;  // what the 3D view shows (-1: nothing yet)
  std::uint64_t shown_agents_plan = 0;
  std::size_t agents_seen_now = 0, agents_now = 0;  // at the instant shown

  // Background work.
  std::shared_ptr<LoadJob> loading;
  std::unique_ptr<OptimiserJob> optimiser;
  std::unique_ptr<AgentsJob> agents_job;
  std::unique_ptr<BackgroundJob> background_job;
  const plan::Project* background_for = nullptr;  // the project it is read for
  std::chrono::steady_clock::time_point last_autosave = std::chrono::steady_clock::now();
  double last_frame_ms = 0;
};

// Seconds on a steady clock (note expiry, key repeats).
double Now();
// A transient note at the top of the view (and on stdout in scripted runs).
void Notify(WorkbenchState& s, const std::string& message);
// A modal error; a scripted run stops with exit code 1 unless the script expects it.
void ShowError(WorkbenchState& s, const std::string& message);
// Opens the file browser for "open", "save_as", "export", "report", "background" or "screenshot".
void Browse(WorkbenchState& s, const std::string& purpose);

}  // namespace gui
