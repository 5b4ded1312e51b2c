// sightline: city video-surveillance planning. A thin shell over the library: each verb parses
// its options, runs one pipeline and maps errors to exit codes.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <string>
#include <iostream>

#include "app/commands.h"
#include "core/error.h"
#include "dist/launch.h"

int main(int argc, char** argv) {
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
  app::SetupInfo(app);
  app::SetupExportMesh(app);
  app::SetupCoverage(app);
  app::SetupReport(app);
  app::SetupCompare(app);
  app::SetupOptimise(app);
  app::SetupAgents(app);
  app::SetupFeeds(app);
  app::SetupNetwork(app);
  app::SetupLens(app);
  app::SetupGui(app);
  // A file size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process:
  // the writer then reports which file could not be written and the outputs stay consistent.
  std::signal(SIGXFSZ, SIG_IGN);
  // Logs and diagnostics on stderr, data on stdout (so `--json` output parses as is).
  spdlog::set_default_logger(spdlog::stderr_color_mt("sightline"));
  spdlog::set_pattern("%^%l%$: %v");
  // Under mpirun only `coverage` and `optimise` are split over the ranks; N copies of another
  // verb would all write the same folder. Said once, by rank 0.
  // The verb is the first word that is not an option: the global options (-q, --version,
  // --help) take no value, so `sightline -q report ...` names `report` too.
  const char* verb = nullptr;
  for (int i = 1; i < argc && !verb; ++i)
    if (argv[i][0] != '-') verb = argv[i];
  const auto split = [](const std::string& v) { return v == "coverage" || v == "optimise" || v == "optimize"; };
  if (dist::LaunchedByMpi() && verb && !split(verb)) {
    // The other ranks exit 0: mpirun would end the job at their non-zero exit, maybe before
    // rank 0 has said why (see dist::QuietExit).
    if (dist::LaunchRank() != 0) return app::kExitOk;
    std::cerr << "error: `" << verb
              << "` runs in one process; under mpirun only `coverage` and `optimise` are split over the ranks\n";
    return app::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 answers a mistyped verb with "A subcommand is required": name the word instead.
    if (verb && app.get_subcommands().empty()) {
      std::string verbs;
      for (const CLI::App* known : app.get_subcommands([](CLI::App*) { return true; }))
        verbs += (verbs.empty() ? "" : ", ") + known->get_name();
      std::cerr << "error: unknown verb '" << verb << "'; the verbs are: " << verbs
                << "\nRun with --help for more information.\n";
      return app::kExitUsage;
    }
    const int code = app.exit(e);
    return code == 0 ? app::kExitOk : app::kExitUsage;
  } catch (const app::ExitWith& e) {
    return e.code;
  } catch (const core::InputError& e) {
    spdlog::error("{}", e.what());
    return app::kExitInputError;
  } catch (const std::exception& e) {
    spdlog::critical("internal error: {}", e.what());
    return app::kExitInternal;
  }
  return app::kExitOk;
}
