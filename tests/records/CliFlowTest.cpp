// The whole trial flow driven through `nbra-cli record ...` as a coordinator's script would,
// on SQLite and (run again by CTest with the cluster) on PostgreSQL: exit codes, JSON, messages,
// the CSV exports, the PDF report and `nbra-cli audit verify`.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <filesystem>
#include <optional>
#include <tuple>

#include "records/audit/AuditTrail.h"
#include "records/database/RecordDatabase.h"
#include "tests/records/RecordTestSupport.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::records {
namespace {

const QString kData = NBRA_RECORDS_TEST_DATA;

struct CliResult {
  int exitCode = -1;
  QJsonObject json;
  QString text;
  QString message() const { return json.value("error").toObject().value("message").toString(); }
};

class CliFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    location = testing::freshLocation(dir);
  }

  CliResult run(const QString& user, const QStringList& args, const QString& password = "pw-1") {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NBRA_RECORD", location);
    env.insert("NBRA_USER", user);
    env.insert("NBRA_PASSWORD", password);
    // Signing asks for the password again, from its own variable (empty: not given at all).
    const QString signing = signPassword.value_or(password);
    if (signing.isEmpty()) {
      env.remove("NBRA_SIGN_PASSWORD");
    } else {
      env.insert("NBRA_SIGN_PASSWORD", signing);
    }
    env.insert("NBRA_NEW_PASSWORD", "pw-1");
    env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
    env.insert("NBRA_TESTING", "1");  // without it the cheap hash cost is ignored
    p.setProcessEnvironment(env);
    p.start(NBRA_CLI, args);
    p.waitForFinished(60000);
    CliResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.text = QString::fromUtf8(p.readAllStandardOutput());
    r.json = QJsonDocument::fromJson(r.text.toUtf8()).object();
    return r;
  }

  void ok(const QString& user, const QStringList& args) {
    const CliResult r = run(user, args);
    ASSERT_EQ(r.exitCode, 0) << args.join(' ').toStdString() << "\n" << r.text.toStdString();
  }

  // The end of the course injection `number` on `date` follows, and its thaw check (the lot is
  // recorded in setUpSubject).
  void prepareInjection(int number, const QString& date, qint64 cells) {
    const QDate given = QDate::fromString(date, Qt::ISODate);
    ok("coord", testing::cliCourseArgs("NB-EX-001", number, given));
    ok("coord", testing::cliThawArgs("NB-EX-001", number, given, cells));
  }

  // Users, subject, weights, the signed screening eligibility, the eligibility checklist
  // answered and signed, enrolment, the NK-cell lot, injections 1-3 (each after its course's end
  // and its thaw check) and the two timepoints.
  void setUpSubject() {
    ok("admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
    ok("admin",
       {"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"});
    ok("admin",
       {"record", "user", "add", "inv", "--role", "investigator", "--name", "Ivan Investigator"});
    ok("admin",
       {"record", "user", "add", "reader1", "--role", "reader", "--name", "Dr Rita Reader"});
    ok("coord",
       {"record", "subject", "add", "NB-EX-001", "--sex", "F", "--birth-date", "2019-07-01"});
    for (const auto& [date, kg] :
         std::vector<std::pair<QString, QString>>{{"2026-01-10", "18.4"},
                                                  {"2026-01-20", "18.3"},
                                                  {"2026-02-10", "18.2"},
                                                  {"2026-03-03", "18.1"},
                                                  {"2026-04-20", "18.0"}}) {
      ok("coord", {"record", "weight", "NB-EX-001", "--date", date, "--weight-kg", kg});
    }
    // Enrolment and injection 1 need a signed eligibility confirmation, enrolment a signed
    // checklist too.
    const CliResult screening = run("inv", {"record", "eligibility", "NB-EX-001", "--eligible",
                                            "yes", "--reason", "eligible at screening"});
    ASSERT_EQ(screening.exitCode, 0) << screening.text.toStdString();
    screeningEligibility =
        QString::number(static_cast<qint64>(screening.json.value("eligibility").toDouble()));
    QFile answers(dir.filePath("checklist-answers.json"));
    ASSERT_TRUE(answers.open(QIODevice::WriteOnly));
    answers.write(testing::passingChecklistJson(QDate(2026, 1, 10)));
    answers.close();
    ok("coord", {"record", "checklist", "answers", "NB-EX-001", "--file", answers.fileName()});
    ok("inv", {"record", "checklist", "sign", "NB-EX-001", "--date", "2026-01-15", "--reason",
               testing::kChecklistSignReason});
    ok("coord", {"record", "enrol", "NB-EX-001", "--date", "2026-01-15", "--site", "Site 01"});
    ok("coord", testing::cliLotAddArgs());
    for (const auto& [number, date, cells] :
         std::vector<std::tuple<int, QString, qint64>>{{1, "2026-01-20", 91'500'000},
                                                       {2, "2026-02-10", 91'000'000},
                                                       {3, "2026-03-03", 90'500'000}}) {
      prepareInjection(number, date, cells);
      ok("coord", {"record", "injection", "NB-EX-001", "--number", QString::number(number),
                   "--date", date, "--cells-given", QString::number(cells)});
    }
    ok("coord",
       {"record", "timepoint", "add", "NB-EX-001", "--label", "baseline (pre-treatment)", "--kind",
        "baseline", "--date", "2026-01-12", "--study", "1.2.826.0.1.3680043.8.498.10"});
    ok("coord",
       {"record", "timepoint", "add", "NB-EX-001", "--label", "after injection 3", "--kind",
        "follow-up", "--date", "2026-03-30", "--study", "1.2.826.0.1.3680043.8.498.20"});
  }

  void readAndSign() {
    ok("reader1", {"record", "read", "import", "NB-EX-001", "--timepoint",
                   "baseline (pre-treatment)", kData + "/nb-ex-001-baseline.json"});
    ok("reader1", {"record", "read", "import", "NB-EX-001", "--timepoint", "after injection 3",
                   kData + "/nb-ex-001-follow-up.json"});
    ok("reader1",
       {"record", "read", "sign", "NB-EX-001", "--timepoint", "baseline (pre-treatment)"});
    ok("reader1", {"record", "read", "sign", "NB-EX-001", "--timepoint", "after injection 3"});
  }

  QTemporaryDir dir;
  QString location;
  QString screeningEligibility;  // the decision id from setUpSubject
  // NBRA_SIGN_PASSWORD for run(); by default the same as the sign-in password given to run().
  std::optional<QString> signPassword;
};

