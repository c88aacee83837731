#include "dicom/deid/PixelScreen.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "dicom/codecs/TagValues.h"

namespace nbra::dicom::deid {
namespace {

std::string text(DcmDataset& dataset, const DcmTagKey& tag) {
  return dicom::tagText(dataset, tag);
}

// One value of a multi-valued attribute (DCMTK removes the padding).
std::string value(DcmDataset& dataset, const DcmTagKey& tag, unsigned long index) {
  OFString v;
  return dataset.findAndGetOFString(tag, v, index).good() ? std::string(v.c_str()) : std::string();
}

// SOP classes whose pixels are made by capturing a screen or a camera: text on them is common.
bool capturesAScreen(std::string_view sopClass) {
  static constexpr std::array<std::string_view, 9> kinds{
      UID_SecondaryCaptureImageStorage,
      UID_MultiframeSingleBitSecondaryCaptureImageStorage,
      UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
      UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
      UID_MultiframeTrueColorSecondaryCaptureImageStorage,
      UID_UltrasoundImageStorage,
      UID_UltrasoundMultiframeImageStorage,
      UID_VideoEndoscopicImageStorage,
      UID_VideoPhotographicImageStorage,
  };
  return std::find(kinds.begin(), kinds.end(), sopClass) != kinds.end() ||
         sopClass.rfind("1.2.840.10008.5.1.4.1.1.77.", 0) == 0;  // visible light
}

}  // namespace

PixelScreen screenPixels(DcmDataset& dataset) {
  if (!dataset.tagExists(DCM_PixelData) && !dataset.tagExists(DCM_FloatPixelData) &&
      !dataset.tagExists(DCM_DoubleFloatPixelData)) {
    return {PixelRisk::NoPixels,
            "no pixel data (a structured report, presentation state or similar): not copied; "
            "NBRA exports its own reports from reads on the pseudonymised images"};
  }
  const std::string burnedIn = text(dataset, DCM_BurnedInAnnotation);
  if (burnedIn == "YES") {
    return {PixelRisk::Refused,
            "Burned In Annotation (0028,0301) is YES: the pixels carry text that may identify "
            "the patient, and NBRA does not remove text from pixels"};
  }
  const std::string sopClass = text(dataset, DCM_SOPClassUID);
  if (capturesAScreen(sopClass)) {
    const char* name = dcmFindNameOfUID(sopClass.c_str(), sopClass.c_str());
    return {PixelRisk::Held, std::string(name) +
                                 ": such images commonly carry burned-in text; a person must "
                                 "look at the pixels and confirm before they leave"};
  }
  const std::string imageType = text(dataset, DCM_ImageType);
  const std::string modality = text(dataset, DCM_Modality);
  if (imageType.find("SCREEN") != std::string::npos ||
      (modality == "NM" && value(dataset, DCM_ImageType, 1) == "SECONDARY")) {
    return {PixelRisk::Held, "Image Type " + imageType +
                                 ": a derived screen capture may carry burned-in text; a person "
                                 "must look at the pixels and confirm before they leave"};
  }
  return {};
}

}  // namespace nbra::dicom::deid
