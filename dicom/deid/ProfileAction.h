#pragma once

#include <bitset>

#include "dicom/deid/ProfileTable.h"

namespace nbra::dicom::deid {

// What NBRA does to one attribute.
enum class Action {
  Keep,        // K, or not listed in Table E.1-1
  Remove,      // X
  Empty,       // Z: present with a zero-length value
  Dummy,       // D: present with a dummy value of its VR
  ReplaceUid,  // U: the keyed UID mapping
  ShiftDates,  // C under Retain Longitudinal Temporal Information with Modified Dates
  CleanText,   // C under Clean Descriptors
};

using ProfileOptions = std::bitset<kProfileOptionCount>;

// The options this trial claims (docs/deidentification.md says why each one):
// Retain Longitudinal Temporal Information with Modified Dates, Retain Patient Characteristics,
// Retain Device Identity, Clean Descriptors, Retain Safe Private. Retain UIDs is off.
ProfileOptions trialProfileOptions();

// The action for one row under `options`. An enabled option's code replaces the basic one; when
// two enabled options both speak, K wins over C, C over the rest. A compound basic code is
// resolved to the choice that keeps every IOD valid without knowing its type: X/Z -> Z; any
// code with D -> D; X/Z/U* (sequences of references) -> keep the sequence and treat what is
// inside it by its own rows.
Action resolveAction(const ProfileRow& row, const ProfileOptions& options);

// "X", "Z", ... as the standard writes the code for `action` (for reports).
const char* actionName(Action action);

}  // namespace nbra::dicom::deid
