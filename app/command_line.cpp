#include "app/command_line.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "app/commands.h"
#include "core/error.h"
#include "dist/launch.h"

namespace app {
namespace {

// The verb: the first word that is not an option. The global options (-q, --version, --help)
// take no value, so `sightline -q report ...` names `report` too.
int VerbIndex(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-') return i;
  return argc;
}

// Whether `verb` names one of the verbs set up in `app`.
bool Knows(CLI::App& app, const char* verb) {
  if (!verb) return false;
  for (const CLI::App* known : app.get_subcommands([](CLI::App*) { return true; }))
    if (known->check_name(verb)) return true;
  return false;
}

bool IsQuiet(const std::string& option) { return option == "-q" || option == "--quiet"; }
bool IsHelp(const std::string& option) { return option == "-h" || option == "--help"; }

// Becomes the program `name` beside this one; returns only when it cannot: why.
std::string Become(const char* name, char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path program = (error ? std::filesystem::path(argv[0]).parent_path() : self.parent_path()) / name;
  ::execv(program.c_str(), argv);
  return "cannot run " + program.string() + ": " + std::strerror(errno) +
         " (sightline's other verbs live there; is the installation complete?)";
}

// Under mpirun only `coverage` and `optimise` are split over the ranks; N copies of another
// verb would all write the same folder: refused, said once by rank 0. The other ranks exit 0:
// mpirun would end the job at their non-zero exit, maybe before rank 0 has said why (see
// dist::QuietExit). An unknown verb is said as such, by rank 0 alone; a verb's help writes
// nothing and is answered as without mpirun. The exit code when this process stops here.
std::optional<int> StopUnderMpi(CLI::App& app, int argc, char** argv, const char* verb) {
  if (verb && !Knows(app, verb)) return dist::LaunchRank() != 0 ? std::optional<int>(kExitOk) : std::nullopt;
  bool help = false;
  for (int i = 1; i < argc; ++i) help = help || IsHelp(argv[i]);
  const std::string name = verb ? verb : "";
  if (!verb || help || name == "coverage" || name == "optimise" || name == "optimize") return std::nullopt;
  if (dist::LaunchRank() != 0) return kExitOk;
  std::cerr << "error: `" << name
            << "` runs in one process; under mpirun only `coverage` and `optimise` are split over the ranks\n";
  return kExitUsage;
}

}  // namespace

int RunCommandLine(int argc, char** argv, std::span<const VerbSetup> verbs, const char* others) {
  CLI::App app{"sightline " SIGHTLINE_VERSION
               " - plan city CCTV on the real 3D city: import, coverage, reports"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags (-q) also after the verb
  app.set_version_flag("--version", "sightline " SIGHTLINE_VERSION);
  app.footer(
      "Exit codes: 0 success, 1 bad input (file, scenario or value; the message names it),\n"
      "            2 wrong command line, 3 internal error.\n"
      "Run `sightline <verb> --help` for a verb's options.");
  app.add_flag_callback("-q,--quiet", [] { spdlog::set_level(spdlog::level::err); },
                        "Only print errors");
  for (VerbSetup setup : verbs) setup(app);
  const int verb_at = VerbIndex(argc, argv);
  const char* verb = verb_at < argc ? argv[verb_at] : nullptr;
  if (others) {
    bool answered = Knows(app, verb);
    for (int i = 1; i < verb_at && answered; ++i) answered = IsQuiet(argv[i]);
    if (!answered) {
      const std::string missing = Become(others, argv);
      if (verb) {
        std::cerr << "error: " << missing << "\n";
        return kExitInternal;
      }
      // The top-level help (or a bare command line) is answered here, with this program's verbs.
      std::cerr << "warning: " << missing << "; the verbs below are those this program runs\n";
    }
  }
  // CLI11 answers an unknown option before the verb with "A subcommand is required" (or the
  // verb's own complaint): name the option.
  for (int i = 1; i < verb_at; ++i) {
    const std::string option = argv[i];
    if (IsQuiet(option) || IsHelp(option) || option == "--version") continue;
    std::cerr << "error: unknown option '" << option << "' before the verb; the options there are -q (--quiet), "
              << "--help and --version\nRun with --help for more information.\n";
    return kExitUsage;
  }
  // A file size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process:
  // the writer then reports which file could not be written and the outputs stay consistent.
  std::signal(SIGXFSZ, SIG_IGN);
  // Logs and diagnostics on stderr, data on stdout (so `--json` output parses as is).
  spdlog::set_default_logger(spdlog::stderr_color_mt("sightline"));
  spdlog::set_pattern("%^%l%$: %v");
  if (dist::LaunchedByMpi())
    if (const std::optional<int> stop = StopUnderMpi(app, argc, argv, verb)) return *stop;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 answers a mistyped verb with "A subcommand is required": name the word instead.
    if (verb && app.get_subcommands().empty()) {
      std::string names;
      for (const CLI::App* known : app.get_subcommands([](CLI::App*) { return true; }))
        names += (names.empty() ? "" : ", ") + known->get_name();
      std::cerr << "error: unknown verb '" << verb << "'; the verbs are: " << names
                << "\nRun with --help for more information.\n";
      return kExitUsage;
    }
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const ExitWith& e) {
    return e.code;
  } catch (const core::InputError& e) {
    spdlog::error("{}", e.what());
    return kExitInputError;
  } catch (const std::exception& e) {
    spdlog::critical("internal error: {}", e.what());
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace app
