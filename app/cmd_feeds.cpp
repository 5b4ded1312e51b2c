// `sightline feeds`: synthetic video of the planned cameras with exact labels (feeds/run.h):
// one H.264 MP4 per camera, MOTChallenge and COCO ground truth, calibration, bitrates.
#include <algorithm>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#include "agents/run.h"
#include "app/cli_checks.h"
#include "app/city_input.h"
#include "app/commands.h"
#include "app/progress.h"
#include "core/error.h"
#include "core/output_folder.h"
#include "feeds/run.h"
#include "feeds/sun.h"
#include "scenario/pipeline.h"

namespace app {
namespace {

// Flags left unset fall back to the scenario's `feeds:` section, then to the defaults.
struct FeedsCliOptions {
  std::string scenario;
  std::string output = "out/feeds";
  std::string size;     // WIDTHxHEIGHT
  std::string cameras;  // C01,C02
  long seed = -1;
  std::optional<double> duration_s, start_s, daylight, noise, shutter;
  std::optional<int> fps, crf, kbps;
  std::optional<std::string> time_utc;
  std::optional<std::string> shadows;  // on | off
  feeds::FeedsOptions run;
};

void ApplyFlags(FeedsCliOptions& o) {
  if (!o.size.empty()) {
    std::smatch m;
    if (!std::regex_match(o.size, m, std::regex(R"((\d{1,6})x(\d{1,6}))")))
      throw CLI::ValidationError("--size", "expected WIDTHxHEIGHT, e.g. 1280x720");
    o.run.width = std::stoi(m[1]), o.run.height = std::stoi(m[2]);
    if (o.run.width == 0 || o.run.height == 0)
      throw core::InputError("", "--size", o.size + ": width and height must be more than 0");
  }
  if (!o.cameras.empty()) {
    o.run.cameras.clear();
    std::stringstream ids(o.cameras);
    for (std::string id; std::getline(ids, id, ',');)
      if (!id.empty()) o.run.cameras.push_back(id);
  }
  if (o.seed >= 0) o.run.seed = static_cast<std::uint32_t>(o.seed);
  if (o.duration_s) o.run.duration_s = *o.duration_s;
  if (o.start_s) o.run.start_s = *o.start_s;
  if (o.fps) o.run.fps = *o.fps;
  if (o.crf) o.run.crf = *o.crf;
  if (o.kbps) o.run.kbps = *o.kbps;
  if (o.time_utc) o.run.time_utc = *o.time_utc;
  if (o.daylight) o.run.daylight = *o.daylight;
  if (o.noise) o.run.noise = *o.noise;
  if (o.shutter) o.run.shutter = *o.shutter;
  if (o.shadows) o.run.shadows = *o.shadows == "on";
}

// The scenario's `feeds.cameras` named by its file and line (the feeds library names the
// --cameras flag, which may not have been given). Camera lists from files are known only now.
void CheckScenarioCameras(const scenario::CoverageResult& run, const FeedsCliOptions& o) {
  const auto& spec = run.scenario.feeds;
  if (!o.cameras.empty() || !spec) return;
  std::vector<std::string> ids;
  for (const sim::Camera& c : run.coverage->cameras()) ids.push_back(c.id);
  feeds::CheckAskedCameras(spec->cameras, ids, run.scenario.file.string(), spec->where, "feeds.cameras");
}

void Run(FeedsCliOptions& o) {
  scenario::Scenario s = scenario::LoadScenario(o.scenario);
  if (s.feeds) feeds::ApplyFeedsSpec(*s.feeds, o.run);
  ApplyFlags(o);
  feeds::CheckFeedsOptions(o.run);  // before the long work
  // Locked from the start, so a second run into the same folder stops before its long work.
  core::OutputFolder out(o.output);
  // Cameras written in the scenario are known now: a mistyped --cameras is said before a
  // missing display (cameras from a file are checked after the coverage run).
  if (s.camera_source.empty()) {
    std::vector<std::string> ids;
    for (const scenario::CameraSpec& c : s.cameras) ids.push_back(c.id);
    feeds::CheckAskedCameras(o.run.cameras, ids, s.file.string(), "", "--cameras");
  }
  std::string why;
  if (!feeds::CanRender(why)) {
    std::cerr << "error: cannot render off screen (no display? run under Xvfb: xvfb-run sightline "
                 "feeds ...): "
              << why << "\n";
    throw ExitWith{kExitInternal};
  }
  agents::RequireAgents(s);  // says what to add, before the coverage run
  ProgressBar coverage_bar("coverage");
  const auto run = scenario::RunCoverage(
      std::move(s), [&](std::size_t done, std::size_t total) { coverage_bar.Update(done, total); });
  coverage_bar.Finish();
  CheckScenarioCameras(*run, o);
  o.run.work_dir = out.staging() / "agents";  // SUMO network and trips: part of the set
  ProgressBar bar("feeds");
  o.run.progress = [&](std::size_t done, std::size_t total) { bar.Update(done, total); };
  feeds::FeedsResult result;
  out.Write(
      [&](const std::filesystem::path& folder) { result = feeds::RunFeeds(*run, o.run, folder); });
  bar.Finish();
  out.Commit();
  core::Diagnostics all = run->diagnostics;
  all.Merge(result.diagnostics);
  PrintDiagnostics(all);
  spdlog::info(
      "feeds: {} cameras x {} frames in {:.1f} s: {:.1f} camera-frames/s (render+labels {:.1f} s, "
      "encode {:.1f} s)",
      result.cameras.size(), result.frames, result.total_s, result.CameraFramesPerSecond(),
      result.render_s, result.encode_s);
  if (spdlog::get_level() > spdlog::level::info) return;
  fmt::print("\n{} — {} agents, {} frames at {} fps per camera\n", run->scenario.name,
             result.agents, result.frames, o.run.fps);
  for (const feeds::CameraFeed& f : result.cameras)
    fmt::print("  {:<8} {}x{}  {:>8.1f} kbit/s  {:>6} boxes\n", f.camera.id, f.camera.width_px,
               f.camera.height_px, f.bitrate_kbps, f.boxes);
  fmt::print(
      "outputs in {}: <cam>.mp4, <cam>/gt/gt.txt, <cam>/seqinfo.ini, <cam>/frames.csv, "
      "annotations.json, "
      "calibration.json, feeds.json, contact_sheet.pdf\n",
      o.output);
}

}  // namespace

void SetupFeeds(CLI::App& app) {
  auto opt = std::make_shared<FeedsCliOptions>();
  CLI::App* cmd = app.add_subcommand("feeds",
                                     "Synthetic video of the cameras (H.264 MP4) with exact "
                                     "labels: MOTChallenge, COCO, calibration. Settings come from "
                                     "the scenario's `feeds:` section; a flag overrides its key");
  cmd->add_option("scenario", opt->scenario, "Scenario .yaml with cameras and an `agents:` section")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "Output folder")->capture_default_str()->check(OutputFolderName());
  // Unset flags: the scenario's `feeds:` section, else the defaults named here.
  cmd->add_option("--duration", opt->duration_s, "Seconds of video (default: the scenario's feeds.duration_s, else 30)")->check(Within(0.001, 86400));
  cmd->add_option("--start", opt->start_s, "Simulated seconds before the first frame (default: feeds.start_s, else 0)")->check(Within(0, 86400));
  cmd->add_option("--fps", opt->fps, "Frames per second (default: feeds.fps, else 15)")->check(WholeWithin(1, 120));
  cmd->add_option("--cameras", opt->cameras, "Camera ids, comma separated (default: feeds.cameras, else all)")->check(IdList());
  cmd->add_option("--size", opt->size,
                  "Every camera's image size WIDTHxHEIGHT (default: each camera's own; HFOV kept)")
      ->check(EvenSize(16, 16, 7680, 4320));
  cmd->add_option("--crf", opt->crf, "x264 constant quality 0..51 (lower: better; default: feeds.crf, else 23)")->check(WholeWithin(0, 51));
  cmd->add_option("--kbps", opt->kbps, "Average bitrate in kbit/s instead of CRF")->check(WholeWithin(0, 200000));
  cmd->add_option(
      "--time", opt->time_utc,
      "UTC time YYYY-MM-DDTHH:MM: the sun's place lights the scene and sets the daylight")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return feeds::DaysSinceJ2000(text) ? "" : "'" + text + "' is not a UTC time YYYY-MM-DDTHH:MM";
          },
          "YYYY-MM-DDTHH:MM"));
  cmd->add_option("--daylight", opt->daylight,
                  "1 day ... 0 night (sky, gain, noise); default: from --time, else 1")
      ->check(Within(0, 1));
  cmd->add_option("--noise", opt->noise,
                  "Sensor noise level, a fraction of full scale (by day; default 0.01; "
                  "the noise's sd is half of it)")
      ->check(Within(0, 0.5));
  cmd->add_option(
         "--shutter", opt->shutter,
         "Motion blur: shutter open for this fraction of the frame interval (0..1, default 0)")
      ->check(Within(0, 1));
  cmd->add_option("--shadows", opt->shadows,
                  "Sun shadows with --time: on or off (default: feeds.shadows, else on)")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--seed", opt->seed, "Random seed (overrides agents.seed)")
      ->check(WholeWithin(0, 2147483647));
  cmd->callback([opt] { Run(*opt); });
}

}  // namespace app