TEST_F(CliFlow, ScriptsTheWholeTrialFlow) {
  setUpSubject();
  readAndSign();
  // The dose is that day's weight x 5 x 10^6 cells/kg: 18.3 kg on 2026-01-20.
  const CliResult show = run("coord", {"record", "subject", "show", "NB-EX-001"});
  ASSERT_EQ(show.exitCode, 0) << show.text.toStdString();
  const QJsonObject subject = show.json.value("subject").toObject();
  EXPECT_EQ(subject.value("injections").toArray()[0].toObject().value("doseCells").toDouble(),
            91'500'000.0);
  const QJsonObject follow = subject.value("timepoints").toArray()[1].toObject();
  const QJsonObject read = follow.value("reads").toArray()[0].toObject();
  EXPECT_EQ(read.value("status").toString(), "signed");
  EXPECT_EQ(read.value("signature").toObject().value("signerName").toString(), "Dr Rita Reader");
  EXPECT_EQ(read.value("lesions").toArray()[1].toObject().value("sopInstanceUid").toString(),
            "1.2.826.0.1.3680043.8.498.20.3.117");

  const CliResult assess =
      run("inv", {"record", "assess", "NB-EX-001", "--timepoint", "after injection 3"});
  ASSERT_EQ(assess.exitCode, 0) << assess.text.toStdString();
  const QJsonObject output = assess.json.value("assessment").toObject();
  EXPECT_FALSE(output.value("ruleSetVersion").toString().isEmpty());
  // Three injections before the follow-up, counted from the record, not the file.
  EXPECT_EQ(output.value("timepoints").toArray()[1].toObject().value("injectionsBefore").toInt(),
            3);
  const QString assessmentId = QString::number(assess.json.value("assessmentId").toInt());
  const QString overall = output.value("timepoints")
                              .toArray()[1]
                              .toObject()
                              .value("response")
                              .toObject()
                              .value("overall")
                              .toObject()
                              .value("response")
                              .toString();
  EXPECT_EQ(overall, "PR");

  ok("inv", {"record", "eligibility", "NB-EX-001", "--eligible", "yes", "--reason",
             "criterion 1: L1 31 mm, MIBG avid", "--assessment", assessmentId, "--supersedes",
             screeningEligibility});
  // The approval is signed today, and injection 4 cannot be dated before it.
  const QString today = testing::todayUtc().toString(Qt::ISODate);
  ok("coord", {"record", "weight", "NB-EX-001", "--date", today, "--weight-kg", "18.0"});
  const CliResult early = run("coord", {"record", "injection", "NB-EX-001", "--number", "4",
                                        "--date", today, "--cells-given", "90000000"});
  EXPECT_EQ(early.exitCode, 2);
  EXPECT_TRUE(early.message().contains("extra-dose approval")) << early.text.toStdString();
  ok("inv", {"record", "extra-doses", "NB-EX-001", "--approve", "yes", "--reason",
             "PR after injection 3, confirmed on CT and MIBG", "--assessment", assessmentId});
  prepareInjection(4, today, 90'000'000);
  ok("coord", {"record", "injection", "NB-EX-001", "--number", "4", "--date", today,
               "--cells-given", "90000000"});

  const QString csvDir = dir.filePath("csv");
  ok("inv", {"record", "export-csv", "--out", csvDir});
  QFile responses(csvDir + "/responses.csv");
  ASSERT_TRUE(responses.open(QIODevice::ReadOnly));
  const QString csv = QString::fromUtf8(responses.readAll());
  EXPECT_TRUE(
      csv.startsWith("subject_id,timepoint,scan_date,response_system,response_component,"
                     "response_category"));
  EXPECT_TRUE(csv.contains("NB-EX-001,after injection 3,2026-03-30,INRC 2017,overall,PR,"))
      << csv.toStdString();
  QFile scores(csvDir + "/scores.csv");
  ASSERT_TRUE(scores.open(QIODevice::ReadOnly));
  const QString scoreCsv = QString::fromUtf8(scores.readAll());
  // Baseline SIOPEN 1+2+4+4+2+2 = 15, follow-up 0+1+1+2 = 4, from the example reading.
  EXPECT_TRUE(scoreCsv.contains("baseline (pre-treatment),2026-01-12,SIOPEN,15,"))
      << scoreCsv.toStdString();
  EXPECT_TRUE(scoreCsv.contains("after injection 3,2026-03-30,SIOPEN,4,"))
      << scoreCsv.toStdString();

  const QString pdf = dir.filePath("report.pdf");
  ok("inv", {"record", "report", "NB-EX-001", "--timepoint", "after injection 3", "--out", pdf});
  QFile pdfFile(pdf);
  ASSERT_TRUE(pdfFile.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdfFile.read(5).startsWith("%PDF-"));
  QProcess text;
  text.start("pdftotext", {"-layout", pdf, "-"});
  ASSERT_TRUE(text.waitForFinished(30000));
  const QString body = QString::fromUtf8(text.readAllStandardOutput());
  EXPECT_TRUE(body.contains("Overall response: PR")) << body.toStdString();
  EXPECT_TRUE(body.contains("1.2.826.0.1.3680043.8.498.20")) << "scans used";
  EXPECT_TRUE(body.contains("extra doses approved")) << "decision signature";
  EXPECT_TRUE(body.contains("Dr Rita Reader")) << "read signature";

  const CliResult verify = run("", {"audit", "verify", "--db", location});
  EXPECT_EQ(verify.exitCode, 0) << verify.text.toStdString();
  EXPECT_TRUE(verify.json.value("audit").toObject().value("intact").toBool());
  // The report carries the anchor: the audit head as it was when printed (nothing written since).
  const QString headHash = verify.json.value("audit").toObject().value("headHash").toString();
  ASSERT_EQ(headHash.size(), 64);
  EXPECT_TRUE(body.contains(headHash)) << body.toStdString();
}

