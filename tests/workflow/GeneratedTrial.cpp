#include "tests/workflow/GeneratedTrial.h"

#include <random>

#include "workflow/assessment/RecordAssessment.h"

namespace nbra::workflow::testing {

namespace {

using records::testing::kPassword;

// Baseline Curie scores of segments 1..9 (segment 0 is the head, left at 0); total 12.
constexpr int kBaselineCurie[10] = {0, 2, 2, 1, 2, 1, 1, 1, 1, 1};

records::ReadContent reading(double factor, int curieDrop, std::optional<double> marrowPercent,
                             const records::ReadContent& baseline, GeneratedTimepoint& drawn) {
  records::ReadContent c = baseline;
  if (marrowPercent) {
    // Marrow CR needs two aspirates and two biopsies (the rules' default): take both pairs.
    c.marrow = {{"aspirate", *marrowPercent, true},
                {"aspirate", *marrowPercent, true},
                {"biopsy", *marrowPercent, true},
                {"biopsy", *marrowPercent, true}};
  }
  c.mibg.clear();
  for (auto& l : c.lesions) {
    // Lengths to 0.1 mm, as a caliper gives them.
    l.longAxisMm = std::round(l.longAxisMm * factor * 10.0) / 10.0;
    if (l.shortAxisMm) {
      l.shortAxisMm = std::round(*l.shortAxisMm * factor * 10.0) / 10.0;
    }
    l.sopInstanceUid.clear();
    l.startMm.reset();
    l.endMm.reset();
  }
  drawn.targetSumMm = 0.0;
  for (const auto& l : c.lesions) {
    if (l.role == "target") {
      drawn.targetSumMm += l.isLymphNode ? l.shortAxisMm.value_or(0.0) : l.longAxisMm;
    }
  }
  drawn.curieTotal = 0;
  for (int s = 0; s < 10; ++s) {
    // The drop takes one point from each of the first `curieDrop` scored segments.
    int score = kBaselineCurie[s];
    if (score > 0 && curieDrop > 0) {
      --score;
      --curieDrop;
    }
    c.mibg.push_back({"curie", s, score, std::nullopt, false, 0});
    drawn.curieTotal += score;
  }
  c.mibgNewBoneSites = 0;
  return c;
}

}  // namespace

void generateTrial(GeneratedTrial& g, unsigned seed, bool armForEverySubject, int subjectCount) {
  auto& r = *g.trial.record;
  std::mt19937 rng(seed);
  // Drawn with plain modulo: a test fixture needs a fixed sequence, not an unbiased one.
  const auto draw = [&](int lo, int hi) { return lo + static_cast<int>(rng() % (hi - lo + 1)); };

  g.trial.as("coord");
  r.createAllocationList(seed, 4, subjectCount);
  const records::ReadContent baseline = records::testing::baselineRead();
  for (int i = 0; i < subjectCount; ++i) {
    GeneratedSubject s;
    s.studyId = QString("NB-%1").arg(101 + i);
    s.enrolled = QDate(2026, 1, 5).addDays(7 * i);
    // Born 2016-03-01 to 2018-05-20, repeating every 10 subjects: 7 to 9 years old at
    // enrolment, within the checklist's 2 to 16 years however many subjects a benchmark asks for.
    r.createSubject(
        {s.studyId, i % 2 ? "F" : "M", QDate(2016, 3, 1).addDays(90 * (i % 10)), std::nullopt});
    r.recordBodyMeasurement(s.studyId, s.enrolled, 20.0, std::nullopt);
    const int offsets[3] = {2, 40 + draw(0, 6), 100 + draw(0, 10)};
    const char* labels[3] = {"baseline", "after course 1", "after course 3"};
    for (int k = 0; k < 3; ++k) {
      GeneratedTimepoint tp{labels[k], s.enrolled.addDays(offsets[k]), 0.0, 0};
      r.addTimepoint(s.studyId, tp.label, k == 0 ? "baseline" : "follow-up", tp.date,
                     {QString("1.2.826.0.1.3680043.8.498.%1.%2").arg(101 + i).arg(k + 1)});
      s.timepoints.push_back(tp);
    }
    g.subjects.push_back(s);
  }
  g.trial.as("reader1");
  for (GeneratedSubject& s : g.subjects) {
    double factor = 1.0;
    for (std::size_t k = 0; k < s.timepoints.size(); ++k) {
      // The first follow-up 0.20..1.30 of the baseline, the second 0.60..1.15 of the first: a
      // course of disease, so that responses, stable disease and progression all occur.
      factor = k == 0 ? 1.0 : k == 1 ? draw(20, 130) / 100.0 : factor * draw(60, 115) / 100.0;
      const int drop = k == 0 ? 0 : draw(0, 9);
      // Marrow at a follow-up: cleared half the time, else 5 % or unchanged (12 and 15 %).
      const int m = draw(0, 3);
      const std::optional<double> marrow =
          k == 0 || m == 3 ? std::nullopt : std::optional<double>(m == 2 ? 5.0 : 0.0);
      const records::ReadContent content = reading(factor, drop, marrow, baseline, s.timepoints[k]);
      r.saveRead(s.studyId, s.timepoints[k].label, content);
      r.signRead(s.studyId, s.timepoints[k].label, kPassword);
    }
  }
  g.trial.as("inv");
  for (GeneratedSubject& s : g.subjects) {
    assessAndRecord(r, s.studyId, s.timepoints[0].label, {}, std::nullopt);
    r.confirmEligibility(s.studyId, true, "generated trial: eligible at baseline", kPassword);
  }
  // Enrolment after the signed imaging eligibility and eligibility checklist (answered from the
  // screening visit a week before), then the allocation, in the subjects' order.
  g.trial.as("coord");
  for (const GeneratedSubject& s : g.subjects) {
    records::testing::answerPassingChecklist(r, s.studyId, s.enrolled.addDays(-7));
  }
  g.trial.as("inv");
  for (const GeneratedSubject& s : g.subjects) {
    r.signChecklist(s.studyId, s.enrolled, records::testing::kChecklistSignReason, kPassword);
  }
  g.trial.as("coord");
  for (int i = 0; i < subjectCount; ++i) {
    GeneratedSubject& s = g.subjects[static_cast<std::size_t>(i)];
    r.enrol(s.studyId, s.enrolled, "Site 0" + QString::number(1 + i % 3));
    if (armForEverySubject || i < subjectCount - 1) {
      // Only the NK arm is injected (the control arm has conventional treatment alone).
      if (r.allocate(s.studyId) == "NK") {
        for (int day : {12, 33, 54}) {
          s.injections.push_back(s.enrolled.addDays(day));
        }
      }
    }
  }
  for (GeneratedSubject& s : g.subjects) {
    for (std::size_t n = 0; n < s.injections.size(); ++n) {
      const int number = static_cast<int>(n + 1);
      r.recordBodyMeasurement(s.studyId, s.injections[n], 20.0, std::nullopt);
      records::testing::prepareInjection(r, s.studyId, number, s.injections[n], 100'000'000);
      r.recordInjection(s.studyId, number, s.injections[n], 100'000'000);
    }
  }
  g.trial.as("inv");
  for (GeneratedSubject& s : g.subjects) {
    for (std::size_t k = 1; k < s.timepoints.size(); ++k) {
      assessAndRecord(r, s.studyId, s.timepoints[k].label, {}, std::nullopt);
    }
  }
  r.unmask("generated trial: results by arm", kPassword);
}

}  // namespace nbra::workflow::testing
