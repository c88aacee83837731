#pragma once

#include <filesystem>
#include <string>

#include "data-samples/generator/Subjects.h"

namespace nbra::synthetic {

// `case.json`: the subject's readings in the input format of `nbra-cli assess`
// (scoring/schema/case.schema.json) — what a perfect reader would record.
std::string caseJson(const SubjectSpec& subject);

// `truth.json`: everything else a test or a newcomer needs — lesion positions and sizes in
// patient coordinates, Curie and SIOPEN per segment, SUVmax per lesion, the PET dose, the CT
// grid, and the expected assessment, eligibility and extra-dose decision.
std::string truthJson(const SubjectSpec& subject, std::uint64_t seed);

// Curie score of one segment (1..10) and SIOPEN score of one segment (0..11) at a timepoint.
int curieScore(const TimepointSpec& timepoint, int segment);
int siopenScore(const TimepointSpec& timepoint, int segment);

}  // namespace nbra::synthetic