TEST_F(CliFlow, AuditVerifyExitsThreeNamingTheFirstBadEntry) {
  setUpSubject();
  {
    RecordDatabase db(location);
    testing::dropAuditGuard(db);
    db.run("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 4");
  }
  const CliResult verify = run("", {"audit", "verify", "--db", location});
  EXPECT_EQ(verify.exitCode, 3) << verify.text.toStdString();
  const QJsonObject audit = verify.json.value("audit").toObject();
  EXPECT_FALSE(audit.value("intact").toBool());
  EXPECT_EQ(audit.value("firstBadEntry").toInt(), 4);
  EXPECT_TRUE(audit.value("message").toString().contains("entry 4")) << verify.text.toStdString();
}

// The chain is whole, but a row was changed behind NBRA's back: verify re-derives every row from
// the trail and names the one that differs.
TEST_F(CliFlow, AuditVerifyNamesARowChangedOutsideNbra) {
  setUpSubject();
  const CliResult clean = run("", {"audit", "verify", "--db", location});
  ASSERT_EQ(clean.exitCode, 0) << clean.text.toStdString();
  // 4 users, the subject, 5 weights, the eligibility decision and its signature, 25 checklist
  // answers, the checklist's signoff and its signature, the enrolment, the lot, 3 courses, 3
  // thaw checks, 3 injections, 2 timepoints with one study each; and each command's sign-in.
  {
    RecordDatabase db(location);
    QSqlQuery signIns = db.run("SELECT COUNT(*) FROM sign_in_attempts");
    ASSERT_TRUE(signIns.next());
    EXPECT_GT(signIns.value(0).toInt(), 0);
    EXPECT_EQ(clean.json.value("audit").toObject().value("rowsChecked").toInt(),
              54 + signIns.value(0).toInt());
  }
  {
    RecordDatabase db(location);
    db.run("UPDATE users SET active = 0 WHERE user_name = 'inv'");
  }
  const CliResult verify = run("", {"audit", "verify", "--db", location});
  EXPECT_EQ(verify.exitCode, 3) << verify.text.toStdString();
  const QJsonObject audit = verify.json.value("audit").toObject();
  EXPECT_FALSE(audit.value("intact").toBool());
  const QJsonArray rows = audit.value("rowsDiffering").toArray();
  ASSERT_EQ(rows.size(), 1) << verify.text.toStdString();
  EXPECT_TRUE(rows[0].toString().startsWith("users #")) << verify.text.toStdString();
  EXPECT_TRUE(rows[0].toString().contains("active is '0' in the record but 1 by the trail"))
      << verify.text.toStdString();
}

