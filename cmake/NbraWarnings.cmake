# Warnings for our own targets. Third-party headers come in as SYSTEM includes, so -Werror-free
# "no warnings in our code" can be checked by the build log alone; NBRA_WERROR turns it into a
# hard failure (CI sets it).
option(NBRA_WERROR "Treat warnings in NBRA code as errors" OFF)

function(nbra_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(NBRA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
