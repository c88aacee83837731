#pragma once

// The synthetic patients read twice, blinded, with adjudication (docs/adjudication.md): reader 1
// reads as the case file says, reader 2 reads the same except for one planned difference at the
// follow-up, and the adjudicator settles it. Shared by the API flow (AdjudicationFlowTest.cpp)
// and the nbra-cli flow (AdjudicationCliTest.cpp).

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <utility>

#include "tests/decide/DecideFlow.h"

namespace nbra::decide::testing {

// In a TEST_P over subject ids: loads the subject into `s`, or skips saying where it was looked
// for (the data is generated at build time).
#define LOAD_OR_SKIP(s)                                                       \
  const std::optional<SyntheticSubject> s = loadSubject(GetParam());          \
  if (!s) {                                                                   \
    GTEST_SKIP() << "synthetic patient " << GetParam() << " not found under " \
                 << syntheticDir().toStdString()                              \
                 << " (generated at build time by data-samples/generator)";   \
  }

// The two extra readers of the double reading (reader1 "Dr Rita Reader" is DecideFlow's).
inline constexpr const char* kReader2FullName = "Dr Sam Second";
inline constexpr const char* kAdjudicatorFullName = "Dr Jo Adjudicator";
inline constexpr const char* kDesignReason = "protocol amendment 2: blinded double reading";
inline constexpr const char* kAdjudicationReason = "the images show what read A measured";

// What reader 2's difference makes of the follow-up, worked out from the case and truth files
// (plannedDifference and reader2PrimaryMm in AdjudicationFlow.cpp say why, per subject).
struct PlannedDifference {
  QString what;                  // in words, for failure messages
  QStringList triggering;        // the keys sending the follow-up to adjudication
  QStringList differingQuietly;  // keys that differ without triggering (continuous)
  QString overallB;              // reader 2's INRC overall response
  QString extraDosesB;           // reader 2's extra-dose outcome
  QString lesionId;              // the lesion that differs between the reads
  QString lesionDifference;      // its difference as the adjudicator's view names it
};

// Writes reader 2's case file into `dir`: the subject's case with the planned difference at the
// follow-up. Empty (and a test failure) for a subject without a planned difference.
QString writeReader2Case(const SyntheticSubject& s, const QString& dir);
PlannedDifference plannedDifference(const SyntheticSubject& s);

// Through the API on a fresh record: DecideFlow's users plus reader2 (reader) and adj
// (adjudicator); the administrator sets double reading; the coordinator creates the subject,
// its weights and the baseline, and assigns reader1, reader2 and adj to it.
void setUpDoubleReading(records::TrialRecord& record, const SyntheticSubject& s);
void assignReaders(records::TrialRecord& record, const SyntheticSubject& s, const QString& label);
// reader1 reads `label` from the case file and reader2 from `reader2Case`, each saved and signed
// through workflow::signReadAndCompare. Returns {reader 1's read id, reader 2's}.
std::pair<qint64, qint64> readTwice(records::TrialRecord& record, const SyntheticSubject& s,
                                    const QString& label, const QString& reader2Case);
// After the signed imaging eligibility: enrolment, injections 1-3, the follow-up timepoint and
// its three assignments (coordinator signed in at the end).
void continueToDoubleReadFollowUp(records::TrialRecord& record, const SyntheticSubject& s);

// A record taken through the API to the discordant follow-up: both timepoints read twice (the
// same read at baseline, reader 2's planned difference at the follow-up), the baseline assessed
// and signed eligible on its read of record. Leaves the investigator signed in.
struct Discordant {
  QTemporaryDir dir;  // reader 2's case file
  FreshRecord fresh;
  qint64 baselineAssessment = 0;
  std::pair<qint64, qint64> baselineReads;  // reader 1's read, reader 2's
  std::pair<qint64, qint64> followUpReads;
  PlannedDifference plan;
};
void toDiscordantFollowUp(Discordant& d, const SyntheticSubject& s);

// The same users through nbra-cli, after runCliSetUp.
void runCliDoubleReadingUsers(const QString& recordPath);

// The keys of a comparison's variables (its "variables" array) whose `flag` ("differs",
// "triggers") is true.
QStringList keysWhere(const QJsonArray& variables, const char* flag);

}  // namespace nbra::decide::testing
