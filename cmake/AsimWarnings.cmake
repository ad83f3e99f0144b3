# asim_set_warnings(target): the project's warning set, errors when ASIM_WERROR is on.
function(asim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
                                           -Wno-sign-conversion)
  if(ASIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
