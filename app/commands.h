// The CLI verbs: per verb an options struct, a setup_* that declares its flags and a run_*
// that is one pipeline from inputs to outputs.
#pragma once

#include <CLI/CLI.hpp>

namespace app {

// Exit codes (documented in --help).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;   // bad input file, scenario or value
inline constexpr int kExitUsage = 2;        // wrong command line
inline constexpr int kExitInternal = 3;     // a bug: please report

// Thrown by a verb that ends with a specific exit code after reporting its own errors.
struct ExitWith {
  int code;
};

void SetupInfo(CLI::App& app);
void SetupExportMesh(CLI::App& app);
void SetupCoverage(CLI::App& app);
void SetupReport(CLI::App& app);
void SetupCompare(CLI::App& app);
void SetupOptimise(CLI::App& app);
void SetupGui(CLI::App& app);
void SetupAgents(CLI::App& app);
void SetupFeeds(CLI::App& app);
void SetupNetwork(CLI::App& app);
void SetupLens(CLI::App& app);

}  // namespace app
