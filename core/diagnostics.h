// Warnings collected while reading input, counted by kind so a run over 10,000 buildings
// reports "412 buildings without height (default 9 m used)" instead of 412 lines.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace core {

class Diagnostics {
 public:
  struct Kind {
    std::size_t count = 0;
    std::vector<std::string> examples;  // the first few occurrences, "file: feature 12: ..."
    std::vector<std::string> every;     // every occurrence's detail, with KeepEveryDetail only
  };

  // kind: a short stable key ("building without height"); detail: where it happened.
  void Warn(const std::string& kind, const std::string& detail);
  void Merge(const Diagnostics& other);

  // Keeps every detail, not only the first few. Processes that each read a window of one city
  // (MPI ranks) warn alike of the features their windows share; MergeDistinct then counts
  // such a warning once.
  void KeepEveryDetail() { keep_every_ = true; }
  // Adds what `other` (kept with KeepEveryDetail, as this) warned beyond this: a kind's detail
  // warned n times here and m times there counts max(n, m) times.
  void MergeDistinct(const Diagnostics& other);

  std::size_t Count(const std::string& kind) const;
  std::size_t Total() const;
  const std::map<std::string, Kind>& kinds() const { return kinds_; }

  static constexpr std::size_t kMaxExamples = 3;

 private:
  std::map<std::string, Kind> kinds_;
  bool keep_every_ = false;
};

}  // namespace core
