#include "core/diagnostics.h"

#include <unordered_map>

namespace core {

void Diagnostics::Warn(const std::string& kind, const std::string& detail) {
  Kind& k = kinds_[kind];
  ++k.count;
  if (k.examples.size() < kMaxExamples && !detail.empty()) k.examples.push_back(detail);
  if (keep_every_) k.every.push_back(detail);
}

void Diagnostics::MergeDistinct(const Diagnostics& other) {
  for (const auto& [name, theirs] : other.kinds_) {
    std::unordered_map<std::string, std::size_t> here;
    if (auto it = kinds_.find(name); it != kinds_.end())
      for (const std::string& d : it->second.every) ++here[d];
    std::unordered_map<std::string, std::size_t> there;
    for (const std::string& d : theirs.every)
      if (++there[d] > here[d]) Warn(name, d);
  }
}

void Diagnostics::Merge(const Diagnostics& other) {
  for (const auto& [name, kind] : other.kinds_) {
    Kind& k = kinds_[name];
    k.count += kind.count;
    for (const auto& e : kind.examples)
      if (k.examples.size() < kMaxExamples) k.examples.push_back(e);
    // Kept with every detail, this keeps other's too: all of them when it kept them, else its
    // examples and, past them, empty details (a reader's scratch warnings: a feature's one or two).
    if (keep_every_)
      for (std::size_t i = 0; i < kind.count; ++i)
        k.every.push_back(i < kind.every.size() ? kind.every[i] : i < kind.examples.size() ? kind.examples[i] : "");
  }
}

std::size_t Diagnostics::Count(const std::string& kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? 0 : it->second.count;
}

std::size_t Diagnostics::Total() const {
  std::size_t total = 0;
  for (const auto& [name, kind] : kinds_) total += kind.count;
  return total;
}

}  // namespace core
