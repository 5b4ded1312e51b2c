// Whether this process was started by an MPI launcher, told from the environment alone: a
// plain `sightline coverage` never loads or initialises MPI.
#pragma once

namespace dist {

// True under mpirun/mpiexec (Open MPI, MPICH/Hydra) or srun with PMI/PMIx, with 2 or more
// ranks or 1 (so `mpirun -np 1` takes the same path as N ranks).
bool LaunchedByMpi();

// This process's rank as the launcher set it (0 when not launched by one), known before MPI
// starts: for saying an error once, from rank 0.
int LaunchRank();

// True when this build has the MPI tiled runs (Open MPI found at configure time).
bool HaveMpi();

}  // namespace dist
