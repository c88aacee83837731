#pragma once

#include <optional>

#include "scoring/model/Response.h"
#include "scoring/model/Timepoint.h"
#include "scoring/settings/Settings.h"

namespace nbra::scoring {

struct EligibilityResult {
  bool eligible = false;
  bool criterion1 = false;                  // >= 10 mm CT/MRI lesion with MIBG uptake
  bool criterion2 = false;                  // FDG-PET-avid disease
  bool marrowOnlyWithoutPathology = false;  // exclusion
  Reasons reasons;
};

// Imaging eligibility at baseline (trial record; clinical-rules.md 8, Q17):
//   criterion 1: a CT/MRI lesion of at least 10 mm in one dimension with positive 123I-MIBG
//                uptake (on that lesion by default; lymph nodes per settings);
//   criterion 2: increased FDG uptake on PET (an FDG-avid lesion or bone lesion);
//   exclusion:   disease in the bone marrow only, without confirmatory pathology.
// Eligible when criterion 1 or 2 holds and the exclusion does not.
// `mibgSkeletalScore` and `mibgTotalScore` come from the baseline MIBG reading (nullopt: no MIBG).
EligibilityResult assessEligibility(const Timepoint& baseline, std::optional<int> mibgSkeletalScore,
                                    std::optional<int> mibgTotalScore, const Settings& settings);

}  // namespace nbra::scoring
