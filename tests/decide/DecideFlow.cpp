#include "tests/decide/DecideFlow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <cmath>

#include "scoring/trial/Dose.h"
#include "tests/records/ProtocolPreparation.h"
#include "workflow/reads/ReadImport.h"

namespace nbra::decide::testing {

namespace {

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

QDate checklistAnsweredOn(const SyntheticSubject& s) {
  return s.baselineDate.addDays(-3);
}

QString syntheticDir() {
  const QString env = qEnvironmentVariable("NBRA_SYNTHETIC_DATA_DIR");
  return env.isEmpty() ? QString(NBRA_SYNTHETIC_DIR) : env;
}

std::optional<SyntheticSubject> loadSubject(const QString& id) {
  const QString dir = syntheticDir() + "/" + id;
  const QJsonObject c = readJson(dir + "/case.json");
  const QJsonObject t = readJson(dir + "/truth.json");
  if (c.isEmpty() || t.isEmpty()) {
    return std::nullopt;
  }
  SyntheticSubject s;
  s.id = id;
  s.caseFile = dir + "/case.json";
  s.truth = t;
  s.sex = t.value("sex").toString();
  s.ageYears = t.value("ageYears").toDouble();
  s.weightKg = t.value("weightKg").toDouble();
  for (const QJsonValue& v : c.value("timepoints").toArray()) {
    const QJsonObject tp = v.toObject();
    if (tp.value("kind").toString() == "baseline") {
      s.baselineLabel = tp.value("label").toString();
      s.baselineDate = QDate::fromString(tp.value("date").toString(), Qt::ISODate);
      const QJsonObject marrow = tp.value("marrow").toObject();
      for (const QJsonValue& m : marrow.value("samples").toArray()) {
        s.baselineMarrow.emplace_back(m.toObject().value("kind").toString(),
                                      m.toObject().value("infiltrationPercent").toDouble());
      }
      s.baselineMarrowConfirmed = marrow.value("pathologyConfirmed").toBool();
    } else if (tp.value("injectionsBefore").toInt() == 3) {
      s.followUpLabel = tp.value("label").toString();
      s.followUpDate = QDate::fromString(tp.value("date").toString(), Qt::ISODate);
      const QJsonObject marrow = tp.value("marrow").toObject();
      for (const QJsonValue& m : marrow.value("samples").toArray()) {
        s.followUpMarrow.emplace_back(m.toObject().value("kind").toString(),
                                      m.toObject().value("infiltrationPercent").toDouble());
      }
      s.followUpMarrowConfirmed = marrow.value("pathologyConfirmed").toBool();
    }
  }
  return s;
}

QString SyntheticSubject::expectedOverall() const {
  for (const QJsonValue& r : truth.value("expected").toObject().value("responses").toArray()) {
    if (r.toObject().value("timepoint").toString() == "after-injection-3") {
      return r.toObject().value("overall").toString();
    }
  }
  return {};
}

QString SyntheticSubject::expectedExtraDoses() const {
  return truth.value("expected").toObject().value("extraDoses").toString();
}

std::vector<QDate> SyntheticSubject::injectionDates() const {
  // Three injections between the baseline scan and the follow-up, three weeks apart.
  return {baselineDate.addDays(3), baselineDate.addDays(24), baselineDate.addDays(45)};
}

std::int64_t SyntheticSubject::doseCells() const {
  return static_cast<std::int64_t>(std::llround(weightKg * 100.0)) * 50'000;  // 5e6 per kg
}

QString marrowOption(const std::vector<std::pair<QString, double>>& samples) {
  QStringList items;
  for (const auto& [kind, percent] : samples) {
    items << kind + ":" + QString::number(percent);
  }
  return items.join(",");
}

QString SyntheticSubject::marrowOption() const {
  return testing::marrowOption(followUpMarrow);
}

FreshRecord::FreshRecord() {
  path = dir.filePath("record.sqlite");
  db = std::make_unique<records::RecordDatabase>(path);
  record = std::make_unique<records::TrialRecord>(*db, records::HashCost::Minimal);
}

void setUpToBaseline(records::TrialRecord& r, const SyntheticSubject& s) {
  r.bootstrapAdministrator("admin", "Ada Admin", kPassword);
  r.createUser("coord", "Cora Coordinator", records::Role::Coordinator, kPassword);
  r.createUser("inv", "Dr Ivan Investigator", records::Role::Investigator, kPassword);
  r.createUser("reader1", "Dr Rita Reader", records::Role::Reader, kPassword);
  r.signIn("coord", kPassword);
  r.createSubject({s.id, s.sex, std::nullopt, s.ageYears});
  r.recordBodyMeasurement(s.id, s.baselineDate, s.weightKg, std::nullopt);
  for (const QDate& d : s.injectionDates()) {
    r.recordBodyMeasurement(s.id, d, s.weightKg, std::nullopt);
  }
  r.addTimepoint(s.id, s.baselineLabel, "baseline", s.baselineDate, {kBaselineStudy});
  r.signIn("reader1", kPassword);
  r.saveRead(s.id, s.baselineLabel,
             nbra::workflow::readFromCaseFile(s.caseFile, {}, s.baselineLabel));
  r.signRead(s.id, s.baselineLabel, kPassword);
  r.signIn("inv", kPassword);
}

void enrolAfterEligibility(records::TrialRecord& r, const SyntheticSubject& s) {
  r.signIn("coord", kPassword);
  records::testing::answerPassingChecklist(r, s.id, checklistAnsweredOn(s));
  r.signIn("inv", kPassword);
  r.signChecklist(s.id, s.baselineDate, records::testing::kChecklistSignReason, kPassword);
  r.signIn("coord", kPassword);
  r.enrol(s.id, s.baselineDate, kEnrolmentSite);
}

void giveInjections(records::TrialRecord& r, const SyntheticSubject& s) {
  int number = 1;
  for (const QDate& d : s.injectionDates()) {
    records::testing::prepareInjection(r, s.id, number, d, s.doseCells());
    r.recordInjection(s.id, number++, d, s.doseCells());
  }
}

void continueToFollowUp(records::TrialRecord& r, const SyntheticSubject& s) {
  enrolAfterEligibility(r, s);
  giveInjections(r, s);
  r.addTimepoint(s.id, s.followUpLabel, "follow-up", s.followUpDate, {kFollowUpStudy});
  r.signIn("reader1", kPassword);
  r.saveRead(s.id, s.followUpLabel,
             nbra::workflow::readFromCaseFile(s.caseFile, {}, s.followUpLabel));
  r.signRead(s.id, s.followUpLabel, kPassword);
  r.signIn("inv", kPassword);
}

CliRun runCli(const QString& recordPath, const QString& user, const QStringList& args,
              int expectedExit) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("NBRA_RECORD", recordPath);
  env.insert("NBRA_USER", user);
  env.insert("NBRA_PASSWORD", kPassword);
  env.insert("NBRA_SIGN_PASSWORD", kPassword);
  env.insert("NBRA_NEW_PASSWORD", kPassword);
  env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
  env.insert("NBRA_TESTING", "1");
  env.insert("QT_QPA_PLATFORM", "offscreen");
  p.setProcessEnvironment(env);
  p.start(NBRA_CLI, args);
  EXPECT_TRUE(p.waitForFinished(120000)) << args.join(' ').toStdString();
  CliRun out;
  out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  out.text = QString::fromUtf8(p.readAllStandardOutput());
  out.json = QJsonDocument::fromJson(out.text.toUtf8()).object();
  EXPECT_EQ(out.exitCode, expectedExit) << "nbra-cli " << args.join(' ').toStdString() << "\n"
                                        << out.text.toStdString();
  return out;
}

void runCliSetUp(const QString& db, const SyntheticSubject& s) {
  runCli(db, "admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
  runCli(db, "admin",
         {"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"});
  runCli(
      db, "admin",
      {"record", "user", "add", "inv", "--role", "investigator", "--name", "Dr Ivan Investigator"});
  runCli(db, "admin",
         {"record", "user", "add", "reader1", "--role", "reader", "--name", "Dr Rita Reader"});
  runCli(db, "coord",
         {"record", "subject", "add", s.id, "--sex", s.sex, "--age-years",
          QString::number(s.ageYears)});
  std::vector<QDate> weighed{s.baselineDate};
  for (const QDate& d : s.injectionDates()) {
    weighed.push_back(d);
  }
  for (const QDate& d : weighed) {
    runCli(db, "coord",
           {"record", "weight", s.id, "--date", d.toString(Qt::ISODate), "--weight-kg",
            QString::number(s.weightKg)});
  }
}

void runCliEnrol(const QString& db, const SyntheticSubject& s) {
  QFile answers(QFileInfo(db).dir().filePath("checklist-answers.json"));
  if (!answers.open(QIODevice::WriteOnly) ||
      answers.write(records::testing::passingChecklistJson(checklistAnsweredOn(s))) < 0) {
    ADD_FAILURE() << "cannot write " << answers.fileName().toStdString();
    return;
  }
  answers.close();
  runCli(db, "coord", {"record", "checklist", "answers", s.id, "--file", answers.fileName()});
  runCli(db, "inv",
         {"record", "checklist", "sign", s.id, "--date", s.baselineDate.toString(Qt::ISODate),
          "--reason", records::testing::kChecklistSignReason});
  runCli(db, "coord",
         {"record", "enrol", s.id, "--date", s.baselineDate.toString(Qt::ISODate), "--site",
          kEnrolmentSite});
}

void runCliInjections(const QString& db, const SyntheticSubject& s) {
  runCli(db, "coord", records::testing::cliLotAddArgs());
  int number = 1;
  for (const QDate& d : s.injectionDates()) {
    runCli(db, "coord", records::testing::cliCourseArgs(s.id, number, d));
    runCli(db, "coord", records::testing::cliThawArgs(s.id, number, d, s.doseCells()));
    runCli(db, "coord",
           {"record", "injection", s.id, "--number", QString::number(number++), "--date",
            d.toString(Qt::ISODate), "--cells-given", QString::number(s.doseCells())});
  }
}

CliFlowResult runCliFlow(const QString& db, const SyntheticSubject& s,
                         const QString& eligibilityReason, const QString& extraDoseReason,
                         const QString& reportPdf) {
  CliFlowResult out;
  runCliSetUp(db, s);
  runCli(db, "coord",
         {"record", "timepoint", "add", s.id, "--label", s.baselineLabel, "--kind", "baseline",
          "--date", s.baselineDate.toString(Qt::ISODate), "--study", kBaselineStudy});
  runCli(db, "reader1",
         {"record", "read", "import", s.id, "--timepoint", s.baselineLabel, s.caseFile});
  runCli(db, "reader1", {"record", "read", "sign", s.id, "--timepoint", s.baselineLabel});
  const CliRun baseline =
      runCli(db, "inv", {"record", "assess", s.id, "--timepoint", s.baselineLabel});
  out.baselineAssessment = baseline.json.value("assessment").toObject();
  runCli(db, "inv",
         {"record", "eligibility", s.id, "--eligible", "yes", "--reason", eligibilityReason,
          "--assessment",
          QString::number(static_cast<qint64>(baseline.json.value("assessmentId").toDouble()))});
  runCliEnrol(db, s);
  runCliInjections(db, s);
  runCli(db, "coord",
         {"record", "timepoint", "add", s.id, "--label", s.followUpLabel, "--kind", "follow-up",
          "--date", s.followUpDate.toString(Qt::ISODate), "--study", kFollowUpStudy});
  runCli(db, "reader1",
         {"record", "read", "import", s.id, "--timepoint", s.followUpLabel, s.caseFile});
  runCli(db, "reader1", {"record", "read", "sign", s.id, "--timepoint", s.followUpLabel});
  QStringList assess{"record", "assess", s.id, "--timepoint", s.followUpLabel};
  if (!s.followUpMarrow.empty()) {
    assess << "--marrow" << s.marrowOption() << "--marrow-confirmed"
           << (s.followUpMarrowConfirmed ? "yes" : "no");
  }
  const CliRun follow = runCli(db, "inv", assess);
  out.followUpAssessment = follow.json.value("assessment").toObject();
  out.followUpAssessmentId = static_cast<qint64>(follow.json.value("assessmentId").toDouble());
  const bool allowed =
      out.followUpAssessment.value("extraDoses").toObject().value("decision").toString() ==
      "allowed";
  runCli(db, "inv",
         {"record", "extra-doses", s.id, "--approve", allowed ? "yes" : "no", "--reason",
          extraDoseReason, "--assessment", QString::number(out.followUpAssessmentId)});
  runCli(db, "inv", {"record", "report", s.id, "--timepoint", s.followUpLabel, "--out", reportPdf});
  out.subject =
      runCli(db, "inv", {"record", "subject", "show", s.id}).json.value("subject").toObject();
  return out;
}

QString pdfText(const QString& pdf) {
  QProcess p;
  p.start("pdftotext", {"-raw", pdf, "-"});  // content order: a table cell stays whole
  if (!p.waitForFinished(60000) || p.exitCode() != 0) {
    ADD_FAILURE() << "pdftotext could not read " << pdf.toStdString() << ": "
                  << p.readAllStandardError().toStdString();
    return {};
  }
  // One space between words: the layout's column padding is not what the tests compare.
  // NFKC undoes the typesetting ligatures ("ﬁ" -> "fi") the PDF's font uses.
  return QString::fromUtf8(p.readAllStandardOutput())
      .normalized(QString::NormalizationForm_KC)
      .simplified();
}

}  // namespace nbra::decide::testing