// A reader's `subject show` withholds the assessments and decisions, and says so.
TEST_F(CliFlow, AReadersSubjectShowIsBlinded) {
  setUpSubject();
  const CliResult inv = run("inv", {"record", "subject", "show", "NB-EX-001"});
  ASSERT_EQ(inv.exitCode, 0) << inv.text.toStdString();
  const QJsonObject invView = inv.json.value("subject").toObject();
  EXPECT_EQ(invView.value("eligibility").toArray().size(), 1);
  EXPECT_FALSE(invView.contains("withheld"));
  const CliResult reader = run("reader1", {"record", "subject", "show", "NB-EX-001"});
  ASSERT_EQ(reader.exitCode, 0) << reader.text.toStdString();
  const QJsonObject readerView = reader.json.value("subject").toObject();
  EXPECT_TRUE(readerView.value("eligibility").toArray().isEmpty()) << reader.text.toStdString();
  EXPECT_TRUE(readerView.value("withheld").toString().contains("blinded reading"));
  EXPECT_EQ(readerView.value("injections").toArray().size(), 3);
}

TEST_F(CliFlow, AnAnchorFromAReportCatchesARewrittenChain) {
  setUpSubject();
  const CliResult before = run("", {"audit", "verify", "--db", location});
  ASSERT_EQ(before.exitCode, 0) << before.text.toStdString();
  const QJsonObject head = before.json.value("audit").toObject();
  const QString anchor =
      QString("%1:%2").arg(head.value("headEntry").toInt()).arg(head.value("headHash").toString());
  ASSERT_EQ(head.value("headHash").toString().size(), 64);
  {
    // A forger with write access edits entry 3 and recomputes every hash after it, and the head.
    RecordDatabase db(location);
    testing::dropAuditGuard(db);
    db.run("UPDATE audit_log SET user_name = 'forger' WHERE seq = 3");
    QSqlQuery q = db.run("SELECT " + auditColumns() + " FROM audit_log ORDER BY seq");
    std::vector<AuditEntry> entries;
    while (q.next()) entries.push_back(auditEntryFromRow(q));
    q.finish();
    QString prev(64, QChar('0'));
    for (AuditEntry& e : entries) {
      e.prevHash = prev;
      e.hash = auditHash(e);
      db.run("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
             {e.prevHash, e.hash, e.seq});
      prev = e.hash;
    }
    db.run("UPDATE record_meta SET value = ? WHERE key = 'audit_head_hash'", {prev});
  }
  // The chain alone cannot tell...
  EXPECT_EQ(run("", {"audit", "verify", "--db", location}).exitCode, 0);
  // ...the anchor printed on an earlier report can.
  const CliResult anchored = run("", {"audit", "verify", "--db", location, "--anchor", anchor});
  EXPECT_EQ(anchored.exitCode, 3) << anchored.text.toStdString();
  EXPECT_EQ(anchored.json.value("audit").toObject().value("firstBadEntry").toInt(),
            head.value("headEntry").toInt());
  const CliResult badAnchor = run("", {"audit", "verify", "--db", location, "--anchor", "x:y"});
  EXPECT_EQ(badAnchor.exitCode, 2);
  EXPECT_TRUE(badAnchor.message().contains("x:y")) << badAnchor.text.toStdString();
}

