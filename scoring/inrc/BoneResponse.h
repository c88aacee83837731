#pragma once

#include <optional>
#include <string>

#include "scoring/model/Response.h"
#include "scoring/settings/Settings.h"

namespace nbra::scoring {

// The skeletal MIBG score (Curie S1-S9 or SIOPEN, settings.boneScoreMethod) at one follow-up.
struct MibgBoneInputs {
  std::optional<int> baselineScore;  // nullopt: no baseline MIBG score
  std::optional<int> currentScore;   // nullopt: no MIBG at this timepoint
  std::optional<int> nadirScore;     // smallest earlier score (for the Q6 warning only)
  int newBoneSites = 0;
  std::string scoreName = "Curie skeletal score";
};

// Bone half of the INRC metastatic component, MIBG-avid disease (PARK17 Table 2; PDQ;
// clinical-rules.md 1.4-1.5), relative score = follow-up / BASELINE:
//   PD: any new MIBG-avid bone site, or relative >= 1.2 (or any uptake when baseline was 0);
//   CR: score 0; PR: relative <= 0.5 (0 < r < 0.1 per settings.bonePrBelowOneTenth, Q5);
//   SD otherwise; NI: baseline score 0 and still 0.
ComponentResult mibgBoneResponse(const MibgBoneInputs& in, const Settings& settings);

// FDG-PET bone lesion counts at one follow-up, MIBG-non-avid disease.
struct FdgBoneInputs {
  std::optional<int> baselineCount;  // nullopt: no baseline FDG-PET
  std::optional<int> currentCount;   // nullopt: no FDG-PET at this timepoint
  int newConfirmed = 0;    // new avid bone lesions with CT/MRI or histological confirmation
  int newUnconfirmed = 0;  // new avid bone lesions without it
};

// Bone half for MIBG-non-avid disease (PARK17 Table 2 via PDQ): PD = new FDG-avid bone lesion
// with CT/MRI findings consistent with tumour or histology; CR = no avid bone lesion; PR = at
// least 50 % fewer avid bone lesions (2*now <= baseline); SD otherwise; NI when none at baseline.
ComponentResult fdgBoneResponse(const FdgBoneInputs& in);

}  // namespace nbra::scoring
