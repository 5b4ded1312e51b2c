// Runs every corpus case against the `sightline` executable (see corpus.h for what is checked).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "app/corpus/corpus.h"
#include "core/output_folder.h"
#include "test_util.h"

namespace corpus {
namespace {

namespace fs = std::filesystem;

// What a failed run must leave untouched: a previous good output of every verb.
const std::vector<std::string> kPreviousOutputs = {"summary.json", "coverage.tif", "coverage.gpkg",
                                                   "report.pdf",   "optimised.yaml", "compare.json",
                                                   "city.ply",     "city.obj"};
constexpr const char* kPreviousText = "previous good output\n";

// The manifest a run writes beside its files: their names, sorted, one a line.
std::string PreviousManifest() {
  std::set<std::string> names(kPreviousOutputs.begin(), kPreviousOutputs.end());
  std::string text;
  for (const std::string& name : names) text += name + "\n";
  return text;
}

struct RunResult {
  int exit_code = -1;
  int signal = 0;  // non-zero: killed by this signal (a crash)
  bool timed_out = false;
  std::string output;  // stdout then stderr
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs sightline in `dir` without a display (no GL: quick and the same on every machine).
RunResult RunSightline(const std::vector<std::string>& args, const fs::path& dir, int memory_limit_mb = 0) {
  const fs::path out_file = dir / ".stdout", err_file = dir / ".stderr";
  std::vector<std::string> argv_text = {SIGHTLINE_CLI};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(120);
    if (memory_limit_mb > 0) {
      const rlimit limit{static_cast<rlim_t>(memory_limit_mb) << 20, static_cast<rlim_t>(memory_limit_mb) << 20};
      if (::setrlimit(RLIMIT_DATA, &limit) != 0) ::_exit(122);
    }
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execv(argv[0], argv.data());
    ::_exit(121);
  }
  RunResult r;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.output = ReadFile(out_file) + ReadFile(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return r;
}

std::string Expand(std::string arg, const fs::path& dir, const fs::path& out) {
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{dir}", dir.string()},
                                   {"{out}", out.string()}})
    for (std::size_t at; (at = arg.find(key)) != std::string::npos;) arg.replace(at, key.size(), value);
  return arg;
}

// Every file under `dir` (relative path -> contents).
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = ReadFile(e.path());
  return files;
}

std::vector<CorpusCase> AllCases() {
  std::vector<CorpusCase> all;
  for (auto* cases : {&ScenarioCases, &ImportCases, &VerbCases}) {
    auto more = (*cases)();
    all.insert(all.end(), more.begin(), more.end());
  }
  return all;
}

class Corpus : public testing::TestWithParam<CorpusCase> {};

}  // namespace

// gtest prints the case by its name (not its bytes) in failures.
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.name; }

namespace {

TEST_P(Corpus, NoCrashClearMessageNoPartialOutput) {
  const CorpusCase& c = GetParam();
  // CORPUS_RUN_PENDING=1 runs the known bugs too: to see which a fix has closed.
  if (!c.pending.empty() && !std::getenv("CORPUS_RUN_PENDING")) GTEST_SKIP() << "known bug, not fixed yet: " << c.pending;
  testing_util::TempDir dir;
  const fs::path out = dir / "out";
  fs::create_directories(out);
  for (const auto& name : kPreviousOutputs) testing_util::WriteText(out / name, kPreviousText);
  // ... as a run leaves it, with its manifest (a run never replaces files no run wrote).
  testing_util::WriteText(out / core::OutputFolder::kManifestName, PreviousManifest());
  std::map<std::string, std::string> files = {{"scenario.yaml", BaseScenario()}, {"city.geojson", BaseCity()}};
  for (const auto& [name, bytes] : c.files) files[name] = bytes;
  for (const auto& [name, bytes] : files) {
    fs::create_directories((dir / name).parent_path());
    testing_util::WriteText(dir / name, bytes);
  }
  if (c.generate) c.generate(dir.path());
  const auto inputs_before = Snapshot(dir.path());

  std::vector<std::string> args;
  for (const auto& a : c.args) args.push_back(Expand(a, dir.path(), out));
  const RunResult r = RunSightline(args, dir.path(), c.memory_limit_mb);
  std::string command = "sightline";
  for (const auto& a : args) command += " " + a;
  SCOPED_TRACE(command + "\n" + r.output);

  ASSERT_FALSE(r.timed_out) << "no answer within 300 s";
  ASSERT_EQ(r.signal, 0) << "crashed with signal " << r.signal;
  EXPECT_NE(r.exit_code, 3) << "internal error for a user mistake";
  EXPECT_EQ(r.exit_code, c.exit_code);
  EXPECT_TRUE(std::regex_search(r.output, std::regex(c.message))) << "message does not match: " << c.message;
  EXPECT_EQ(r.output.find("internal error"), std::string::npos);

  // Inputs are never modified; no temporary file is left anywhere.
  auto after = Snapshot(dir.path());
  for (const auto& [name, bytes] : inputs_before) {
    if (name.starts_with("out/")) continue;
    EXPECT_TRUE(after.count(name) && after[name] == bytes) << "input " << name << " was changed";
  }
  for (const auto& [name, bytes] : after) EXPECT_EQ(name.find(".tmp"), std::string::npos) << "left behind: " << name;
  if (r.exit_code != 0) {
    // A failed run leaves the previous output exactly as it was: nothing new, nothing changed.
    std::map<std::string, std::string> expected;
    for (const auto& name : kPreviousOutputs) expected[name] = kPreviousText;
    expected[core::OutputFolder::kManifestName] = PreviousManifest();
    EXPECT_EQ(Snapshot(out), expected) << "a failed run changed the previous output";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Corpus, testing::ValuesIn(AllCases()),
                         [](const testing::TestParamInfo<CorpusCase>& info) { return info.param.name; });

}  // namespace
}  // namespace corpus
