#include <algorithm>

#include "scoring/assessment/Assessment.h"
#include "scoring/curie/CurieScore.h"
#include "scoring/inrc/BoneResponse.h"
#include "scoring/inrc/MarrowResponse.h"
#include "scoring/inrc/MetastaticResponse.h"
#include "scoring/inrc/OverallResponse.h"
#include "scoring/inrc/PrimaryResponse.h"
#include "scoring/inrc/SoftTissueResponse.h"
#include "scoring/recist/RecistResponse.h"
#include "scoring/recist/SumOfDiameters.h"
#include "scoring/siopen/SiopenScore.h"
#include "scoring/version/RuleSetVersion.h"

namespace nbra::scoring {

namespace {

constexpr Tenths kTenMm = 100;

// Everything below runs on a validated case.
Tenths lengthOf(double mm) {
  return toTenths(mm);
}

Tenths diameterOf(const Lesion& l) {
  return recistDiameterTenths(l.isLymphNode, lengthOf(l.longAxisMm),
                              lengthOf(l.shortAxisMm.value_or(0.0)));
}

const Lesion* findLesion(const std::vector<Lesion>& lesions, const std::string& id) {
  for (const Lesion& l : lesions) {
    if (l.trackingId == id) {
      return &l;
    }
  }
  return nullptr;
}

std::optional<Tenths> primarySum(const Timepoint& tp) {
  if (!tp.lesions) {
    return std::nullopt;
  }
  Tenths sum = 0;
  bool any = false;
  for (const Lesion& l : *tp.lesions) {
    if (l.isPrimary) {
      if (l.notEvaluable) {
        return std::nullopt;  // no diameter to give: the primary response is NE
      }
      sum += lengthOf(l.longAxisMm);
      any = true;
    }
  }
  return any ? std::optional<Tenths>(sum) : std::nullopt;
}

std::optional<Tenths> targetSum(const Timepoint& tp, const std::vector<Lesion>& baseline) {
  if (!tp.lesions) {
    return std::nullopt;
  }
  std::vector<Tenths> diameters;
  for (const Lesion& base : baseline) {
    if (!base.isPrimary && base.role == LesionRole::Target) {
      const Lesion& now = *findLesion(*tp.lesions, base.trackingId);
      if (now.notEvaluable) {
        return std::nullopt;  // a sum without one of its targets is no sum (and no nadir)
      }
      diameters.push_back(diameterOf(now));
    }
  }
  return sumOfDiameters(diameters);
}

std::optional<Tenths> marrowMax(const Timepoint& tp) {
  if (!tp.marrow) {
    return std::nullopt;
  }
  Tenths highest = 0;
  for (const MarrowSample& s : tp.marrow->samples) {
    highest = std::max(highest, toTenths(s.infiltrationPercent));
  }
  return highest;
}

std::optional<int> boneScore(const TimepointAssessment& ta, const Settings& s) {
  if (s.boneScoreMethod == BoneScoreMethod::Curie) {
    return ta.curie ? std::optional<int>(ta.curie->skeletal) : std::nullopt;
  }
  return ta.siopenTotal;
}

template <typename T>
std::optional<T> minimumOf(const std::vector<TimepointAssessment>& tas, std::size_t upTo,
                           std::optional<T> (*get)(const TimepointAssessment&)) {
  std::optional<T> best;
  for (std::size_t i = 0; i < upTo; ++i) {
    const auto v = get(tas[i]);
    if (v && (!best || *v < *best)) {
      best = v;
    }
  }
  return best;
}

bool isAvidIn(const Lesion& l, bool mibg) {
  return mibg ? l.mibgAvid : l.fdgAvid;
}

class CaseAssessor {
 public:
  explicit CaseAssessor(const Case& input)
      : in_(input),
        s_(input.settings),
        baseline_(input.timepoints.front()),
        baselineLesions_(baseline_.lesions ? *baseline_.lesions : empty_) {}

  Assessment run() {
    Assessment a;
    a.ruleSetVersion = std::string(ruleSetVersion());
    a.subjectId = in_.subject.id;
    a.settings = s_;
    for (std::size_t i = 0; i < in_.timepoints.size(); ++i) {
      a.timepoints.push_back(scores(i));
    }
    decideDiseaseType(a);
    const TimepointAssessment& base = a.timepoints.front();
    a.eligibility = assessEligibility(
        baseline_, base.curie ? std::optional<int>(base.curie->skeletal) : base.siopenTotal,
        base.curie ? std::optional<int>(base.curie->total) : base.siopenTotal, s_);
    for (std::size_t i = 1; i < a.timepoints.size(); ++i) {
      a.timepoints[i].response = respond(a.timepoints, i);
    }
    a.extraDoses = extraDoseDecision(extraDoseInputs(a), s_);
    a.dose = nkCellDose(*in_.subject.weightKg);
    return a;
  }

