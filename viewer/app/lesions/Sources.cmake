# The lesion table of a reading and its tracking across timepoints.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/LesionPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LesionTable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Tracking.cpp)
