// Load: N cameras (default 100,000) on the Delft sample city. Writes the scenario (about 10 MB
// of YAML for 100 k cameras), then measures each step in a fresh child process so its peak
// memory is its own: parsing the YAML, and the whole coverage run (parse, city, scene, grid,
// every camera's layer, aggregate, statistics), and that run with the cameras in a CSV file
// instead of the YAML. Prints wall time and peak RSS per step.
//   build/release/bench/sightline_load_bench [cameras] [steps: parse,coverage,csv]
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "scenario/pipeline.h"
#include "scenario/scenario.h"

namespace {

namespace fs = std::filesystem;

// scenarios/delft.yaml with its camera list replaced by `count` generated cameras: random
// positions in the area, 3-10 m up, any yaw, the catalogue's three models in turn.
// With `csv`, the same cameras go to load.csv and the scenario reads them from there.
fs::path WriteScenario(int count, const fs::path& dir, bool csv) {
  std::ifstream in(fs::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::size_t cams = yaml.find("cameras:\n"), after = yaml.find("optimise:", cams);
  std::string list = "cameras:\n", rows = "id,model,x,y,height_m,yaw_deg,pitch_deg\n";
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> x(84800, 85090), y(447430, 447640), h(3, 10), yaw(0, 360), pitch(-40, -5);
  const char* models[] = {"bullet-4mp", "bullet-8mp-tele", "dome-5mp-fisheye"};
  for (int i = 0; i < count; ++i) {
    const double cx = x(rng), cy = y(rng), ch = h(rng), cyaw = yaw(rng), cpitch = pitch(rng);
    list += fmt::format("  - {{id: L{:06d}, model: {}, position: [{:.1f}, {:.1f}], height_m: {:.1f}, yaw: {:.0f}, pitch: {:.0f}}}\n",
                        i, models[i % 3], cx, cy, ch, cyaw, cpitch);
    rows += fmt::format("L{:06d},{},{:.1f},{:.1f},{:.1f},{:.0f},{:.0f}\n", i, models[i % 3], cx, cy, ch, cyaw, cpitch);
  }
  if (csv) {
    std::ofstream(dir / "load.csv") << rows;
    list = "cameras: {source: " + (dir / "load.csv").string() + "}\n";
  }
  yaml = yaml.substr(0, cams) + list + yaml.substr(after);
  // The scenario's relative paths, made absolute: the copy lives in a temporary folder.
  const auto absolute = [&](const std::string& from, const fs::path& to) {
    const std::size_t at = yaml.find(from);
    if (at == std::string::npos) throw std::runtime_error("delft.yaml no longer has '" + from + "'");
    yaml.replace(at, from.size(), to.string());
  };
  absolute("../data/", fs::path(SIGHTLINE_DATA_DIR) / "");
  absolute("catalogue: catalogue.yaml", "catalogue: " + (fs::path(SIGHTLINE_SCENARIO_DIR) / "catalogue.yaml").string());
  const fs::path file = dir / (csv ? "load_csv.yaml" : "load.yaml");
  std::ofstream(file) << yaml;
  return file;
}

// Runs `step` in a child; returns {seconds, peak RSS in MB} of that child alone.
template <typename Step>
std::pair<double, double> Measure(Step step) {
  const auto t0 = std::chrono::steady_clock::now();
  std::fflush(stdout);  // or the child prints the parent's buffered lines again
  const pid_t pid = ::fork();
  if (pid == 0) {
    try {
      step();
    } catch (const std::exception& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      ::_exit(1);
    }
    std::fflush(stdout);  // _exit does not flush the child's buffered lines
    ::_exit(0);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {s, -1};
  return {s, usage.ru_maxrss / 1024.0};
}

bool failed = false;

// One step's line; a step that failed in its child (its error above) has no figures.
void Report(const char* step, double s, double mb) {
  if (mb < 0) {
    fmt::print("{:<10} FAILED (see its error above)\n", step);
    failed = true;
    return;
  }
  fmt::print("{:<10} {:>9.2f}s {:>11.0f} MB\n", step, s, mb);
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 100000;
  const std::string steps = argc > 2 ? argv[2] : "parse,coverage,csv";
  const fs::path dir = fs::temp_directory_path() / fmt::format("sightline-load-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = WriteScenario(count, dir, false), csv_file = WriteScenario(count, dir, true);
  fmt::print("{} cameras on Delft, scenario {:.1f} MB\n", count, fs::file_size(file) / 1e6);
  fmt::print("{:<10} {:>10} {:>14}\n", "step", "time", "peak RSS");
  const auto [idle_s, idle_mb] = Measure([] {});
  fmt::print("{:<10} {:>9.2f}s {:>11.0f} MB\n", "(nothing)", idle_s, idle_mb);
  if (steps.find("parse") != std::string::npos) {
    const auto [s, mb] = Measure([&] { scenario::LoadScenario(file); });
    Report("parse", s, mb);
  }
  if (steps.find("coverage") != std::string::npos) {
    const auto [s, mb] = Measure([&] {
      const auto run = scenario::RunCoverage(scenario::LoadScenario(file));
      fmt::print("  (covered {:.0f} m2 by {} cameras)\n", run->summary.covered_m2, run->coverage->cameras().size());
    });
    Report("coverage", s, mb);
  }
  if (steps.find("csv") != std::string::npos) {  // the same cameras from a CSV camera list
    const auto [s, mb] = Measure([&] {
      const auto run = scenario::RunCoverage(scenario::LoadScenario(csv_file));
      fmt::print("  (covered {:.0f} m2 by {} cameras)\n", run->summary.covered_m2, run->coverage->cameras().size());
    });
    Report("csv", s, mb);
  }
  fs::remove_all(dir);
  return failed ? 1 : 0;
}
