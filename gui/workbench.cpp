#include "gui/workbench.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <osgGA/TerrainManipulator>

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "geo/raster_io.h"
#include "report/coverage_outputs.h"
#include "report/pdf_report.h"
#include "render/camera_eye.h"
#include "plan/edit_checks.h"
#include "plan/edit_command.h"
#include "plan/home_view.h"
#include "render/report_views.h"

namespace gui {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

osgGA::TerrainManipulator* Manipulator(osgViewer::Viewer& v) {
  return dynamic_cast<osgGA::TerrainManipulator*>(v.getCameraManipulator());
}

}  // namespace

Workbench::Workbench(GLFWwindow* window, const GuiOptions& options)
    : window_(window), options_(options), width_(options.width), height_(options.height) {
  viewer_ = new osgViewer::Viewer;
  gw_ = viewer_->setUpViewerAsEmbeddedInWindow(0, 0, width_, height_);
  UpdateSizes();
  viewer_->setThreadingModel(osgViewer::Viewer::SingleThreaded);
  viewer_->getCamera()->setClearColor({0.80f, 0.87f, 0.94f, 1});
  viewer_->setLightingMode(osg::View::SKY_LIGHT);
  viewer_->getLight()->setPosition({0.35f, -0.55f, 0.75f, 0});  // sun from the south-east, high
  viewer_->getLight()->setAmbient({0.45f, 0.45f, 0.45f, 1});
  viewer_->getLight()->setDiffuse({0.65f, 0.65f, 0.65f, 1});
  viewer_->setCameraManipulator(new osgGA::TerrainManipulator);
  scene_root_ = new osg::Group;
  viewer_->setSceneData(scene_root_);
  viewer_->realize();

  eye_ = std::make_unique<render::LensView>(kEyeWidth, kEyeHeight);

  scripted_ = !options.script.empty() || !options.screenshot.empty();
  if (!scripted_) recent_ = LoadRecent();
  if (!options.script.empty()) {
    try {
      script_ = plan::LoadScript(options.script);
    } catch (const core::InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      exit_code_ = 1;
      quit_ = true;
    }
  }
}

Workbench::~Workbench() {
  if (loading_) loading_->result.wait();
  StopOptimiser();
  live_.reset();  // stop the worker before the project it works on goes
}

bool Workbench::Open(const std::filesystem::path& file) {
  std::unique_ptr<plan::Project> next;
  try {
    next = plan::Project::Open(file);
  } catch (const std::exception& e) {  // core::InputError names file and line
    ShowError(std::string("Cannot open the scenario: ") + e.what());
    return false;
  }
  Install(std::move(next));
  return true;
}

void Workbench::RequestOpen(const std::filesystem::path& file) {
  if (loading_) return Notify("Still loading " + loading_->file.filename().string());
  auto job = std::make_shared<LoadJob>();
  job->file = file;
  job->started = std::chrono::steady_clock::now();
  job->result = std::async(std::launch::async, [job] {
    return plan::Project::Open(job->file, [job](std::size_t done, std::size_t total) {
      job->cameras_done = done, job->cameras_total = total;
    });
  });
  loading_ = job;
}

