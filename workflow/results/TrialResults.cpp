#include "workflow/results/TrialResults.h"

#include <QDateTime>
#include <algorithm>

#include "records/store/TrialArms.h"
#include "scoring/results/BestResponse.h"
#include "scoring/results/ClopperPearson.h"
#include "scoring/results/PercentChange.h"
#include "workflow/assessment/StoredAssessment.h"

namespace nbra::workflow {

namespace {

const char* const kCategories[] = {"CR", "PR", "MR", "SD", "PD", "NE"};

// The assessment a subject's results come from: of the assessments nothing has superseded, the
// one covering the most timepoints (an assessment holds every timepoint up to its own), the
// newest on a tie. Older ones are its history, not another answer. Each output is parsed once;
// the chosen one's parse is kept.
struct AssessmentInForce {
  records::AssessmentRecord record;
  StoredAssessment stored;
};

std::optional<AssessmentInForce> assessmentOfRecord(
    const std::vector<records::AssessmentRecord>& all) {
  std::optional<AssessmentInForce> best;
  for (const auto& a : all) {
    if (!a.superseded.isEmpty()) {
      continue;
    }
    StoredAssessment stored = readStoredAssessment(a.outputJson);
    const std::size_t n = stored.timepoints.size();
    const std::size_t bestCount = best ? best->stored.timepoints.size() : 0;
    if (!best || n > bestCount || (n == bestCount && a.id > best->record.id)) {
      best = AssessmentInForce{a, std::move(stored)};
    }
  }
  return best;
}

QDate subjectStart(const records::SubjectRecord& s) {
  if (s.enrolledDate) {
    return *s.enrolledDate;
  }
  for (const auto& t : s.timepoints) {
    if (t.kind == "baseline") {
      return t.scanDate;
    }
  }
  return s.timepoints.empty() ? QDate() : s.timepoints.front().scanDate;
}

int lastDayOnStudy(const records::SubjectRecord& s, const QDate& start) {
  qint64 last = 0;
  for (const auto& i : s.injections) {
    last = std::max(last, start.daysTo(i.givenDate));
  }
  for (const auto& t : s.timepoints) {
    last = std::max(last, start.daysTo(t.scanDate));
  }
  return static_cast<int>(last);
}

std::vector<ResultPoint> pointsOf(const StoredAssessment& stored, const QDate& start) {
  std::vector<ResultPoint> points;
  const StoredTimepoint* baseline = nullptr;
  for (const auto& t : stored.timepoints) {
    if (t.kind == "baseline") {
      baseline = &t;
      break;
    }
  }
  for (const auto& t : stored.timepoints) {
    ResultPoint p;
    p.label = t.label;
    p.date = QDate::fromString(t.date, Qt::ISODate);
    p.dayOnStudy = start.isValid() && p.date.isValid() ? static_cast<int>(start.daysTo(p.date)) : 0;
    if (t.response && !t.response->overall.response.isEmpty()) {
      p.response = t.response->overall.response;
    }
    p.sumOfDiametersMm = t.targetSumOfDiametersMm;
    p.curieTotal = t.curieTotal;
    if (baseline && &t != baseline) {
      if (baseline->targetSumOfDiametersMm && t.targetSumOfDiametersMm) {
        p.sumOfDiametersChangePercent =
            scoring::percentChange(*baseline->targetSumOfDiametersMm, *t.targetSumOfDiametersMm);
      }
      if (baseline->curieTotal && t.curieTotal) {
        p.curieChangePercent = scoring::percentChange(*baseline->curieTotal, *t.curieTotal);
      }
    }
    points.push_back(p);
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const ResultPoint& a, const ResultPoint& b) { return a.date < b.date; });
  return points;
}

// The best (most negative) change over the follow-ups that have one.
std::optional<double> bestChange(const std::vector<ResultPoint>& points,
                                 std::optional<double> ResultPoint::*member) {
  std::optional<double> best;
  for (const auto& p : points) {
    if (const auto v = p.*member; v && (!best || *v < *best)) {
      best = v;
    }
  }
  return best;
}

RateWithInterval rateOf(int responders, int assessed, double confidence) {
  const auto interval = scoring::clopperPearson(responders, assessed, confidence);
  return {responders, assessed, scoring::proportion(responders, assessed), interval.lower,
          interval.upper};
}

}  // namespace