TEST_F(CliFlow, BadInputGetsAMessageNamingTheThing) {
  setUpSubject();
  struct Case {
    QString user;
    QStringList args;
    QString password;
    QString expected;
  };
  QFile bad(dir.filePath("bad.json"));
  ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
  bad.write("{\"subject\": {\"id\": \"x\", \"weightKg\": 18}, \"timepoints\": [ {\"labl\": 1} ]}");
  bad.close();
  QFile broken(dir.filePath("broken.json"));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("{ not json");
  broken.close();
  const std::vector<Case> cases{
      {"reader1",
       {"record", "read", "import", "NB-EX-001", "--timepoint", "after injection 3",
        bad.fileName()},
       "pw-1",
       "labl"},
      {"reader1",
       {"record", "read", "import", "NB-EX-001", "--timepoint", "after injection 3",
        broken.fileName()},
       "pw-1",
       "broken.json"},
      {"reader1",
       {"record", "read", "import", "NB-404", "--timepoint", "after injection 3",
        kData + "/nb-ex-001-baseline.json"},
       "pw-1",
       "NB-404"},
      {"reader1",
       {"record", "read", "sign", "NB-EX-001", "--timepoint", "week 9"},
       "pw-1",
       "week 9"},
      {"reader1",
       {"record", "read", "sign", "NB-EX-001", "--timepoint", "after injection 3"},
       "wrong",
       "wrong password"},
      {"reader1",
       {"record", "read", "sign", "NB-EX-001", "--timepoint", "after injection 3", "--meaning",
        "extra doses approved"},
       "pw-1",
       "'read complete'"},
      {"reader1",
       {"record", "subject", "add", "NB-2", "--sex", "F", "--age-years", "5"},
       "pw-1",
       "may not create subjects"},
      {"coord",
       {"record", "extra-doses", "NB-EX-001", "--approve", "yes", "--reason", "r"},
       "pw-1",
       "may not decide extra doses"},
      {"inv",
       {"record", "user", "add", "x", "--role", "reader", "--name", "X"},
       "pw-1",
       "may not manage user accounts"},
      {"admin", {"record", "subject", "show", "NB-EX-001"}, "pw-1", "may not view subjects"},
      {"coord",
       {"record", "weight", "NB-EX-001", "--date", "2026-13-01", "--weight-kg", "18"},
       "pw-1",
       "--date"},
      {"coord",
       {"record", "weight", "NB-EX-001", "--date", "2026-05-01", "--weight-kg", "18.123"},
       "pw-1",
       "0.01 kg"},
      {"coord",
       {"record", "subject", "add", "NB-3", "--sex", "F", "--age-yrs", "5"},
       "pw-1",
       "--age-yrs"},
      {"nobody", {"record", "subject", "list"}, "pw-1", "nobody"},
      {"admin", {"record", "user", "add", "y", "--role", "nurse", "--name", "Y"}, "pw-1", "nurse"},
      {"admin", {"record", "user", "deactivate", "ghost", "--reason", "r"}, "pw-1", "ghost"},
      {"coord",
       {"record", "user", "deactivate", "reader1", "--reason", "r"},
       "pw-1",
       "may not manage user accounts"},
  };
  for (const Case& c : cases) {
    const CliResult r = run(c.user, c.args, c.password);
    EXPECT_EQ(r.exitCode, 2) << c.args.join(' ').toStdString() << "\n" << r.text.toStdString();
    EXPECT_TRUE(r.message().contains(c.expected))
        << c.args.join(' ').toStdString() << "\nexpected '" << c.expected.toStdString()
        << "' in: " << r.text.toStdString();
  }
}

