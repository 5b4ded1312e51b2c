#include "gui/workbench.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupsOverWindow: Esc closes menus

#include <cfloat>
#include <cmath>
#include <iostream>
#include <osgGA/TerrainManipulator>
#include <utility>
#include <variant>

#include "agents/outputs.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "geo/raster_io.h"
#include "gui/panel_format.h"
#include "gui/panels.h"
#include "plan/edit_command.h"
#include "plan/home_view.h"
#include "render/report_views.h"
#include "report/coverage_outputs.h"
#include "report/pdf_report.h"

namespace gui {
namespace {

osgGA::TerrainManipulator* Manipulator(osgViewer::Viewer& v) {
  return dynamic_cast<osgGA::TerrainManipulator*>(v.getCameraManipulator());
}

}  // namespace

Workbench::Workbench(GLFWwindow* window, const GuiOptions& options) {
  state_.window = window;
  state_.options = options;
  state_.ui_scale = options.ui_scale;
  state_.width = options.width;
  state_.height = options.height;
  state_.viewer = new osgViewer::Viewer;
  state_.gw = state_.viewer->setUpViewerAsEmbeddedInWindow(0, 0, state_.width, state_.height);
  UpdateSizes();
  if (state_.width < 1500) {  // 1280 x 720: leave the 3D view room
    state_.left_width = kSmallLeftWidth;
    state_.right_width = kSmallRightWidth;
  }
  state_.viewer->setThreadingModel(osgViewer::Viewer::SingleThreaded);
  state_.viewer->getCamera()->setClearColor({0.80f, 0.87f, 0.94f, 1});
  state_.viewer->setLightingMode(osg::View::SKY_LIGHT);
  state_.viewer->getLight()->setPosition(
      {0.35f, -0.55f, 0.75f, 0});  // sun from the south-east, high
  state_.viewer->getLight()->setAmbient({0.45f, 0.45f, 0.45f, 1});
  state_.viewer->getLight()->setDiffuse({0.65f, 0.65f, 0.65f, 1});
  state_.viewer->setCameraManipulator(new osgGA::TerrainManipulator);
  state_.scene_root = new osg::Group;
  state_.viewer->setSceneData(state_.scene_root);
  state_.viewer->realize();

  state_.eye = std::make_unique<render::LensView>(kEyeWidth, kEyeHeight);

  state_.scripted = !options.script.empty() || !options.screenshot.empty();
  if (!state_.scripted) state_.recent = LoadRecent();
  if (!options.script.empty()) {
    try {
      script_ = plan::LoadScript(options.script);
    } catch (const core::InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      state_.exit_code = 1;
      state_.quit = true;
    }
  }
}

Workbench::~Workbench() {
  if (state_.loading) state_.loading->result.wait();
  StopOptimiser();
  StopAgents();
  state_.live.reset();  // stop the worker before the project it works on goes
}

bool Workbench::Open(const std::filesystem::path& file) {
  std::unique_ptr<plan::Project> next;
  try {
    next = plan::Project::Open(file);
  } catch (const std::exception& e) {  // core::InputError names file and line
    ShowError(state_, std::string("Cannot open the scenario: ") + e.what());
    return false;
  }
  Install(std::move(next));
  return true;
}

void Workbench::RequestOpen(const std::filesystem::path& file) {
  if (state_.loading)
    return Notify(state_, "Still loading " + state_.loading->file.filename().string());
  state_.loading = StartLoading(file);
}

void Workbench::FinishLoading() {
  if (!state_.loading ||
      state_.loading->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  const std::shared_ptr<LoadJob> job = std::move(state_.loading);
  state_.loading.reset();
  try {
    Install(job->result.get());
  } catch (const std::exception& e) {  // core::InputError names file and line
    ShowError(state_, std::string("Cannot open the scenario: ") + e.what());
  }
}

void Workbench::Install(std::unique_ptr<plan::Project> next) {
  StopOptimiser();  // its plan belongs to the old project
  StopAgents();     // so do its agents (the job reads the project's city and scene)
  if (state_.project &&
      state_.project->dirty()) {  // edits made while the new one loaded are kept too
    try {
      state_.project->Autosave();
    } catch (const std::exception& e) {
      Notify(state_, std::string("Autosave failed: ") + e.what());
    }
  }
  state_.live.reset();
  state_.view.reset();
  state_.project = std::move(next);
  for (const auto& [kind, info] : state_.project->run().diagnostics.kinds())
    Notify(state_, fmt::format("{} x {}", info.count, kind));
  state_.view =
      std::make_unique<render::CityView>(state_.project->run().city, *state_.project->run().scene,
                                         state_.project->run().grid, state_.project->run().zones);
  state_.scene_root->removeChildren(0, state_.scene_root->getNumChildren());
  state_.scene_root->addChild(state_.view->root());
  state_.eye->SetScene(state_.view->eye_scene());
  state_.scene_root->addChild(state_.eye->node());
  state_.live = std::make_unique<plan::LiveCoverage>(*state_.project->run().coverage,
                                                     state_.project->shared_zones());
  state_.latest.reset();
  state_.shown_aggregate = {};
  state_.shown_overlay.clear();
  state_.requested_state = 0;
  state_.shown_state = 0;
  state_.view_dirty = true;
  state_.footprints = {};
  state_.shown_footprints = 0;
  state_.zone_draft.clear();
  state_.measure.clear();
  state_.selected_zone = -1;
  state_.agents.reset();
  state_.people_figures.reset();
  state_.agents_duration_s = -1;
  state_.timeline = {};
  state_.playback.Reset(0, 0);
  state_.shown_agents_t = -1;
  state_.agents_now = state_.agents_seen_now = 0;
  state_.shown_zones = state_.project->shared_zones().get();
  state_.shown_zone_highlight = -1;
  const auto models = state_.project->ModelNames();
  state_.place_model = models.empty() ? "" : models.front();
  HomeView();
  glfwSetWindowTitle(state_.window, ("sightline - " + state_.project->path().string()).c_str());
  RememberFile(state_.project->path());
  state_.offer_autosave =
      !state_.scripted && plan::Project::HasFreshAutosave(state_.project->path());
}

void Workbench::RememberFile(const std::filesystem::path& file) {
  Remember(state_.recent, file);
  if (!state_.scripted) SaveRecent(state_.recent);
}

// ---- editing -------------------------------------------------------------------------------

plan::EditResult Workbench::Edit(const plan::EditCommand& edit, plan::Gesture gesture) {
  if (!state_.project) return {plan::EditResult::Outcome::refused, "no scenario is open"};
  plan::EditResult r = plan::ApplyEdit(*state_.project, edit, gesture);
  if (r.outcome == plan::EditResult::Outcome::failed)
    ShowError(state_, r.message);
  else if (r.applied() && !r.message.empty())
    Notify(state_, r.message);
  if (r.applied() && std::holds_alternative<plan::Save>(edit))
    glfwSetWindowTitle(state_.window, ("sightline - " + state_.project->path().string()).c_str());
  return r;
}

void Workbench::NudgeSelected(double dyaw, double dpitch, bool repeat) {
  if (!state_.project || state_.project->selection.empty()) return;
  // A held key's repeats amend its step; each separate press is a step of its own.
  Edit(plan::RotateSelected{dyaw, dpitch, 0},
       repeat ? plan::Gesture::continues : plan::Gesture::starts);
}

void Workbench::StopOptimiser() { gui::StopOptimiser(state_.optimiser); }

void Workbench::StartOptimiser(std::optional<double> time_limit_s) {
  try {
    state_.optimiser = gui::StartOptimiser(*state_.project, time_limit_s);
  } catch (const std::exception& e) {
    ShowError(state_, std::string("Cannot start the optimiser: ") + e.what());
  }
}

void Workbench::StopAgents() { gui::StopAgents(state_.agents_job); }

void Workbench::StartAgents(std::optional<double> duration_s) {
  if (!state_.project) return;
  StopAgents();
  try {
    state_.agents_job = gui::StartAgents(*state_.project, duration_s);
  } catch (const std::exception& e) {  // no agents: section (says what to add)
    ShowError(state_, std::string("Cannot simulate people and traffic: ") + e.what());
  }
}

void Workbench::FinishAgents() {
  if (!state_.agents_job || !state_.agents_job->done) return;
  std::unique_ptr<AgentsJob> job = std::move(state_.agents_job);
  job->thread.join();
  if (!job->error.empty()) return ShowError(state_, "People and traffic: " + job->error);
  if (!job->result) return;
  state_.agents = job->result;
  state_.agents_plan_state = job->plan_state;
  state_.people_figures = agents::PeopleSectionOf(*job->result, state_.project->run());
  state_.people_figures->flow.clear();  // the report's heat map; the panel shows figures only
  state_.timeline = agents::TimelineOf(job->result->agents, job->result->tracks);
  const double keep = state_.playback.t_s;
  state_.playback.Reset(state_.timeline.start_s(), state_.timeline.end_s());
  state_.playback.Seek(keep);  // a run again over an edited plan stays at the same instant
  state_.shown_agents_t = -1;
  const agents::GroupTime& t = job->result->people_time.totals;
  std::string seen;
  if (t.people.in_area_s > 0)
    seen += fmt::format("; people seen {:.1f} % of their time in the area", Pct(t.people.seen_s, t.people.in_area_s));
  if (t.vehicles.in_area_s > 0)
    seen += fmt::format("; vehicles seen {:.1f} %", Pct(t.vehicles.seen_s, t.vehicles.in_area_s));
  Notify(state_, fmt::format("People and traffic{}: {} agents over {:.0f} s{}",
                             job->result->cancelled ? " (cancelled, partial)" : "", job->result->agents.size(),
                             job->result->spec.duration_s, seen.empty() ? "; none in the area" : seen));
  for (const auto& [kind, info] : job->result->diagnostics.kinds())
    Notify(state_, fmt::format("{} x {}", info.count, kind));
}

void Workbench::UpdateAgentsView() {
  const std::uint64_t plan = state_.project->history().state_id();
  const double t = state_.show_agents && !state_.timeline.frames.empty() ? state_.playback.t_s : -1;
  if (t == state_.shown_agents_t && plan == state_.shown_agents_plan) return;
  state_.shown_agents_t = t;
  state_.shown_agents_plan = plan;
  std::vector<render::AgentShape> shapes;
  state_.agents_now = state_.agents_seen_now = 0;
  if (t >= 0) {
    const agents::Snapshot snap = agents::StatesAt(state_.timeline, t);
    const std::vector<agents::Sighting> seen = agents::SightingsAt(
        *state_.project->run().scene, state_.project->cameras(), state_.timeline.agents, snap);
    for (std::size_t i = 0; i < snap.states.size(); ++i) {
      const agents::AgentState& a = snap.states[i];
      const agents::AgentInfo& info = state_.timeline.agents[a.agent];
      const bool person = scenario::IsPerson(info.agent_class);
      const render::Rgbf colour = seen[i].best_camera >= 0 ? render::CameraColour(seen[i].best_camera)
                                  : person                 ? render::kUnseenPerson
                                                           : render::kUnseenVehicle;
      const render::AgentShape shape = render::ShapeOf(info.agent_class, info.size, {a.x, a.y, a.z}, a.heading_deg, colour);
      shapes.push_back(shape);
      state_.agents_seen_now += seen[i].best_camera >= 0;
    }
    state_.agents_now = snap.states.size();
  }
  state_.view->SetAgents(shapes);
}

void Workbench::FileChosen(const std::string& purpose, const std::filesystem::path& path) {
  if (purpose == "open") {
    if (state_.project &&
        state_.project->dirty()) {  // nothing is lost: the edits go to the autosave file
      try {
        state_.project->Autosave();
        Notify(state_, "Unsaved edits kept in " +
                           plan::Project::AutosavePath(state_.project->path()).string());
      } catch (const std::exception& e) {
        ShowError(state_, std::string("Cannot keep the unsaved edits, not opening: ") + e.what());
        return;
      }
    }
    RequestOpen(path);
  } else if (purpose == "save_as") {
    if (Edit(plan::Save{path}).applied()) RememberFile(path);
  } else if (purpose == "export" || purpose == "report") {
    state_.pending_export = WorkbenchState::PendingExport{purpose, path};  // after a frame saying so
  } else if (purpose == "background") {
    SetBackground(path);
  } else if (purpose == "screenshot") {
    state_.pending_screenshot = path.string();
  }
}

bool Workbench::SetBackground(const std::optional<std::filesystem::path>& file) {
  if (!state_.project) return false;
  if (!file) return Edit(plan::SetBackground{nullptr}).applied();
  const auto& now = state_.project->background();
  return ReadBackground(*file, now ? now->opacity : scenario::BackgroundSpec{}.opacity, false);
}

bool Workbench::ReadBackground(const std::filesystem::path& file, double opacity, bool expect_error) {
  if (!state_.project) return false;
  if (state_.background_job) {
    Notify(state_, "Still reading " + state_.background_job->file.filename().string());
    return false;
  }
  state_.background_job = StartBackgroundLoad(*state_.project, file, opacity);
  state_.background_job->expect_error = expect_error;
  state_.background_for = state_.project.get();
  return true;
}

void Workbench::FinishBackgroundLoad() {
  if (!state_.background_job ||
      state_.background_job->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  const std::unique_ptr<BackgroundJob> job = std::move(state_.background_job);
  if (state_.project.get() != state_.background_for) return;  // read for a project since closed
  plan::CameraHistory::Background layer;
  try {
    layer = job->result.get();
  } catch (const std::exception& e) {  // core::InputError names the file
    if (!job->expect_error) return ShowError(state_, e.what());
    return Notify(state_, std::string("Refused as expected: ") + e.what());
  }
  if (job->expect_error)
    return ShowError(state_, "expected background '" + job->file.string() + "' to be refused");
  if (const plan::EditResult r = Edit(plan::SetBackground{layer}); !r.applied())
    return ShowError(state_, job->file.string() + ": " + r.message);
  const geo::BackgroundImage& img = *layer->image;
  Notify(state_, fmt::format("Background {}: {} x {} px at {:.2g} m", job->file.filename().string(), img.width,
                             img.height, img.pixel_m));
}

void Workbench::HomeView() {
  if (!state_.project) return;
  const geo::CityModel& city = state_.project->run().city;
  const geo::Box3f bounds = city.Bounds();
  const geo::Box2d& a = city.area;
  plan::HomeViewOptions o;
  o.aspect = std::max(1.0, double(state_.ViewRight() - state_.ViewLeft())) /
             std::max(1.0, state_.height - double(kStatusHeight + kMenuHeight));
  const double ground = city.GroundZ((a.min_x + a.max_x) / 2, (a.min_y + a.max_y) / 2);
  const plan::EyePose pose = plan::FrameArea(a, ground, std::min<double>(ground, bounds.min.z),
                                             std::max<double>(ground, bounds.max.z), o);
  auto* m = Manipulator(*state_.viewer);
  m->setHomePosition({pose.eye.x, pose.eye.y, pose.eye.z},
                     {pose.centre.x, pose.centre.y, pose.centre.z}, osg::Vec3d(0, 0, 1));
  m->home(0);
  state_.top_down = false;
  SetTopDown(false);
}

void Workbench::SetTopDown(bool top) {
  state_.top_down = top;
  auto* m = Manipulator(*state_.viewer);
  if (top) {
    m->setRotation(osg::Quat());  // looking straight down, north up
  }
}

void Workbench::Resized(int, int) { UpdateSizes(); }

// Window units (cursor, ImGui layout) and framebuffer pixels (GL) differ on HiDPI screens.
void Workbench::UpdateSizes() {
  int w = 0, h = 0, fw = 0, fh = 0;
  glfwGetWindowSize(state_.window, &w, &h);
  glfwGetFramebufferSize(state_.window, &fw, &fh);
  if (w <= 0 || h <= 0 || fw <= 0 || fh <= 0) return;
  w = int(std::lround(w / state_.ui_scale)), h = int(std::lround(h / state_.ui_scale));  // window units
  state_.width = w, state_.height = h, state_.fb_width = fw, state_.fb_height = fh;
  state_.scale = double(fw) / w;
  state_.gw->resized(0, 0, fw, fh);
  state_.gw->getEventQueue()->windowResize(0, 0, w, h);
}

void Workbench::CloseRequested() {
  if (state_.project && state_.project->dirty())
    state_.confirm_quit = true;
  else
    state_.quit = true;
}

// ---- the frame -------------------------------------------------------------------------------

void Workbench::Absorb(plan::CoverageSnapshot snap) {
  snap.ApplyTo(state_.shown_aggregate, state_.shown_overlay);
  if (snap.full)
    state_.view->SetOverlay(state_.shown_overlay);
  else
    state_.view->UpdateOverlay(snap.cells, snap.overlay);
  snap.cells.clear(), snap.overlay.clear(), snap.values = {};  // absorbed: keep the figures only
  state_.latest = std::move(snap);
}

// Exclude zones changed (drawn, edited, undone): the grid's targets follow and the coverage is
// recomputed over them, with the coverage worker stopped; a running optimiser or simulation
// reads the grid too, so the change waits for it.
void Workbench::RegridForExcludeZones() {
  if (!state_.project->ExcludedGroundChanged() || (state_.optimiser && !state_.optimiser->done) ||
      state_.agents_job)
    return;
  const auto t0 = std::chrono::steady_clock::now();
  state_.live.reset();  // joins the worker
  plan::Project& p = *state_.project;
  p.ApplyExcludedGround();
  p.run().coverage->SetCameras(p.cameras());
  state_.live = std::make_unique<plan::LiveCoverage>(*p.run().coverage, p.shared_zones());
  state_.requested_state = 0;  // a full snapshot of the new targets
  Notify(state_, fmt::format("Ground evaluated: {:.0f} m2 (exclude zones changed; {:.1f} s)",
                             p.run().grid.CountTargets() * p.run().grid.CellArea(),
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
}

void Workbench::SyncView() {
  if (!state_.project) return;
  if (auto snap = state_.live->TakeNew()) Absorb(std::move(*snap));
  const std::uint64_t state = state_.project->history().state_id();
  RegridForExcludeZones();
  if (state != state_.requested_state || state_.overlay != state_.requested_mode) {
    state_.live->Request(state_.project->cameras(), state, state_.overlay,
                         state_.project->shared_zones());
    state_.requested_state = state;
    state_.requested_mode = state_.overlay;
  }
  // Selected ids that no longer exist (deleted, undone) drop out of the selection.
  std::erase_if(state_.project->selection,
                [&](const std::string& id) { return state_.project->IndexOf(id) < 0; });
  if (state != state_.shown_state || state_.project->selection != state_.shown_selection ||
      state_.view_dirty) {
    state_.view->SetCameras(state_.project->cameras(), state_.project->selection);
    state_.shown_state = state;
    state_.shown_selection = state_.project->selection;
    state_.view_dirty = false;
  }
  if (state_.selected_zone >= int(state_.project->zones().size())) state_.selected_zone = -1;
  if (state_.project->shared_zones().get() != state_.shown_zones ||
      state_.selected_zone != state_.shown_zone_highlight) {
    state_.view->SetZones(state_.project->zones(), state_.selected_zone);
    state_.shown_zones = state_.project->shared_zones().get();
    state_.shown_zone_highlight = state_.selected_zone;
  }
  const auto& background = state_.project->background();
  state_.view->SetBackground(state_.project->background_image(), background ? background->opacity : 1);
  UpdateAgentsView();
  state_.view->ShowFootprints(state_.show_wedges);
  if (state_.show_wedges) {
    state_.footprints.Update(state_.project->run(), state_.project->cameras());
    if (state_.footprints.revision() != state_.shown_footprints) {
      state_.view->SetFootprints(state_.footprints.footprints(),
                                 int(state_.project->run().scenario.levels.levels.size()));
      state_.shown_footprints = state_.footprints.revision();
    }
  }
}

void Workbench::UpdateEyeCamera() {
  const int index = state_.project && state_.project->selection.size() == 1
                        ? state_.project->IndexOf(*state_.project->selection.begin())
                        : -1;
  state_.eye->SetCamera(index >= 0 ? &state_.project->cameras()[index] : nullptr);
}

void Workbench::Frame() {
  if (state_.pending_export && state_.pending_export->shown) {  // the last frame on screen says so
    const WorkbenchState::PendingExport e = *std::exchange(state_.pending_export, std::nullopt);
    Export(e.what, e.dir);
    frames_after_input_ = 3;
  }
  const auto t0 = std::chrono::steady_clock::now();
  FinishLoading();
  FinishBackgroundLoad();
  FinishAgents();
  // The timeline's clock moves by the wall time between frames while it plays (the first frame
  // after Play only starts the clock).
  const double now = Now();
  if (state_.playback.playing && state_.was_playing) state_.playback.Advance(now - state_.playback_clock);
  state_.playback_clock = now;
  state_.was_playing = state_.playback.playing;
  SyncView();
  UpdateEyeCamera();
  // The 3D view fills the space between the panels.
  const int vx = int(state_.ViewLeft() * state_.scale), vy = int(kStatusHeight * state_.scale);
  const int vw = std::max(1, int(state_.ViewRight() * state_.scale) - vx);
  const int vh = std::max(1, state_.fb_height - vy - int(kMenuHeight * state_.scale));
  state_.viewer->getCamera()->setViewport(vx, vy, vw, vh);
  const double aspect = double(vw) / vh;
  if (state_.top_down) {  // keep the map view looking straight down, orthographic
    auto* m = Manipulator(*state_.viewer);
    m->setRotation(osg::Quat());
    const double half_h = m->getDistance() * std::tan(osg::DegreesToRadians(15.0));
    const double half_w = half_h * aspect;
    state_.viewer->getCamera()->setProjectionMatrixAsOrtho(-half_w, half_w, -half_h, half_h, 1,
                                                           m->getDistance() * 4 + 5000);
  } else {
    state_.viewer->getCamera()->setProjectionMatrixAsPerspective(30, aspect, 1, 20000);
  }
  state_.viewer->frame();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (state_.ui_scale != 1) {  // the backend reports screen pixels: ImGui lays out in window units
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {float(state_.width), float(state_.height)};
    io.DisplayFramebufferScale = {float(state_.scale), float(state_.scale)};
    if (io.MousePos.x > -FLT_MAX / 2)
      io.MousePos = {float(io.MousePos.x / state_.ui_scale), float(io.MousePos.y / state_.ui_scale)};
  }
  ImGui::NewFrame();
  if (close_menus_) {  // Esc: open menus close (a modal dialog handles Esc itself)
    if (!ImGui::GetTopMostPopupModal()) ImGui::ClosePopupsOverWindow(nullptr, false);
    close_menus_ = false;
  }
  DrawPanels();
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  if (!state_.pending_screenshot.empty()) {  // the back buffer, before it is swapped away
    TakeScreenshot(state_.pending_screenshot);
    state_.pending_screenshot.clear();
  }
  state_.last_frame_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  if (state_.project && !state_.scripted &&
      std::chrono::steady_clock::now() - state_.last_autosave > std::chrono::seconds(60)) {
    state_.last_autosave = std::chrono::steady_clock::now();
    try {
      state_.project->Autosave();
    } catch (const std::exception& e) {
      Notify(state_, std::string("Autosave failed: ") + e.what());
    }
  }
  if (state_.scripted && !state_.quit) RunScriptStep();
  if (frames_after_input_ > 0) --frames_after_input_;
}

double Workbench::SecondsToNextFrame() const {
  if (state_.scripted || frames_after_input_ > 0 || !state_.pending_screenshot.empty() || state_.pending_export)
    return 0;
  constexpr double kBusy = 1.0 / 30;  // background work: look for its results at 30 Hz
  if (state_.playback.playing) return 0;  // the timeline plays: every frame moves
  if (state_.loading || state_.background_job || (state_.optimiser && !state_.optimiser->done) ||
      state_.agents_job)
    return kBusy;
  if (state_.project) {
    const bool settled = state_.latest && state_.latest->state_id == state_.requested_state &&
                         state_.latest->mode == state_.requested_mode &&
                         state_.requested_state == state_.project->history().state_id() &&
                         state_.requested_mode == state_.overlay;
    if (!settled || state_.live->Busy()) return kBusy;
  }
  double wait = 10;  // nothing to do: wake now and then for the clock (autosave)
  const double now = Now();
  for (const auto& note : state_.notes) wait = std::min(wait, note.second - now + 0.05);
  if (state_.project && state_.project->dirty() && !state_.scripted) {
    const double since =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - state_.last_autosave)
            .count();
    wait = std::min(wait, 60 - since + 0.05);
  }
  return std::max(wait, 0.0);
}

void Workbench::TakeScreenshot(const std::filesystem::path& file) {
  const int w = state_.fb_width, h = state_.fb_height;
  std::vector<std::uint8_t> rgba(std::size_t(w) * h * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  std::vector<std::uint8_t> flipped(rgba.size());
  const std::size_t row = std::size_t(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(rgba.begin() + std::size_t(h - 1 - y) * row, row,
                flipped.begin() + std::size_t(y) * row);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  try {
    if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
    geo::WritePng(file, w, h, flipped);
    Notify(state_, "Screenshot written to " + file.string());
  } catch (const std::exception& e) {
    ShowError(state_, std::string("Cannot write the screenshot: ") + e.what());
  }
}

scenario::CoverageResult& Workbench::SettledRun() {
  state_.live->WaitIdle();
  if (auto snap = state_.live->TakeNew()) Absorb(std::move(*snap));
  scenario::CoverageResult& run = state_.project->run();
  run.summary = state_.latest->summary;  // the worker is idle: its coverage can be read
  run.zone_stats = state_.latest->zone_stats;
  run.zones = state_.project->zones();  // drawn and edited zones go into exports and reports
  return run;
}

void Workbench::WriteSummary(const std::filesystem::path& file) {
  const scenario::CoverageResult& run = SettledRun();
  if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
  core::AtomicOutput out(file);
  out.WriteText(
      report::SummaryJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
      "\n");
  out.Commit();
}

void Workbench::Export(const std::string& what, const std::filesystem::path& dir) {
  if (!state_.project) return;
  const scenario::CoverageResult& run = SettledRun();
  try {
    // One set, as the CLI writes it (`sightline coverage` / `report`): staged, then swapped in,
    // so a failed export leaves the folder's previous outputs as they were.
    core::OutputFolder out(dir);
    out.Write([&](const std::filesystem::path& folder) {
      report::WriteCoverageOutputs(run, folder);
      if (what != "report") return;
      report::ReportOptions options = state_.options.report;
      GLFWwindow* window = state_.window;
      options.camera_view =
          render::CameraViewHook(run.city, [window] { glfwMakeContextCurrent(window); });
      report::WriteReport(run, folder, options);
      options.camera_view = nullptr;  // closes the off-screen context
      glfwMakeContextCurrent(state_.window);
    });
    out.Commit();
    Notify(state_, "Written to " + dir.string());
  } catch (const std::exception& e) {
    glfwMakeContextCurrent(state_.window);
    ShowError(state_, std::string("Export failed: ") + e.what());
  }
}

void Workbench::DrawPanels() { gui::DrawPanels(state_, *this); }

}  // namespace gui
