// Feeds throughput on the sample city (needs a display: scripts/with-display.sh): camera-frames
// per second of the whole feed (agents, colour render, id pass and agents-alone passes, labels,
// H.264 encoding, outputs) against rendering the same colour frames alone, in one run. Both as
// wall time and per core (the process's CPU time, llvmpipe's threads included: the issue's
// target is per core, and on a shared machine the wall clock says more about the neighbours).
// With a UTC time, the sun lights the scene and the whole feed runs twice: sun shadows on and off.
//   sightline_feeds_bench [frames per camera = 45] [WxH = 640x360] [cameras = C01,C03,C04,C06]
//                         [time = none, e.g. 2026-06-21T10:00]
// FEEDS_BENCH_PASSES=1 also times the id pass and one agents-alone pass (all agents) per
// camera-frame beside the colour pass; FEEDS_BENCH_KEEP=dir keeps the feed's output there (to
// compare gt.txt before and after a change); FEEDS_BENCH_FIXED=1 times an empty content pass
// (an agents-alone pass with no agent: clear, readback, lens) per camera.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "agents/run.h"
#include "feeds/run.h"
#include "feeds/scene.h"
#include "render/camera_eye.h"
#include "scenario/pipeline.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::stoi(argv[1]) : 45;
  int width = 640, height = 360;
  if (argc > 2 && std::sscanf(argv[2], "%dx%d", &width, &height) != 2) return 2;
  feeds::FeedsOptions o;
  o.cameras = {"C01", "C03", "C04", "C06"};  // three bullets and the fisheye over the plaza
  if (argc > 3) {
    o.cameras.clear();
    std::stringstream list(argv[3]);
    for (std::string id; std::getline(list, id, ',');) o.cameras.push_back(id);
  }
  if (argc > 4) o.time_utc = argv[4];
  const auto run = scenario::RunCoverage(
      scenario::LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml"));
  o.width = width, o.height = height;
  o.fps = 15;
  o.start_s = 40;  // walkers on the plaza
  o.duration_s = double(frames) / o.fps;

  // Rendering alone: the same cameras, agents and instants, the colour frames through each
  // lens as the feed renders them (one renderer per camera, colour readback), nothing else.
  std::vector<sim::Camera> cameras;
  for (const sim::Camera& c : run->coverage->cameras())
    if (std::find(o.cameras.begin(), o.cameras.end(), c.id) != o.cameras.end()) {
      cameras.push_back(c);
      cameras.back().width_px = width, cameras.back().height_px = height;
    }
  std::vector<std::unique_ptr<render::EyeRenderer>> renderers;
  for (std::size_t i = 0; i < cameras.size(); ++i)
    renderers.push_back(
        std::make_unique<render::EyeRenderer>(width, height, render::EyeReadback::colour));
  scenario::AgentsSpec spec = *run->scenario.agents;
  spec.step_s = 1.0 / o.fps, spec.duration_s = o.start_s + o.duration_s;
  const agents::Ground ground(run->grid);
  core::Diagnostics diagnostics;
  auto source = agents::MakeAgentSource(*run, spec, ground, {}, diagnostics);
  feeds::FeedScene scene(run->city, {});
  agents::Snapshot snapshot;
  for (int n = 0; n < int(o.start_s * o.fps); ++n) source->Next(snapshot);
  double render_wall = 0, render_cpu = 0, ids_cpu = 0, alone_cpu = 0;
  render::EyeImage img;
  for (int n = 0; n < frames && source->Next(snapshot); ++n) {
    scene.Update(source->agents(), snapshot);
    const double w0 = WallSeconds(), c0 = CpuSeconds();
    for (std::size_t i = 0; i < cameras.size(); ++i)
      renderers[i]->RenderThroughLens(scene.colour(), cameras[i], render::ViewClip(cameras[i]),
                                      img);
    render_wall += WallSeconds() - w0, render_cpu += CpuSeconds() - c0;
    if (!std::getenv("FEEDS_BENCH_PASSES")) continue;
    std::vector<osg::BoundingSphere> spheres;
    std::vector<std::uint32_t> all;
    for (const auto& body : scene.bodies()) {
      osg::BoundingSphere s;
      for (const auto& b : body)
        for (const auto& p : b.corners) s.expandBy(osg::Vec3d(p.x, p.y, p.z));
      all.push_back(spheres.size());
      spheres.push_back(s);
    }
    const double c1 = CpuSeconds();
    for (std::size_t i = 0; i < cameras.size(); ++i) {
      const osg::Vec3d eye(cameras[i].position.x, cameras[i].position.y, cameras[i].position.z);
      renderers[i]->RenderThroughLens(scene.IdsFor(eye, spheres), cameras[i],
                                      render::ViewClip(cameras[i]), img, {}, spheres);
    }
    const double c2 = CpuSeconds();
    const auto alone = scene.Alone(all);
    for (std::size_t i = 0; i < cameras.size(); ++i)
      renderers[i]->RenderThroughLens(alone.get(), cameras[i], render::ViewClip(cameras[i]),
                                      img, {}, spheres);
    ids_cpu += c2 - c1, alone_cpu += CpuSeconds() - c2;
  }
  if (std::getenv("FEEDS_BENCH_FIXED")) {  // the fixed cost of a content pass per camera
    std::vector<std::uint32_t> none;
    const auto empty = scene.Alone(none);
    for (std::size_t i = 0; i < cameras.size(); ++i) {
      const sim::Vec3d f = sim::Axes(cameras[i]).forward;
      const osg::BoundingSphere s(osg::Vec3d(cameras[i].position.x + 20 * f.x, cameras[i].position.y + 20 * f.y,
                                             cameras[i].position.z + 20 * f.z), 1.0);
      const double c0 = CpuSeconds();
      for (int k = 0; k < 100; ++k)
        renderers[i]->RenderThroughLens(empty.get(), cameras[i], render::ViewClip(cameras[i]), img, {}, {&s, 1});
      fmt::print("  {}: an empty content pass {:.2f} ms CPU\n", cameras[i].id, (CpuSeconds() - c0) * 10);
    }
  }
  if (std::getenv("FEEDS_BENCH_PASSES"))
    fmt::print("  passes, CPU s: colour {:.2f}, id {:.2f}, agents alone {:.2f}\n", render_cpu, ids_cpu,
               alone_cpu);
  const double camera_frames = double(frames) * cameras.size();

  // The whole feed.
  const auto dir = std::filesystem::temp_directory_path() / "sightline_feeds_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const double c0 = CpuSeconds();
  const feeds::FeedsResult r = feeds::RunFeeds(*run, o, dir);
  const double feeds_cpu = CpuSeconds() - c0;
  std::size_t boxes = 0;
  for (const auto& c : r.cameras) boxes += c.boxes;
  if (const char* keep = std::getenv("FEEDS_BENCH_KEEP"))
    std::filesystem::remove_all(keep), std::filesystem::rename(dir, keep);
  std::filesystem::remove_all(dir);

  fmt::print("Delft, {} cameras ({}) x {} frames at {}x{}, {} boxes\n", cameras.size(),
             fmt::join(o.cameras, " "), frames, width, height, boxes);
  fmt::print("                                           camera-frames/s   per core (CPU s)\n");
  fmt::print("  rendering alone (colour through lens):   {:8.1f}          {:8.1f} ({:.1f} s)\n",
             camera_frames / render_wall, camera_frames / render_cpu, render_cpu);
  fmt::print("  feeds (render + labels + H.264 + files): {:8.1f}          {:8.1f} ({:.1f} s)\n",
             r.CameraFramesPerSecond(), camera_frames / feeds_cpu, feeds_cpu);
  fmt::print("    wall: render+labels {:.1f} s, encode {:.1f} s, all {:.1f} s\n", r.render_s,
             r.encode_s, r.total_s);
  fmt::print("  feeds / rendering alone:                 {:8.2f}          {:8.2f}\n",
             r.CameraFramesPerSecond() / (camera_frames / render_wall), render_cpu / feeds_cpu);
  if (o.time_utc.empty()) return 0;
  // The same feed without sun shadows: what the shadow maps cost.
  o.shadows = false;
  std::filesystem::create_directories(dir);
  const double c1 = CpuSeconds();
  const feeds::FeedsResult flat = feeds::RunFeeds(*run, o, dir);
  const double flat_cpu = CpuSeconds() - c1;
  std::filesystem::remove_all(dir);
  fmt::print("  the sun at {}: feeds without shadows:  {:8.1f}          {:8.1f} ({:.1f} s)\n",
             o.time_utc, flat.CameraFramesPerSecond(), camera_frames / flat_cpu, flat_cpu);
  fmt::print("  with shadows / without:                  {:8.2f}          {:8.2f}\n",
             r.CameraFramesPerSecond() / flat.CameraFramesPerSecond(), flat_cpu / feeds_cpu);
  return 0;
}
