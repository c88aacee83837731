#include "scoring/recist/TargetSelection.h"

#include <map>

#include "scoring/model/Tenths.h"
#include "scoring/recist/Measurability.h"

namespace nbra::scoring {

std::string targetOrganKey(const Lesion& lesion) {
  return lesion.isLymphNode ? std::string("lymph nodes") : lesion.organ;
}

std::vector<TargetSelectionProblem> targetSelectionProblems(const std::vector<Lesion>& baseline) {
  std::vector<TargetSelectionProblem> problems;
  std::map<std::string, int> perOrgan;
  int targets = 0;
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    const Lesion& lesion = baseline[i];
    if (lesion.isPrimary || lesion.role != LesionRole::Target) {
      continue;
    }
    const int index = static_cast<int>(i);
    const Tenths shortAxis = toTenths(lesion.shortAxisMm.value_or(0.0));
    const Measurability m = recistMeasurability(lesion.isLymphNode, toTenths(lesion.longAxisMm),
                                                shortAxis, toTenths(lesion.sliceThicknessMm));
    if (!isMeasurable(m)) {
      const std::string size =
          lesion.isLymphNode
              ? "short axis " + formatTenths(shortAxis) + " mm (a target node needs >= 15.0 mm)"
              : "long axis " + formatTenths(toTenths(lesion.longAxisMm)) +
                    " mm (a target needs >= " +
                    formatTenths(minimumMeasurableTenths(toTenths(lesion.sliceThicknessMm))) +
                    " mm on " + formatTenths(toTenths(lesion.sliceThicknessMm)) + " mm slices)";
      problems.push_back({index, "lesion '" + lesion.trackingId + "' is a target but is a " +
                                     std::string(measurabilityName(m)) + ": " + size +
                                     " (RECIST 1.1 measurability)"});
    }
    ++targets;
    if (targets == kMaxTargets + 1) {
      problems.push_back({index, "lesion '" + lesion.trackingId + "' is target number " +
                                     std::to_string(targets) +
                                     "; RECIST 1.1 allows at most 5 target lesions"});
    }
    const std::string organ = targetOrganKey(lesion);
    if (++perOrgan[organ] == kMaxTargetsPerOrgan + 1) {
      problems.push_back({index, "lesion '" + lesion.trackingId + "' is the third target in '" +
                                     organ +
                                     "'; RECIST 1.1 allows at most 2 targets per organ (all "
                                     "lymph nodes count as one organ)"});
    }
  }
  return problems;
}

}  // namespace nbra::scoring
