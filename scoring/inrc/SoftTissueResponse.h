#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scoring/model/Response.h"
#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// Non-primary soft-tissue disease on CT/MRI at one follow-up (targets chosen by RECIST rules).
struct SoftTissueInputs {
  bool baselineImaged = true;       // false: no CT/MRI at baseline, so involvement is unknown
  bool involvedAtBaseline = false;  // any non-primary lesion at baseline
  bool hasTargets = false;
  Tenths baselineSum = 0;
  Tenths nadirSum = 0;
  std::optional<Tenths> currentSum;  // nullopt: no CT/MRI at this timepoint
  bool allBelowCrLimits = false;     // every lesion < 10 mm, nodes short axis below the CR limit
  bool nonTargetsStableOrSmaller = true;
  std::optional<bool> uptakeRemaining;    // any non-primary lesion still avid; nullopt: not scanned
  int newQualifyingLesions = 0;           // new and MIBG-/FDG-avid or biopsy-proven
  int newOtherLesions = 0;                // new, but none of those
  std::vector<std::string> notEvaluable;  // tracking ids of lesions the reader could not measure
  std::string functionalModality = "MIBG";
};

// The soft-tissue half of the INRC metastatic component (PARK17 Table 2; clinical-rules.md 3.2):
//   PD: a new avid or biopsy-proven soft-tissue lesion, or sum of diameters > 20 % over the nadir
//       AND >= 5 mm;
//   CR: every lesion < 10 mm (target nodes short axis below the CR limit, Q10), uptake resolved;
//   PR: >= 30 % decrease of the sum vs baseline, non-targets stable or smaller, no new lesion;
//   SD otherwise. NI: none on the baseline CT/MRI and none new; NE without a baseline CT/MRI
//   (unless a new avid lesion makes it PD). A new lesion that is neither avid nor proven
//   is not PD but rules out CR and PR.
ComponentResult softTissueResponse(const SoftTissueInputs& in);

}  // namespace nbra::scoring