 private:
  TimepointAssessment scores(std::size_t i) const {
    const Timepoint& tp = in_.timepoints[i];
    TimepointAssessment ta;
    ta.index = static_cast<int>(i);
    ta.label = tp.label;
    ta.kind = tp.kind;
    ta.date = tp.date;
    ta.injectionsBefore = tp.injectionsBefore;
    if (tp.mibg && tp.mibg->curie) {
      ta.curie = curieScores(*tp.mibg->curie, s_.curieSoftTissueIncludesPrimary);
    }
    if (tp.mibg && tp.mibg->siopen) {
      ta.siopenTotal = siopenTotal(*tp.mibg->siopen);
    }
    ta.primaryTenths = primarySum(tp);
    ta.targetSumTenths = targetSum(tp, baselineLesions_);
    ta.marrowPercentTenths = marrowMax(tp);
    return ta;
  }

  // PARK17/PDQ: FDG-PET replaces MIBG for MIBG-non-avid disease (clinical-rules.md 1.6).
  void decideDiseaseType(Assessment& a) {
    const TimepointAssessment& base = a.timepoints.front();
    const bool avidLesion = std::any_of(baselineLesions_.begin(), baselineLesions_.end(),
                                        [](const Lesion& l) { return l.mibgAvid; });
    const int total = base.curie ? base.curie->total : base.siopenTotal.value_or(0);
    const int siopen = base.siopenTotal.value_or(0);  // SIOPEN-only readings
    mibgAvid_ = avidLesion || total > 0 || siopen > 0;
    a.mibgAvidDisease = mibgAvid_;
    std::string text;
    if (mibgAvid_) {
      std::string scores;
      if (base.curie) {
        scores = "Curie score " + std::to_string(base.curie->total);
      }
      if (base.siopenTotal) {
        scores += (scores.empty() ? "" : ", ") + std::string("SIOPEN score ") +
                  std::to_string(*base.siopenTotal);
      }
      text = "MIBG-avid disease at baseline (" + (scores.empty() ? "no MIBG score" : scores) +
             (avidLesion ? "; MIBG-avid lesion on CT/MRI" : "") + "): response is judged on MIBG.";
    } else {
      text = std::string(baseline_.mibg ? "MIBG shows no uptake at baseline"
                                        : "No MIBG scan at baseline") +
             ": the disease is treated as MIBG-non-avid and FDG-PET replaces MIBG.";
    }
    a.diseaseTypeReasons.push_back({"MIBG-avid or MIBG-non-avid disease", "PARK17; PDQ", text});
  }

  std::string modality() const { return mibgAvid_ ? "MIBG" : "FDG-PET"; }

  bool functionalDone(const Timepoint& tp) const {
    return mibgAvid_ ? tp.mibg.has_value() : tp.fdgPet.has_value();
  }

  ResponseAssessment respond(const std::vector<TimepointAssessment>& tas, std::size_t i) const {
    const Timepoint& tp = in_.timepoints[i];
    ResponseAssessment r;
    r.primary = primaryResponse(primaryInputs(tas, i));
    r.softTissue = softTissueResponse(softTissueInputs(tas, i));
    r.bone = mibgAvid_ ? mibgBoneResponse(mibgBoneInputs(tas, i), s_)
                       : fdgBoneResponse(fdgBoneInputs(tp));
    r.metastatic = metastaticResponse(r.softTissue, r.bone);
    MarrowInputs marrow;
    marrow.baselinePercent = tas.front().marrowPercentTenths;
    marrow.currentPercent = tas[i].marrowPercentTenths;
    if (tp.marrow) {
      for (const MarrowSample& sample : tp.marrow->samples) {
        (sample.kind == MarrowSampleKind::Biopsy ? marrow.currentBiopsies
                                                 : marrow.currentAspirates)++;
      }
    }
    r.marrow = marrowResponse(marrow, s_);
    r.overall = overallResponse(r.primary.response, r.metastatic.response, r.marrow.response);
    r.recist = recist(tas, i);
    return r;
  }

