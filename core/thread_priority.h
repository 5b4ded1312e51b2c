// Work that is off a run's critical path can step aside for the work on it: on two cores a
// side thread competing as an equal stretches the longest task (coverage's blind spots
// beside its quick look), while one that yields still fills every idle moment.
#pragma once

namespace core {

// Raises the calling thread's nice value by `steps` (Linux keeps it per thread; threads it
// starts later inherit it). Unprivileged: it can never be lowered again, so call it only on a
// thread of its own. Does nothing where that is not supported.
void YieldToOtherThreads(int steps = 10);

}  // namespace core
