#pragma once

#include <string>

class DcmDataset;

namespace nbra::dicom::deid {

// Whether an object's pixels may carry a person's identity as burned-in text. NBRA does not
// scrub pixels, so such objects never leave silently.
enum class PixelRisk {
  None,      // a scanner's own image: passed
  Held,      // a kind that commonly carries text (secondary capture, ultrasound, video, screen
             // captures): passed only when a person confirms they looked at the pixels
  Refused,   // Burned In Annotation (0028,0301) is YES: never passed
  NoPixels,  // not an image (a structured report, a presentation state...): not copied
};

struct PixelScreen {
  PixelRisk risk = PixelRisk::None;
  std::string reason;  // empty for None
};

PixelScreen screenPixels(DcmDataset& dataset);

}  // namespace nbra::dicom::deid