  PrimaryInputs primaryInputs(const std::vector<TimepointAssessment>& tas, std::size_t i) const {
    const Timepoint& tp = in_.timepoints[i];
    PrimaryInputs p;
    p.functionalModality = modality();
    p.baselineImaged = baseline_.lesions.has_value();
    p.involvedAtBaseline = tas.front().primaryTenths.has_value();
    if (!p.involvedAtBaseline) {
      return p;
    }
    p.baselineTenths = *tas.front().primaryTenths;
    p.nadirTenths =
        *minimumOf<Tenths>(tas, i, [](const TimepointAssessment& t) { return t.primaryTenths; });
    p.currentTenths = tas[i].primaryTenths;
    p.notEvaluable =
        tp.lesions && std::any_of(tp.lesions->begin(), tp.lesions->end(),
                                  [](const Lesion& l) { return l.isPrimary && l.notEvaluable; });
    const auto avidPrimary = [&](const Timepoint& t) {
      return t.lesions && std::any_of(t.lesions->begin(), t.lesions->end(), [&](const Lesion& l) {
               return l.isPrimary && isAvidIn(l, mibgAvid_);
             });
    };
    p.avidAtBaseline = avidPrimary(baseline_);
    if (functionalDone(tp)) {
      p.avidNow = avidPrimary(tp);
    }
    return p;
  }

  SoftTissueInputs softTissueInputs(const std::vector<TimepointAssessment>& tas,
                                    std::size_t i) const {
    const Timepoint& tp = in_.timepoints[i];
    SoftTissueInputs st;
    st.functionalModality = modality();
    st.baselineImaged = baseline_.lesions.has_value();
    for (const Lesion& base : baselineLesions_) {
      if (!base.isPrimary) {
        st.involvedAtBaseline = true;
        st.hasTargets = st.hasTargets || base.role == LesionRole::Target;
      }
    }
    st.baselineSum = tas.front().targetSumTenths.value_or(0);
    st.nadirSum = minimumOf<Tenths>(tas, i, [](const TimepointAssessment& t) {
                    return t.targetSumTenths;
                  }).value_or(0);
    st.currentSum = tas[i].targetSumTenths;
    if (!tp.lesions) {
      return st;
    }
    const Tenths nodeLimit = Tenths{s_.crNodeShortAxisLimitMm} * 10;
    st.allBelowCrLimits = true;
    bool uptake = false;
    for (const Lesion& l : *tp.lesions) {
      if (l.isPrimary) {
        continue;
      }
      uptake = uptake || isAvidIn(l, mibgAvid_);
      if (l.isNew) {
        const bool qualifies = l.mibgAvid || l.fdgAvid || l.biopsyProven;
        (qualifies ? st.newQualifyingLesions : st.newOtherLesions)++;
        continue;
      }
      if (l.notEvaluable) {
        st.notEvaluable.push_back(l.trackingId);
        continue;
      }
      const Tenths shortAxis = lengthOf(l.shortAxisMm.value_or(0.0));
      if (l.isLymphNode ? shortAxis >= nodeLimit : lengthOf(l.longAxisMm) >= kTenMm) {
        st.allBelowCrLimits = false;
      }
      const Lesion* base = findLesion(baselineLesions_, l.trackingId);
      if (l.role == LesionRole::NonTarget && diameterOf(l) > diameterOf(*base)) {
        st.nonTargetsStableOrSmaller = false;
      }
    }
    if (functionalDone(tp)) {
      st.uptakeRemaining = uptake;
    }
    return st;
  }

  MibgBoneInputs mibgBoneInputs(const std::vector<TimepointAssessment>& tas, std::size_t i) const {
    MibgBoneInputs b;
    b.scoreName =
        s_.boneScoreMethod == BoneScoreMethod::Curie ? "Curie skeletal score" : "SIOPEN score";
    b.baselineScore = boneScore(tas.front(), s_);
    b.currentScore = boneScore(tas[i], s_);
    for (std::size_t k = 0; k < i; ++k) {
      const auto v = boneScore(tas[k], s_);
      if (v && (!b.nadirScore || *v < *b.nadirScore)) {
        b.nadirScore = v;
      }
    }
    const Timepoint& tp = in_.timepoints[i];
    b.newBoneSites = tp.mibg ? tp.mibg->newBoneSites : 0;
    return b;
  }

