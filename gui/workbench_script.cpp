// Scripted sessions (plan/gui_script.h) and the GUI benchmark: each action goes through the
// same edits and commands as the mouse, keys and panels.
#include "gui/workbench.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <thread>
#include <osgGA/TerrainManipulator>

#include "geo/raster_io.h"
#include "gui/screen.h"
#include "plan/edit_command.h"
#include "plan/measure.h"
#include "render/camera_eye.h"

namespace gui {

// ---- scripts ---------------------------------------------------------------------------------

void Workbench::RunScriptStep() {
  if (settle_frames_ > 0) {
    --settle_frames_;
    return;
  }
  if (state_.loading || state_.background_job) return;  // still loading
  // Each action starts from a settled state: the coverage of the current plan is shown.
  if (state_.project && (state_.live->Busy() || !state_.latest ||
                         state_.latest->state_id != state_.project->history().state_id() ||
                         state_.latest->mode != state_.overlay))
    return;
  if (script_at_ >= script_.size()) {
    if (!state_.options.screenshot.empty() && state_.pending_screenshot.empty()) {
      state_.pending_screenshot = state_.options.screenshot.string();
      state_.options.screenshot.clear();
      return;
    }
    state_.quit = true;
    return;
  }
  const plan::ScriptAction& a = script_[script_at_++];
  auto fail = [&](const std::string& problem) {
    ShowError(state_,
              state_.options.script.string() + ": line " + std::to_string(a.line) + ": " + problem);
  };
  if (!state_.project) {
    if (a.verb == "open" && !a.expect_error)
      Open(a.text);
    else if (a.verb == "screenshot")
      state_.pending_screenshot = a.text;
    else if (a.verb != "frames")
      fail("no scenario is open: give one on the command line or open: one first");
    return;
  }
  const geo::Frame& frame = state_.project->run().city.frame;
  auto pick_at = [&](double x, double y) {  // frame CRS coordinates, as scenario files write them
    return plan::PickFromAbove(state_.project->run().city, *state_.project->run().scene,
                               x - frame.origin_x, y - frame.origin_y);
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
    if (state_.project->selection.size() != 1) return -1;
    return state_.project->IndexOf(*state_.project->selection.begin());
  };
  settle_frames_ = 1;
  if (a.verb == "place") {
    const std::string model = a.model.empty() ? state_.place_model : a.model;
    if (!a.model.empty() && !state_.project->run().scenario.camera_models.count(a.model))
      return fail("no camera model '" + a.model + "' in the scenario's catalogue");
    auto pick = pick_at(a.xy[0], a.xy[1]);
    if (!pick || !Edit(plan::PlaceCamera{*pick, model, optional("height_m"), optional("yaw"),
                                         optional("pitch")})
                      .applied())
      return fail("nothing to place a camera on there");
  } else if (a.verb == "click") {
    ClickAt(a.xy[0], a.xy[1], false);
  } else if (a.verb == "tool") {
    state_.tool = a.text == "place"     ? Tool::place
                  : a.text == "measure" ? Tool::measure
                  : a.text == "zone"    ? Tool::zone
                                        : Tool::select;
  } else if (a.verb == "measure") {
    auto from = pick_at(a.xy[0], a.xy[1]), to = pick_at(a.xy2[0], a.xy2[1]);
    if (!from || !to) return fail("nothing to measure on there");
    state_.tool = Tool::measure;
    state_.measure = {from->point, to->point};
    const plan::Measurement m = plan::Measure(state_.project->run().city, from->point, to->point);
    Notify(state_,
           fmt::format(
               "Measured: ground {:.2f} m, 3D {:.2f} m, heights above ground {:.2f} m and {:.2f} m",
               m.ground_m, m.slant_m, m.height_a_m, m.height_b_m));
  } else if (a.verb == "select") {
    state_.project->selection.clear();
    for (const std::string& id : a.ids) {
      if (state_.project->IndexOf(id) < 0) return fail("no camera '" + id + "'");
      state_.project->selection.insert(id);
    }
  } else if (a.verb == "move") {
    const int i = selected_index();
    if (i < 0) return fail("move needs exactly one selected camera");
    // A drag: the camera passes through intermediate points (one undo step in all).
    const double x0 = state_.project->cameras()[i].position.x + frame.origin_x;
    const double y0 = state_.project->cameras()[i].position.y + frame.origin_y;
    const std::string id = state_.project->cameras()[i].id;
    bool moved = false;
    for (int step = 1; step <= 4; ++step) {
      const double f = step / 4.0;
      auto pick = pick_at(x0 + (a.xy[0] - x0) * f, y0 + (a.xy[1] - y0) * f);
      const plan::Gesture gesture = moved ? plan::Gesture::continues : plan::Gesture::starts;
      if (pick && Edit(plan::MoveCamera{id, *pick}, gesture).applied()) moved = true;
    }
  } else if (a.verb == "aim") {
    if (state_.project->selection.empty()) return fail("aim needs a selected camera");
    auto pick = pick_at(a.xy[0], a.xy[1]);
    if (!pick) return fail("nothing to aim at there");
    Edit(plan::AimSelected{pick->point});
  } else if (a.verb == "rotate") {
    if (state_.project->selection.empty()) return fail("rotate needs a selected camera");
    Edit(plan::RotateSelected{number("yaw", 0), number("pitch", 0), number("roll", 0)});
  } else if (a.verb == "set") {
    const int i = selected_index();
    if (i < 0) return fail("set needs exactly one selected camera");
    std::vector<sim::Camera> cams = state_.project->cameras();
    sim::Camera& c = cams[i];
    if (!a.model.empty()) {
      if (!state_.project->run().scenario.camera_models.count(a.model))
        return fail("no camera model '" + a.model + "'");
      c = state_.project->WithModel(c, a.model);
    }
    c.yaw_deg = number("yaw", c.yaw_deg);
    c.pitch_deg = number("pitch", c.pitch_deg);
    c.roll_deg = number("roll", c.roll_deg);
    if (a.numbers.count("height_m"))
      c.position.z =
          state_.project->run().city.GroundZ(c.position.x, c.position.y) + a.numbers.at("height_m");
    c.hfov_deg = number("hfov_deg", c.hfov_deg);
    c.max_range_m = number("max_range_m", c.max_range_m);
    c.cost = number("cost", c.cost);
    if (!a.text.empty()) c.id = a.text;
    if (const plan::EditResult r = Edit(plan::ReplaceCamera{state_.project->cameras()[i].id, c});
        !r.applied())
      return fail(r.message);
  } else if (a.verb == "delete") {
    if (state_.project->selection.empty()) return fail("delete needs a selected camera");
    Edit(plan::DeleteSelected{});
  } else if (a.verb == "undo" || a.verb == "redo") {
    const plan::EditResult r = a.verb == "undo" ? Edit(plan::Undo{}) : Edit(plan::Redo{});
    if (!r.applied()) return fail(r.message);
  } else if (a.verb == "view") {
    if (a.text == "home")
      HomeView();
    else
      SetTopDown(a.text == "top");
    settle_frames_ = 3;
  } else if (a.verb == "zoom") {
    if (auto* m = dynamic_cast<osgGA::TerrainManipulator*>(state_.viewer->getCameraManipulator()))
      m->setDistance(m->getDistance() / number("factor", 1));
    settle_frames_ = 3;
  } else if (a.verb == "look_at") {
    const double x = a.xy[0] - frame.origin_x, y = a.xy[1] - frame.origin_y;
    if (auto* m = dynamic_cast<osgGA::TerrainManipulator*>(state_.viewer->getCameraManipulator()))
      m->setCenter({x, y, state_.project->run().city.GroundZ(x, y)});
    settle_frames_ = 3;
  } else if (a.verb == "overlay") {
    state_.overlay = a.text == "k"         ? plan::OverlayMode::k_coverage
                     : a.text == "density" ? plan::OverlayMode::density
                                           : plan::OverlayMode::off;
  } else if (a.verb == "zone_hole" || a.verb == "zone_part") {  // as the zone tool draws them
    const auto& zones = state_.project->zones();
    int index = -1;
    for (std::size_t i = 0; i < zones.size(); ++i)
      if (zones[i].name == a.words.at("zone")) index = int(i);
    if (index < 0) return fail("no zone '" + a.words.at("zone") + "'");
    const auto before = state_.project->shared_zones();
    state_.tool = Tool::zone;
    state_.selected_zone = index;
    state_.zone_draft_into = a.verb == "zone_hole" ? ZoneDraftInto::hole : ZoneDraftInto::part;
    state_.zone_draft.clear();
    for (const auto& p : a.points) {
      const double x = p[0] - frame.origin_x, y = p[1] - frame.origin_y;
      state_.zone_draft.push_back({x, y, state_.project->run().city.GroundZ(x, y)});
    }
    FinishZoneDraft();
    if (state_.project->shared_zones() == before) {
      state_.zone_draft.clear();
      state_.zone_draft_into = ZoneDraftInto::new_zone;
      return fail(a.verb + " was not taken (see the note above)");
    }
  } else if (a.verb == "zone" || a.verb == "zone_set" || a.verb == "zone_vertex" ||
             a.verb == "delete_zone") {
    const auto& zones = state_.project->zones();
    int index = -1;
    if (a.words.count("zone")) {
      for (std::size_t i = 0; i < zones.size(); ++i)
        if (zones[i].name == a.words.at("zone")) index = int(i);
      if (index < 0) return fail("no zone '" + a.words.at("zone") + "'");
    }
    sim::Zone z;
    if (index >= 0) z = zones[index];
    if (a.verb == "zone") {
      z.name = "Zone " + std::to_string(zones.size() + 1);
      geo::Ring ring;
      for (const auto& p : a.points) ring.push_back({p[0] - frame.origin_x, p[1] - frame.origin_y});
      z.outline = {{ring}};
    }
    if (a.words.count("name")) z.name = a.words.at("name");
    if (a.words.count("kind"))
      z.kind = a.words.at("kind") == "privacy"   ? sim::ZoneKind::privacy
               : a.words.at("kind") == "exclude" ? sim::ZoneKind::exclude
                                                 : sim::ZoneKind::priority;
    if (a.words.count("dori")) {
      z.required_level = state_.project->run().scenario.levels.Find(a.words.at("dori"));
      if (z.required_level < 0) return fail("no density level '" + a.words.at("dori") + "'");
    }
    z.required_k = int(number("k", z.required_k));
    z.weight = number("weight", z.weight);
    plan::EditResult r;
    if (a.verb == "zone") {
      r = Edit(plan::AddZone{z});
      if (r.applied()) state_.selected_zone = int(state_.project->zones().size()) - 1;
    } else if (a.verb == "zone_set") {
      r = Edit(plan::ReplaceZone{std::size_t(index), z});
    } else if (a.verb == "delete_zone") {
      r = Edit(plan::DeleteZone{std::size_t(index)});
    } else {  // a vertex dragged there in four steps, one undo step
      const int v = int(number("index", 0)), part = int(number("part", 0)), ring = int(number("ring", 0));
      if (part < 0 || part >= int(z.outline.size()) || ring < 0 || ring >= int(z.outline[part].size()) || v < 0 ||
          v >= int(z.outline[part][ring].size()))
        return fail("zone '" + z.name + "' has no vertex " + std::to_string(v) + " in part " +
                    std::to_string(part) + ", ring " + std::to_string(ring));
      state_.selected_zone = index;
      const geo::Vec2d from = z.outline[part][ring][v];
      const geo::Vec2d to{a.xy[0] - frame.origin_x, a.xy[1] - frame.origin_y};
      for (int step = 1; step <= 4 && r.applied(); ++step) {
        const double f = step / 4.0;
        z.outline[part][ring][v] = {from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f};
        r = Edit(plan::ReplaceZone{std::size_t(index), z},
                 step == 1 ? plan::Gesture::starts : plan::Gesture::continues);
      }
    }
    if (!r.applied()) return fail(r.message);
  } else if (a.verb == "background") {  // read off the UI thread; the next step waits for it
    const std::optional<double> opacity = optional("opacity");
    if (a.text == "clear") {
      SetBackground(std::nullopt);
    } else if (!a.text.empty()) {
      const auto& now = state_.project->background();
      const double o = opacity.value_or(now ? now->opacity : scenario::BackgroundSpec{}.opacity);
      if (!ReadBackground(a.text, o, a.expect_error)) return fail("cannot read a background now");
    } else if (opacity) {
      if (const plan::EditResult r = Edit(plan::SetBackgroundOpacity{*opacity}); !r.applied())
        return fail(r.message);
    }
    settle_frames_ = 2;
  } else if (a.verb == "wedges") {
    state_.show_wedges = a.text == "on";
  } else if (a.verb == "save") {
    Edit(plan::Save{a.text});
  } else if (a.verb == "summary") {
    WriteSummary(a.text);
  } else if (a.verb == "export" || a.verb == "report") {
    Export(a.verb, a.text);
  } else if (a.verb == "screenshot") {
    state_.pending_screenshot = a.text;
  } else if (a.verb == "eye") {
    const int i = selected_index();
    if (i < 0) return fail("eye needs exactly one selected camera");
    try {
      render::EyeImage img;
      {  // the off-screen context goes before the window's is made current again
        render::EyeRenderer eye(kEyeWidth, kEyeHeight);
        const sim::Camera& c = state_.project->cameras()[i];
        img = eye.RenderThroughLens(state_.view->eye_scene(), c, render::ViewClip(c));
      }
      glfwMakeContextCurrent(state_.window);
      geo::WritePng(a.text, img.width, img.height, img.Rgba());
    } catch (const std::exception& e) {
      glfwMakeContextCurrent(state_.window);
      return fail(e.what());
    }
  } else if (a.verb == "open" && a.expect_error) {
    const std::uint64_t before = state_.project->history().state_id();
    const std::filesystem::path path = state_.project->path();
    state_.expecting_error = true;
    const bool opened = Open(a.text);
    state_.expecting_error = false;
    if (opened) return fail("expected '" + a.text + "' to be refused");
    if (state_.error.empty()) return fail("no error was shown");
    Notify(state_, "Refused as expected: " + state_.error);
    state_.error.clear();
    if (state_.project->path() != path || state_.project->history().state_id() != before)
      return fail("the open project changed");
  } else if (a.verb == "open") {
    Open(a.text);
  } else if (a.verb == "dialog") {
    Browse(state_, a.text);
    settle_frames_ = 2;
  } else if (a.verb == "frames") {
    settle_frames_ = static_cast<int>(number("frames", 1));
  } else if (a.verb == "optimise") {
    if (!state_.project->run().scenario.optimise)
      return fail("the scenario has no optimise: section");
    StartOptimiser(a.numbers.count("time_limit_s") ? std::optional(a.numbers.at("time_limit_s"))
                                                   : std::nullopt);
    if (!state_.optimiser) return;
    state_.optimiser->thread.join();
    const std::string error = state_.optimiser->error;
    std::vector<sim::Camera> cams = state_.optimiser->cameras;
    Notify(state_, error.empty() ? "Optimiser: " + state_.optimiser->summary
                                 : "Optimiser failed: " + error);
    state_.optimiser.reset();
    if (!error.empty()) return fail(error);
    Edit(OptimisedPlanEdit(std::move(cams)));
  } else if (a.verb == "agents") {
    StartAgents(optional("duration_s"));
    if (!state_.agents_job) return;  // refused: the error is shown
    while (!state_.agents_job->done) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    FinishAgents();
    settle_frames_ = 2;
  } else if (a.verb == "time" || a.verb == "play" || a.verb == "pause" || a.verb == "speed") {
    if (state_.timeline.frames.empty()) return fail(a.verb + " needs a timeline: run `agents:` first");
    if (a.verb == "time") state_.playback.Seek(number("t", 0));
    if (a.verb == "play") state_.playback.Play();
    if (a.verb == "pause") state_.playback.Pause();
    if (a.verb == "speed") state_.playback.speed = number("speed", 1);
  } else if (a.verb == "hand_over") {
    state_.scripted = false;  // no more script steps, no quitting: frames as for a person
    script_.clear();
    script_at_ = 0;
  } else if (a.verb == "benchmark") {
    RunBenchmark(static_cast<int>(number("frames", 60)), static_cast<int>(number("moves", 30)));
  }
}

void Workbench::RunBenchmark(int frames, int moves) {
  // Frame time with the city, overlay and panels drawn; then camera moves through the engine's
  // incremental update (what a drag costs), timed by the worker.
  std::vector<double> frame_ms;
  for (int i = 0; i < frames; ++i) {
    glfwPollEvents();
    Frame();
    glFinish();
    frame_ms.push_back(state_.last_frame_ms);
    glfwSwapBuffers(state_.window);
  }
  std::vector<double> sync_ms, total_ms;
  const bool have_cameras = !state_.project->cameras().empty();
  if (have_cameras) {
    const std::string id = state_.project->cameras().front().id;
    for (int i = 0; i < moves; ++i) {
      std::vector<sim::Camera> next = state_.project->cameras();
      sim::Camera& c = next[state_.project->IndexOf(id)];
      c.position.x += (i % 2 ? -1.0 : 1.0) * 0.5;  // a drag, half a metre a step
      c.yaw_deg += 1;
      Edit(plan::ReplacePlan{std::move(next), "benchmark move"});
      state_.live->Request(state_.project->cameras(), state_.project->history().state_id(),
                           state_.overlay);
      state_.live->WaitIdle();
      if (auto snap = state_.live->TakeNew()) {
        sync_ms.push_back(snap->sync_ms);
        total_ms.push_back(snap->total_ms);
        Absorb(std::move(*snap));
      }
    }
    state_.requested_state = state_.project->history().state_id();
  }
  // The same plan recomputed from scratch (what a tool without per-camera layers would do on
  // every move), on the worker's coverage while it is idle.
  std::vector<double> full_ms;
  state_.live->WaitIdle();
  for (int i = 0; i < 3 && have_cameras; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    state_.project->run().coverage->SetCameras(state_.project->cameras());
    full_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  auto stats = [](std::vector<double> v) {
    if (v.empty()) return std::string("n/a");
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    return fmt::format("mean {:.2f} ms, median {:.2f} ms, p95 {:.2f} ms, max {:.2f} ms (n = {})",
                       sum / v.size(), v[v.size() / 2],
                       v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back(), v.size());
  };
  std::cout << "gui benchmark: " << state_.project->path().filename().string() << ", "
            << state_.width << " x " << state_.height << ", grid " << state_.project->run().grid.nx
            << " x " << state_.project->run().grid.ny << " cells at "
            << state_.project->run().grid.resolution_m << " m\n"
            << "  frame time:                " << stats(frame_ms) << "\n"
            << "  camera move (incremental): " << stats(sync_ms) << "\n"
            << "  move incl. statistics and overlay image: " << stats(total_ms) << "\n"
            << "  full recompute, " << state_.project->cameras().size()
            << " cameras: " << stats(full_ms) << "\n";
  if (!sync_ms.empty() && !full_ms.empty()) {
    std::sort(sync_ms.begin(), sync_ms.end());
    std::sort(full_ms.begin(), full_ms.end());
    std::cout << fmt::format("  incremental move vs full recompute (medians): {:.1f} x faster\n",
                             full_ms[full_ms.size() / 2] / sync_ms[sync_ms.size() / 2]);
  }
}

}  // namespace gui
