#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nbra::scoring {

// How a subject's best overall response is drawn from the INRC overall responses of the
// follow-up assessments ("CR", "PR", "MR", "SD", "PD", "NE"), taken in date order.
//
// The best overall response is the best category over those assessments, ranked
// CR > PR > MR > SD > PD > NE. PD counts like any other category (a subject whose only evaluable
// assessment is PD has best response PD); NE is the answer only when nothing else was recorded.
// No confirmation by a later assessment is required: clinical-rules.md 4 asks for it only where
// response is the primary endpoint of a non-randomised trial, and NBRA's trial allocates its
// subjects at random (AllocationList.h).
struct BestResponseSettings {
  // Assessments after the first PD do not count. This is the RECIST convention of recording the
  // best response from the start of treatment until progression (RECIST 1.0 says "until disease
  // progression/recurrence"; RECIST 1.1 says "until the end of treatment", which progression
  // ends): a later CR or PR would be a response to whatever treatment followed, not to the
  // trial's. Off, every assessment counts.
  bool stopsAtProgression = true;
};

// The best overall response, or nullopt when there is no assessment. Throws
// std::invalid_argument naming a category that is not one of the six above.
std::optional<std::string> bestOverallResponse(const std::vector<std::string>& responsesInDateOrder,
                                               const BestResponseSettings& settings = {});

// The rank of a category: CR 5, PR 4, MR 3, SD 2, PD 1, NE 0 (higher is better). Throws
// std::invalid_argument naming an unknown category.
int responseRank(const std::string& category);

// An objective response: CR or PR, and MR too when countMinorResponse (INRC 2017 adds MR, which
// a trial may or may not count as a response). Throws std::invalid_argument naming an unknown
// category.
bool isObjectiveResponse(const std::string& category, bool countMinorResponse);

}  // namespace nbra::scoring