void Workbench::FinishLoading() {
  if (!loading_ || loading_->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const std::shared_ptr<LoadJob> job = std::move(loading_);
  loading_.reset();
  try {
    Install(job->result.get());
  } catch (const std::exception& e) {  // core::InputError names file and line
    ShowError(std::string("Cannot open the scenario: ") + e.what());
  }
}

void Workbench::Install(std::unique_ptr<plan::Project> next) {
  StopOptimiser();  // its plan belongs to the old project
  if (project_ && project_->dirty()) {  // edits made while the new one loaded are kept too
    try {
      project_->Autosave();
    } catch (const std::exception& e) {
      Notify(std::string("Autosave failed: ") + e.what());
    }
  }
  live_.reset();
  view_.reset();
  project_ = std::move(next);
  for (const auto& [kind, info] : project_->run().diagnostics.kinds())
    Notify(fmt::format("{} x {}", info.count, kind));
  view_ = std::make_unique<render::CityView>(project_->run().city, *project_->run().scene, project_->run().grid,
                                     project_->run().zones);
  scene_root_->removeChildren(0, scene_root_->getNumChildren());
  scene_root_->addChild(view_->root());
  eye_->SetScene(view_->city());
  scene_root_->addChild(eye_->node());
  live_ = std::make_unique<plan::LiveCoverage>(*project_->run().coverage, project_->run().zones);
  latest_.reset();
  shown_aggregate_ = {};
  shown_overlay_.clear();
  requested_state_ = 0;
  shown_state_ = 0;
  view_dirty_ = true;
  const auto models = project_->ModelNames();
  place_model_ = models.empty() ? "" : models.front();
  HomeView();
  glfwSetWindowTitle(window_, ("sightline - " + project_->path().string()).c_str());
  RememberFile(project_->path());
  offer_autosave_ = !scripted_ && plan::Project::HasFreshAutosave(project_->path());
}

void Workbench::RememberFile(const std::filesystem::path& file) {
  Remember(recent_, file);
  if (!scripted_) SaveRecent(recent_);
}

void Workbench::ShowError(const std::string& message) {
  error_ = message;
  if (expecting_error_) return;
  std::cerr << "error: " << message << "\n";
  if (scripted_) {
    exit_code_ = 1;
    quit_ = true;
  }
}

void Workbench::Notify(const std::string& message) {
  notes_.emplace_back(message, Now() + 6);
  if (notes_.size() > 5) notes_.pop_front();
  if (scripted_) std::cout << message << "\n";
}

// ---- editing -------------------------------------------------------------------------------

plan::EditResult Workbench::Edit(const plan::EditCommand& edit, plan::Gesture gesture) {
  if (!project_) return {plan::EditResult::Outcome::refused, "no scenario is open"};
  plan::EditResult r = plan::ApplyEdit(*project_, edit, gesture);
  if (r.outcome == plan::EditResult::Outcome::failed) ShowError(r.message);
  else if (r.applied() && !r.message.empty()) Notify(r.message);
  if (r.applied() && std::holds_alternative<plan::Save>(edit))
    glfwSetWindowTitle(window_, ("sightline - " + project_->path().string()).c_str());
  return r;
}

void Workbench::NudgeSelected(double dyaw, double dpitch) {
  if (!project_ || project_->selection.empty()) return;
  const double now = Now();
  const bool repeat = now - last_nudge_ < 1.5;  // key repeats within a moment
  last_nudge_ = now;
  Edit(plan::RotateSelected{dyaw, dpitch, 0}, repeat ? plan::Gesture::continues : plan::Gesture::starts);
}

void Workbench::ApplyOptimisedPlan(std::vector<sim::Camera> cameras) {
  for (sim::Camera& c : cameras) plan::SnapToFilePrecision(c);
  Edit(plan::ReplacePlan{std::move(cameras), "Optimised plan"});
}

void Workbench::StopOptimiser() {
  if (optimiser_ && optimiser_->thread.joinable()) {
    optimiser_->cancel = true;
    optimiser_->thread.join();
  }
  optimiser_.reset();
}

// ---- screen and world ----------------------------------------------------------------------

std::optional<plan::SurfacePick> Workbench::PickAtScreen(double x, double y) const {
  if (!project_) return std::nullopt;
  const osg::Camera* cam = viewer_->getCamera();
  const osg::Matrixd vpw = cam->getViewMatrix() * cam->getProjectionMatrix() * cam->getViewport()->computeWindowMatrix();
  const osg::Matrixd inv = osg::Matrixd::inverse(vpw);
  // Cursor (window units, from the top) to GL window coordinates (pixels, from the bottom).
  const double px = x * scale_, py = (height_ - y) * scale_;
  const osg::Vec3d a = osg::Vec3d(px, py, 0) * inv, b = osg::Vec3d(px, py, 1) * inv;
  return plan::PickSurface(project_->run().city, *project_->run().scene, {a.x(), a.y(), a.z()},
                     {b.x() - a.x(), b.y() - a.y(), b.z() - a.z()});
}

bool Workbench::WorldToScreen(const sim::Vec3d& p, double& x, double& y) const {
  const osg::Camera* cam = viewer_->getCamera();
  const osg::Matrixd vp = cam->getViewMatrix() * cam->getProjectionMatrix();
  const osg::Vec4d clip = osg::Vec4d(p.x, p.y, p.z, 1) * vp;
  if (clip.w() <= 0) return false;
  const osg::Vec3d ndc(clip.x() / clip.w(), clip.y() / clip.w(), clip.z() / clip.w());
  const osg::Viewport* v = cam->getViewport();
  x = (v->x() + (ndc.x() + 1) / 2 * v->width()) / scale_;
  y = height_ - (v->y() + (ndc.y() + 1) / 2 * v->height()) / scale_;
  return std::abs(ndc.z()) <= 1;
}

int Workbench::CameraAtScreen(double x, double y) const {
  if (!project_) return -1;
  int best = -1;
  double best_d = 16;  // pixels from the marker
  const auto& cams = project_->cameras();
  for (std::size_t i = 0; i < cams.size(); ++i) {
    double sx = 0, sy = 0;
    if (!WorldToScreen(cams[i].position, sx, sy)) continue;
    const double d = std::hypot(sx - x, sy - y);
    if (d < best_d) best_d = d, best = static_cast<int>(i);
    // The id label beside the marker is a handle too.
    const ImVec2 size = ImGui::CalcTextSize(cams[i].id.c_str());
    if (best < 0 && x >= sx + 5 && x <= sx + 11 + size.x && y >= sy - 21 && y <= sy - 19 + size.y) best = static_cast<int>(i);
  }
  return best;
}

void Workbench::ClickAt(double x, double y, bool shift) {
  if (!project_) return;
  if (tool_ == Tool::place) {
    if (auto pick = PickAtScreen(x, y))
      if (const plan::EditResult r = Edit(plan::PlaceCamera{*pick, place_model_}); !r.applied()) Notify(r.message);
    return;
  }
  const int hit = CameraAtScreen(x, y);
  if (hit < 0) {
    if (!shift) project_->selection.clear();
    return;
  }
  const std::string& id = project_->cameras()[hit].id;
  if (shift && project_->selection.count(id)) project_->selection.erase(id);
  else if (shift) project_->selection.insert(id);
  else project_->selection = {id};
}

void Workbench::HomeView() {
  if (!project_) return;
  const geo::CityModel& city = project_->run().city;
  const geo::Box3f bounds = city.Bounds();
  const geo::Box2d& a = city.area;
  plan::HomeViewOptions o;
  o.aspect = std::max(1.0, width_ - double(kLeftWidth + kRightWidth)) / std::max(1.0, height_ - double(kStatusHeight + kMenuHeight));
  const double ground = city.GroundZ((a.min_x + a.max_x) / 2, (a.min_y + a.max_y) / 2);
  const plan::EyePose pose = plan::FrameArea(a, ground, std::min<double>(ground, bounds.min.z), std::max<double>(ground, bounds.max.z), o);
  auto* m = Manipulator(*viewer_);
  m->setHomePosition({pose.eye.x, pose.eye.y, pose.eye.z}, {pose.centre.x, pose.centre.y, pose.centre.z}, osg::Vec3d(0, 0, 1));
  m->home(0);
  top_down_ = false;
  SetTopDown(false);
}

void Workbench::SetTopDown(bool top) {
  top_down_ = top;
  auto* m = Manipulator(*viewer_);
  if (top) {
    m->setRotation(osg::Quat());  // looking straight down, north up
  }
}

// ---- input ----------------------------------------------------------------------------------

void Workbench::MouseButton(int button, int action, int mods) {
  ImGuiIO& io = ImGui::GetIO();
  double x = 0, y = 0;
  glfwGetCursorPos(window_, &x, &y);
  const bool shift = mods & GLFW_MOD_SHIFT;
  // A button pressed over a panel belongs to ImGui until it is released.
  const std::size_t b = std::min<std::size_t>(static_cast<std::size_t>(std::max(button, 0)), pressed_in_view_.size() - 1);
  if (action == GLFW_PRESS) pressed_in_view_[b] = !io.WantCaptureMouse;
  if (!pressed_in_view_[b]) return;
  if (action == GLFW_RELEASE) pressed_in_view_[b] = false;
  int osg_button = button == GLFW_MOUSE_BUTTON_LEFT ? 1 : button == GLFW_MOUSE_BUTTON_MIDDLE ? 2 : 3;
  const bool ctrl = mods & GLFW_MOD_CONTROL;
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS && project_ && ctrl && !project_->selection.empty()) {
    aiming_ = true;  // Ctrl+drag: the selected cameras look at the point under the mouse
    if (auto pick = PickAtScreen(x, y)) Edit(plan::AimSelected{pick->point});
    return;
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE && aiming_) {
    aiming_ = false;
    return;
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS && project_) {
    const int hit = tool_ == Tool::select ? CameraAtScreen(x, y) : -1;
    if (tool_ == Tool::place || hit >= 0) {
      ClickAt(x, y, shift);
      if (hit >= 0 && !shift) {  // grab it: dragging moves it along the surfaces
        drag_index_ = hit;
        drag_moved_ = false;
        drag_start_x_ = x, drag_start_y_ = y;
      }
      return;
    }
    drag_start_x_ = x, drag_start_y_ = y;
    empty_click_ = true;  // unless it turns into an orbit
  }
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE) {
    if (drag_index_ >= 0) {
      drag_index_ = -1;
      return;
    }
    // A click on empty ground (no drag) clears the selection.
    if (project_ && empty_click_ && tool_ == Tool::select && std::hypot(x - drag_start_x_, y - drag_start_y_) < 3 &&
        !shift)
      project_->selection.clear();
    empty_click_ = false;
  }
  if (top_down_ && osg_button == 1) osg_button = 2;  // the map view pans instead of orbiting
  if (action == GLFW_PRESS) gw_->getEventQueue()->mouseButtonPress(float(x), float(y), osg_button);
  else gw_->getEventQueue()->mouseButtonRelease(float(x), float(y), osg_button);
}

