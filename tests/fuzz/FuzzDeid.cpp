// De-identification of one file: the pixel screen, Table E.1-1 over every element (sequences
// and private blocks), date shifting, the keyed UIDs, and the rewrite of the file; a fresh
// output folder per input, so every input is also written out.
#include <filesystem>

#include "dicom/deid/DeidRun.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace dd = nbra::dicom::deid;
  static const dd::TrialKey key = dd::TrialKey::parse(
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "fuzz");
  const std::filesystem::path folder = nbra::fuzz::workDir() / "deid-in";
  const std::filesystem::path out = nbra::fuzz::workDir() / "deid-out";
  std::filesystem::remove_all(folder);
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(folder);
  nbra::fuzz::writeInput(data, size, "deid-in/input.dcm");
  dd::DeidRequest request;
  request.inputs = {folder.string()};
  request.outputDir = out.string();
  request.identity.subjectId = "FUZZ-001";
  request.key = &key;
  request.pixelsReviewed = true;
  try {
    (void)dd::deidentify(request);
  } catch (const dd::DeidError&) {
  }
  return 0;
}
