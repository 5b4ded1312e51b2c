// Feeds throughput on the sample city (needs a display: scripts/with-display.sh): camera-frames
// per second of the whole feed (agents, colour render, id pass and agents-alone passes, labels,
// H.264 encoding, outputs) against rendering the colour frames alone, in one run.
//   sightline_feeds_bench [frames per camera = 45] [WIDTHxHEIGHT = 1280x720]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "agents/run.h"
#include "feeds/run.h"
#include "feeds/scene.h"
#include "render/camera_eye.h"
#include "scenario/pipeline.h"

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::stoi(argv[1]) : 45;
  int width = 1280, height = 720;
  if (argc > 2 && std::sscanf(argv[2], "%dx%d", &width, &height) != 2) return 2;
  const auto run = scenario::RunCoverage(
      scenario::LoadScenario(std::filesystem::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml"));
  feeds::FeedsOptions o;
  o.cameras = {"C01", "C03", "C04"};  // the pinhole cameras that see the plaza's walkers
  o.width = width, o.height = height;
  o.fps = 15;
  o.start_s = 40;  // walkers on the plaza
  o.duration_s = double(frames) / o.fps;

  // Rendering alone: the same cameras, agents and instants, colour frames only.
  std::vector<sim::Camera> cameras;
  for (const sim::Camera& c : run->coverage->cameras())
    if (std::find(o.cameras.begin(), o.cameras.end(), c.id) != o.cameras.end()) {
      cameras.push_back(c);
      cameras.back().width_px = width, cameras.back().height_px = height;
    }
  scenario::AgentsSpec spec = *run->scenario.agents;
  spec.step_s = 1.0 / o.fps, spec.duration_s = o.start_s + o.duration_s;
  const agents::Ground ground(run->grid);
  core::Diagnostics diagnostics;
  auto source = agents::MakeAgentSource(*run, spec, ground, {}, diagnostics);
  feeds::FeedScene scene(run->city, {});
  render::EyeRenderer renderer(width, height);
  agents::Snapshot snapshot;
  for (int n = 0; n < int(o.start_s * o.fps); ++n) source->Next(snapshot);
  double render_s = 0;
  for (int n = 0; n < frames && source->Next(snapshot); ++n) {
    scene.Update(source->agents(), snapshot);
    for (const sim::Camera& c : cameras) {
      const auto t0 = std::chrono::steady_clock::now();
      const render::EyeImage img = renderer.Render(scene.colour(), c, render::ViewClip(c));
      render_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
  }
  const double render_fps = frames * cameras.size() / render_s;

  // The whole feed.
  const auto dir = std::filesystem::temp_directory_path() / "sightline_feeds_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const feeds::FeedsResult r = feeds::RunFeeds(*run, o, dir);
  std::size_t boxes = 0;
  for (const auto& c : r.cameras) boxes += c.boxes;
  std::filesystem::remove_all(dir);

  fmt::print("Delft, {} pinhole cameras x {} frames at {}x{}, {} boxes\n", cameras.size(), frames,
             width, height, boxes);
  fmt::print("  rendering alone (colour, readback):      {:6.1f} camera-frames/s\n", render_fps);
  fmt::print(
      "  feeds (render + labels + H.264 + files): {:6.1f} camera-frames/s  (render+labels {:.1f} "
      "s, encode {:.1f} s, all {:.1f} s)\n",
      r.CameraFramesPerSecond(), r.render_s, r.encode_s, r.total_s);
  fmt::print("  feeds / rendering alone:                 {:6.2f}\n",
             r.CameraFramesPerSecond() / render_fps);
  return 0;
}
