// Planar NM: the views of a file, each view decoded, the geometric mean of the first two.
#include "dicom/nm/NmViews.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = nbra::fuzz::writeInput(data, size);
  try {
    const auto views = nbra::dicom::readNmViews({path});
    std::vector<nbra::dicom::PlanarImage> images;
    for (std::size_t i = 0; i < views.size() && i < 4; ++i) {
      images.push_back(nbra::dicom::loadNmView(views[i]));
    }
    if (images.size() >= 2) {
      (void)nbra::dicom::geometricMean(images[0], images[1], views[0].actualFrameDurationMs,
                                       views[1].actualFrameDurationMs, 0);
    }
  } catch (const nbra::dicom::VolumeError&) {
  }
  return 0;
}
