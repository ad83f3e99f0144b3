# With ASIM_SANITIZE, every target is built and linked with ASan + UBSan, and UB aborts.
# ASIM_SANITIZE_COMPILE_FLAGS / ASIM_SANITIZE_LINK_FLAGS hold the flags for projects built from the
# tests (the CMake consumer), which must link the same runtime as our instrumented libraries.
set(ASIM_SANITIZE_COMPILE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                                -fno-omit-frame-pointer)
set(ASIM_SANITIZE_LINK_FLAGS -fsanitize=address,undefined)
if(ASIM_SANITIZE)
  add_compile_options(${ASIM_SANITIZE_COMPILE_FLAGS})
  add_link_options(${ASIM_SANITIZE_LINK_FLAGS})
endif()
