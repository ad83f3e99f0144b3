# cmake -DBUILD_DIR=<build tree> -DPREFIX=<staging prefix> -DCONSUMER_BUILD_DIR=<dir>
#       [-DCONFIG=<config>] -P stage.cmake
# The first step of the consumer test: installs the build tree into an empty staging prefix and
# removes the consumer's previous build, so nothing left over from an earlier run can make the
# installed package look complete.
foreach(var BUILD_DIR PREFIX CONSUMER_BUILD_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "stage.cmake: -D${var}=... is required")
  endif()
endforeach()
# Both directories are deleted: refuse anything outside the build tree.
foreach(dir "${PREFIX}" "${CONSUMER_BUILD_DIR}")
  cmake_path(IS_PREFIX BUILD_DIR "${dir}" NORMALIZE inside)
  if(NOT inside OR dir STREQUAL BUILD_DIR)
    message(FATAL_ERROR "stage.cmake: ${dir} is not a directory inside ${BUILD_DIR}")
  endif()
endforeach()
file(REMOVE_RECURSE "${PREFIX}" "${CONSUMER_BUILD_DIR}")

set(config_args)
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${config_args}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed (${rc})")
endif()
