// Load: N cameras (default 100,000) on the Delft sample city. Writes the scenario (about 10 MB
// of YAML for 100 k cameras), then measures each step in a fresh child process so its peak
// memory is its own: parsing the YAML, and the whole coverage run (parse, city, scene, grid,
// every camera's layer, aggregate, statistics). Prints wall time and peak RSS per step.
//   build/release/bench/sightline_load_bench [cameras] [steps: parse,coverage]
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "scenario/pipeline.h"
#include "scenario/scenario.h"

namespace {

namespace fs = std::filesystem;

// scenarios/delft.yaml with its camera list replaced by `count` generated cameras: random
// positions in the area, 3-10 m up, any yaw, the catalogue's three models in turn.
fs::path WriteScenario(int count, const fs::path& dir) {
  std::ifstream in(fs::path(SIGHTLINE_SCENARIO_DIR) / "delft.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::size_t cams = yaml.find("cameras:\n"), after = yaml.find("optimise:", cams);
  std::string list = "cameras:\n";
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> x(84800, 85090), y(447430, 447640), h(3, 10), yaw(0, 360), pitch(-40, -5);
  const char* models[] = {"bullet-4mp", "bullet-8mp-tele", "dome-5mp-fisheye"};
  for (int i = 0; i < count; ++i)
    list += fmt::format("  - {{id: L{:06d}, model: {}, position: [{:.1f}, {:.1f}], height_m: {:.1f}, yaw: {:.0f}, pitch: {:.0f}}}\n",
                        i, models[i % 3], x(rng), y(rng), h(rng), yaw(rng), pitch(rng));
  yaml = yaml.substr(0, cams) + list + yaml.substr(after);
  const std::string data = "../data/";
  yaml.replace(yaml.find(data), data.size(), (fs::path(SIGHTLINE_DATA_DIR) / "").string());
  const fs::path file = dir / "load.yaml";
  std::ofstream(file) << yaml;
  return file;
}

// Runs `step` in a child; returns {seconds, peak RSS in MB} of that child alone.
template <typename Step>
std::pair<double, double> Measure(Step step) {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    step();
    ::_exit(0);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {s, -1};
  return {s, usage.ru_maxrss / 1024.0};
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 100000;
  const std::string steps = argc > 2 ? argv[2] : "parse,coverage";
  const fs::path dir = fs::temp_directory_path() / fmt::format("sightline-load-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = WriteScenario(count, dir);
  fmt::print("{} cameras on Delft, scenario {:.1f} MB\n", count, fs::file_size(file) / 1e6);
  fmt::print("{:<10} {:>10} {:>14}\n", "step", "time", "peak RSS");
  const auto [idle_s, idle_mb] = Measure([] {});
  fmt::print("{:<10} {:>9.2f}s {:>11.0f} MB\n", "(nothing)", idle_s, idle_mb);
  if (steps.find("parse") != std::string::npos) {
    const auto [s, mb] = Measure([&] { scenario::LoadScenario(file); });
    fmt::print("{:<10} {:>9.2f}s {:>11.0f} MB\n", "parse", s, mb);
  }
  if (steps.find("coverage") != std::string::npos) {
    const auto [s, mb] = Measure([&] {
      const auto run = scenario::RunCoverage(scenario::LoadScenario(file));
      fmt::print("  (covered {:.0f} m2 by {} cameras)\n", run->summary.covered_m2, run->coverage->cameras().size());
    });
    fmt::print("{:<10} {:>9.2f}s {:>11.0f} MB\n", "coverage", s, mb);
  }
  fs::remove_all(dir);
}
