#pragma once

// Blinded double reading with adjudication (docs/adjudication.md): the trial's reading design,
// who reads and who adjudicates each timepoint, the comparison of two signed reads and the
// adjudicator's choice. Types of TrialRecordReading.cpp and TrialRecordAdjudication.cpp.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "records/store/RecordTypes.h"
#include "scoring/adjudication/Discordance.h"

namespace nbra::records {

// "single": one reader per timepoint (NBRA's behaviour before schema 11). "double": two blinded
// readers; their signed reads are compared and a discordant timepoint goes to an adjudicator.
inline const QString kSingleRead = QStringLiteral("single");
// The one meaning of an adjudicator's signature.
inline const QString kAdjudicationMeaning = QStringLiteral("adjudicated: read of record chosen");
inline const QString kDoubleRead = QStringLiteral("double");

struct ReadingDesign {
  QString design = kSingleRead;
  scoring::DiscordanceSettings discordance;
  // Provenance; empty for the default a record has before any design was set.
  std::optional<qint64> id;
  QString reason;
  QString setUtc;
  QString setByName;
};

// The duties of a timepoint: its two readers and its adjudicator.
inline const QString kReader1 = QStringLiteral("reader-1");
inline const QString kReader2 = QStringLiteral("reader-2");
inline const QString kAdjudicatorDuty = QStringLiteral("adjudicator");

struct ReadAssignmentRecord {
  qint64 id = 0;
  QString studyId;
  QString timepointLabel;
  QString duty;      // kReader1, kReader2, kAdjudicatorDuty
  QString userName;  // empty when shown to an adjudicator (readers stay anonymous)
  QString fullName;
  QString method;  // "manual" or "random"
  QString reason;
  std::optional<qint64> supersedesId;
  QString createdUtc;
  QString createdByName;
};

// What the workflow worked out from two signed reads (the clinical rules run on each).
struct ComparisonInput {
  qint64 readAId = 0;  // reader 1's signed read
  qint64 readBId = 0;  // reader 2's signed read
  bool discordant = false;
  QStringList triggering;  // variable keys that sent the timepoint to adjudication
  QString comparisonJson;  // every variable with both values (workflow/adjudication)
};

struct ComparisonRecord {
  qint64 id = 0;
  qint64 readAId = 0;
  qint64 readBId = 0;
  bool discordant = false;
  QStringList triggering;
  QString comparisonJson;
  QString createdUtc;
};

struct AdjudicationRecord {
  qint64 id = 0;
  qint64 comparisonId = 0;
  qint64 chosenReadId = 0;
  QString chosenRead;  // "A" (reader 1's) or "B" (reader 2's)
  QString reason;
  QString adjudicatorName;
  std::optional<Signature> signature;
};

// Where a timepoint stands in its reading, and which read is its read of record.
struct ReadingStatus {
  QString design;
  // "open" (single design: the read of record is the only signed read, chosen as before),
  // "awaiting-assignment", "awaiting-reads", "awaiting-comparison", "concordant",
  // "awaiting-adjudication", "adjudicated".
  QString state;
  std::optional<qint64> readOfRecordId;
  std::optional<qint64> readAId;  // the readers' latest signed reads (when both are current)
  std::optional<qint64> readBId;
  std::optional<ComparisonRecord> comparison;
  std::optional<AdjudicationRecord> adjudication;
  QString text;  // "awaiting adjudication: overall INRC response differs"
};

// One row of the reading history the reader metrics are computed from: a compared pair of reads
// (named, for those allowed to see metrics) and, when adjudicated, which one was chosen.
struct ReadingHistoryRow {
  QString studyId;
  QString timepointLabel;
  QString readerA;  // user names
  QString readerB;
  ComparisonRecord comparison;
  std::optional<QString> chosenRead;  // "A" or "B"
  bool current = true;                // false once a correction replaced one of the two reads
};

}  // namespace nbra::records