TEST_F(CliFlow, TwoReadersNeedAChoiceAndCorrectionsAreVersions) {
  setUpSubject();
  readAndSign();
  ok("admin",
     {"record", "user", "add", "reader2", "--role", "reader", "--name", "Dr Nils Nuclear"});
  ok("reader2", {"record", "read", "import", "NB-EX-001", "--timepoint", "baseline (pre-treatment)",
                 kData + "/nb-ex-001-baseline.json"});
  // reader1 does not see reader2's draft; the investigator neither.
  for (const QString& user : {QString("reader1"), QString("inv")}) {
    const CliResult r = run(
        user, {"record", "read", "show", "NB-EX-001", "--timepoint", "baseline (pre-treatment)"});
    ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
    EXPECT_EQ(r.json.value("reads").toArray().size(), 1) << user.toStdString();
  }
  ok("reader2", {"record", "read", "sign", "NB-EX-001", "--timepoint", "baseline (pre-treatment)"});
  const CliResult ambiguous =
      run("inv", {"record", "assess", "NB-EX-001", "--timepoint", "baseline (pre-treatment)"});
  EXPECT_EQ(ambiguous.exitCode, 2);
  EXPECT_TRUE(ambiguous.message().contains("reader1") && ambiguous.message().contains("reader2") &&
              ambiguous.message().contains("--reader"))
      << ambiguous.text.toStdString();
  ok("inv", {"record", "assess", "NB-EX-001", "--timepoint", "baseline (pre-treatment)", "--reader",
             "reader2"});

  const CliResult again =
      run("reader1", {"record", "read", "import", "NB-EX-001", "--timepoint", "after injection 3",
                      kData + "/nb-ex-001-follow-up.json"});
  EXPECT_EQ(again.exitCode, 2);
  EXPECT_TRUE(again.message().contains("correction")) << again.text.toStdString();
  ok("reader1", {"record", "read", "correct", "NB-EX-001", "--timepoint", "after injection 3",
                 kData + "/nb-ex-001-follow-up.json", "--reason", "N1 short axis re-read"});
  ok("reader1", {"record", "read", "sign", "NB-EX-001", "--timepoint", "after injection 3"});
  const CliResult shown =
      run("inv", {"record", "read", "show", "NB-EX-001", "--timepoint", "after injection 3"});
  const QJsonObject read = shown.json.value("reads").toArray()[0].toObject();
  EXPECT_EQ(read.value("version").toInt(), 2);
  EXPECT_EQ(read.value("correctionReason").toString(), "N1 short axis re-read");
  EXPECT_GT(read.value("supersedes").toInt(), 0);
}

TEST_F(CliFlow, TimepointStudiesCanBeCheckedAgainstTheImageIndex) {
  setUpSubject();
  nbra::testing::SyntheticSeries series;
  series.studyUid = "1.2.826.0.1.3680043.8.498.77";
  nbra::testing::writeSeries(std::filesystem::path(dir.filePath("dicom").toStdString()), series);
  const QString index = dir.filePath("index.sqlite");
  QProcess indexer;
  indexer.start(NBRA_CLI, {"index", dir.filePath("dicom"), "--index", index});
  ASSERT_TRUE(indexer.waitForFinished(60000));
  ASSERT_EQ(indexer.exitCode(), 0) << indexer.readAllStandardOutput().toStdString();
  ok("coord",
     {"record", "timepoint", "add", "NB-EX-001", "--label", "week 12", "--kind", "follow-up",
      "--date", "2026-04-10", "--study", "1.2.826.0.1.3680043.8.498.77", "--index", index});
  const CliResult unknown =
      run("coord",
          {"record", "timepoint", "add", "NB-EX-001", "--label", "week 18", "--kind", "follow-up",
           "--date", "2026-05-20", "--study", "1.2.826.0.1.3680043.8.498.78", "--index", index});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_TRUE(unknown.message().contains("1.2.826.0.1.3680043.8.498.78") &&
              unknown.message().contains("index.sqlite"))
      << unknown.text.toStdString();
}

