// A volume from one file: geometry inspection, then the full load (decode, rescale, resample).
// VolumeError is the documented refusal; anything else escaping is a finding.
#include "dicom/volume/VolumeLoader.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = nbra::fuzz::writeInput(data, size);
  nbra::dicom::LoadOptions options;
  options.threads = 1;
  try {
    (void)nbra::dicom::inspectSeries({path});
    (void)nbra::dicom::loadVolume({path}, options);
  } catch (const nbra::dicom::VolumeError&) {
  }
  return 0;
}
