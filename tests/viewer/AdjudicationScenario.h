#pragma once

// The trial record behind the adjudication GUI tests (AdjudicationGuiTest.cpp), built through the
// TrialRecord API as the people of the trial would: the administrator sets blinded double
// reading, the coordinator assigns reader1, reader2 and adj to both timepoints of NB-001, both
// readers read the baseline alike (concordant) and the follow-up differently: read A (reader1)
// finds a new liver lesion L2 and measures L1 at 14.0 mm, read B (reader2) finds none and measures
// L1 at 15.5 mm, and their SIOPEN scores differ in two segments. Calipers are placed on two CT
// images so that both reads' marks can be compared.

#include <QDate>
#include <QString>

#include "records/store/TrialRecord.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::viewer::adjudication::testing {

inline const QString kSubject = QStringLiteral("NB-001");
inline const QString kBaseline = QStringLiteral("baseline");
inline const QString kFollowUp = QStringLiteral("after injection 3");
inline const QString kDesignReason = QStringLiteral("protocol amendment 2: blinded double reading");

// The follow-up reads (read A is reader 1's).
records::ReadContent followUpReadA();
records::ReadContent followUpReadB();

// Double design, both timepoints of `studyId` assigned to reader1, reader2 and adj (the subject
// must exist with its two timepoints).
void assignDoubleReading(records::testing::TestTrial& trial, const QString& studyId);

// Reads and signs `content` as `user` (signing compares the reads when it is the second).
void readAndSign(records::testing::TestTrial& trial, const QString& user, const QString& studyId,
                 const QString& label, const records::ReadContent& content);

// The whole scenario above on `trial` (populated here). Leaves the adjudicator signed in.
void discordantFollowUp(records::testing::TestTrial& trial);
// The same reading of NB-001 on a populated trial (after enrolSecondSubject, say).
void readFollowUpDiscordantly(records::testing::TestTrial& trial);

// A second subject like NB-001 (populate()'s weights, checklist, enrolment, three injections and
// two timepoints). Enrolment needs an eligibility decision made before double reading is set.
void enrolSecondSubject(records::testing::TestTrial& trial, const QString& studyId);
// Its two timepoints double read; the follow-up reads disagree on the response (read B measures
// growth). Leaves the coordinator signed in.
void readResponseDiscordantly(records::testing::TestTrial& trial, const QString& studyId);

// Coordinator: the end of the course of injection 4 so that it is due on `due`.
void injectionFourDueOn(records::testing::TestTrial& trial, const QString& studyId,
                        const QDate& due);

}  // namespace nbra::viewer::adjudication::testing