TEST_F(CliFlow, SigningNeedsThePasswordAgainNeverTheSignInOne) {
  setUpSubject();
  ok("reader1", {"record", "read", "import", "NB-EX-001", "--timepoint", "baseline (pre-treatment)",
                 kData + "/nb-ex-001-baseline.json"});
  const QStringList sign{"record",    "read",        "sign",
                         "NB-EX-001", "--timepoint", "baseline (pre-treatment)"};
  // NBRA_PASSWORD alone signs in but does not sign.
  signPassword = QString();
  const CliResult unsigned_ = run("reader1", sign);
  EXPECT_EQ(unsigned_.exitCode, 2);
  EXPECT_TRUE(unsigned_.message().contains("NBRA_SIGN_PASSWORD")) << unsigned_.text.toStdString();
  signPassword = "not-it";
  const CliResult wrong = run("reader1", sign);
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_TRUE(wrong.message().contains("password")) << wrong.text.toStdString();
  // With --password-stdin the signing password is the second line; one line is not enough.
  auto viaStdin = [&](const QByteArray& input) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NBRA_RECORD", location);
    env.insert("NBRA_USER", "reader1");
    env.remove("NBRA_PASSWORD");
    env.insert("NBRA_SIGN_PASSWORD", "pw-1");  // ignored: stdin was chosen
    p.setProcessEnvironment(env);
    p.start(NBRA_CLI, QStringList(sign) << "--password-stdin");
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()));
  };
  const auto [oneLineCode, oneLine] = viaStdin("pw-1\n");
  EXPECT_EQ(oneLineCode, 2);
  EXPECT_TRUE(oneLine.contains("second line")) << oneLine.toStdString();
  const auto [twoLinesCode, twoLines] = viaStdin("pw-1\npw-1\n");
  EXPECT_EQ(twoLinesCode, 0) << twoLines.toStdString();
  signPassword.reset();
  const CliResult shown = run("reader1", {"record", "read", "show", "NB-EX-001", "--timepoint",
                                          "baseline (pre-treatment)"});
  EXPECT_EQ(shown.json.value("reads").toArray()[0].toObject().value("status").toString(), "signed");
}

TEST_F(CliFlow, TheCheapHashCostIsHonouredOnlyWhenTesting) {
  // NBRA_PASSWORD_HASH_COST=minimal alone must not weaken a production record's passwords.
  auto addUser = [&](const QString& name, bool testing) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NBRA_RECORD", location);
    env.insert("NBRA_USER", "admin");
    env.insert("NBRA_PASSWORD", "pw-1");
    env.insert("NBRA_NEW_PASSWORD", "pw-1");
    env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
    if (testing) {
      env.insert("NBRA_TESTING", "1");
    } else {
      env.remove("NBRA_TESTING");
    }
    p.setProcessEnvironment(env);
    p.start(NBRA_CLI, {"record", "user", "add", name, "--role", "reader", "--name", name});
    p.waitForFinished(60000);
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardOutput().toStdString();
  };
  ok("admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
  addUser("cheap", true);
  addUser("real", false);
  RecordDatabase db(location);
  auto hashOf = [&](const QString& name) {
    QSqlQuery q = db.run("SELECT password_hash FROM users WHERE user_name = ?", {name});
    return q.next() ? q.value(0).toString() : QString();
  };
  // The Argon2id memory limit is in the encoded hash ("m=" KiB).
  const QString cheap = hashOf("cheap");
  const QString real = hashOf("real");
  EXPECT_TRUE(cheap.contains("$m=8,")) << cheap.toStdString();
  EXPECT_TRUE(real.contains("$argon2id$")) << real.toStdString();
  EXPECT_FALSE(real.contains("$m=8,")) << real.toStdString();
}

