# ROIs: ellipse/sphere regions with HU or SUV statistics (issue 8, item 1).
target_sources(nbra_workstation PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/RoiGeometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RoiOverlay.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RoiStatistics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SliceViewRoi.cpp
)
