# sightline itself loads only the planning half's libraries (its start is most of a small run's
# time); the simulation's are sightline-full's, which it becomes for the other verbs.
#   -DSL=path/to/sightline
execute_process(COMMAND ldd ${SL} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "ldd ${SL} failed: ${err}")
endif()
string(REGEX MATCHALL "(libsumocpp|libns3-[a-z-]+|libavcodec|libosg[A-Za-z]*|libglfw|libFOX)[^ ]*" heavy "${out}")
if(heavy)
  message(FATAL_ERROR "sightline loads the simulation's libraries: ${heavy}")
endif()
if(NOT out MATCHES "libgdal")
  message(FATAL_ERROR "ldd's output names no GDAL; is this sightline?\n${out}")
endif()
