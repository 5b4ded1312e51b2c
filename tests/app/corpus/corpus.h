// The bad-input corpus: a table of cases run against the real `sightline` executable. Each case
// writes a few small files into a fresh folder, runs one verb on them and states what a user
// must see: the exit code, a message naming the file and the place, no crash, no partial or
// mixed output, and a previous good output that survives a failed run.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace corpus {

struct CorpusCase {
  std::string name{};  // test name: letters, digits and underscores
  // Files written into the case folder (name -> bytes). They replace the base town
  // (`scenario.yaml`, `city.geojson`) when they share its name.
  std::map<std::string, std::string> files{};
  // Files that need a library to write (GeoTIFFs, GeoPackages): called with the case folder.
  std::function<void(const std::filesystem::path&)> generate{};
  // The command line after `sightline`; "{dir}" is the case folder and "{out}" an output
  // folder holding a previous good output.
  std::vector<std::string> args{};
  int exit_code = 1;
  std::string message{};  // ECMAScript regex the combined stdout + stderr must contain
  // When set, the run may allocate at most this much (RLIMIT_DATA): a small file must not make
  // sightline take gigabytes (it would fail with exit 3 past the limit).
  int memory_limit_mb = 0;
  // When set, the case describes a known bug that is not fixed yet (issue #13 point): it is
  // skipped with this reason instead of failing, until the fix lands and the mark goes.
  std::string pending{};
};

// `c` marked as a known bug that is not fixed yet: skipped with `why` until the fix lands.
inline CorpusCase Pending(CorpusCase c, std::string why) {
  c.pending = std::move(why);
  return c;
}

// The base town every case starts from: two footprint blocks in EPSG:28992 (city.geojson) and
// a scenario with one camera, a zone and an optimise section that every verb runs on in a second.
const std::string& BaseScenario();
const std::string& BaseCity();

// `text` with the first occurrence of `from` replaced by `to`; a case whose `from` is not there
// gets a scenario that fails loudly ("<corpus: ... not found>"), so a stale case cannot pass.
std::string Replace(const std::string& text, const std::string& from, const std::string& to);
// The base scenario / city with one replacement.
std::string Scenario(const std::string& from, const std::string& to);
std::string City(const std::string& from, const std::string& to);

// A string literal's bytes, NULs included (without its terminator).
template <std::size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

std::vector<CorpusCase> ScenarioCases();
std::vector<CorpusCase> ImportCases();
std::vector<CorpusCase> VerbCases();

}  // namespace corpus