void Workbench::CursorMoved(double x, double y) {
  mouse_x_ = x, mouse_y_ = y;
  if (aiming_ && project_) {
    if (auto pick = PickAtScreen(x, y)) Edit(plan::AimSelected{pick->point}, plan::Gesture::continues);
    return;
  }
  if (drag_index_ >= 0 && project_) {
    if (!drag_moved_ && std::hypot(x - drag_start_x_, y - drag_start_y_) < 3) return;
    const plan::Gesture gesture = drag_moved_ ? plan::Gesture::continues : plan::Gesture::starts;
    if (auto pick = PickAtScreen(x, y))
      if (Edit(plan::MoveCamera{project_->cameras()[drag_index_].id, *pick}, gesture).applied()) drag_moved_ = true;
    return;
  }
  gw_->getEventQueue()->mouseMotion(float(x), float(y));
}

void Workbench::Scrolled(double dy) {
  if (ImGui::GetIO().WantCaptureMouse) return;
  gw_->getEventQueue()->mouseScroll(dy > 0 ? osgGA::GUIEventAdapter::SCROLL_UP : osgGA::GUIEventAdapter::SCROLL_DOWN);
}

void Workbench::Key(int key, int action, int mods) {
  // ImGui 1.86 samples key states once a frame, so a press and release between two frames
  // (fast typists, xdotool) is lost: the path dialog takes Enter and Escape from here too.
  if (action == GLFW_PRESS && browser_.open) {
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) path_key_ = +1;
    if (key == GLFW_KEY_ESCAPE) path_key_ = -1;
  }
  if (action == GLFW_RELEASE || ImGui::GetIO().WantCaptureKeyboard) return;
  const double step = (mods & GLFW_MOD_SHIFT) ? 10 : 1;
  if (key == GLFW_KEY_LEFT) return NudgeSelected(-step, 0);  // arrows turn the selected cameras
  if (key == GLFW_KEY_RIGHT) return NudgeSelected(step, 0);
  if (key == GLFW_KEY_UP) return NudgeSelected(0, step);
  if (key == GLFW_KEY_DOWN) return NudgeSelected(0, -step);
  if (action != GLFW_PRESS) return;
  const bool ctrl = mods & GLFW_MOD_CONTROL;
  if (ctrl && key == GLFW_KEY_Z && (mods & GLFW_MOD_SHIFT)) Edit(plan::Redo{});
  else if (ctrl && key == GLFW_KEY_Z) Edit(plan::Undo{});
  else if (ctrl && key == GLFW_KEY_Y) Edit(plan::Redo{});
  else if (ctrl && key == GLFW_KEY_S && (mods & GLFW_MOD_SHIFT)) Browse("save_as");
  else if (ctrl && key == GLFW_KEY_S) Edit(plan::Save{});
  else if (ctrl && key == GLFW_KEY_O) Browse("open");
  else if (key == GLFW_KEY_DELETE) Edit(plan::DeleteSelected{});
  else if (key == GLFW_KEY_ESCAPE) {
    tool_ = Tool::select;
    if (project_) project_->selection.clear();
  } else if (key == GLFW_KEY_P) tool_ = Tool::place;
  else if (key == GLFW_KEY_T) SetTopDown(!top_down_);
  else if (key == GLFW_KEY_H) HomeView();
}