  FdgBoneInputs fdgBoneInputs(const Timepoint& tp) const {
    FdgBoneInputs f;
    if (baseline_.fdgPet) {
      f.baselineCount = baseline_.fdgPet->avidBoneLesions;
    }
    if (tp.fdgPet) {
      f.currentCount = tp.fdgPet->avidBoneLesions;
      (tp.fdgPet->newBoneLesionsConfirmed ? f.newConfirmed : f.newUnconfirmed) =
          tp.fdgPet->newAvidBoneLesions;
    }
    return f;
  }

  ComponentResult recist(const std::vector<TimepointAssessment>& tas, std::size_t i) const {
    const Timepoint& tp = in_.timepoints[i];
    if (!tp.lesions || !baseline_.lesions) {
      return {Response::NE,
              {{"RECIST 1.1 time-point response", "RECIST",
                tp.lesions ? "No CT/MRI at baseline to compare with." : "No CT/MRI."}}};
    }
    RecistInputs r;
    r.baselineSum = tas.front().targetSumTenths.value_or(0);
    r.nadirSum = minimumOf<Tenths>(tas, i, [](const TimepointAssessment& t) {
                   return t.targetSumTenths;
                 }).value_or(0);
    r.currentSum = tas[i].targetSumTenths.value_or(0);
    r.targetsAllResolved = true;
    r.nonTargetsAllResolved = true;
    for (const Lesion& l : *tp.lesions) {
      if (l.isPrimary) {
        continue;
      }
      if (l.isNew) {
        ++r.newLesions;
        continue;
      }
      if (l.notEvaluable) {
        r.notEvaluable.push_back(l.trackingId);
        continue;
      }
      const bool resolved = l.isLymphNode ? lengthOf(l.shortAxisMm.value_or(0.0)) < kTenMm
                                          : lengthOf(l.longAxisMm) == 0;
      if (l.role == LesionRole::Target) {
        r.hasTargets = true;
        r.targetsAllResolved = r.targetsAllResolved && resolved;
      } else {
        r.hasNonTargets = true;
        r.nonTargetsAllResolved = r.nonTargetsAllResolved && resolved;
      }
    }
    ComponentResult result = recistResponse(r);
    result.reasons.front().text =
        "On the non-primary lesions (INRC target selection): " + result.reasons.front().text;
    return result;
  }

  std::optional<ExtraDoseInputs> extraDoseInputs(const Assessment& a) const {
    std::optional<std::size_t> chosen;
    for (std::size_t i = 1; i < in_.timepoints.size(); ++i) {
      if (in_.timepoints[i].injectionsBefore == 3) {
        chosen = i;
      }
    }
    if (!chosen) {
      return std::nullopt;
    }
    const std::size_t i = *chosen;
    const Timepoint& tp = in_.timepoints[i];
    ExtraDoseInputs e;
    e.timepointIndex = static_cast<int>(i);
    e.timepointLabel = tp.label.empty() ? "timepoint " + std::to_string(i) : tp.label;
    e.overall = a.timepoints[i].response->overall.response;
    anatomicConfirmation(tp, e);
    functionalConfirmation(a, i, e);
    return e;
  }

  void anatomicConfirmation(const Timepoint& tp, ExtraDoseInputs& e) const {
    e.anatomicDone = tp.lesions.has_value() && baseline_.lesions.has_value();
    if (!e.anatomicDone) {
      e.anatomicDetail = tp.lesions ? "no CT/MRI at baseline to compare with"
                                    : "no CT/MRI after the 3rd injection";
      return;
    }
    const auto total = [](const std::vector<Lesion>& lesions, bool includeNew) {
      Tenths sum = 0;
      for (const Lesion& l : lesions) {
        if (includeNew || !l.isNew) {
          sum += diameterOf(l);
        }
      }
      return sum;
    };
    const auto newCount = std::count_if(tp.lesions->begin(), tp.lesions->end(),
                                        [](const Lesion& l) { return l.isNew; });
    const Tenths before = total(baselineLesions_, true);
    const Tenths now = total(*tp.lesions, false);
    if (newCount > 0) {
      e.anatomicDetail = std::to_string(newCount) + " new lesion(s) on CT/MRI";
      return;
    }
    std::vector<std::string> unevaluated;
    for (const Lesion& l : *tp.lesions) {
      if (l.notEvaluable)
        unevaluated.push_back("'" + l.trackingId + "'");
    }
    if (!unevaluated.empty()) {
      std::string ids;
      for (const std::string& id : unevaluated)
        ids += (ids.empty() ? "" : ", ") + id;
      e.anatomicDetail = "lesion " + ids +
                         " could not be evaluated on CT/MRI, so the total "
                         "cannot be compared with baseline";
      return;
    }
    if (before == 0) {
      e.anatomicConfirms = true;
      e.anatomicDetail =
          "there was no measurable soft-tissue disease at baseline and CT/MRI shows "
          "no new lesion";
      return;
    }
    e.anatomicConfirms = now < before;
    e.anatomicDetail = "the lesions measure " + formatTenths(now) + " mm in total against " +
                       formatTenths(before) + " mm at baseline (" +
                       formatPercentChange(before, now) + ")" +
                       (e.anatomicConfirms ? ", with no new lesion" : ", not smaller");
  }

