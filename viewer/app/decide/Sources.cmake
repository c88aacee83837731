# The investigator's decision workspace (issue 9, items 4-6): INRC assessment, eligibility and
# extra-dose decision over the trial record. Assessments are made by the same code as
# `nbra-cli record assess` (nbra_cli_record), reports by records/report.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/AssessmentPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DecisionModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DecisionWorkspace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EligibilityPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ExtraDoseDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SignDialog.cpp)
target_link_libraries(nbra_workstation PUBLIC nbra_cli_record nbra_records_report)