void Workbench::Resized(int, int) { UpdateSizes(); }

// Window units (cursor, ImGui layout) and framebuffer pixels (GL) differ on HiDPI screens.
void Workbench::UpdateSizes() {
  int w = 0, h = 0, fw = 0, fh = 0;
  glfwGetWindowSize(window_, &w, &h);
  glfwGetFramebufferSize(window_, &fw, &fh);
  if (w <= 0 || h <= 0 || fw <= 0 || fh <= 0) return;
  width_ = w, height_ = h, fb_width_ = fw, fb_height_ = fh;
  scale_ = double(fw) / w;
  gw_->resized(0, 0, fw, fh);
  gw_->getEventQueue()->windowResize(0, 0, w, h);
}

void Workbench::CloseRequested() {
  if (project_ && project_->dirty()) confirm_quit_ = true;
  else quit_ = true;
}

// ---- the frame -------------------------------------------------------------------------------

void Workbench::Absorb(plan::CoverageSnapshot snap) {
  snap.ApplyTo(shown_aggregate_, shown_overlay_);
  if (snap.full) view_->SetOverlay(shown_overlay_);
  else view_->UpdateOverlay(snap.cells, snap.overlay);
  snap.cells.clear(), snap.overlay.clear(), snap.values = {};  // absorbed: keep the figures only
  latest_ = std::move(snap);
}

