#pragma once

// The trial around the images (docs/protocol.md): the eligibility checklist, the chemotherapy
// courses the injections follow, and the NK-cell product. Types of TrialRecordChecklist.cpp,
// TrialRecordSchedule.cpp and TrialRecordProduct.cpp.

#include <QDate>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

#include "records/store/RecordTypes.h"
#include "scoring/checklist/EligibilityChecklist.h"
#include "scoring/product/ProductRelease.h"
#include "scoring/schedule/InjectionSchedule.h"

namespace nbra::records {

// The named settings of the protocol's rules, in force for one TrialRecord. Defaults are those
// docs/protocol.md documents; TrialRecord::setProtocolSettings refuses implausible ones.
struct ProtocolSettings {
  scoring::ChecklistSettings checklist;
  scoring::ScheduleSettings schedule;
  scoring::ReleaseLimits release;
};

// One answer of the checklist as entered (a yes/no, or a value with its unit).
struct ChecklistAnswerInput {
  QString key;  // an item key of scoring/checklist/EligibilityChecklist
  std::optional<bool> yes;
  std::optional<double> value;
  QString unit;
  QDate date;  // measured or answered on
  QString sourceDocument;
};

struct ChecklistAnswerRecord {
  qint64 id = 0;
  ChecklistAnswerInput answer;
  std::optional<qint64> supersedesId;
  QString reason;  // why an earlier answer was changed
  QString recordedUtc;
  QString recordedByName;
};

// The checklist as the rules judge it now, for the investigator's review.
struct ChecklistReview {
  QDate judgedOn;
  scoring::ChecklistResult result;
  std::vector<ChecklistAnswerRecord> answers;  // the latest answer per item
  std::optional<qint64> imagingDecisionId;     // the signed imaging decision it used
  QString evaluationJson;                      // what a signature freezes
};

struct ChecklistSignoffRecord {
  qint64 id = 0;
  bool eligible = false;
  QDate judgedOn;
  QString reason;
  QString evaluationJson;
  std::vector<qint64> answerIds;
  std::optional<qint64> imagingDecisionId;
  std::optional<qint64> supersedesId;
  std::optional<Signature> signature;
  // Why the signature no longer covers the subject's answers ("answer to cardiac.sfPercent
  // changed", "the imaging eligibility decision changed"); empty when current.
  QString stale;
};

struct CourseRecord {
  qint64 id = 0;
  int number = 0;
  QDate endDate;
  std::optional<qint64> supersedesId;
  QString reason;
  QString recordedUtc;
};

// One line of the injection calendar with what the pharmacy needs for it.
struct ScheduleLine {
  scoring::ScheduledInjection injection;
  std::optional<double> weightKg;   // the weight to use: measured on the day given, or the
  std::optional<QDate> weightDate;  // latest one before the due date for one not yet given
  std::optional<std::int64_t> doseCells;
  QString lotCode;  // given injections
};

struct NextInjection {
  int number = 0;
  QDate dueDate;
};

struct ProductLotInput {
  QString lotCode;
  QString donorCode;
  QDate apheresisDate;
  QDate separationDate;
  QDate cryopreservedDate;
  double storageTemperatureC = -198.0;
  QString sterility;  // "negative", "positive", "pending"
  std::int64_t viableCells = 0;
  double viabilityPercent = 0.0;
  double purityPercent = 0.0;
  double activePhenotypePercent = 0.0;
};

struct ProductLotRecord {
  qint64 id = 0;
  ProductLotInput lot;
  bool released = false;
  QStringList releaseFailures;
  QString recordedUtc;
  QString recordedByName;
};

struct ThawCheckInput {
  QDate thawDate;
  double viabilityPercent = 0.0;
  std::int64_t viableCells = 0;
  QString sterility;  // "negative", "positive", "pending"
};

struct ThawCheckRecord {
  qint64 id = 0;
  int injectionNumber = 0;
  QString lotCode;
  ThawCheckInput check;
  QString recordedUtc;
  QString recordedByName;
};

}  // namespace nbra::records
