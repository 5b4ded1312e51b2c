// Built when Open MPI was not found at configure time.
#include "core/error.h"
#include "dist/distributed_optimise.h"
#include "dist/tiled_coverage.h"

namespace dist {

TiledCoverageResult RunTiledCoverage(scenario::Scenario s, const TiledCoverageOptions&) {
  throw core::InputError(s.file.string(), "",
                         "started by an MPI launcher, but this sightline was built without MPI "
                         "(install libopenmpi-dev and rebuild, or run without mpirun)");
}

DistributedOptimiseResult RunDistributedOptimise(scenario::Scenario s, scenario::OptimiseOverrides,
                                                 const std::function<void()>&) {
  throw core::InputError(s.file.string(), "",
                         "started by an MPI launcher, but this sightline was built without MPI "
                         "(install libopenmpi-dev and rebuild, or run without mpirun)");
}

}  // namespace dist
