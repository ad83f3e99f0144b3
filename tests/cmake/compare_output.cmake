# cmake -DPROGRAM=<exe> [-DARGS=a|b|c] [-DWORKDIR=<dir>] -DEXPECTED=<file.out>
#       -P compare_output.cmake
# Runs PROGRAM with ARGS ('|'-separated) in WORKDIR (default: the current directory; relative paths
# in ARGS keep machine-specific paths out of the output) and fails unless it exits 0 and its
# standard output equals EXPECTED byte for byte (the examples are deterministic). On a difference
# it prints a unified diff; with the environment variable ASIM_UPDATE_OUTPUTS=1 it rewrites
# EXPECTED instead.
foreach(var PROGRAM EXPECTED)
  if(NOT ${var})
    message(FATAL_ERROR "compare_output.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" args "${ARGS}")
if(NOT WORKDIR)
  set(WORKDIR "${CMAKE_CURRENT_BINARY_DIR}")
endif()
execute_process(COMMAND "${PROGRAM}" ${args} WORKING_DIRECTORY "${WORKDIR}"
                OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}:\n${errors}")
endif()
if(errors)
  message(STATUS "${PROGRAM} wrote to stderr:\n${errors}")
endif()
if("$ENV{ASIM_UPDATE_OUTPUTS}" STREQUAL "1")
  file(WRITE "${EXPECTED}" "${actual}")
  message(STATUS "rewrote ${EXPECTED}")
  return()
endif()
file(READ "${EXPECTED}" expected)
if(actual STREQUAL expected)
  return()
endif()
get_filename_component(name "${EXPECTED}" NAME)
set(actual_file "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual")
file(WRITE "${actual_file}" "${actual}")
find_program(DIFF diff)
if(DIFF)
  # Straight to the output: message() would reflow the diff's lines.
  execute_process(COMMAND "${DIFF}" -u "${EXPECTED}" "${actual_file}")
endif()
message(FATAL_ERROR "output differs from ${EXPECTED}; actual output in ${actual_file}")
