# MIBG scoring on planar views (issue 9): the scoring model (logic), the atlas overlay and the
# scoring widget. Included by viewer/app/CMakeLists.txt.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/MibgOverlay.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MibgScoringModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MibgScoringWidget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PhysiologicalUptake.cpp
)
