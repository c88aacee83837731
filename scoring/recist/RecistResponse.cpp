#include "scoring/recist/RecistResponse.h"

#include "scoring/recist/SizeChange.h"

namespace nbra::scoring {

namespace {
constexpr const char* kRule = "RECIST 1.1 time-point response";
constexpr const char* kSource = "RECIST";

ComponentResult make(Response response, std::string text) {
  return {response, {{kRule, kSource, std::move(text)}}};
}
}  // namespace

std::string notEvaluableText(const std::vector<std::string>& trackingIds) {
  std::string ids;
  for (const std::string& id : trackingIds) {
    ids += (ids.empty() ? "'" : ", '") + id + "'";
  }
  return "Lesion " + ids +
         " could not be evaluated at this timepoint: without it neither a "
         "response nor progression of the lesions can be judged (RECIST: not evaluable).";
}

ComponentResult recistResponse(const RecistInputs& in) {
  if (in.newLesions > 0) {
    return make(Response::PD, std::to_string(in.newLesions) +
                                  " new lesion(s) on CT/MRI: any new lesion is progression.");
  }
  if (!in.notEvaluable.empty()) {
    return make(Response::NE, notEvaluableText(in.notEvaluable));
  }
  if (!in.hasTargets && !in.hasNonTargets) {
    return make(Response::NI, "No non-primary lesion at baseline and none new.");
  }
  const std::string sums = "sum of diameters " + formatTenths(in.currentSum) + " mm (baseline " +
                           formatTenths(in.baselineSum) + " mm, nadir " +
                           formatTenths(in.nadirSum) + " mm)";
  if (in.hasTargets && recistProgression(in.nadirSum, in.currentSum)) {
    return make(Response::PD, sums + ": " + formatPercentChange(in.nadirSum, in.currentSum) +
                                  " and " + formatTenths(in.currentSum - in.nadirSum) +
                                  " mm over the nadir, at least 20 % and at least 5 mm.");
  }
  const bool nonTargetsGone = !in.hasNonTargets || in.nonTargetsAllResolved;
  if (!in.hasTargets) {
    return nonTargetsGone
               ? make(Response::CR, "All non-target lesions resolved and no new lesion.")
               : make(Response::SD,
                      "Non-target lesions persist without new lesions (RECIST non-CR/non-PD).");
  }
  if (in.targetsAllResolved) {
    return nonTargetsGone
               ? make(Response::CR,
                      "All target and non-target lesions resolved (nodes short "
                      "axis < 10 mm) and no new lesion.")
               : make(Response::PR, "All target lesions resolved but non-target lesions persist.");
  }
  if (atLeastThirtyPercentSmaller(in.baselineSum, in.currentSum)) {
    return make(Response::PR, sums + ": " + formatPercentChange(in.baselineSum, in.currentSum) +
                                  " vs baseline, a decrease of at least 30 %.");
  }
  return make(Response::SD, sums +
                                ": neither a 30 % decrease vs baseline nor a 20 % and 5 mm "
                                "increase over the nadir.");
}

}  // namespace nbra::scoring
