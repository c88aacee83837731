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
check_module(dicom "[<\"](Q[A-Z][A-Za-z]*|Qt[A-Za-z]*/|vtk|viewer/|records/|workflow/|cli/)" "no Qt, no VTK, no upper layers")
# records/ is Qt Core + Sql only, so Gui classes are named there too.
file(GLOB record_parts LIST_DIRECTORIES true RELATIVE "${SOURCE_DIR}/records" "${SOURCE_DIR}/records/*")
foreach(part IN LISTS record_parts)
  if(IS_DIRECTORY "${SOURCE_DIR}/records/${part}")
    check_module(records/${part}
      "[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QApplication|QGuiApplication|QPdfWriter|QTextDocument|QPainter|QFont|QImage|vtk|viewer/|workflow/|cli/)"
      "Qt Core and Sql only, and nothing above the record")
  endif()
endforeach()
# The application core: Qt Core only, and it never knows a front-end. workflow/report renders the
# PDF (Qt Gui) and is its own target; the rest of workflow/ names no Gui class either.
file(GLOB workflow_parts LIST_DIRECTORIES true RELATIVE "${SOURCE_DIR}/workflow" "${SOURCE_DIR}/workflow/*")
foreach(part IN LISTS workflow_parts)
  if(IS_DIRECTORY "${SOURCE_DIR}/workflow/${part}" AND NOT part STREQUAL "report")
    check_module(workflow/${part}
      "[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QApplication|QGuiApplication|QPdfWriter|QTextDocument|QPainter|QFont|QImage|QColor|vtk|viewer/|cli/)"
      "the application core is Qt Core only and never includes a front-end")
  endif()
endforeach()
if(IS_DIRECTORY "${SOURCE_DIR}/workflow/report")
  check_module(workflow/report "[<\"](QtWidgets|QWidget|QMainWindow|QApplication|vtk|viewer/|cli/)"
    "Qt Gui for the PDF only, no widgets, no front-end")
endif()
# The front-ends never include each other: shared work belongs in workflow/.
check_module(viewer "[\"]cli/" "the workstation calls the core (workflow/), never a command")
check_module(cli "[<\"](QtWidgets|QtGui|QWidget|QApplication|QGuiApplication|vtk|viewer/)"
  "nbra-cli is a headless front door over the core")

# Every untrusted DICOM file reaches DCMTK's parser through dicom/codecs/SafeLoad, which walks its
# structure first (docs/robustness.md): a direct loadFile elsewhere would skip the nesting check.
file(GLOB_RECURSE parsing_sources "${SOURCE_DIR}/dicom/*.cpp" "${SOURCE_DIR}/workflow/*.cpp"
     "${SOURCE_DIR}/cli/*.cpp" "${SOURCE_DIR}/viewer/*.cpp" "${SOURCE_DIR}/records/*.cpp")
foreach(f IN LISTS parsing_sources)
  if(f MATCHES "dicom/codecs/SafeLoad\\.cpp$")
    continue()
  endif()
  file(STRINGS "${f}" calls REGEX "[.>](loadFile|loadFileUntilTag)[ \t]*\\(")
  foreach(call IN LISTS calls)
    file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
    message(SEND_ERROR "${rel}: '${call}' parses a file without the structure check "
                       "(use dicom/codecs/SafeLoad.h loadDicomFile)")
  endforeach()
endforeach()
