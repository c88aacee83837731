# Run as a test (cmake -P): the include-level half of the dependency rules. The link-level half
# runs at configure time (NbraDependencyRules.cmake). Each module may include only what its layer
# allows; a forbidden #include anywhere under it fails the test and names the file and line.
cmake_minimum_required(VERSION 3.22)

function(check_module module forbidden_regex why)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${module}/*.h" "${SOURCE_DIR}/${module}/*.cpp")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(line MATCHES "${forbidden_regex}")
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        message(SEND_ERROR "${rel}: '${line}' is not allowed in ${module}/ (${why})")
      endif()
    endforeach()
  endforeach()
endfunction()

set(third_party "[<\"](Q[A-Za-z]*|qt[a-z]*/|vtk|itk|dcmtk/|gdcm|sqlite3|gtest|benchmark)")
check_module(scoring "${third_party}" "standard C++ only")
check_module(dicom "[<\"](Q[A-Z][A-Za-z]*|Qt[A-Za-z]*/|vtk|viewer/|records/)" "no Qt, no VTK, no upper layers")
check_module(records "[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QApplication|vtk|viewer/)" "Qt Core and Sql only")