  void functionalConfirmation(const Assessment& a, std::size_t i, ExtraDoseInputs& e) const {
    const Timepoint& tp = in_.timepoints[i];
    const bool useFdg = !mibgAvid_ && s_.extraDosesFdgReplacesMibg;
    e.functionalModality = useFdg ? "FDG-PET" : "MIBG";
    const auto countAvid = [](const std::optional<std::vector<Lesion>>& lesions, bool mibg,
                              bool onlyNew) {
      if (!lesions) {
        return 0;
      }
      return static_cast<int>(std::count_if(lesions->begin(), lesions->end(), [&](const Lesion& l) {
        return isAvidIn(l, mibg) && (!onlyNew || l.isNew);
      }));
    };
    if (!mibgAvid_ && !useFdg) {
      e.functionalDetail =
          "the disease is MIBG-non-avid, so MIBG cannot show an improvement "
          "(setting extraDosesFdgReplacesMibg is off)";
      return;
    }
    if (useFdg) {
      e.functionalDone = tp.fdgPet.has_value() && baseline_.fdgPet.has_value();
      if (!e.functionalDone) {
        e.functionalDetail = "no FDG-PET after the 3rd injection (or at baseline)";
        return;
      }
      const int before =
          baseline_.fdgPet->avidBoneLesions + countAvid(baseline_.lesions, false, false);
      const int now = tp.fdgPet->avidBoneLesions + countAvid(tp.lesions, false, false);
      const int fresh = tp.fdgPet->newAvidBoneLesions + countAvid(tp.lesions, false, true);
      e.functionalConfirms = fresh == 0 && now < before;
      e.functionalDetail = std::to_string(now) + " FDG-avid site(s) against " +
                           std::to_string(before) + " at baseline" +
                           (fresh > 0 ? ", with " + std::to_string(fresh) + " new avid site(s)"
                                      : ", no new avid site");
      return;
    }
    const TimepointAssessment& base = a.timepoints.front();
    const TimepointAssessment& cur = a.timepoints[i];
    e.functionalDone = tp.mibg.has_value() && baseline_.mibg.has_value();
    if (!e.functionalDone) {
      e.functionalDetail = "no MIBG scan after the 3rd injection (or at baseline)";
      return;
    }
    const bool curie = s_.boneScoreMethod == BoneScoreMethod::Curie;
    const auto burden = [&](const TimepointAssessment& t, const Timepoint& raw) {
      return curie ? t.curie->total : *t.siopenTotal + countAvid(raw.lesions, true, false);
    };
    const int before = burden(base, baseline_);
    const int now = burden(cur, tp);
    const int fresh = tp.mibg->newBoneSites + countAvid(tp.lesions, true, true);
    e.functionalConfirms = fresh == 0 && now < before;
    e.functionalDetail = std::string(curie ? "Curie score (all 10 segments) "
                                           : "SIOPEN score plus MIBG-avid lesions ") +
                         std::to_string(now) + " against " + std::to_string(before) +
                         " at baseline" +
                         (fresh > 0 ? ", with " + std::to_string(fresh) + " new MIBG-avid site(s)"
                                    : (now < before ? ", less MIBG-avid disease and no new site"
                                                    : ", no less MIBG-avid disease"));
  }

  const std::vector<Lesion> empty_;
  const Case& in_;
  const Settings& s_;
  const Timepoint& baseline_;
  const std::vector<Lesion>& baselineLesions_;
  bool mibgAvid_ = true;
};

}  // namespace

AssessOutcome assessCase(const Case& input) {
  AssessOutcome outcome;
  outcome.errors = validateCase(input);
  if (outcome.errors.empty()) {
    outcome.assessment = CaseAssessor(input).run();
  }
  return outcome;
}

}  // namespace nbra::scoring
