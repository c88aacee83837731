// `nbra-cli record checklist|course|schedule|lot|thaw|timeline` against the library on a second
// record (docs/protocol.md): one core, two front doors, the same record; the in-repo example
// answers file passes; refusals carry the record's message; the CSV export carries the checklist
// and the injections as recorded.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include "tests/records/RecordTestSupport.h"
#include "workflow/export/CsvExport.h"
#include "workflow/protocol/ProtocolJson.h"

namespace nbra::workflow {
namespace {

using records::testing::kPassword;
using records::testing::TestTrial;

const QString kSubject = "NB-017";
const QString kExample = QStringLiteral(NBRA_SOURCE_DIR "/docs/examples/checklist-answers.json");

struct Cli {
  int exitCode = -1;
  QJsonObject json;
  QString text;
  QString error() const { return json.value("error").toObject().value("message").toString(); }
};

Cli run(const QString& location, const QString& user, const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("NBRA_RECORD", location);
  env.insert("NBRA_USER", user);
  env.insert("NBRA_PASSWORD", kPassword);
  env.insert("NBRA_SIGN_PASSWORD", kPassword);
  p.setProcessEnvironment(env);
  p.start(NBRA_CLI, QStringList{"record"} + args);
  EXPECT_TRUE(p.waitForFinished(120000));
  Cli r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.text = QString::fromUtf8(p.readAllStandardOutput());
  r.json = QJsonDocument::fromJson(r.text.toUtf8()).object();
  return r;
}

Cli ok(const QString& location, const QString& user, const QStringList& args) {
  Cli r = run(location, user, args);
  EXPECT_EQ(r.exitCode, 0) << args.join(' ').toStdString() << ": " << r.text.toStdString();
  return r;
}

// The record's view of the subject, without ids, times and signers' clocks: what both front
// doors must agree on.
QJsonObject comparable(records::TrialRecord& r) {
  r.signIn("inv", kPassword);
  QJsonObject review =
      checklistReviewJson(r.checklistReview(kSubject, QDate(2026, 1, 12)), std::nullopt);
  QJsonArray answers;
  for (QJsonValue v : review.value("answers").toArray()) {
    QJsonObject o = v.toObject();
    o.remove("id");
    answers.append(o);
  }
  review["answers"] = answers;
  const auto signoff = r.checklistSignoff(kSubject);
  QJsonArray lots;
  for (const records::ProductLotRecord& l : r.productLots()) {
    QJsonObject o = productLotJson(l);
    o.remove("recordedUtc");
    lots.append(o);
  }
  QJsonArray thaws;
  for (const records::ThawCheckRecord& t : r.thawChecks(kSubject)) {
    QJsonObject o = thawCheckJson(t);
    o.remove("id");
    thaws.append(o);
  }
  return {{"review", review},
          {"signedEligible", signoff && signoff->eligible},
          {"signedJudgedOn", signoff ? signoff->judgedOn.toString(Qt::ISODate) : QString()},
          {"schedule", scheduleJson(r.injectionSchedule(kSubject, QDate(2026, 3, 1)))},
          {"lots", lots},
          {"thaws", thaws},
          {"enrolled", r.subject(kSubject).enrolledDate.value_or(QDate()).toString(Qt::ISODate)}};
}

void subjectWithImagingEligibility(TestTrial& t) {
  t.as("coord");
  t.record->createSubject({kSubject, "F", QDate(2016, 5, 1), std::nullopt});
  t.record->recordBodyMeasurement(kSubject, QDate(2026, 1, 25), 20.0, std::nullopt);
  t.as("inv");
  t.record->confirmEligibility(kSubject, true, "MIBG-avid 24 mm primary", kPassword);
}

TEST(ProtocolCli, TheCommandLineAndTheLibraryMakeTheSameRecord) {
  TestTrial viaCli;
  subjectWithImagingEligibility(viaCli);
  const QString db = viaCli.location;
  const Cli answered = ok(db, "coord", {"checklist", "answers", kSubject, "--file", kExample});
  EXPECT_EQ(answered.json.value("answersRecorded").toInt(), 27);
  const Cli shown = ok(db, "inv", {"checklist", "show", kSubject, "--date", "2026-01-12"});
  EXPECT_TRUE(shown.json.value("complete").toBool()) << shown.text.toStdString();
  EXPECT_TRUE(shown.json.value("eligible").toBool()) << shown.text.toStdString();
  ok(db, "inv", {"checklist", "sign", kSubject, "--date", "2026-01-12", "--reason", "reviewed"});
  ok(db, "coord", {"enrol", kSubject, "--date", "2026-01-12", "--site", "Site 01"});
  ok(db, "coord", {"course", kSubject, "--number", "1", "--end-date", "2026-01-15"});
  ok(db, "coord", {"lot",         "add",
                   "NK-2026-001", "--donor",
                   "D-07",        "--apheresis-date",
                   "2026-01-05",  "--separation-date",
                   "2026-01-05",  "--cryopreserved-date",
                   "2026-01-06",  "--sterility",
                   "negative",    "--viable-cells",
                   "2e9",         "--viability",
                   "92",          "--purity",
                   "95",          "--active-phenotype",
                   "80"});
  ok(db, "coord",
     {"thaw", kSubject, "--injection", "1", "--lot", "NK-2026-001", "--date", "2026-01-25",
      "--viability", "88", "--viable-cells", "1.5e8", "--sterility", "negative"});
  const Cli injected = ok(db, "coord",
                          {"injection", kSubject, "--number", "1", "--date", "2026-01-25",
                           "--cells-given", "100000000"});
  EXPECT_EQ(injected.json.value("timing").toString(), "on-time");
  ok(db, "coord", {"course", kSubject, "--number", "2", "--end-date", "2026-02-10"});

  TestTrial viaLibrary;
  subjectWithImagingEligibility(viaLibrary);
  records::TrialRecord& r = *viaLibrary.record;
  viaLibrary.as("coord");
  QFile example(kExample);
  ASSERT_TRUE(example.open(QIODevice::ReadOnly));
  for (const records::ChecklistAnswerInput& a :
       checklistAnswersFromJson(example.readAll(), kExample)) {
    r.recordChecklistAnswer(kSubject, a);
  }
  viaLibrary.as("inv");
  r.signChecklist(kSubject, QDate(2026, 1, 12), "reviewed", kPassword);
  viaLibrary.as("coord");
  r.enrol(kSubject, QDate(2026, 1, 12), "Site 01");
  r.recordCourseEnd(kSubject, 1, QDate(2026, 1, 15));
  r.recordProductLot({"NK-2026-001", "D-07", QDate(2026, 1, 5), QDate(2026, 1, 5),
                      QDate(2026, 1, 6), -198.0, "negative", 2'000'000'000, 92.0, 95.0, 80.0});
  r.recordThawCheck(kSubject, 1, "NK-2026-001",
                    {QDate(2026, 1, 25), 88.0, 150'000'000, "negative"});
  r.recordInjection(kSubject, 1, QDate(2026, 1, 25), 100'000'000);
  r.recordCourseEnd(kSubject, 2, QDate(2026, 2, 10));

  EXPECT_EQ(comparable(*viaCli.record), comparable(r));

  // The CLI's own views print what the library returns.
  const Cli schedule = ok(db, "coord", {"schedule", kSubject, "--today", "2026-03-01"});
  EXPECT_EQ(schedule.json.value("injections").toArray(),
            scheduleJson(r.injectionSchedule(kSubject, QDate(2026, 3, 1))));
  const Cli timeline = ok(db, "inv", {"timeline", kSubject, "--today", "2026-03-01"});
  QStringList kinds;
  for (const QJsonValue& e : timeline.json.value("events").toArray()) {
    const QJsonObject o = e.toObject();
    kinds << o.value("kind").toString();
    if (o.value("kind") == "injection-due") {
      // Course 2 ended 2026-02-10: injection 2 was due 2026-02-20, its window closed 02-23.
      EXPECT_EQ(o.value("date").toString(), "2026-02-20");
      EXPECT_TRUE(o.value("flagged").toBool());
      EXPECT_TRUE(o.value("text").toString().contains("overdue"))
          << o.value("text").toString().toStdString();
    }
  }
  for (const char* kind : {"course", "injection", "checklist", "enrolment", "injection-due"}) {
    EXPECT_TRUE(kinds.contains(kind)) << kind << " missing from " << kinds.join(',').toStdString();
  }
}

TEST(ProtocolCli, RefusalsCarryTheRecordsMessageAndWriteNothing) {
  TestTrial t;
  subjectWithImagingEligibility(t);
  const QString db = t.location;
  // Each run signs in, which writes its sign-in attempt: count what the commands wrote.
  const qint64 before = records::testing::auditCountWithoutSignIns(*t.db);
  Cli r = run(db, "coord", {"lot",        "add",
                            "NK-X",       "--donor",
                            "D-07",       "--apheresis-date",
                            "2026-01-05", "--separation-date",
                            "2026-01-05", "--cryopreserved-date",
                            "2026-01-06", "--sterility",
                            "negative",   "--viable-cells",
                            "2e9",        "--viability",
                            "140",        "--purity",
                            "95",         "--active-phenotype",
                            "80"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("NK-X") && r.error().contains("140")) << r.text.toStdString();
  r = run(db, "coord",
          {"checklist", "answer", kSubject, "--item", "hiv", "--answer", "maybe", "--date",
           "2026-01-08", "--source", "lab"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("yes or no")) << r.text.toStdString();
  r = run(db, "coord",
          {"checklist", "answer", kSubject, "--item", "cardiac.sfPercent", "--answer", "30",
           "--unit", "mm", "--date", "2026-01-08", "--source", "echo"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("unit")) << r.text.toStdString();
  r = run(db, "coord",
          {"checklist", "answer", kSubject, "--item", "catecholamines.timesUln", "--answer", "35",
           "--date", "2026-01-08", "--source", "urine report"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("give the unit, x ULN")) << r.text.toStdString();
  r = run(db, "coord", {"enrol", kSubject, "--date", "2026-01-12", "--site", "Site 01"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("checklist")) << r.text.toStdString();
  r = run(db, "coord", {"course", kSubject, "--number", "2", "--end-date", "2026-01-15"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(r.error().contains("course 1 first")) << r.text.toStdString();
  // None of these refusals wrote anything.
  EXPECT_EQ(records::testing::auditCountWithoutSignIns(*t.db), before);
}

TEST(ProtocolCli, TheCsvExportCarriesTheSignedChecklistAndTheInjections) {
  TestTrial t;
  subjectWithImagingEligibility(t);
  records::TrialRecord& r = *t.record;
  t.as("coord");
  QFile example(kExample);
  ASSERT_TRUE(example.open(QIODevice::ReadOnly));
  for (const records::ChecklistAnswerInput& a :
       checklistAnswersFromJson(example.readAll(), kExample)) {
    r.recordChecklistAnswer(kSubject, a);
  }
  t.as("inv");
  r.signChecklist(kSubject, QDate(2026, 1, 12), "reviewed", kPassword);
  t.as("coord");
  r.enrol(kSubject, QDate(2026, 1, 12), "Site 01");
  r.recordCourseEnd(kSubject, 1, QDate(2026, 1, 15));
  r.recordProductLot({"NK-2026-001", "D-07", QDate(2026, 1, 5), QDate(2026, 1, 5),
                      QDate(2026, 1, 6), -198.0, "negative", 2'000'000'000, 92.0, 95.0, 80.0});
  r.recordBodyMeasurement(kSubject, QDate(2026, 1, 27), 20.0, std::nullopt);
  r.recordThawCheck(kSubject, 1, "NK-2026-001",
                    {QDate(2026, 1, 27), 88.0, 150'000'000, "negative"});
  r.recordInjection(kSubject, 1, QDate(2026, 1, 27), 100'000'000);

  QTemporaryDir out;
  t.as("inv");
  const QStringList files = exportCsv(r, out.path());
  ASSERT_TRUE(files.contains(out.filePath("eligibility.csv")));
  QFile e(out.filePath("eligibility.csv"));
  ASSERT_TRUE(e.open(QIODevice::ReadOnly));
  const QStringList eligibility = QString::fromUtf8(e.readAll()).split('\n', Qt::SkipEmptyParts);
  // Header + one row per criterion of the signed evaluation (I1-I6, E3-E16).
  EXPECT_EQ(eligibility.size(), 1 + 6 + 14);
  EXPECT_TRUE(eligibility.value(1).startsWith("NB-017,I1,inclusion,"))
      << eligibility.value(1).toStdString();
  QFile i(out.filePath("injections.csv"));
  ASSERT_TRUE(i.open(QIODevice::ReadOnly));
  const QStringList injections = QString::fromUtf8(i.readAll()).split('\n', Qt::SkipEmptyParts);
  ASSERT_EQ(injections.size(), 2);
  // Course 1 ended 2026-01-15: due 2026-01-25; given 2 days later, inside the default window
  // (due + 3 days), so on time.
  EXPECT_TRUE(injections[1].startsWith(
      "NB-017,1,2026-01-15,2026-01-25,2026-01-27,on-time,2,20.0,100000000,100000000,NK-2026-001,"
      "2026-01-27,88.0,150000000,negative"))
      << injections[1].toStdString();
}

}  // namespace
}  // namespace nbra::workflow
