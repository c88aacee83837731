#include "dicom/deid/PrivateSafeList.h"

#include "dicom/suv/SuvTags.h"

namespace nbra::dicom::deid {

const std::vector<SafePrivateElement>& safePrivateElements() {
  static const std::vector<SafePrivateElement> list{
      {0x7053, kPhilipsPetPrivateCreator, 0x00, false, "Philips SUV Scale Factor",
       "the scanner's own SUVbw factor; NBRA uses it when the standard inputs cannot give SUV "
       "(docs/suv.md)"},
      {0x7053, kPhilipsPetPrivateCreator, 0x09, false,
       "Philips Activity Concentration Scale Factor",
       "turns Philips CNTS pixel values into Bq/ml; without it such a PET has no SUV"},
      {0x0009, kGePetPrivateCreator, 0x0D, true, "GE decay correction date-time",
       "GE's reference time for decay correction; shifted like every other date"},
  };
  return list;
}

const SafePrivateElement* findSafePrivate(std::uint16_t group, const std::string& creator,
                                          std::uint8_t elementLow) {
  // Creators are LO values; the padding space some writers leave is not part of the name.
  std::string trimmed = creator;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\0'))
    trimmed.pop_back();
  for (const auto& entry : safePrivateElements()) {
    if (entry.group == group && entry.elementLow == elementLow && trimmed == entry.creator) {
      return &entry;
    }
  }
  return nullptr;
}

}  // namespace nbra::dicom::deid
