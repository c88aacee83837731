# The investigator's decision workspace: INRC assessment, eligibility and extra-dose decision
# over the trial record. What they show and sign is worked out by the application core
# (workflow/decisions, workflow/assessment), the same functions `nbra-cli record` calls.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/AssessmentPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DecisionWorkspace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EligibilityPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ExtraDoseDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SignDialog.cpp)
target_link_libraries(nbra_workstation PUBLIC nbra_workflow nbra_report_pdf)
