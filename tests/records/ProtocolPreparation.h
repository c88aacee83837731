#pragma once

// The protocol's steps around enrolment and each injection (docs/protocol.md), done the plain way
// so that a test flow about something else obeys the rules: the eligibility checklist answered so
// that every criterion passes, the end of the chemotherapy course an injection follows, a released
// NK-cell lot and the thaw check of each injection. One helper for every flow: the library's
// (TrialRecord, signed in as the role a step needs) and nbra-cli's (argument lists and the
// answers file of `record checklist answers ID --file F`).

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "records/store/ProtocolRecords.h"
#include "records/store/TrialRecord.h"

namespace nbra::records::testing {

// The lot every test flow injects (recorded once per record, it serves every subject).
inline constexpr const char* kTestLot = "NK-LOT-TEST-01";

// The source document every passing answer is read from.
inline constexpr const char* kChecklistSource = "screening visit source documents";

// One answer as a person types it: "yes"/"no", or the number in the item's unit ("34").
struct ChecklistAnswerText {
  QString key;
  QString answer;
};
// Every item of scoring::checklistItems() that is not optional, and cardiac function by its
// shortening fraction, answered so that the subject is eligible, in checklist order, as typed:
// what the workstation's checklist form is given, and what the answers file says. Throws
// std::logic_error if the checklist has an item this table does not answer (a new item must be
// added here, not skipped).
std::vector<ChecklistAnswerText> passingChecklistTexts();
// passingChecklistTexts() as the record takes them: dated `answeredOn`, read from
// kChecklistSource.
std::vector<ChecklistAnswerInput> passingChecklistAnswers(const QDate& answeredOn);
// The same answers as the file `nbra-cli record checklist answers ID --file F` reads.
QByteArray passingChecklistJson(const QDate& answeredOn);
// Coordinator signed in: records passingChecklistAnswers(answeredOn) for `studyId`.
void answerPassingChecklist(TrialRecord& record, const QString& studyId, const QDate& answeredOn);
// The reason the investigator signs the checklist with.
inline constexpr const char* kChecklistSignReason =
    "checklist reviewed against the screening source documents";

// A lot whose release QC passes every limit, cryopreserved well before any test injection.
ProductLotInput releasedLot(const QString& lotCode = kTestLot);

// The end of chemotherapy course `number` that puts injection `number` given on `given` on its
// due day (the course's end plus ScheduleSettings::daysAfterCourse).
QDate courseEndFor(const QDate& given);

// The thaw-and-wash check of a bag thawed on `given` for `cellsGiven` cells that passes: viability
// 92 %, a viable count covering the cells given, sterility negative.
ThawCheckInput passingThawCheck(const QDate& given, std::int64_t cellsGiven);

// Coordinator signed in: what injection `number` on `given` of `cellsGiven` cells needs besides
// the subject's own decisions and that day's weight: the end of course `number` (courseEndFor)
// and the passing thaw check of `lotCode` (passingThawCheck). Records the lot first when the
// record has none of that code.
void prepareInjection(TrialRecord& record, const QString& studyId, int number, const QDate& given,
                      std::int64_t cellsGiven, const QString& lotCode = kTestLot);

// The same steps as nbra-cli arguments (after the user's options): `record lot add`,
// `record course` and `record thaw`, with the same values (releasedLot, courseEndFor,
// passingThawCheck).
QStringList cliLotAddArgs(const QString& lotCode = kTestLot);
QStringList cliCourseArgs(const QString& studyId, int number, const QDate& given);
QStringList cliThawArgs(const QString& studyId, int number, const QDate& given,
                        std::int64_t cellsGiven, const QString& lotCode = kTestLot);

}  // namespace nbra::records::testing
