#include "scoring/inrc/SoftTissueResponse.h"

#include "scoring/recist/RecistResponse.h"
#include "scoring/recist/SizeChange.h"

namespace nbra::scoring {

namespace {
constexpr const char* kRule = "INRC metastatic soft tissue";
constexpr const char* kSource = "PARK17 Table 2";

ComponentResult make(Response response, std::string text) {
  return {response, {{kRule, kSource, std::move(text)}}};
}
}  // namespace

ComponentResult softTissueResponse(const SoftTissueInputs& in) {
  if (in.newQualifyingLesions > 0) {
    return make(Response::PD, std::to_string(in.newQualifyingLesions) +
                                  " new soft-tissue lesion(s) that are MIBG- or FDG-avid or "
                                  "biopsy-proven: progression.");
  }
  const std::string newOther =
      std::to_string(in.newOtherLesions) +
      " new lesion(s) that are neither MIBG-/FDG-avid nor biopsy-proven: not progression, but "
      "no complete or partial response is possible with a new lesion.";
  if (!in.baselineImaged) {
    return make(Response::NE,
                "No CT/MRI at baseline: whether non-primary soft-tissue disease was present is "
                "unknown, so it can be neither assessed nor called not involved.");
  }
  if (!in.involvedAtBaseline) {
    if (in.newOtherLesions > 0) {
      return make(Response::SD, newOther);
    }
    return make(Response::NI, "No non-primary soft-tissue lesion at baseline and none new.");
  }
  if (!in.notEvaluable.empty()) {
    return make(Response::NE, notEvaluableText(in.notEvaluable));
  }
  if (!in.currentSum) {
    return make(Response::NE, "No CT/MRI at this timepoint.");
  }
  const Tenths now = *in.currentSum;
  const std::string sums = "Sum of diameters of the target lesions " + formatTenths(now) +
                           " mm (baseline " + formatTenths(in.baselineSum) + " mm, nadir " +
                           formatTenths(in.nadirSum) + " mm)";
  if (in.hasTargets && inrcProgression(in.nadirSum, now)) {
    return make(Response::PD, sums + ": " + formatTenths(now - in.nadirSum) + " mm (" +
                                  formatPercentChange(in.nadirSum, now) +
                                  ") over the nadir, more than 20 % and at least 5 mm.");
  }
  if (in.newOtherLesions > 0) {
    return make(Response::SD, newOther);
  }
  if (!in.uptakeRemaining) {
    return make(Response::NE, "No " + in.functionalModality +
                                  " scan at this timepoint to judge uptake in the lesions.");
  }
  if (in.allBelowCrLimits && !*in.uptakeRemaining) {
    return make(Response::CR,
                "Every non-primary lesion is below 10 mm (lymph nodes below the "
                "short-axis limit) and " +
                    in.functionalModality + " uptake has resolved.");
  }
  if (!in.hasTargets) {
    return make(Response::SD,
                "Only non-target lesions, still present: no measurable sum to "
                "show a partial response.");
  }
  if (atLeastThirtyPercentSmaller(in.baselineSum, now)) {
    if (!in.nonTargetsStableOrSmaller) {
      return make(Response::SD, sums +
                                    ": at least 30 % smaller, but a non-target lesion grew, "
                                    "so it is not a partial response.");
    }
    return make(Response::PR, sums + ": " + formatPercentChange(in.baselineSum, now) +
                                  " vs baseline, a decrease of at least 30 %, non-target lesions "
                                  "stable or smaller, no new lesion.");
  }
  return make(Response::SD, sums + ": " + formatPercentChange(in.baselineSum, now) +
                                " vs baseline, neither a 30 % decrease nor progression.");
}

}  // namespace nbra::scoring
