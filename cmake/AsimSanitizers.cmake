# With ASIM_SANITIZE, every target is built and linked with ASan + UBSan, and UB aborts.
if(ASIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
