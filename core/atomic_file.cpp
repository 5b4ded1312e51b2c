#include "core/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <string>

namespace core {
namespace {

std::filesystem::path TempNameFor(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  const std::string tag = ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  // "city.obj" -> "city.tmp-123-0.obj": keeps the extension for format detection.
  return target.parent_path() / (target.stem().string() + tag + target.extension().string());
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path target)
    : target_(std::move(target)), temp_(TempNameFor(target_)) {}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void AtomicOutput::Commit() {
  std::filesystem::rename(temp_, target_);
  committed_ = true;
}

}  // namespace core
