#pragma once

#include <string>
#include <vector>

#include "scoring/model/Lesion.h"

namespace nbra::scoring {

// RECIST 1.1 target selection limits (RECIST; EORTC FAQ; PARK17 Table 2 follows them):
// at most 5 targets, at most 2 per organ, all lymph nodes together one organ; each target must be
// measurable. The primary tumour is not a target (INRC assesses it separately, PARK17 Table 1).
inline constexpr int kMaxTargets = 5;
inline constexpr int kMaxTargetsPerOrgan = 2;

struct TargetSelectionProblem {
  int lesionIndex = 0;  // index in the baseline lesion list
  std::string message;
};

// The organ key a target counts against: "lymph nodes" for every node, else the organ name.
std::string targetOrganKey(const Lesion& lesion);

// Problems with the reader's target selection at baseline (validated lengths assumed).
std::vector<TargetSelectionProblem> targetSelectionProblems(const std::vector<Lesion>& baseline);

}  // namespace nbra::scoring
