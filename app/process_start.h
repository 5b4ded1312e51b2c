// When this process started, on the steady clock: a wall-clock limit (`optimise --time-limit`)
// counts the whole command, and loading the shared libraries alone can take most of a second.
#pragma once

#include <chrono>

namespace app {

// From /proc (the start time in clock ticks since boot, against the uptime); now when /proc
// cannot say.
std::chrono::steady_clock::time_point ProcessStart();

}  // namespace app
