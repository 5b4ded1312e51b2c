#include "core/output_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <string>

#include "core/cleanup_on_signal.h"
#include "core/error.h"

namespace core {
namespace {

namespace fs = std::filesystem;

std::set<std::string> ReadManifest(const fs::path& folder) {
  std::set<std::string> names;
  std::ifstream in(folder / OutputFolder::kManifestName);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line.find('/') == std::string::npos && line != "." && line != "..") names.insert(line);
  return names;
}

std::set<std::string> Entries(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

void WriteManifest(const fs::path& folder, const std::set<std::string>& names) {
  const fs::path path = folder / OutputFolder::kManifestName;
  std::ofstream out(path);
  for (const std::string& name : names) out << name << "\n";
  out.close();
  if (!out) throw InputError(path.string(), "", "cannot write: " + std::string(std::strerror(errno)));
}

// Takes the lock file beside the target. flock() locks are released by the kernel when the
// process dies, so a crashed run never leaves the folder locked.
int Lock(const fs::path& lock_path, const fs::path& target) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
      throw InputError(target.string(), "",
                       "its parent folder " + target.parent_path().string() + " is not writable (" + std::strerror(errno) +
                           "): the outputs are written beside the folder and swapped in as a set, so the parent "
                           "must be writable; choose another -o");
    if (fd < 0)
      throw InputError(target.string(), "", "cannot create the lock file " + lock_path.string() + ": " +
                                                std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      char pid[32] = {};
      const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
      ::close(fd);
      const std::string holder = n > 0 ? " (pid " + std::string(pid, static_cast<std::size_t>(n)) + ")" : "";
      throw InputError(target.string(), "",
                       "another sightline run" + holder +
                           " is writing this output folder; wait for it to finish or choose another -o");
    }
    // The previous holder removes the file when it is done: make sure ours is still the one
    // on disk, else two runs could each hold a lock on a different file.
    struct stat held {}, on_disk {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path.c_str(), &on_disk) == 0 && held.st_ino == on_disk.st_ino &&
        held.st_dev == on_disk.st_dev) {
      const std::string pid = std::to_string(::getpid());
      if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // the pid is only for the message of a second run
      }
      return fd;
    }
    ::close(fd);
  }
  throw InputError(target.string(), "", "cannot lock the output folder (lock file keeps changing)");
}

// The swapped-in folder takes the place of the user's: give it that folder's permissions,
// setgid bit and owner (as far as we may), so a 700 or group-shared folder stays one.
void TakeModeAndOwner(const fs::path& from, const fs::path& to) {
  struct stat st {};
  if (::stat(from.c_str(), &st) != 0) return;
  if (::chown(to.c_str(), st.st_uid, st.st_gid) != 0) {
    // not ours to give away (another user's folder): the mode is still kept
  }
  ::chmod(to.c_str(), st.st_mode & 07777);
}

}  // namespace

OutputFolder::OutputFolder(fs::path target) : target_(std::move(target)) {
  // "" would mean the current folder, whose files are not a sightline output set.
  if (target_.empty()) throw InputError("-o", "", "an empty output folder name; give a folder, e.g. -o out/run");
  if (!target_.has_filename()) target_ = target_.parent_path();  // "out/" -> "out"
  target_ = fs::absolute(target_).lexically_normal();
  if (!target_.has_filename()) target_ = target_.parent_path();
  std::error_code ec;
  // A link to a folder (out -> /data/runs/today): the run replaces what it points to, and the
  // link stays; swapping the staging folder in would replace the link itself.
  if (fs::is_symlink(target_, ec)) {
    const fs::path real = fs::canonical(target_, ec);
    if (ec) throw InputError(target_.string(), "", "is a symbolic link to nothing (" + ec.message() + "): choose an output folder with -o");
    target_ = real;
  }
  if (fs::exists(target_, ec) && !fs::is_directory(target_, ec))
    throw InputError(target_.string(), "", "exists and is not a folder: choose an output folder with -o");
  const fs::path parent = target_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw InputError(parent.string(), "", "cannot create the output folder: " + ec.message());
  const std::string name = target_.filename().string();
  lock_path_ = parent / ("." + name + ".lock");
  lock_fd_ = Lock(lock_path_, target_);
  lock_slot_ = RemoveOnSignal(lock_path_, TempKind::file);
  // Staging folders of earlier runs into this folder that were killed (SIGKILL, the OOM
  // killer: no handler runs). Every run writes one only while it holds the lock, which is ours
  // now, so whatever is left is stale.
  const std::string staging_prefix = "." + name + ".tmp-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string entry_name = entry.path().filename().string();
    if (entry_name.size() > staging_prefix.size() && entry_name.starts_with(staging_prefix) &&
        entry_name.find_first_not_of("0123456789", staging_prefix.size()) == std::string::npos)
      fs::remove_all(entry.path(), ec);
  }
  ec.clear();
  staging_ = parent / (staging_prefix + std::to_string(::getpid()));
  if (!fs::create_directory(staging_, ec) || ec) {
    Release(lock_slot_);
    ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
    throw InputError(target_.string(), "", "cannot create a folder beside it: " + ec.message());
  }
  signal_slot_ = RemoveOnSignal(staging_, TempKind::folder);
}

