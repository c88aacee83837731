#pragma once

// The synthetic patients of data-samples/synthetic taken through the trial flow, on a fresh
// record: the same steps as the `nbra-cli record` script in docs/records.md, either through the
// TrialRecord API (for the panels) or through nbra-cli as a process (to compare with).

#include <gtest/gtest.h>

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <optional>
#include <vector>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"

// Readable QString values in failure messages.
inline void PrintTo(const QString& s, std::ostream* os) {
  *os << '"' << s.toStdString() << '"';
}

namespace nbra::decide::testing {

inline constexpr const char* kPassword = "sign-me 42";
// The study instance UIDs the flows give the baseline and the follow-up timepoints.
inline const QString kBaselineStudy = QStringLiteral("1.2.826.0.1.3680043.8.498.9001");
inline const QString kFollowUpStudy = QStringLiteral("1.2.826.0.1.3680043.8.498.9003");

// One synthetic subject: its case.json (the reads) and truth.json (what it must give).
struct SyntheticSubject {
  QString id;
  QString caseFile;
  QJsonObject truth;
  QString sex;
  double ageYears = 0.0;
  double weightKg = 0.0;
  QString baselineLabel;
  QDate baselineDate;
  QString followUpLabel;  // the assessment after the 3rd injection
  QDate followUpDate;
  // The follow-up's marrow samples from the case (kind, %) -- entered by the investigator.
  std::vector<std::pair<QString, double>> followUpMarrow;
  bool followUpMarrowConfirmed = false;
  // The baseline's marrow samples from the case (pathology at diagnosis).
  std::vector<std::pair<QString, double>> baselineMarrow;
  bool baselineMarrowConfirmed = false;

  QString expectedOverall() const;     // truth: response after injection 3
  QString expectedExtraDoses() const;  // truth: "allowed" / "not-allowed"
  std::vector<QDate> injectionDates() const;
  std::int64_t doseCells() const;  // 5 x 10^6 cells/kg x the truth weight
  // "aspirate:0,biopsy:0" for nbra-cli --marrow; empty when the follow-up has no marrow.
  QString marrowOption() const;
};

// "aspirate:10,biopsy:15" for nbra-cli --marrow.
QString marrowOption(const std::vector<std::pair<QString, double>>& samples);

QString syntheticDir();
// nullopt when the generated data is absent (the test then skips, saying so).
std::optional<SyntheticSubject> loadSubject(const QString& id);

// A fresh SQLite record file in its own temporary folder.
struct FreshRecord {
  QTemporaryDir dir;
  QString path;
  std::unique_ptr<records::RecordDatabase> db;
  std::unique_ptr<records::TrialRecord> record;
  FreshRecord();
};

// Through the API, as `nbra-cli record` does: users (admin, coord, inv, reader1), the subject,
// its weights, the baseline timepoint and the reader's signed baseline read (imported by the same
// code as `record read import`). Leaves the investigator signed in: the baseline assessment and
// the signed imaging eligibility come next, then continueToFollowUp.
void setUpToBaseline(records::TrialRecord& record, const SyntheticSubject& s);
// The day the coordinator answers the checklist from the screening visit: 3 days before the
// baseline scan. The checklist is judged, and the subject enrolled, on the baseline date, at
// kEnrolmentSite. Every flow (API, workstation, nbra-cli) uses these dates, none "today".
QDate checklistAnsweredOn(const SyntheticSubject& s);
inline constexpr const char* kEnrolmentSite = "Site 01";
// After the signed imaging eligibility (docs/protocol.md): the coordinator answers the
// eligibility checklist (records::testing::passingChecklistAnswers, dated
// checklistAnsweredOn), the investigator signs it judged on the baseline date, the coordinator
// enrols on that date. Leaves the coordinator signed in.
void enrolAfterEligibility(records::TrialRecord& record, const SyntheticSubject& s);
// Coordinator signed in: injections 1-3 on s.injectionDates(), each after the end of its
// chemotherapy course and the thaw check of the test lot (records::testing::prepareInjection).
void giveInjections(records::TrialRecord& record, const SyntheticSubject& s);
// enrolAfterEligibility, giveInjections, the follow-up timepoint and its signed read. Leaves the
// investigator signed in.
void continueToFollowUp(records::TrialRecord& record, const SyntheticSubject& s);

// nbra-cli on a record file: the signed-in user, password and signing password given.
struct CliRun {
  int exitCode = -1;
  QJsonObject json;
  QString text;
};
// The run must end with `expectedExit` (a test failure otherwise).
CliRun runCli(const QString& recordPath, const QString& user, const QStringList& args,
              int expectedExit = 0);

// Through nbra-cli on a fresh record file: init, the users (admin, coord, inv, reader1), the
// subject and its weights (baseline and injection days).
void runCliSetUp(const QString& recordPath, const SyntheticSubject& s);
// enrolAfterEligibility through nbra-cli: the answers file (written next to the record) given
// to `record checklist answers`, `record checklist sign`, `record enrol`.
void runCliEnrol(const QString& recordPath, const SyntheticSubject& s);
// giveInjections through nbra-cli: `record lot add`, then per injection `record course`,
// `record thaw` and `record injection`.
void runCliInjections(const QString& recordPath, const SyntheticSubject& s);

// The whole flow through nbra-cli on a second record, ending with the signed decisions and the
// report of the follow-up; returns the follow-up assessment's JSON output ("assessment").
struct CliFlowResult {
  QJsonObject baselineAssessment;
  QJsonObject followUpAssessment;
  qint64 followUpAssessmentId = 0;
  QJsonObject subject;  // `record subject show`
};
CliFlowResult runCliFlow(const QString& recordPath, const SyntheticSubject& s,
                         const QString& eligibilityReason, const QString& extraDoseReason,
                         const QString& reportPdf);

// The text of a PDF (pdftotext -raw), whitespace simplified; empty with a test failure when it
// cannot be read.
QString pdfText(const QString& pdf);

}  // namespace nbra::decide::testing
