#pragma once

#include <optional>

#include "scoring/model/Response.h"
#include "scoring/model/Tenths.h"
#include "scoring/settings/Settings.h"

namespace nbra::scoring {

// Bone marrow infiltration in tenths of a percent: the highest among the samples (Q7).
struct MarrowInputs {
  std::optional<Tenths> baselinePercent;  // nullopt: no baseline marrow assessment
  std::optional<Tenths> currentPercent;   // nullopt: not reassessed at this timepoint
  int currentAspirates = 0;
  int currentBiopsies = 0;
};

// INRC 2017 bone marrow (PARK17 Table 3; clinical-rules.md 3.3), evaluated PD, CR, MD, SD:
//   PD: (B = 0 and F > 5 %; ">= 5 %" with settings.marrowPdFromNegative, Q9)
//       or (B > 0 and F > 2*B and F > 20 %);
//   CR: F = 0 (with two biopsies and two aspirates when settings ask, PDQ overall CR);
//   MD: 0 < F <= 5 % when B <= 5 % or B > 20 % (and, Q8, when 5 % < B <= 20 % by setting);
//   SD: otherwise. NI: B = 0 and F = 0, or B = 0 and not reassessed.
ComponentResult marrowResponse(const MarrowInputs& in, const Settings& settings);

}  // namespace nbra::scoring
