// A TID 1500 measurement report from someone else: the SR reader and its plausibility checks.
#include "dicom/sr/MeasurementReport.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)nbra::dicom::readMeasurementReport(nbra::fuzz::writeInput(data, size));
  } catch (const nbra::dicom::SrError&) {
  }
  return 0;
}
