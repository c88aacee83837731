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
// its weights, enrolment, the baseline timepoint and the reader's signed baseline read (imported
// by the same code as `record read import`). Leaves the investigator signed in.
void setUpToBaseline(records::TrialRecord& record, const SyntheticSubject& s);
// Injections 1-3, the follow-up timepoint and its signed read. Leaves the investigator signed in.
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
// subject, its weights (baseline and injection days) and enrolment.
void runCliSetUp(const QString& recordPath, const SyntheticSubject& s);

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
