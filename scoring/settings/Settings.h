#pragma once

#include <string>
#include <vector>

namespace nbra::scoring {

// Which MIBG score gives the INRC relative bone score (PARK17 allows Curie or SIOPEN, 2.3).
enum class BoneScoreMethod { Curie, Siopen };

// Marrow PD threshold from a negative baseline (Q9): PARK17 "> 5 %" or PDQ "at least 5 %".
enum class MarrowPdFromNegative { AboveFivePercent, AtLeastFivePercent };

// Size test for a lymph node under eligibility criterion 1 (Q17): the trial text ("10 mm in one
// dimension") or the RECIST node rule (short axis >= 15 mm).
enum class EligibilityNodeSize { AnyAxisTenMm, RecistShortAxisFifteenMm };

// Every open question of clinical-rules.md section 9 that changes a result is a setting here.
// The defaults are the document's recommendations; docs/scoring.md lists them.
struct Settings {
  // Q2: does the MIBG-avid primary count in Curie segment 10 (soft tissue)? COG practice: yes.
  bool curieSoftTissueIncludesPrimary = true;
  // PARK17 allows either score for the relative bone score; Curie is the COG default.
  BoneScoreMethod boneScoreMethod = BoneScoreMethod::Curie;
  // Q5: PARK17's "(relative score >= 0.1 to <= 0.5)" leaves 0 < r < 0.1 undefined; default PR.
  bool bonePrBelowOneTenth = true;
  // Q6: the relative score is against baseline, so a rebound from the nadir is not PD; warn.
  bool warnOnRiseFromNadir = true;
  // Q8: marrow 5 % < B <= 20 % falling to 0 < F <= 5 % is not covered by PARK17; default MD.
  bool marrowGapIsMinimalDisease = true;
  // Q9: marrow PD from a negative baseline; default PARK17 (> 5 %).
  MarrowPdFromNegative marrowPdFromNegative = MarrowPdFromNegative::AboveFivePercent;
  // PDQ overall CR: marrow negative in two biopsies and two aspirates; fewer samples -> NE.
  bool marrowCrNeedsTwoBiopsiesTwoAspirates = true;
  // Q10: short-axis limit (mm) of target lymph nodes for CR: 10 (PARK17, RECIST) or 15 (PDQ).
  int crNodeShortAxisLimitMm = 10;
  // Q17: the >= 10 mm lesion must itself be MIBG-avid (co-localisation).
  bool eligibilityRequiresCoLocalisedUptake = true;
  // Q17: how a lymph node meets the 10 mm size test.
  EligibilityNodeSize eligibilityNodeSize = EligibilityNodeSize::AnyAxisTenMm;
  // Q17: MIBG bone disease without a CT/MRI correlate meets criterion 1? Default no (literal).
  bool eligibilityBoneOnlyMibgCounts = false;
  // Q18: which overall responses count as "improvement" for injections 4 and 5 (CR and PR
  // always do; MR by default; SD not).
  bool extraDosesMrQualifies = true;
  bool extraDosesSdQualifies = false;
  // Q18: for MIBG-non-avid disease, FDG-PET stands in for MIBG in the confirmation (INRC rule).
  bool extraDosesFdgReplacesMibg = true;
};

// "settings.crNodeShortAxisLimitMm: ..." for each invalid value.
std::vector<std::string> settingsErrors(const Settings& settings);

}  // namespace nbra::scoring
