// SUV from one PET file: the tag reader, the calculator, then the statistics of a sphere at the
// volume's centre (the SUVpeak kernel included).
#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvStatistics.h"
#include "dicom/suv/SuvTagReader.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/fuzz/FuzzFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace nd = nbra::dicom;
  const std::string path = nbra::fuzz::writeInput(data, size);
  try {
    const nd::SuvTags tags = nd::readSuvTags({path});
    const nd::SuvResult suv = nd::computeSuv(tags);
    if (!suv.ok() || !suv.bw.factor)
      return 0;
    nd::LoadOptions options;
    options.threads = 1;
    const nd::Volume volume = nd::loadVolume({path}, options);
    nd::SphereRoi roi;
    roi.centreMm = volume.toPatientMm(static_cast<double>(volume.dimensions[0]) / 2,
                                      static_cast<double>(volume.dimensions[1]) / 2,
                                      static_cast<double>(volume.dimensions[2]) / 2);
    roi.radiusMm = 10;
    (void)nd::computeSuvStatistics(volume,
                                   std::vector<double>(volume.dimensions[2], *suv.bw.factor), roi);
  } catch (const nd::SuvReadError&) {
  } catch (const nd::VolumeError&) {
  } catch (const nd::SuvStatisticsError&) {
  }
  return 0;
}