bool SubjectResult::hasFollowUp() const {
  return bestResponse.has_value();
}

TrialResults gatherResults(records::TrialRecord& record, const ResultsSettings& settings) {
  record.require(records::Permission::ViewResults);
  record.requireUnmasked();
  if (!(settings.confidence > 0.0 && settings.confidence < 1.0)) {
    throw records::RecordError(records::RecordErrorKind::BadInput,
                               "results: the confidence level must be between 0 and 1");
  }
  TrialResults out;
  out.settings = settings;
  QStringList ruleSets;
  for (const QString& id : record.subjectIds()) {
    const records::SubjectRecord s = record.subject(id);
    SubjectResult r;
    r.studyId = id;
    if (const auto arm = record.arm(id)) {
      r.armCode = arm->arm;
      const auto known = records::trialArm(arm->arm);
      r.armName = known ? QString(known->name) : arm->arm;
    } else {
      out.notes << id + " has no arm recorded: left out of the results by arm";
    }
    r.start = subjectStart(s);
    r.daysOnStudy = r.start.isValid() ? lastDayOnStudy(s, r.start) : 0;
    for (const auto& i : s.injections) {
      r.injectionDays.push_back(static_cast<int>(r.start.daysTo(i.givenDate)));
    }
    const auto assessment = assessmentOfRecord(record.assessments(id));
    if (!assessment) {
      out.notes << id + " has no assessment in force: no response yet";
    } else {
      const StoredAssessment& stored = assessment->stored;
      if (!ruleSets.contains(assessment->record.ruleSetVersion)) {
        ruleSets << assessment->record.ruleSetVersion;
      }
      r.points = pointsOf(stored, r.start);
      std::vector<std::string> responses;
      for (const auto& p : r.points) {
        if (p.response) {
          responses.push_back(p.response->toStdString());
        }
      }
      if (const auto best =
              scoring::bestOverallResponse(responses, {settings.bestResponseStopsAtProgression})) {
        r.bestResponse = QString::fromStdString(*best);
      } else {
        out.notes << id + " has no assessed follow-up yet: no best response";
      }
      r.bestSumOfDiametersChangePercent =
          bestChange(r.points, &ResultPoint::sumOfDiametersChangePercent);
      r.bestCurieChangePercent = bestChange(r.points, &ResultPoint::curieChangePercent);
    }
    out.subjects.push_back(r);
  }
  for (const records::TrialArm& arm : records::kTrialArms) {
    ArmSummary a;
    a.armCode = arm.code;
    a.armName = arm.name;
    for (const char* c : kCategories) {
      a.bestResponseCounts[c] = 0;
    }
    int objective = 0;
    int objectiveWithMinor = 0;
    for (const SubjectResult& r : out.subjects) {
      if (r.armCode != a.armCode) {
        continue;
      }
      ++a.subjects;
      if (!r.bestResponse) {
        continue;
      }
      ++a.assessed;
      ++a.bestResponseCounts[*r.bestResponse];
      objective += scoring::isObjectiveResponse(r.bestResponse->toStdString(), false) ? 1 : 0;
      objectiveWithMinor +=
          scoring::isObjectiveResponse(r.bestResponse->toStdString(), true) ? 1 : 0;
    }
    if (a.assessed > 0) {
      a.objectiveResponse = rateOf(objective, a.assessed, settings.confidence);
      a.objectiveResponseWithMinor = rateOf(objectiveWithMinor, a.assessed, settings.confidence);
    } else {
      out.notes << QString("arm %1 has no subject with an assessed follow-up: no response rate")
                       .arg(a.armCode);
    }
    out.arms.push_back(a);
  }
  out.ruleSetVersion = ruleSets.join(", ");
  if (ruleSets.size() > 1) {
    out.notes << "the assessments were made under different rule sets: " + out.ruleSetVersion;
  }
  out.auditHeadSeq = record.auditHead().first;
  out.madeUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  return out;
}

}  // namespace nbra::workflow
