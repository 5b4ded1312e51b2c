// Temporary outputs removed when the process is interrupted. SIGINT, SIGTERM and SIGHUP end
// the process through a handler that deletes every registered temporary file or (flat)
// staging folder, then re-raises the signal so the exit status still says what happened.
// The handler uses async-signal-safe calls only.
#pragma once

#include <filesystem>

namespace core {

enum class TempKind { file, folder };

// Registers `path` for removal on a fatal signal; returns a slot for Release (-1 when all
// slots are taken: the path is then only removed by its owner's destructor).
int RemoveOnSignal(const std::filesystem::path& path, TempKind kind);
void Release(int slot);

// Holds SIGINT/SIGTERM/SIGHUP off for the lifetime of the object (the commit of an output
// set: a handful of renames that must not be cut in half). A signal that came meanwhile is
// delivered when it ends.
class HoldSignals {
 public:
  HoldSignals();
  ~HoldSignals();
  HoldSignals(const HoldSignals&) = delete;
  HoldSignals& operator=(const HoldSignals&) = delete;
};

}  // namespace core
