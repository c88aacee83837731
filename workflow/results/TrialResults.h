#pragma once

// The trial's answer across subjects (issue 18, docs/results.md): per subject the response at
// each assessment and the best overall response, by arm the counts and the objective response
// rate with exact intervals, and the series the waterfall, spider and swimmer plots draw. Built
// from the trial record by gatherResults (investigators who have unmasked only); the plots and
// the CLI read these values and never compute their own.

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// Named settings of the results (docs/results.md).
struct ResultsSettings {
  // Objective response = CR + PR; with this, CR + PR + MR (INRC 2017's minor response), shown
  // as the named alternative rate beside the first.
  double confidence = 0.95;
  // Best overall response counts no assessment after the first PD (RECIST's convention).
  bool bestResponseStopsAtProgression = true;
};

// One assessed follow-up (or the baseline, response empty) of a subject.
struct ResultPoint {
  QString label;  // "baseline", "post-course-3"
  QDate date;
  int dayOnStudy = 0;               // from the subject's start (enrolment, else the baseline scan)
  std::optional<QString> response;  // INRC overall response; none at the baseline
  std::optional<double> sumOfDiametersMm;
  std::optional<double> sumOfDiametersChangePercent;  // vs the baseline; none at baseline or SoD 0
  std::optional<int> curieTotal;
  std::optional<double> curieChangePercent;  // (relative score - 1) x 100 vs the baseline
};

struct SubjectResult {
  QString studyId;
  QString armCode;  // empty: no arm recorded (the subject is left out of the by-arm results)
  QString armName;
  QDate start;          // enrolment date, else the baseline scan date
  int daysOnStudy = 0;  // start to the latest injection or scan
  std::vector<int> injectionDays;
  std::vector<ResultPoint> points;  // baseline first, then follow-ups in date order
  std::optional<QString> bestResponse;
  std::optional<double> bestSumOfDiametersChangePercent;  // the waterfall's bar
  std::optional<double> bestCurieChangePercent;
  bool hasFollowUp() const;
};

struct RateWithInterval {
  int responders = 0;
  int assessed = 0;
  double rate = 0.0;
  double lower = 0.0;  // Clopper-Pearson
  double upper = 0.0;
};

struct ArmSummary {
  QString armCode;
  QString armName;
  int subjects = 0;                           // with this arm
  int assessed = 0;                           // with at least one follow-up response
  std::map<QString, int> bestResponseCounts;  // "CR" -> 1 ... every category present, 0 included
  std::optional<RateWithInterval> objectiveResponse;           // CR + PR
  std::optional<RateWithInterval> objectiveResponseWithMinor;  // CR + PR + MR
};

struct TrialResults {
  ResultsSettings settings;
  std::vector<SubjectResult> subjects;  // by study id
  std::vector<ArmSummary> arms;         // in kTrialArms order
  // Why something is left out, for the user: "NB-003 has no arm: left out of the results by arm".
  QStringList notes;
  QString ruleSetVersion;
  qint64 auditHeadSeq = 0;
  QString madeUtc;
};

// Refused (RecordError) for a role that may not view results or an actor that has not unmasked.
TrialResults gatherResults(records::TrialRecord& record, const ResultsSettings& settings = {});

// The exchange form nbra-cli prints and the plot tool reads (docs/results.md).
QJsonObject resultsToJson(const TrialResults& results);
// Throws records::RecordError(BadInput) naming the first missing or wrong member.
TrialResults resultsFromJson(const QJsonObject& json);

}  // namespace nbra::workflow
