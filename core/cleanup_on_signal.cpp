#include "core/cleanup_on_signal.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace core {
namespace {

constexpr int kSlots = 64;
constexpr int kFree = 0, kFilling = 1, kActive = 2;

struct Slot {
  std::atomic<int> state{kFree};
  TempKind kind = TempKind::file;
  char path[4096] = {};
};

Slot g_slots[kSlots];
// While an output set is committed the handler only notes the signal (any thread may receive
// it, so a per-thread mask would not do); the commit delivers it when it ends.
std::atomic<int> g_holding{0};
std::atomic<int> g_pending{0};
const int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

// Removes the entries of a flat folder and the folder itself with raw system calls
// (opendir/readdir are not async-signal-safe).
void RemoveFlatFolder(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buffer[8192];
    for (;;) {
      const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (n <= 0) break;
      int removed = 0;
      for (long offset = 0; offset < n;) {
        const auto* entry = reinterpret_cast<const struct dirent64*>(buffer + offset);
        offset += entry->d_reclen;
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        if (::unlinkat(fd, name, 0) == 0) ++removed;
      }
      if (removed == 0) break;  // only entries we cannot remove are left
      ::lseek(fd, 0, SEEK_SET);
    }
    ::close(fd);
  }
  ::rmdir(path);
}

void OnFatalSignal(int signal) {
  if (g_holding.load() > 0) {
    g_pending.store(signal);
    return;
  }
  for (Slot& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) != kActive) continue;
    if (slot.kind == TempKind::folder) RemoveFlatFolder(slot.path);
    else ::unlink(slot.path);
  }
  // Say so: an exit status of 130 alone leaves a newcomer wondering what is left on disk.
  static const char kMessage[] =
      "\nsightline: interrupted; this run's unfinished outputs were removed, earlier outputs are as they were\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  // Die of the same signal, so the parent (a shell, a test) sees what happened.
  struct sigaction action = {};
  action.sa_handler = SIG_DFL;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  ::raise(signal);
}

void InstallHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal : kSignals) {
      struct sigaction previous = {};
      ::sigaction(signal, nullptr, &previous);
      if (previous.sa_handler == SIG_IGN) continue;  // e.g. SIGHUP under nohup: stay ignored
      if (previous.sa_handler != SIG_DFL) continue;  // someone else handles it (the GUI)
      struct sigaction action = {};
      action.sa_handler = OnFatalSignal;
      ::sigemptyset(&action.sa_mask);
      for (int other : kSignals) ::sigaddset(&action.sa_mask, other);
      ::sigaction(signal, &action, nullptr);
    }
  });
}

}  // namespace

int RemoveOnSignal(const std::filesystem::path& path, TempKind kind) {
  const std::string text = std::filesystem::absolute(path).string();
  if (text.size() >= sizeof(Slot::path)) return -1;
  InstallHandlers();
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!g_slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
    g_slots[i].kind = kind;
    std::memcpy(g_slots[i].path, text.c_str(), text.size() + 1);
    g_slots[i].state.store(kActive, std::memory_order_release);
    return i;
  }
  return -1;
}

void Release(int slot) {
  if (slot >= 0 && slot < kSlots) g_slots[slot].state.store(kFree, std::memory_order_release);
}

HoldSignals::HoldSignals() {
  InstallHandlers();
  ++g_holding;
}

HoldSignals::~HoldSignals() {
  if (--g_holding == 0)
    if (const int signal = g_pending.exchange(0)) ::raise(signal);
}

}  // namespace core
