#include "scoring/trial/Eligibility.h"

#include <algorithm>
#include <string>

#include "scoring/model/Tenths.h"

namespace nbra::scoring {

namespace {
constexpr Tenths kTenMm = 100;
constexpr Tenths kFifteenMm = 150;
constexpr const char* kSource = "Trial record (clinical-rules.md 8)";

// Whether a lesion meets the size test of criterion 1 and, if so, a phrase saying how.
bool meetsSize(const Lesion& lesion, const Settings& settings, std::string& how) {
  const Tenths longAxis = toTenths(lesion.longAxisMm);
  if (lesion.isLymphNode &&
      settings.eligibilityNodeSize == EligibilityNodeSize::RecistShortAxisFifteenMm) {
    const Tenths shortAxis = toTenths(lesion.shortAxisMm.value_or(0.0));
    how = "lymph node short axis " + formatTenths(shortAxis) + " mm (RECIST node rule, >= 15 mm)";
    return shortAxis >= kFifteenMm;
  }
  how = "long axis " + formatTenths(longAxis) + " mm (>= 10 mm in one dimension)";
  return longAxis >= kTenMm;
}
}  // namespace

EligibilityResult assessEligibility(const Timepoint& baseline, std::optional<int> mibgSkeletalScore,
                                    std::optional<int> mibgTotalScore, const Settings& settings) {
  EligibilityResult result;
  const std::vector<Lesion> none;
  const std::vector<Lesion>& lesions = baseline.lesions ? *baseline.lesions : none;
  const bool anyMibgUptake =
      mibgTotalScore.value_or(0) > 0 ||
      std::any_of(lesions.begin(), lesions.end(), [](const Lesion& l) { return l.mibgAvid; });

  for (const Lesion& lesion : lesions) {
    std::string how;
    if (!meetsSize(lesion, settings, how)) {
      continue;
    }
    const bool uptake =
        settings.eligibilityRequiresCoLocalisedUptake ? lesion.mibgAvid : anyMibgUptake;
    if (uptake) {
      result.criterion1 = true;
      result.reasons.push_back(
          {"Eligibility criterion 1", kSource,
           "Lesion '" + lesion.trackingId + "' (" + lesion.organ + ") has " + how + " and " +
               (settings.eligibilityRequiresCoLocalisedUptake
                    ? "is itself MIBG-avid."
                    : "the patient has MIBG uptake (co-localisation not required by setting).")});
      break;
    }
  }
  if (!result.criterion1 && settings.eligibilityBoneOnlyMibgCounts &&
      mibgSkeletalScore.value_or(0) > 0) {
    result.criterion1 = true;
    result.reasons.push_back({"Eligibility criterion 1", kSource,
                              "MIBG bone disease (skeletal score " +
                                  std::to_string(*mibgSkeletalScore) +
                                  ") accepted without a CT/MRI lesion by setting (Q17)."});
  }
  if (!result.criterion1) {
    result.reasons.push_back(
        {"Eligibility criterion 1", kSource,
         "Not met: no CT/MRI lesion of at least 10 mm that is MIBG-avid" +
             std::string(mibgSkeletalScore.value_or(0) > 0
                             ? " (MIBG bone disease without a CT/MRI lesion does not count by "
                               "default, Q17)."
                             : ".")});
  }

  const int fdgBone = baseline.fdgPet ? baseline.fdgPet->avidBoneLesions : 0;
  const auto fdgLesions =
      std::count_if(lesions.begin(), lesions.end(), [](const Lesion& l) { return l.fdgAvid; });
  result.criterion2 = fdgBone > 0 || fdgLesions > 0;
  result.reasons.push_back(
      {"Eligibility criterion 2", kSource,
       result.criterion2
           ? "Met: FDG-PET shows increased uptake (" + std::to_string(fdgLesions) +
                 " FDG-avid soft-tissue lesion(s), " + std::to_string(fdgBone) +
                 " FDG-avid bone lesion(s))."
           : std::string(baseline.fdgPet ? "Not met: FDG-PET shows no FDG-avid disease."
                                         : "Not met: no FDG-PET at baseline.")});

  const bool marrowInvolved =
      baseline.marrow &&
      std::any_of(baseline.marrow->samples.begin(), baseline.marrow->samples.end(),
                  [](const MarrowSample& s) { return s.infiltrationPercent > 0.0; });
  const bool otherDisease = !lesions.empty() || anyMibgUptake || result.criterion2;
  if (marrowInvolved && !otherDisease) {
    if (baseline.marrow->pathologyConfirmed) {
      result.reasons.push_back({"Exclusion: marrow-only disease", kSource,
                                "Disease is in the bone marrow only, but pathology confirms it, "
                                "so the exclusion does not apply."});
    } else {
      result.marrowOnlyWithoutPathology = true;
      result.reasons.push_back({"Exclusion: marrow-only disease", kSource,
                                "Excluded: the only disease is bone marrow infiltration, with no "
                                "lesion on CT/MRI, MIBG or FDG-PET and no confirmatory "
                                "pathology."});
    }
  }
  result.eligible = (result.criterion1 || result.criterion2) && !result.marrowOnlyWithoutPathology;
  result.reasons.push_back(
      {"Eligibility decision", kSource,
       result.eligible ? "Eligible on imaging: measurable residual disease shown by criterion " +
                             std::string(result.criterion1 ? "1" : "2") + "."
                       : std::string("Not eligible on imaging.")});
  return result;
}

}  // namespace nbra::scoring
