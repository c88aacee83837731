// A volume from a small folder: series grouping, then each series loaded (several files that
// disagree in size, spacing, position or series).
#include "dicom/volume/VolumeLoader.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string folder = nbra::fuzz::writeFolder(data, size);
  nbra::dicom::LoadOptions options;
  options.threads = 1;
  try {
    std::vector<std::string> problems;
    for (const auto& series : nbra::dicom::findSeries(folder, &problems)) {
      try {
        (void)nbra::dicom::loadVolume(series.files, options);
      } catch (const nbra::dicom::VolumeError&) {
      }
    }
  } catch (const nbra::dicom::VolumeError&) {
  }
  return 0;
}
