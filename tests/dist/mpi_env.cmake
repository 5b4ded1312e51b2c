# The MPI tests' common start: skipped without a launcher; as root (CI containers) and with
# more ranks than cores (a small machine), Open MPI must be told it may.
if(NOT MPIEXEC)
  message("SKIPPED: mpirun not found (install openmpi-bin and libopenmpi-dev)")
  return()
endif()
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
set(ENV{OMPI_MCA_rmaps_base_oversubscribe} 1)
