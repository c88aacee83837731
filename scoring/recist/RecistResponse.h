#pragma once

#include <string>
#include <vector>

#include "scoring/model/Response.h"
#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// What RECIST 1.1 needs at one follow-up (lengths in tenths of mm).
struct RecistInputs {
  bool hasTargets = false;
  Tenths baselineSum = 0;
  Tenths nadirSum = 0;  // smallest earlier sum, baseline included
  Tenths currentSum = 0;
  bool targetsAllResolved = false;  // non-nodal targets 0 mm and target nodes short axis < 10 mm
  bool hasNonTargets = false;
  bool nonTargetsAllResolved = false;  // likewise for non-targets
  int newLesions = 0;
  std::vector<std::string> notEvaluable;  // tracking ids of lesions the reader could not measure
};

// RECIST 1.1 time-point response (RECIST Table 4; clinical-rules.md 4): any new lesion or SoD
// PD (>= 20 % over nadir and >= 5 mm) -> PD; target CR with non-targets gone -> CR; target CR with
// non-targets present, or >= 30 % SoD decrease vs baseline -> PR; otherwise SD. Without targets,
// non-target-only disease is CR when gone, otherwise reported as SD (RECIST "non-CR/non-PD").
// NI when there was no lesion to follow. Unequivocal non-target progression is a reader judgment
// the model does not capture.
ComponentResult recistResponse(const RecistInputs& in);

// The reason given when lesions could not be evaluated (RECIST: the response is then NE unless
// a new lesion already shows progression); shared with the INRC soft-tissue component.
std::string notEvaluableText(const std::vector<std::string>& trackingIds);

}  // namespace nbra::scoring
