# asim_set_warnings(target): the project's warning set, errors when ASIM_WERROR is on.
function(asim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
                                           -Wno-sign-conversion)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's -Wrestrict misfires inside std::string concatenation at -O3 (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(ASIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
