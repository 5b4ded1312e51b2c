#!/bin/sh
# Runs one rank's command and leaves its exit code in DIR/exit.<rank>: the MPI tests check that
# only the rank that reports an error exits non-zero (mpirun ends the job at the first non-zero
# exit, which could cut the reporting rank off before it has said why).
#   mpirun -np 2 record_exit.sh DIR sightline coverage ...
dir=$1
shift
"$@"
code=$?
echo "$code" >"$dir/exit.${OMPI_COMM_WORLD_RANK:-${PMI_RANK:-0}}"
exit "$code"
