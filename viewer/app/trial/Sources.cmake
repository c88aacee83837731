# The trial workflow around the reading tools: MIBG scoring kept in the reader's read, the
# timepoint's images found through the record and the image index. Included by
# viewer/app/CMakeLists.txt.
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/MibgReadStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MibgScoringWindow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PetFindings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TimepointImages.cpp
)
