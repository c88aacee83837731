#include "scoring/model/Validation.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "scoring/curie/CurieSegment.h"
#include "scoring/model/Tenths.h"
#include "scoring/recist/TargetSelection.h"
#include "scoring/siopen/SiopenScore.h"

namespace nbra::scoring {

namespace {

// Plausibility limits for values no rule bounds itself. A body weight or a lesion length beyond
// them is a typing error (an extra digit, a value in the wrong unit), and the dose product
// (clinical-rules.md 8) must stay an exact integer number of cells; such input is refused, not
// clamped.
constexpr double kMaxWeightKg = 1000.0;
constexpr double kMaxLengthMm = 1000.0;
constexpr double kMaxAgeYears = 150.0;

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  if (!isOnTenthGrid(value)) {
    std::snprintf(buffer, sizeof buffer, "%g", value);
  }
  return buffer;
}

std::string dateText(std::chrono::year_month_day d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

class Checker {
 public:
  void error(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }

  // A length or percentage the rules compare exactly: finite, 0 to `limit`, on the 0.1 grid.
  bool tenths(const std::string& field, double value, const char* unit, double limit) {
    if (!std::isfinite(value)) {
      error(field, "is not a finite number");
      return false;
    }
    if (value < 0.0) {
      error(field, number(value) + " " + unit + " is negative");
      return false;
    }
    if (value > limit) {
      char bound[32];
      std::snprintf(bound, sizeof bound, "%g", limit);
      error(field, number(value) + " " + unit + " is more than " + bound + " " + unit +
                       ", the largest value accepted");
      return false;
    }
    if (!isOnTenthGrid(value)) {
      error(field, number(value) + " " + unit + " has more than one decimal; give it to 0.1 " +
                       unit + " (values are compared exactly, never rounded)");
      return false;
    }
    return true;
  }

  void count(const std::string& field, int value) {
    if (value < 0) {
      error(field, std::to_string(value) + " is negative; a count must be 0 or more");
    }
  }

  std::vector<InputError> take() { return std::move(errors_); }

 private:
  std::vector<InputError> errors_;
};

void checkSubject(const Subject& subject, Checker& c) {
  if (subject.id.empty()) {
    c.error("subject.id", "is empty; every assessment must name its subject");
  }
  if (!subject.weightKg) {
    c.error("subject.weightKg",
            "is missing; the pre-infusion weight is needed for the dose (5 x 10^6 NK cells/kg)");
  } else {
    const double w = *subject.weightKg;
    const double hundredths = w * 100.0;
    if (!std::isfinite(w) || w <= 0.0) {
      c.error("subject.weightKg", number(w) + " kg is not a positive weight");
    } else if (w > kMaxWeightKg) {
      c.error("subject.weightKg",
              number(w) + " kg is more than 1000 kg; not a plausible body weight");
    } else if (std::fabs(hundredths - std::round(hundredths)) > 1e-6) {
      c.error("subject.weightKg", number(w) + " kg has more than two decimals; give it to 0.01 kg");
    }
  }
  if (subject.ageYears && (!std::isfinite(*subject.ageYears) || *subject.ageYears < 0.0 ||
                           *subject.ageYears > kMaxAgeYears)) {
    c.error("subject.ageYears", number(*subject.ageYears) + " years is not a valid age");
  }
}

void checkLesion(const Lesion& lesion, const std::string& at, Checker& c) {
  if (lesion.trackingId.empty()) {
    c.error(at + ".trackingId", "is empty; lesions are followed by their tracking id");
  }
  if (lesion.organ.empty() && !lesion.isLymphNode) {
    c.error(at + ".organ", "is empty; target limits are counted per organ");
  }
  if (lesion.notEvaluable) {
    if (lesion.longAxisMm != 0.0 || lesion.shortAxisMm) {
      c.error(at + ".notEvaluable",
              "a lesion that could not be evaluated has no lengths; remove them or the flag");
    }
    return;
  }
  const bool longOk = c.tenths(at + ".longAxisMm", lesion.longAxisMm, "mm", kMaxLengthMm);
  if (lesion.shortAxisMm) {
    if (c.tenths(at + ".shortAxisMm", *lesion.shortAxisMm, "mm", kMaxLengthMm) && longOk &&
        toTenths(*lesion.shortAxisMm) > toTenths(lesion.longAxisMm)) {
      c.error(at + ".shortAxisMm", number(*lesion.shortAxisMm) +
                                       " mm is longer than the long axis " +
                                       number(lesion.longAxisMm) + " mm");
    }
  } else if (lesion.isLymphNode) {
    c.error(at + ".shortAxisMm", "is missing; RECIST measures lymph nodes by their short axis");
  }
  if (c.tenths(at + ".sliceThicknessMm", lesion.sliceThicknessMm, "mm", kMaxLengthMm) &&
      lesion.sliceThicknessMm <= 0.0) {
    c.error(at + ".sliceThicknessMm",
            "0.0 mm is not a slice thickness; give that of the series the caliper was drawn on");
  }
}

void checkLesions(const Case& input, Checker& c) {
  const Timepoint& baseline = input.timepoints.front();
  std::map<std::string, const Lesion*> atBaseline;
  if (baseline.lesions) {
    const auto& lesions = *baseline.lesions;
    for (std::size_t i = 0; i < lesions.size(); ++i) {
      const Lesion& lesion = lesions[i];
      const std::string at = "timepoints[0].lesions[" + std::to_string(i) + "]";
      checkLesion(lesion, at, c);
      if (lesion.isNew) {
        c.error(at + ".isNew", "is true at the baseline; nothing can be new before treatment");
      }
      if (lesion.notEvaluable) {
        c.error(at + ".notEvaluable",
                "is true at the baseline; every baseline lesion is measured (it is the reference)");
      }
      if (lesion.isPrimary && isOnTenthGrid(lesion.longAxisMm) &&
          toTenths(lesion.longAxisMm) == 0) {
        c.error(at + ".longAxisMm",
                "0.0 mm for the primary tumour at baseline; list a primary only if it is present");
      }
      if (!atBaseline.emplace(lesion.trackingId, &lesion).second) {
        c.error(at + ".trackingId", "'" + lesion.trackingId + "' is used twice at the baseline");
      }
    }
  }
  bool baselineLengthsOk = true;
  {
    Checker probe;
    if (baseline.lesions) {
      for (std::size_t i = 0; i < baseline.lesions->size(); ++i) {
        checkLesion((*baseline.lesions)[i], "x", probe);
      }
    }
    baselineLengthsOk = probe.take().empty();
  }
  if (baseline.lesions && baselineLengthsOk) {
    for (const auto& problem : targetSelectionProblems(*baseline.lesions)) {
      c.error("timepoints[0].lesions[" + std::to_string(problem.lesionIndex) + "].role",
              problem.message);
    }
  }
  for (std::size_t t = 1; t < input.timepoints.size(); ++t) {
    const Timepoint& tp = input.timepoints[t];
    if (!tp.lesions) {
      continue;
    }
    std::set<std::string> seen;
    const std::string tpAt = "timepoints[" + std::to_string(t) + "]";
    for (std::size_t i = 0; i < tp.lesions->size(); ++i) {
      const Lesion& lesion = (*tp.lesions)[i];
      const std::string at = tpAt + ".lesions[" + std::to_string(i) + "]";
      checkLesion(lesion, at, c);
      if (!seen.insert(lesion.trackingId).second) {
        c.error(at + ".trackingId", "'" + lesion.trackingId + "' is used twice at this timepoint");
      }
      const auto found = atBaseline.find(lesion.trackingId);
      if (lesion.isNew && lesion.notEvaluable) {
        c.error(at + ".notEvaluable", "lesion '" + lesion.trackingId +
                                          "' is new: a new lesion is reported, not evaluated");
      }
      if (found == atBaseline.end()) {
        if (!lesion.isNew) {
          c.error(at + ".isNew", "lesion '" + lesion.trackingId +
                                     "' is not in the baseline, so it must be marked new");
        }
        if (lesion.isPrimary) {
          c.error(at + ".isPrimary", "lesion '" + lesion.trackingId +
                                         "' is not in the baseline; a primary tumour cannot be "
                                         "new");
        }
        continue;
      }
      const Lesion& base = *found->second;
      if (lesion.isNew) {
        c.error(at + ".isNew",
                "lesion '" + lesion.trackingId + "' is in the baseline, so it cannot be new");
      }
      if (lesion.isPrimary != base.isPrimary) {
        c.error(at + ".isPrimary",
                "differs from the baseline for lesion '" + lesion.trackingId + "'");
      }
      if (lesion.isLymphNode != base.isLymphNode) {
        c.error(at + ".isLymphNode",
                "differs from the baseline for lesion '" + lesion.trackingId + "'");
      }
      if (!lesion.isPrimary && lesion.role != base.role) {
        c.error(at + ".role", "differs from the baseline for lesion '" + lesion.trackingId +
                                  "'; targets are chosen once, at baseline (RECIST 1.1)");
      }
    }
    for (const auto& [id, base] : atBaseline) {
      if (!seen.count(id)) {
        c.error(tpAt + ".lesions", "baseline lesion '" + id +
                                       "' is missing; record it with 0 mm if it has disappeared");
      }
    }
  }
}

void checkMibg(const MibgReading& mibg, const std::string& at, bool isBaseline,
               const Settings& settings, Checker& c) {
  if (!mibg.curie && !mibg.siopen) {
    c.error(at, "has neither a Curie nor a SIOPEN score");
  }
  if (settings.boneScoreMethod == BoneScoreMethod::Curie && !mibg.curie) {
    c.error(at + ".curie", "is missing; settings.boneScoreMethod is Curie");
  }
  if (settings.boneScoreMethod == BoneScoreMethod::Siopen && !mibg.siopen) {
    c.error(at + ".siopen", "is missing; settings.boneScoreMethod is SIOPEN");
  }
  if (mibg.curie) {
    for (int i = 0; i < kCurieSegmentCount; ++i) {
      const CurieSegmentEntry& e = (*mibg.curie)[static_cast<std::size_t>(i)];
      const std::string segAt = at + ".curie[" + std::to_string(i) + "]";
      const std::string name = " (" + std::string(curieSegmentName(i)) + ")";
      if (!e.score && !e.lesionMarks && !e.diffuse) {
        c.error(segAt, "gives neither a score nor lesion marks" + name +
                           "; give a score (0-3), or marks (0 for none), or diffuse");
      }
      if (e.score && (e.lesionMarks || e.diffuse)) {
        c.error(segAt, "gives both a score and lesion marks" + name + "; give one or the other");
      }
      if (e.score && (*e.score < 0 || *e.score > kCurieMaxSegmentScore)) {
        c.error(segAt, "Curie score " + std::to_string(*e.score) + name +
                           " is outside 0-3 (ADY95: 0 none, 1 one site, 2 more, 3 diffuse)");
      }
      if (e.lesionMarks && *e.lesionMarks < 0) {
        c.error(segAt + ".marks", std::to_string(*e.lesionMarks) + name + " is negative");
      }
      if (e.primaryMarks != 0) {
        if (i != kCurieSegmentCount - 1) {
          c.error(segAt + ".primaryMarks", "only the soft-tissue segment can hold the primary");
        } else if (e.primaryMarks < 0 || e.primaryMarks > e.lesionMarks.value_or(0)) {
          c.error(segAt + ".primaryMarks",
                  std::to_string(e.primaryMarks) + " is not between 0 and the " +
                      std::to_string(e.lesionMarks.value_or(0)) + " marks of the segment");
        }
      }
    }
  }
  if (mibg.siopen) {
    for (int i = 0; i < kSiopenSegmentCount; ++i) {
      const int s = (*mibg.siopen)[static_cast<std::size_t>(i)];
      if (s < 0 || s > kSiopenMaxSegmentScore) {
        c.error(at + ".siopen[" + std::to_string(i) + "]",
                "SIOPEN score " + std::to_string(s) + " (" + std::string(siopenSegmentName(i)) +
                    ") is outside 0-6 (LEW17)");
      }
    }
  }
  c.count(at + ".newBoneSites", mibg.newBoneSites);
  if (isBaseline && mibg.newBoneSites != 0) {
    c.error(at + ".newBoneSites", "must be 0 at the baseline; nothing can be new before treatment");
  }
}

void checkTimepoint(const Timepoint& tp, std::size_t index, const Settings& settings, Checker& c) {
  const std::string at = "timepoints[" + std::to_string(index) + "]";
  const bool isBaseline = index == 0;
  if (!tp.date.ok()) {
    c.error(at + ".date", "is not a valid calendar date");
  }
  c.count(at + ".injectionsBefore", tp.injectionsBefore);
  if (isBaseline && tp.kind != TimepointKind::Baseline) {
    c.error(at + ".kind",
            "the first timepoint must be the baseline; a follow-up without a "
            "baseline cannot be assessed");
  }
  if (!isBaseline && tp.kind == TimepointKind::Baseline) {
    c.error(at + ".kind", "a second baseline; only the first timepoint is the baseline");
  }
  if (isBaseline && tp.injectionsBefore != 0) {
    c.error(at + ".injectionsBefore", std::to_string(tp.injectionsBefore) +
                                          " at the baseline; the baseline is before treatment");
  }
  if (tp.mibg) {
    checkMibg(*tp.mibg, at + ".mibg", isBaseline, settings, c);
  }
  if (tp.fdgPet) {
    c.count(at + ".fdgPet.avidBoneLesions", tp.fdgPet->avidBoneLesions);
    c.count(at + ".fdgPet.newAvidBoneLesions", tp.fdgPet->newAvidBoneLesions);
    if (isBaseline && tp.fdgPet->newAvidBoneLesions != 0) {
      c.error(at + ".fdgPet.newAvidBoneLesions", "must be 0 at the baseline");
    }
  }
  if (tp.marrow) {
    if (tp.marrow->samples.empty()) {
      c.error(at + ".marrow.samples", "is empty; give at least one aspirate or biopsy");
    }
    for (std::size_t i = 0; i < tp.marrow->samples.size(); ++i) {
      const std::string sAt = at + ".marrow.samples[" + std::to_string(i) + "].infiltrationPercent";
      const double p = tp.marrow->samples[i].infiltrationPercent;
      c.tenths(sAt, p, "%", 100.0);
    }
  }
}

}  // namespace

std::vector<InputError> validateCase(const Case& input) {
  Checker c;
  checkSubject(input.subject, c);
  for (const std::string& message : settingsErrors(input.settings)) {
    const auto colon = message.find(": ");
    c.error(message.substr(0, colon), message.substr(colon + 2));
  }
  if (input.timepoints.empty()) {
    c.error("timepoints", "is empty; at least the baseline is needed");
    return c.take();
  }
  for (std::size_t i = 0; i < input.timepoints.size(); ++i) {
    checkTimepoint(input.timepoints[i], i, input.settings, c);
    if (i > 0) {
      const Timepoint& prev = input.timepoints[i - 1];
      const Timepoint& tp = input.timepoints[i];
      const std::string at = "timepoints[" + std::to_string(i) + "]";
      if (tp.date.ok() && prev.date.ok() &&
          std::chrono::sys_days{tp.date} <= std::chrono::sys_days{prev.date}) {
        c.error(at + ".date", dateText(tp.date) + " is not after the previous timepoint (" +
                                  dateText(prev.date) + "); timepoints must be in date order");
      }
      if (tp.injectionsBefore < prev.injectionsBefore) {
        c.error(at + ".injectionsBefore",
                std::to_string(tp.injectionsBefore) + " is fewer than the " +
                    std::to_string(prev.injectionsBefore) + " of the previous timepoint");
      }
    }
  }
  if (input.timepoints.front().kind == TimepointKind::Baseline) {
    checkLesions(input, c);
  }
  return c.take();
}

}  // namespace nbra::scoring
