# nbra_add_qtest(<target> TEST <ctest name> SOURCES <files...> LIBRARIES <libs...>
#                [PROPERTIES <more test properties...>])
# A QTest executable run by CTest as a "gui" test on the offscreen platform (no display, no GL):
# the one place that says how GUI tests are built and run.
function(nbra_add_qtest target)
  cmake_parse_arguments(ARG "" "TEST" "SOURCES;LIBRARIES;PROPERTIES" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES} Qt6::Test)
  set_target_properties(${target} PROPERTIES AUTOMOC ON)
  nbra_set_warnings(${target})
  add_test(NAME ${ARG_TEST} COMMAND ${target})
  set_tests_properties(${ARG_TEST} PROPERTIES LABELS gui ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
                       ${ARG_PROPERTIES})
endfunction()
