#pragma once

// Trial results written by hand (not gathered from a record) with known numbers, for the plot
// tests and the docs/plot-*.png figures: seven subjects, four NK and three CONTROL; NB-003 has
// no MIBG-avid disease (no Curie score), NB-007 has only its baseline.

#include <initializer_list>

#include "workflow/results/TrialResults.h"

namespace nbra::testing {

struct FollowUp {
  const char* label;
  int day;
  const char* response;
  double sodChange;
  std::optional<double> curieChange;
};

inline workflow::SubjectResult resultSubject(const char* id, const char* arm, int daysOnStudy,
                                             std::vector<int> injections,
                                             std::initializer_list<FollowUp> followUps,
                                             const char* best, std::optional<double> bestSod,
                                             std::optional<double> bestCurie) {
  workflow::SubjectResult s;
  s.studyId = id;
  s.armCode = arm;
  s.armName =
      QString(arm) == "NK" ? "Allogeneic NK cells after chemotherapy" : "Conventional treatment";
  s.start = QDate(2026, 1, 5);
  s.daysOnStudy = daysOnStudy;
  s.injectionDays = std::move(injections);
  workflow::ResultPoint baseline;
  baseline.label = "baseline";
  baseline.date = s.start.addDays(-4);
  baseline.dayOnStudy = -4;
  baseline.sumOfDiametersMm = 80.0;
  if (bestCurie)
    baseline.curieTotal = 10;
  s.points.push_back(baseline);
  for (const FollowUp& f : followUps) {
    workflow::ResultPoint p;
    p.label = f.label;
    p.dayOnStudy = f.day;
    p.date = s.start.addDays(f.day);
    p.response = QString(f.response);
    p.sumOfDiametersChangePercent = f.sodChange;
    p.sumOfDiametersMm = 80.0 * (1.0 + f.sodChange / 100.0);
    p.curieChangePercent = f.curieChange;
    s.points.push_back(p);
  }
  if (best)
    s.bestResponse = QString(best);
  s.bestSumOfDiametersChangePercent = bestSod;
  s.bestCurieChangePercent = bestCurie;
  return s;
}

inline workflow::ArmSummary armSummary(const char* code, const char* name, int subjects,
                                       int assessed, std::map<QString, int> counts, int orr,
                                       double orrLow, double orrHigh, int orrMr, double mrLow,
                                       double mrHigh) {
  workflow::ArmSummary a;
  a.armCode = code;
  a.armName = name;
  a.subjects = subjects;
  a.assessed = assessed;
  for (const char* c : {"CR", "PR", "MR", "SD", "PD", "NE"})
    a.bestResponseCounts[c] = counts.count(c) ? counts[c] : 0;
  a.objectiveResponse =
      workflow::RateWithInterval{orr, assessed, double(orr) / assessed, orrLow, orrHigh};
  a.objectiveResponseWithMinor =
      workflow::RateWithInterval{orrMr, assessed, double(orrMr) / assessed, mrLow, mrHigh};
  return a;
}

inline workflow::TrialResults handMadeResults() {
  workflow::TrialResults r;
  r.ruleSetVersion = "inrc2017-test";
  r.auditHeadSeq = 412;
  r.madeUtc = "2026-09-30T14:05:00Z";
  r.subjects = {
      resultSubject("NB-001", "NK", 175, {0, 14, 28, 119, 133},
                    {{"post-course-2", 56, "PR", -34.0, -40.0},
                     {"post-course-4", 112, "PR", -58.0, -70.0},
                     {"end-of-treatment", 168, "CR", -100.0, -100.0}},
                    "CR", -100.0, -100.0),
      resultSubject(
          "NB-002", "CONTROL", 120, {0, 21, 42},
          {{"post-course-2", 56, "SD", 8.0, 5.0}, {"post-course-4", 112, "PD", 26.0, 40.0}}, "SD",
          8.0, 5.0),
      resultSubject("NB-003", "NK", 150, {0, 14, 28, 98, 112},
                    {{"post-course-2", 56, "PR", -31.0, std::nullopt},
                     {"post-course-4", 112, "PR", -45.0, std::nullopt}},
                    "PR", -45.0, std::nullopt),
      resultSubject(
          "NB-004", "CONTROL", 140, {0, 21, 42, 63},
          {{"post-course-2", 56, "SD", -12.0, -30.0}, {"post-course-4", 112, "MR", -18.0, -55.0}},
          "MR", -18.0, -55.0),
      resultSubject("NB-005", "NK", 70, {0, 14, 28}, {{"post-course-2", 56, "PD", 35.0, 60.0}},
                    "PD", 35.0, 60.0),
      resultSubject(
          "NB-006", "CONTROL", 130, {0, 21, 42},
          {{"post-course-2", 56, "PR", -38.0, -50.0}, {"post-course-4", 112, "PR", -41.0, -60.0}},
          "PR", -41.0, -60.0),
      resultSubject("NB-007", "NK", 21, {0, 14}, {}, nullptr, std::nullopt, std::nullopt),
  };
  r.arms = {
      armSummary("NK", "Allogeneic NK cells after chemotherapy", 4, 3,
                 {{"CR", 1}, {"PR", 1}, {"PD", 1}}, 2, 0.094299, 0.991596, 2, 0.094299, 0.991596),
      armSummary("CONTROL", "Conventional treatment", 3, 3, {{"PR", 1}, {"MR", 1}, {"SD", 1}}, 1,
                 0.008403, 0.905701, 2, 0.094299, 0.991596),
  };
  r.notes = {
      "NB-007 has no assessed follow-up: left out of the response rates, the waterfalls "
      "and the spider plot",
      "NB-003 has no MIBG-avid disease: no Curie score, left out of the Curie waterfall"};
  return r;
}

// The same subjects before any follow-up: every plot but the swimmer has nothing to draw.
inline workflow::TrialResults baselineOnlyResults() {
  workflow::TrialResults r = handMadeResults();
  for (workflow::SubjectResult& s : r.subjects) {
    s.points.resize(1);
    s.bestResponse.reset();
    s.bestSumOfDiametersChangePercent.reset();
    s.bestCurieChangePercent.reset();
  }
  for (workflow::ArmSummary& a : r.arms) {
    a.assessed = 0;
    for (auto& [category, count] : a.bestResponseCounts)
      count = 0;
    a.objectiveResponse.reset();
    a.objectiveResponseWithMinor.reset();
  }
  r.notes = {"no subject has an assessed follow-up yet"};
  return r;
}

}  // namespace nbra::testing