void Workbench::SyncView() {
  if (!project_) return;
  if (auto snap = live_->TakeNew()) Absorb(std::move(*snap));
  const std::uint64_t state = project_->history().state_id();
  if (state != requested_state_ || overlay_ != requested_mode_) {
    live_->Request(project_->cameras(), state, overlay_);
    requested_state_ = state;
    requested_mode_ = overlay_;
  }
  // Selected ids that no longer exist (deleted, undone) drop out of the selection.
  std::erase_if(project_->selection, [&](const std::string& id) { return project_->IndexOf(id) < 0; });
  if (state != shown_state_ || project_->selection != shown_selection_ || view_dirty_) {
    view_->SetCameras(project_->cameras(), project_->selection);
    shown_state_ = state;
    shown_selection_ = project_->selection;
    view_dirty_ = false;
  }
}

void Workbench::UpdateEyeCamera() {
  const int index = project_ && project_->selection.size() == 1 ? project_->IndexOf(*project_->selection.begin()) : -1;
  eye_->SetCamera(index >= 0 ? &project_->cameras()[index] : nullptr);
}

void Workbench::Frame() {
  const auto t0 = std::chrono::steady_clock::now();
  FinishLoading();
  SyncView();
  UpdateEyeCamera();
  // The 3D view fills the space between the panels.
  const int vx = int((project_ ? kLeftWidth : 0) * scale_), vy = int(kStatusHeight * scale_);
  const int vw = std::max(1, fb_width_ - vx - int((project_ ? kRightWidth : 0) * scale_));
  const int vh = std::max(1, fb_height_ - vy - int(kMenuHeight * scale_));
  viewer_->getCamera()->setViewport(vx, vy, vw, vh);
  const double aspect = double(vw) / vh;
  if (top_down_) {  // keep the map view looking straight down, orthographic
    auto* m = Manipulator(*viewer_);
    m->setRotation(osg::Quat());
    const double half_h = m->getDistance() * std::tan(osg::DegreesToRadians(15.0));
    const double half_w = half_h * aspect;
    viewer_->getCamera()->setProjectionMatrixAsOrtho(-half_w, half_w, -half_h, half_h, 1, m->getDistance() * 4 + 5000);
  } else {
    viewer_->getCamera()->setProjectionMatrixAsPerspective(30, aspect, 1, 20000);
  }
  viewer_->frame();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  DrawPanels();
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  if (!pending_screenshot_.empty()) {  // the back buffer, before it is swapped away
    TakeScreenshot(pending_screenshot_);
    pending_screenshot_.clear();
  }
  last_frame_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  if (project_ && !scripted_ && std::chrono::steady_clock::now() - last_autosave_ > std::chrono::seconds(60)) {
    last_autosave_ = std::chrono::steady_clock::now();
    try {
      project_->Autosave();
    } catch (const std::exception& e) {
      Notify(std::string("Autosave failed: ") + e.what());
    }
  }
  if (scripted_ && !quit_) RunScriptStep();
}