TEST_F(CliFlow, PasswordsCanComeFromStdin) {
  ok("admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("NBRA_RECORD", location);
  env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
  env.insert("NBRA_TESTING", "1");
  env.remove("NBRA_PASSWORD");
  p.setProcessEnvironment(env);
  p.start(NBRA_CLI, {"record", "user", "add", "reader9", "--role", "reader", "--name", "R Nine",
                     "--user", "admin", "--password-stdin"});
  p.write("pw-1\nsecret-of-reader9\n");
  p.closeWriteChannel();
  ASSERT_TRUE(p.waitForFinished(30000));
  ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardOutput().toStdString();
  // The new user signs in with the password from stdin's second line, and not with another.
  EXPECT_EQ(run("reader9", {"record", "subject", "list"}, "secret-of-reader9").exitCode, 0);
  const CliResult wrong = run("reader9", {"record", "subject", "list"}, "pw-1");
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_TRUE(wrong.message().contains("reader9")) << wrong.text.toStdString();
  // Deactivated: refused even with the right password.
  ok("admin", {"record", "user", "deactivate", "reader9", "--reason", "left the trial"});
  const CliResult gone = run("reader9", {"record", "subject", "list"}, "secret-of-reader9");
  EXPECT_EQ(gone.exitCode, 2);
  EXPECT_TRUE(gone.message().contains("deactivated")) << gone.text.toStdString();
}

// Five wrong passwords lock an account; `record user list` shows it; only an administrator
// unlocks it, with a reason; then it signs in again and the trail verifies.
TEST_F(CliFlow, ALockedAccountIsShownAndUnlockedByAnAdministrator) {
  ok("admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
  ok("admin",
     {"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"});
  ok("admin", {"record", "user", "add", "reader1", "--role", "reader", "--name", "Dr Rita Reader"});
  for (int i = 1; i <= 5; ++i) {
    const CliResult r = run("reader1", {"record", "subject", "list"}, "guess");
    EXPECT_EQ(r.exitCode, 2) << r.text.toStdString();
    EXPECT_TRUE(r.message().contains(i < 5 ? QString("%1 attempt").arg(5 - i)
                                           : QString("the account is now locked")))
        << r.text.toStdString();
  }
  const CliResult locked = run("reader1", {"record", "subject", "list"});
  EXPECT_EQ(locked.exitCode, 2);
  EXPECT_TRUE(locked.message().contains("locked after 5 failed sign-ins") &&
              locked.message().contains("administrator must unlock"))
      << locked.text.toStdString();

  const CliResult list = run("admin", {"record", "user", "list"});
  ASSERT_EQ(list.exitCode, 0) << list.text.toStdString();
  for (const QJsonValue& u : list.json.value("users").toArray()) {
    const QJsonObject o = u.toObject();
    const bool reader = o.value("user").toString() == "reader1";
    EXPECT_EQ(o.value("locked").toBool(), reader) << list.text.toStdString();
    EXPECT_EQ(o.value("failedSignIns").toInt(), reader ? 5 : 0) << list.text.toStdString();
  }

  const CliResult noReason = run("admin", {"record", "unlock", "--account", "reader1"});
  EXPECT_EQ(noReason.exitCode, 2);
  EXPECT_TRUE(noReason.message().contains("--reason")) << noReason.text.toStdString();
  const CliResult notAdmin =
      run("coord", {"record", "unlock", "--account", "reader1", "--reason", "asked me"});
  EXPECT_EQ(notAdmin.exitCode, 2);
  EXPECT_TRUE(notAdmin.message().contains("may not unlock accounts"))
      << notAdmin.text.toStdString();
  const CliResult unlocked = run("admin", {"record", "unlock", "--account", "reader1", "--reason",
                                           "forgot the password; identity checked by phone"});
  ASSERT_EQ(unlocked.exitCode, 0) << unlocked.text.toStdString();
  EXPECT_TRUE(unlocked.json.value("unlocked").toBool());
  EXPECT_TRUE(unlocked.json.value("wasLocked").toBool());
  EXPECT_EQ(unlocked.json.value("clearedFailedSignIns").toInt(), 5);
  ok("reader1", {"record", "subject", "list"});
  const CliResult verify = run("", {"audit", "verify", "--db", location});
  EXPECT_EQ(verify.exitCode, 0) << verify.text.toStdString();
}

TEST_F(CliFlow, ImportsEveryExampleReadingOfTheAssessFormat) {
  // The examples of `nbra-cli assess` (scoring/schema/examples) are what readers export: each
  // timepoint of each example must import as a read.
  setUpSubject();
  const QStringList examples = QDir(NBRA_ASSESS_EXAMPLES).entryList({"*.json"}, QDir::Files);
  ASSERT_FALSE(examples.isEmpty());
  for (const QString& name : examples) {
    const CliResult r =
        run("reader1",
            {"record", "read", "import", "NB-EX-001", "--timepoint", "baseline (pre-treatment)",
             QString(NBRA_ASSESS_EXAMPLES) + "/" + name, "--case-timepoint", "0"});
    EXPECT_EQ(r.exitCode, 0) << name.toStdString() << ": " << r.text.toStdString();
  }
}

}  // namespace
}  // namespace nbra::records
