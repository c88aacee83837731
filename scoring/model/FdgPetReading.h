#pragma once

namespace nbra::scoring {

// An 18F-FDG-PET reading. INRC uses it in place of MIBG for MIBG-non-avid disease (PARK17, PDQ):
// the number of FDG-avid bone lesions and new avid bone lesions. Soft-tissue avidity is on each
// Lesion (fdgAvid). "Avid" is the reader's call (clinical-rules.md 5.7, Q15).
struct FdgPetReading {
  int avidBoneLesions = 0;
  int newAvidBoneLesions = 0;
  bool newBoneLesionsConfirmed = false;  // CT/MRI consistent with tumour, or histology
};

}  // namespace nbra::scoring
