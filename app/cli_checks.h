// Checks for numeric command-line options, shared by the verbs. CLI11's own Range() lets NaN
// through (every comparison with NaN is false) and accepts infinities where a range is open;
// these refuse both and give each flag the range of the YAML key it overrides, so a value the
// scenario would refuse is refused on the command line too, with exit 2 (wrong command line).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace app {

// A finite number within [lo, hi].
CLI::Validator Within(double lo, double hi);
// A whole number within [lo, hi] ("1e3" and "2.5" are refused).
CLI::Validator WholeWithin(long long lo, long long hi);
// An image size WIDTHxHEIGHT, each side within [lo, hi] and even (H.264 4:2:0).
CLI::Validator EvenSize(int lo_w, int lo_h, int hi_w, int hi_h);
// An output folder name: not empty ("" would write into the current folder).
CLI::Validator OutputFolderName();
// A comma-separated list of ids with no empty item (",", "C01,,C06").
CLI::Validator IdList();
// A memory size as --max-memory takes it (8G, 512M).
CLI::Validator MemorySize();

}  // namespace app
