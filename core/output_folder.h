// A run's outputs as one set. Everything is written into a staging folder beside the target
// and swapped in when the run is complete, so a failed or interrupted run leaves the previous
// outputs exactly as they were, and a folder never holds files of two runs. The target is
// locked for the whole run: a second writer is refused with a clear message instead of mixing
// its files in. Every verb that writes a folder (coverage, report, compare, optimise, and the
// feeds and network outputs to come) goes through this.
#pragma once

#include <filesystem>
#include <functional>

namespace core {

class OutputFolder {
 public:
  // Locks `target` (a lock file `.<name>.lock` beside it) and creates the staging folder
  // `.<name>.tmp-<pid>` beside it. Throws InputError when the target exists but is not a
  // folder, when it cannot be created, or when another run holds the lock.
  explicit OutputFolder(std::filesystem::path target);
  ~OutputFolder();  // removes the staging folder unless committed, then releases the lock
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Runs `write` with the staging folder to write into; an InputError about a staged file is
  // rethrown naming the file under its final name (what the user asked for with -o).
  void Write(const std::function<void(const std::filesystem::path& folder)>& write) const;

  // Where the run writes its files.
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }

  // Puts the staged files in place of the previous set. When the target holds nothing but
  // the previous set (as listed in its manifest, `.sightline-outputs`), the two folders are
  // exchanged in one atomic rename; otherwise (the user keeps other files there) each staged
  // file replaces its namesake, files of the previous set that this run did not write are
  // removed and everything else is left alone, with SIGINT/SIGTERM held off meanwhile.
  void Commit();

  static constexpr const char* kManifestName = ".sightline-outputs";

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
  int signal_slot_ = -1;  // the staging folder
  int lock_slot_ = -1;    // the lock file
  bool committed_ = false;
};

}  // namespace core
