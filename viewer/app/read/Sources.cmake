# A reading kept in the trial record: the marks and lesion table saved with the read.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/MarksJson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReadSession.cpp)
