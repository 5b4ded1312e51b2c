#include "core/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/cleanup_on_signal.h"
#include "core/error.h"

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
    : target_(std::move(target)), temp_(TempNameFor(target_)) {
  signal_slot_ = RemoveOnSignal(temp_, TempKind::file);
}

AtomicOutput::~AtomicOutput() {
  Release(signal_slot_);
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

std::ofstream AtomicOutput::OpenStream(std::ios::openmode mode) const {
  std::ofstream out(temp_, mode);
  if (!out)
    throw InputError(target_.string(), "", "cannot write: " + std::string(std::strerror(errno)) +
                                               " (folder missing or read-only?)");
  return out;
}

void AtomicOutput::CloseAndCheck(std::ofstream& stream) const {
  errno = 0;
  stream.close();
  if (!stream) {
    const std::string reason = errno ? std::strerror(errno) : "write failed";
    throw InputError(target_.string(), "", "cannot write: " + reason + " (disk full or file size limit?)");
  }
}

void AtomicOutput::WriteText(std::string_view text) const {
  std::ofstream out = OpenStream(std::ios::out | std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  CloseAndCheck(out);
}

void AtomicOutput::Commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) throw InputError(target_.string(), "", "cannot move the finished file in place: " + ec.message());
  committed_ = true;
}

}  // namespace core
