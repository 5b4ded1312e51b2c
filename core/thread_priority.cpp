#include "core/thread_priority.h"

#include <cerrno>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace core {

void YieldToOtherThreads(int steps) {
#if defined(__linux__)
  const pid_t thread = gettid();
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, static_cast<id_t>(thread));
  if (errno == 0) setpriority(PRIO_PROCESS, static_cast<id_t>(thread), now + steps);  // a failure changes nothing
#else
  (void)steps;
#endif
}

}  // namespace core
