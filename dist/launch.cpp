#include "dist/launch.h"

#include <cstdlib>
#include <initializer_list>

namespace dist {

bool LaunchedByMpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name)) return true;
  return false;
}

int LaunchRank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* v = std::getenv(name)) return std::atoi(v);
  return 0;
}

bool HaveMpi() {
#ifdef SIGHTLINE_WITH_MPI
  return true;
#else
  return false;
#endif
}

}  // namespace dist
