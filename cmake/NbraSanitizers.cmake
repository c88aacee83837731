# Instrumented builds (docs/robustness.md). Both apply to every target of the build, ours and
# the tests; the Debian libraries below us (Qt, DCMTK, ITK, VTK) are not instrumented.
#
# NBRA_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer, any undefined behaviour is fatal.
#   CI builds the whole project this way (scripts/sanitize.sh) and runs every headless test.
# NBRA_FUZZ: libFuzzer coverage instrumentation as well (clang only), and the harnesses of
#   tests/fuzz; scripts/fuzz.sh runs them.
option(NBRA_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(NBRA_FUZZ "Build the libFuzzer harnesses (clang; implies NBRA_SANITIZE)" OFF)

if(NBRA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NBRA_FUZZ needs clang (libFuzzer): configure with CXX=clang++ CC=clang")
  endif()
  set(NBRA_SANITIZE ON)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(NBRA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
