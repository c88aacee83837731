#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "scoring/curie/CurieScore.h"
#include "scoring/model/Response.h"
#include "scoring/model/Tenths.h"
#include "scoring/model/Timepoint.h"
#include "scoring/model/Validation.h"
#include "scoring/settings/Settings.h"
#include "scoring/trial/Dose.h"
#include "scoring/trial/Eligibility.h"
#include "scoring/trial/ExtraDoses.h"

namespace nbra::scoring {

// INRC 2017 and RECIST 1.1 results of one follow-up against the baseline.
struct ResponseAssessment {
  ComponentResult primary;
  ComponentResult softTissue;
  ComponentResult bone;
  ComponentResult metastatic;
  ComponentResult marrow;
  ComponentResult overall;
  ComponentResult recist;  // RECIST 1.1 on the non-primary lesions, for reference
};

// Scores and measurements of one timepoint; `response` for follow-ups only.
struct TimepointAssessment {
  int index = 0;
  std::string label;
  TimepointKind kind = TimepointKind::FollowUp;
  std::chrono::year_month_day date{};
  int injectionsBefore = 0;
  std::optional<CurieScores> curie;
  std::optional<int> siopenTotal;
  std::optional<Tenths> primaryTenths;    // sum of the primary's longest diameters
  std::optional<Tenths> targetSumTenths;  // RECIST sum of diameters of non-primary targets
  std::optional<Tenths> marrowPercentTenths;
  std::optional<ResponseAssessment> response;
};

struct Assessment {
  std::string ruleSetVersion;
  std::string subjectId;
  Settings settings;
  bool mibgAvidDisease = true;  // false: FDG-PET replaces MIBG (PARK17, PDQ)
  Reasons diseaseTypeReasons;
  EligibilityResult eligibility;
  std::vector<TimepointAssessment> timepoints;
  ExtraDoseResult extraDoses;
  DoseResult dose;
};

struct AssessOutcome {
  std::vector<InputError> errors;  // non-empty: the case was not assessed
  std::optional<Assessment> assessment;
};

// Validates the case, then applies every rule. Pure function of its input.
AssessOutcome assessCase(const Case& input);

}  // namespace nbra::scoring
