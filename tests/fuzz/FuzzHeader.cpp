// The image index's header reader: what every import does first with a file it has never seen.
#include "dicom/index/HeaderReader.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)nbra::dicom::readHeader(nbra::fuzz::writeInput(data, size));
  return 0;
}
