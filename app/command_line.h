// One command line of sightline: the global options, the verbs a program sets up, the exit
// codes, and where a command line runs that none of them answers.
#pragma once

#include <CLI/CLI.hpp>

#include <span>

namespace app {

using VerbSetup = void (*)(CLI::App&);

// Parses argv against `verbs`, runs the verb named and maps its errors to exit codes. With
// `others`, a command line that none of `verbs` answers (another verb, none, or the top-level
// --help or --version, which list every verb) runs in the program of that name beside this
// executable: this process becomes it (same pid, streams and exit code).
int RunCommandLine(int argc, char** argv, std::span<const VerbSetup> verbs, const char* others = nullptr);

}  // namespace app