void Workbench::TakeScreenshot(const std::filesystem::path& file) {
  const int w = fb_width_, h = fb_height_;
  std::vector<std::uint8_t> rgba(std::size_t(w) * h * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  std::vector<std::uint8_t> flipped(rgba.size());
  const std::size_t row = std::size_t(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(rgba.begin() + std::size_t(h - 1 - y) * row, row, flipped.begin() + std::size_t(y) * row);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  try {
    if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
    geo::WritePng(file, w, h, flipped);
    Notify("Screenshot written to " + file.string());
  } catch (const std::exception& e) {
    ShowError(std::string("Cannot write the screenshot: ") + e.what());
  }
}

scenario::CoverageResult& Workbench::SettledRun() {
  live_->WaitIdle();
  if (auto snap = live_->TakeNew()) Absorb(std::move(*snap));
  scenario::CoverageResult& run = project_->run();
  run.summary = latest_->summary;  // the worker is idle: its coverage can be read
  run.zone_stats = latest_->zone_stats;
  return run;
}

void Workbench::WriteSummary(const std::filesystem::path& file) {
  const scenario::CoverageResult& run = SettledRun();
  if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
  core::AtomicOutput out(file);
  out.WriteText(report::SummaryJson(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  out.Commit();
}

void Workbench::Export(const std::string& what, const std::filesystem::path& dir) {
  if (!project_) return;
  const scenario::CoverageResult& run = SettledRun();
  try {
    if (what == "report") {
      report::ReportOptions options = options_.report;
      GLFWwindow* window = window_;
      options.camera_view = render::CameraViewHook(run.city, [window] { glfwMakeContextCurrent(window); });
      report::WriteReport(run, dir, options);
      options.camera_view = nullptr;  // closes the off-screen context
      glfwMakeContextCurrent(window_);
    } else {
      report::WriteCoverageOutputs(run, dir);
    }
    Notify("Written to " + dir.string());
  } catch (const std::exception& e) {
    glfwMakeContextCurrent(window_);
    ShowError(std::string("Export failed: ") + e.what());
  }
}

// ---- scripts ---------------------------------------------------------------------------------

void Workbench::RunScriptStep() {
  if (settle_frames_ > 0) {
    --settle_frames_;
    return;
  }
  if (loading_) return;  // still loading
  // Each action starts from a settled state: the coverage of the current plan is shown.
  if (project_ && (live_->Busy() || !latest_ || latest_->state_id != project_->history().state_id() ||
                   latest_->mode != overlay_))
    return;
  if (script_at_ >= script_.size()) {
    if (!options_.screenshot.empty() && pending_screenshot_.empty()) {
      pending_screenshot_ = options_.screenshot.string();
      options_.screenshot.clear();
      return;
    }
    quit_ = true;
    return;
  }
  const plan::ScriptAction& a = script_[script_at_++];
  auto fail = [&](const std::string& problem) {
    ShowError(options_.script.string() + ": line " + std::to_string(a.line) + ": " + problem);
  };
  if (!project_) {
    if (a.verb == "open" && !a.expect_error) Open(a.text);
    else if (a.verb == "screenshot") pending_screenshot_ = a.text;
    else if (a.verb != "frames") fail("no scenario is open: give one on the command line or open: one first");
    return;
  }
  const geo::Frame& frame = project_->run().city.frame;
  auto pick_at = [&](double x, double y) {  // frame CRS coordinates, as scenario files write them
    return plan::PickFromAbove(project_->run().city, *project_->run().scene, x - frame.origin_x, y - frame.origin_y);
  };
  auto number = [&](const char* key, double fallback) {
    auto it = a.numbers.find(key);
    return it == a.numbers.end() ? fallback : it->second;
  };
  auto optional = [&](const char* key) -> std::optional<double> {
    auto it = a.numbers.find(key);
    return it == a.numbers.end() ? std::nullopt : std::optional(it->second);
  };
  auto selected_index = [&]() {
    if (project_->selection.size() != 1) return -1;
    return project_->IndexOf(*project_->selection.begin());
  };
  settle_frames_ = 1;
  if (a.verb == "place") {
    const std::string model = a.model.empty() ? place_model_ : a.model;
    if (!a.model.empty() && !project_->run().scenario.camera_models.count(a.model))
      return fail("no camera model '" + a.model + "' in the scenario's catalogue");
    auto pick = pick_at(a.xy[0], a.xy[1]);
    if (!pick || !Edit(plan::PlaceCamera{*pick, model, optional("height_m"), optional("yaw"), optional("pitch")}).applied())
      return fail("nothing to place a camera on there");
  } else if (a.verb == "click") {
    ClickAt(a.xy[0], a.xy[1], false);
  } else if (a.verb == "tool") {
    tool_ = a.text == "place" ? Tool::place : Tool::select;
  } else if (a.verb == "select") {
    project_->selection.clear();
    for (const std::string& id : a.ids) {
      if (project_->IndexOf(id) < 0) return fail("no camera '" + id + "'");
      project_->selection.insert(id);
    }
  } else if (a.verb == "move") {
    const int i = selected_index();
    if (i < 0) return fail("move needs exactly one selected camera");
    // A drag: the camera passes through intermediate points (one undo step in all).
    const double x0 = project_->cameras()[i].position.x + frame.origin_x;
    const double y0 = project_->cameras()[i].position.y + frame.origin_y;
    const std::string id = project_->cameras()[i].id;
    bool moved = false;
    for (int step = 1; step <= 4; ++step) {
      const double f = step / 4.0;
      auto pick = pick_at(x0 + (a.xy[0] - x0) * f, y0 + (a.xy[1] - y0) * f);
      const plan::Gesture gesture = moved ? plan::Gesture::continues : plan::Gesture::starts;
      if (pick && Edit(plan::MoveCamera{id, *pick}, gesture).applied()) moved = true;
    }
  } else if (a.verb == "aim") {
    if (project_->selection.empty()) return fail("aim needs a selected camera");
    auto pick = pick_at(a.xy[0], a.xy[1]);
    if (!pick) return fail("nothing to aim at there");
    Edit(plan::AimSelected{pick->point});
  } else if (a.verb == "rotate") {
    if (project_->selection.empty()) return fail("rotate needs a selected camera");
    Edit(plan::RotateSelected{number("yaw", 0), number("pitch", 0), number("roll", 0)});
  } else if (a.verb == "set") {
    const int i = selected_index();
    if (i < 0) return fail("set needs exactly one selected camera");
    std::vector<sim::Camera> cams = project_->cameras();
    sim::Camera& c = cams[i];
    if (!a.model.empty()) {
      if (!project_->run().scenario.camera_models.count(a.model)) return fail("no camera model '" + a.model + "'");
      c = project_->WithModel(c, a.model);
    }
    c.yaw_deg = number("yaw", c.yaw_deg);
    c.pitch_deg = number("pitch", c.pitch_deg);
    c.roll_deg = number("roll", c.roll_deg);
    if (a.numbers.count("height_m")) c.position.z = project_->run().city.GroundZ(c.position.x, c.position.y) + a.numbers.at("height_m");
    c.hfov_deg = number("hfov_deg", c.hfov_deg);
    c.max_range_m = number("max_range_m", c.max_range_m);
    c.cost = number("cost", c.cost);
    if (!a.text.empty()) c.id = a.text;
    if (const plan::EditResult r = Edit(plan::ReplaceCamera{project_->cameras()[i].id, c}); !r.applied())
      return fail(r.message);
  } else if (a.verb == "delete") {
    if (project_->selection.empty()) return fail("delete needs a selected camera");
    Edit(plan::DeleteSelected{});
  } else if (a.verb == "undo" || a.verb == "redo") {
    const plan::EditResult r = a.verb == "undo" ? Edit(plan::Undo{}) : Edit(plan::Redo{});
    if (!r.applied()) return fail(r.message);
  } else if (a.verb == "view") {
    if (a.text == "home") HomeView();
    else SetTopDown(a.text == "top");
    settle_frames_ = 3;
  } else if (a.verb == "overlay") {
    overlay_ = a.text == "k" ? plan::OverlayMode::k_coverage : a.text == "density" ? plan::OverlayMode::density : plan::OverlayMode::off;
  } else if (a.verb == "save") {
    Edit(plan::Save{a.text});
  } else if (a.verb == "summary") {
    WriteSummary(a.text);
  } else if (a.verb == "export" || a.verb == "report") {
    Export(a.verb, a.text);
  } else if (a.verb == "screenshot") {
    pending_screenshot_ = a.text;
  } else if (a.verb == "eye") {
    const int i = selected_index();
    if (i < 0) return fail("eye needs exactly one selected camera");
    try {
      render::EyeImage img;
      {  // the off-screen context goes before the window's is made current again
        render::EyeRenderer eye(kEyeWidth, kEyeHeight);
        const sim::Camera& c = project_->cameras()[i];
        img = eye.RenderThroughLens(view_->city(), c, render::ViewClip(c));
      }
      glfwMakeContextCurrent(window_);
      geo::WritePng(a.text, img.width, img.height, img.Rgba());
    } catch (const std::exception& e) {
      glfwMakeContextCurrent(window_);
      return fail(e.what());
    }
  } else if (a.verb == "open" && a.expect_error) {
    const std::uint64_t before = project_->history().state_id();
    const std::filesystem::path path = project_->path();
    expecting_error_ = true;
    const bool opened = Open(a.text);
    expecting_error_ = false;
    if (opened) return fail("expected '" + a.text + "' to be refused");
    if (error_.empty()) return fail("no error was shown");
    Notify("Refused as expected: " + error_);
    error_.clear();
    if (project_->path() != path || project_->history().state_id() != before) return fail("the open project changed");
  } else if (a.verb == "open") {
    Open(a.text);
  } else if (a.verb == "dialog") {
    Browse(a.text);
    settle_frames_ = 2;
  } else if (a.verb == "frames") {
    settle_frames_ = static_cast<int>(number("frames", 1));
  } else if (a.verb == "optimise") {
    if (!project_->run().scenario.optimise) return fail("the scenario has no optimise: section");
    StartOptimiser(a.numbers.count("time_limit_s") ? std::optional(a.numbers.at("time_limit_s")) : std::nullopt);
    if (!optimiser_) return;
    optimiser_->thread.join();
    const std::string error = optimiser_->error;
    std::vector<sim::Camera> cams = optimiser_->cameras;
    Notify(error.empty() ? "Optimiser: " + optimiser_->summary : "Optimiser failed: " + error);
    optimiser_.reset();
    if (!error.empty()) return fail(error);
    ApplyOptimisedPlan(std::move(cams));
  } else if (a.verb == "benchmark") {
    RunBenchmark(static_cast<int>(number("frames", 60)), static_cast<int>(number("moves", 30)));
  }
}

}  // namespace gui