OutputFolder::~OutputFolder() {
  Release(signal_slot_);
  Release(lock_slot_);
  std::error_code ignored;
  if (!committed_) fs::remove_all(staging_, ignored);
  ::unlink(lock_path_.c_str());  // while still held: see Lock() for why that is safe
  ::close(lock_fd_);
}

void OutputFolder::Write(const std::function<void(const fs::path& folder)>& write) const {
  try {
    write(staging_);
  } catch (const InputError& e) {
    const std::string staged = staging_.string();
    if (e.file().rfind(staged, 0) != 0) throw;
    throw InputError(target_.string() + e.file().substr(staged.size()), e.where(), e.problem());
  }
}

namespace {

// A file of the run's name that no earlier run wrote (not in the manifest), or that was edited
// after the run that wrote it, is the user's: often an input of this very run (its camera list,
// the scenario re-optimised in place). It is never replaced; the run stops before moving
// anything, so the folder stays as it was.
void RefuseToOverwriteUserFiles(const fs::path& target, const std::set<std::string>& written,
                                const std::set<std::string>& previous) {
  std::error_code ec;
  const fs::path manifest = target / OutputFolder::kManifestName;
  const auto manifest_time = fs::last_write_time(manifest, ec);
  const bool has_manifest = !ec;
  for (const std::string& name : written) {
    if (name == OutputFolder::kManifestName) continue;
    const fs::path there = target / name;
    if (!fs::is_regular_file(fs::symlink_status(there, ec))) continue;
    std::string why;
    if (!previous.count(name)) why = "is not one of the files an earlier run wrote there";
    else if (has_manifest && fs::last_write_time(there, ec) > manifest_time && !ec)
      why = "was changed after the run that wrote it";
    if (!why.empty())
      throw InputError(there.string(), "",
                       "a file of this name " + why + " (an input of this run?); it is left alone and "
                       "nothing was written: choose another -o folder or move the file");
  }
}

}  // namespace

void OutputFolder::Commit() {
  std::set<std::string> written;
  for (const auto& entry : fs::directory_iterator(staging_)) written.insert(entry.path().filename().string());
  WriteManifest(staging_, written);
  HoldSignals hold;
  std::error_code ec;
  if (!fs::exists(target_, ec)) {
    fs::rename(staging_, target_, ec);
    if (ec) throw InputError(target_.string(), "", "cannot move the outputs in place: " + ec.message());
    committed_ = true;
    return;
  }
  const std::set<std::string> previous = ReadManifest(target_);
  RefuseToOverwriteUserFiles(target_, written, previous);
  bool only_previous_set = true;
  for (const std::string& name : Entries(target_))
    if (name != kManifestName && !previous.count(name)) only_previous_set = false;
  if (only_previous_set) TakeModeAndOwner(target_, staging_);
  if (only_previous_set && ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, ec);  // the previous set, now under the staging name
    return;
  }
  // The folder holds other files too (or the file system cannot exchange folders): replace
  // file by file. The manifest goes last, so it never lists files that are not there yet.
  for (const std::string& name : written) {
    // A folder of ours (a camera's labels) replaces its namesake whole: rename() cannot put a
    // folder over a non-empty one.
    if (fs::is_directory(staging_ / name, ec) && fs::is_directory(target_ / name, ec) &&
        !fs::is_symlink(target_ / name, ec))
      fs::remove_all(target_ / name, ec);
    fs::rename(staging_ / name, target_ / name, ec);
    if (ec) throw InputError((target_ / name).string(), "", "cannot move the output in place: " + ec.message());
  }
  for (const std::string& name : previous)
    if (!written.count(name)) fs::remove_all(target_ / name, ec);
  fs::rename(staging_ / kManifestName, target_ / kManifestName, ec);
  committed_ = true;
  fs::remove_all(staging_, ec);
}

}  // namespace core
