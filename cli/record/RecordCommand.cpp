#include "cli/record/RecordCommand.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTextStream>
#include <algorithm>
#include <functional>
#include <map>

#include "cli/CliOutput.h"
#include "cli/record/ProtocolCommand.h"
#include "cli/record/ReadingCommand.h"
#include "cli/record/RecordArgs.h"
#include "cli/record/ResultsCommand.h"
#include "dicom/index/ImageIndex.h"
#include "scoring/assessment/Assessment.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/assessment/CaseAssembly.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/decisions/SignDecision.h"
#include "workflow/export/CsvExport.h"
#include "workflow/export/ReportData.h"
#include "workflow/export/ReportHtml.h"
#include "workflow/reads/ReadImport.h"
#include "workflow/subjects/StudiesInIndex.h"

namespace nbra::cli {

using records::RecordError;
using records::RecordErrorKind;

namespace {

bool yesNo(const RecordArgs& a, const QString& name) {
  const QString v = a.required(name);
  if (v != "yes" && v != "no") {
    badArgument(name + " must be yes or no, not '" + v + "'");
  }
  return v == "yes";
}

std::optional<qint64> idOption(const RecordArgs& a, const QString& name) {
  if (!a.has(name)) {
    return std::nullopt;
  }
  bool ok = false;
  const qint64 v = a.value(name).toLongLong(&ok);
  if (!ok || v <= 0) {
    badArgument(name + " '" + a.value(name) + "' is not a record id");
  }
  return v;
}

QJsonValue optionalNumber(const std::optional<double>& v) {
  return v ? QJsonValue(*v) : QJsonValue();
}

QJsonObject signatureJson(const std::optional<records::Signature>& s) {
  if (!s) {
    return {};
  }
  return {{"signerName", s->signerName},
          {"signerUser", s->signerUserName},
          {"meaning", s->meaning},
          {"signedUtc", s->signedUtc}};
}

QJsonObject readJson(const records::ReadRecord& r) {
  QJsonArray lesions;
  for (const records::LesionMeasurement& l : r.content.lesions) {
    QJsonObject o{{"trackingId", l.trackingId}, {"organ", l.organ},
                  {"isPrimary", l.isPrimary},   {"role", l.role},
                  {"longAxisMm", l.longAxisMm}, {"shortAxisMm", optionalNumber(l.shortAxisMm)}};
    if (!l.sopInstanceUid.isEmpty()) {
      o["sopInstanceUid"] = l.sopInstanceUid;
    }
    if (l.frame) {
      o["frame"] = *l.frame;
    }
    lesions.append(o);
  }
  QJsonObject o{{"id", static_cast<double>(r.id)},
                {"reader", r.readerUserName},
                {"version", r.version},
                {"status", r.status},
                {"updatedUtc", r.updatedUtc},
                {"lesions", lesions},
                {"mibgSegments", static_cast<int>(r.content.mibg.size())},
                {"marrowSamples", static_cast<int>(r.content.marrow.size())}};
  if (r.supersedesId) {
    o["supersedes"] = static_cast<double>(*r.supersedesId);
    o["correctionReason"] = r.correctionReason;
  }
  if (r.signature) {
    o["signature"] = signatureJson(r.signature);
  }
  return o;
}

QJsonArray decisionsJson(const std::vector<records::DecisionRecord>& list) {
  QJsonArray out;
  for (const records::DecisionRecord& d : list) {
    QJsonObject o{{"id", static_cast<double>(d.id)},
                  {"yes", d.yes},
                  {"reason", d.reason},
                  {"signature", signatureJson(d.signature)}};
    if (d.supersedesId) {
      o["supersedes"] = static_cast<double>(*d.supersedesId);
    }
    out.append(o);
  }
  return out;
}

QJsonObject subjectJson(records::TrialRecord& record, const QString& studyId) {
  const records::SubjectRecord s = record.subject(studyId);
  QJsonArray weights;
  for (const records::BodyMeasurement& m : s.measurements) {
    weights.append(QJsonObject{{"date", m.measuredDate.toString(Qt::ISODate)},
                               {"weightKg", m.weightKg},
                               {"heightCm", optionalNumber(m.heightCm)}});
  }
  QJsonArray injections;
  for (const records::InjectionRecord& i : s.injections) {
    injections.append(
        QJsonObject{{"number", i.number},
                    {"date", i.givenDate.toString(Qt::ISODate)},
                    {"weightKg", i.weightKg},
                    {"doseCells", static_cast<double>(i.doseCells)},
                    {"cellsGiven", static_cast<double>(i.cellsGiven)},
                    {"lot", i.lotCode.isEmpty() ? QJsonValue() : QJsonValue(i.lotCode)},
                    {"timing", i.timing.isEmpty() ? QJsonValue() : QJsonValue(i.timing)}});
  }
  QJsonArray timepoints;
  for (const records::TimepointRecord& t : s.timepoints) {
    QJsonArray reads;
    for (const records::ReadRecord& r : record.reads(studyId, t.label)) {
      reads.append(readJson(r));
    }
    timepoints.append(
        QJsonObject{{"label", t.label},
                    {"kind", t.kind},
                    {"scanDate", t.scanDate.toString(Qt::ISODate)},
                    {"studyInstanceUids", QJsonArray::fromStringList(t.studyInstanceUids)},
                    {"reads", reads}});
  }
  QJsonArray assessments;
  for (const records::AssessmentRecord& a : record.assessments(studyId)) {
    assessments.append(QJsonObject{
        {"id", static_cast<double>(a.id)},
        {"timepoint", a.timepointLabel},
        {"ruleSetVersion", a.ruleSetVersion},
        {"overallResponse", a.overallResponse ? QJsonValue(*a.overallResponse) : QJsonValue()},
        {"eligible", a.eligible},
        {"extraDoses", a.extraDoses},
        {"createdUtc", a.createdUtc},
        {"superseded", a.superseded.isEmpty() ? QJsonValue() : QJsonValue(a.superseded)}});
  }
  QJsonObject o{
      {"studyId", s.studyId},
      {"sex", s.sex},
      {"birthDate", s.birthDate ? QJsonValue(s.birthDate->toString(Qt::ISODate)) : QJsonValue()},
      {"ageYears", optionalNumber(s.ageYears)},
      {"enrolled",
       s.enrolledDate ? QJsonValue(s.enrolledDate->toString(Qt::ISODate)) : QJsonValue()},
      {"site", s.site},
      {"measurements", weights},
      {"injections", injections},
      {"timepoints", timepoints},
      {"assessments", assessments},
      {"eligibility", decisionsJson(s.eligibility)},
      {"extraDoseDecisions", decisionsJson(s.extraDoseDecisions)}};
  if (record.actor().role == records::Role::Reader) {
    // Empty above because withheld, not because there are none: say so (docs/records.md).
    o["withheld"] =
        "blinded reading: a reader sees other readers' reads and the assessments of a timepoint "
        "only after signing a read of it, and the decisions once every timepoint's read is signed";
  }
  return o;
}

using Handler = std::function<QJsonObject(const RecordArgs&)>;

QJsonObject initRecord(const RecordArgs& a) {
  expectOptions(a, {"--admin", "--name"}, 0);
  RecordSession s = openSession(a, false);
  s.record->bootstrapAdministrator(a.required("--admin"), a.required("--name"), actorPassword(a));
  return {{"initialised", s.db->displayName()},
          {"administrator", a.value("--admin")},
          {"schemaVersion", s.db->schemaVersion()}};
}

// A new password (new account or change): NBRA_NEW_PASSWORD, or stdin's second line.
QString newPassword(const RecordArgs& a) {
  const QString password =
      a.has("--password-stdin") ? stdinLines().value(1) : qEnvironmentVariable("NBRA_NEW_PASSWORD");
  if (password.isEmpty()) {
    badArgument(
        "no new password: set NBRA_NEW_PASSWORD (or give it on the second line of stdin with "
        "--password-stdin)");
  }
  return password;
}

QJsonObject user(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "add") {
    expectOptions(a, {"--role", "--name"}, 2);
    const auto role = records::roleFromName(a.required("--role"));
    if (!role) {
      badArgument("--role '" + a.value("--role") +
                  "' is not a role (reader, investigator, coordinator, administrator, "
                  "adjudicator)");
    }
    RecordSession s = openSession(a);
    const qint64 id =
        s.record->createUser(a.positional()[1], a.required("--name"), *role, newPassword(a));
    return {{"user", a.positional()[1]},
            {"role", records::roleName(*role)},
            {"id", static_cast<double>(id)}};
  }
  if (verb == "list") {
    expectOptions(a, {}, 1);
    RecordSession s = openSession(a);
    QJsonArray users;
    for (const records::UserRecord& u : s.record->users()) {
      users.append(QJsonObject{{"user", u.userName},
                               {"name", u.fullName},
                               {"role", u.role},
                               {"active", u.active},
                               {"locked", u.locked},
                               {"failedSignIns", u.failedSignIns}});
    }
    return {{"users", users}};
  }
  if (verb == "deactivate" || verb == "activate") {
    expectOptions(a, {"--reason"}, 2);
    RecordSession s = openSession(a);
    s.record->setUserActive(a.positional()[1], verb == "activate", a.required("--reason"));
    return {{"user", a.positional()[1]}, {"active", verb == "activate"}};
  }
  if (verb == "password") {
    expectOptions(a, {"--reason"}, 2);
    RecordSession s = openSession(a);
    s.record->setPassword(a.positional()[1], newPassword(a), a.required("--reason"));
    return {{"user", a.positional()[1]}, {"passwordChanged", true}};
  }
  badArgument(
      "usage: record user add NAME --role ROLE --name FULL_NAME | list | deactivate NAME "
      "--reason R | activate NAME --reason R | password NAME --reason R");
}

// Administrator: `record unlock --account NAME --reason R` clears an account's failed sign-ins
// (locked after too many wrong passwords, or on its way there).
QJsonObject unlockCommand(const RecordArgs& a) {
  expectOptions(a, {"--account", "--reason"}, 0,
                "record unlock --account NAME --reason \"...\" (as an administrator)");
  const QString account = a.required("--account");
  const QString reason = a.required("--reason");
  RecordSession s = openSession(a);
  // The unlock's own refusal first, not the one of reading the state it reports.
  s.record->require(records::Permission::UnlockAccount);
  const records::SignInState before = s.record->signInState(account);
  s.record->unlockUser(account, reason);
  return {{"account", account},
          {"unlocked", true},
          {"wasLocked", before.locked},
          {"clearedFailedSignIns", before.failuresSinceReset}};
}

QJsonObject subject(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "add") {
    expectOptions(a, {"--sex", "--birth-date", "--age-years"}, 2);
    records::SubjectInput in;
    in.studyId = a.positional()[1];
    in.sex = a.required("--sex");
    if (a.has("--birth-date")) {
      in.birthDate = dateOption(a, "--birth-date");
    }
    if (a.has("--age-years")) {
      in.ageYears = numberOption(a, "--age-years");
    }
    RecordSession s = openSession(a);
    s.record->createSubject(in);
    return {{"subject", in.studyId}, {"created", true}};
  }
  if (verb == "show") {
    expectOptions(a, {}, 2);
    RecordSession s = openSession(a);
    return {{"subject", subjectJson(*s.record, a.positional()[1])}};
  }
  if (verb == "list") {
    expectOptions(a, {}, 1);
    RecordSession s = openSession(a);
    return {{"subjects", QJsonArray::fromStringList(s.record->subjectIds())}};
  }
  badArgument(
      "usage: record subject add ID --sex F|M|U (--birth-date D | --age-years N) | show ID | list");
}

QJsonObject weight(const RecordArgs& a) {
  expectOptions(a, {"--date", "--weight-kg", "--height-cm"}, 1);
  std::optional<double> height;
  if (a.has("--height-cm")) {
    height = numberOption(a, "--height-cm");
  }
  const QDate date = dateOption(a, "--date");
  const double kg = numberOption(a, "--weight-kg");
  RecordSession s = openSession(a);
  s.record->recordBodyMeasurement(a.positional()[0], date, kg, height);
  return {{"subject", a.positional()[0]}, {"date", date.toString(Qt::ISODate)}, {"weightKg", kg}};
}

QJsonObject enrol(const RecordArgs& a) {
  expectOptions(a, {"--date", "--site"}, 1);
  const QDate date = dateOption(a, "--date");
  RecordSession s = openSession(a);
  s.record->enrol(a.positional()[0], date, a.required("--site"));
  return {{"subject", a.positional()[0]}, {"enrolled", date.toString(Qt::ISODate)}};
}

QJsonObject injection(const RecordArgs& a) {
  expectOptions(a, {"--number", "--date", "--cells-given"}, 1);
  bool ok = false;
  const int number = a.required("--number").toInt(&ok);
  if (!ok) {
    badArgument("--number '" + a.value("--number") + "' is not an injection number");
  }
  const qlonglong cells = static_cast<qlonglong>(numberOption(a, "--cells-given"));
  const QDate date = dateOption(a, "--date");
  RecordSession s = openSession(a);
  const records::InjectionRecord r =
      s.record->recordInjection(a.positional()[0], number, date, cells);
  return {{"subject", a.positional()[0]},
          {"number", r.number},
          {"date", r.givenDate.toString(Qt::ISODate)},
          {"weightKg", r.weightKg},
          {"doseCells", static_cast<double>(r.doseCells)},
          {"cellsGiven", static_cast<double>(r.cellsGiven)},
          {"timing", r.timing},
          {"daysFromDue", r.daysFromDue ? QJsonValue(*r.daysFromDue) : QJsonValue()}};
}

QJsonObject timepoint(const RecordArgs& a) {
  if (a.positional().value(0) != "add") {
    badArgument(
        "usage: record timepoint add ID --label L --kind baseline|follow-up --date D [--study "
        "UID]...");
  }
  expectOptions(a, {"--label", "--kind", "--date", "--study", "--index"}, 2);
  const QDate date = dateOption(a, "--date");
  RecordSession s = openSession(a);
  QStringList studies = a.values("--study");
  std::reverse(studies.begin(), studies.end());  // QMultiMap yields the newest first
  if (a.has("--index")) {
    workflow::requireStudiesIndexed(a.value("--index"), studies);
  }
  s.record->addTimepoint(a.positional()[1], a.required("--label"), a.required("--kind"), date,
                         studies);
  return {{"subject", a.positional()[1]}, {"timepoint", a.value("--label")}};
}

QJsonObject read(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "import" || verb == "correct") {
    const bool correcting = verb == "correct";
    expectOptions(a,
                  correcting ? QStringList{"--timepoint", "--case-timepoint", "--reason"}
                             : QStringList{"--timepoint", "--case-timepoint"},
                  3);
    const QString label = a.required("--timepoint");
    const records::ReadContent content =
        workflow::readFromCaseFile(a.positional()[2], a.value("--case-timepoint"), label);
    RecordSession s = openSession(a);
    const qint64 id = correcting ? s.record->correctRead(a.positional()[1], label, content,
                                                         a.required("--reason"))
                                 : s.record->saveRead(a.positional()[1], label, content);
    return {{"subject", a.positional()[1]},
            {"timepoint", label},
            {"read", static_cast<double>(id)},
            {"status", "draft"},
            {"lesions", static_cast<int>(content.lesions.size())}};
  }
  if (verb == "sign") {
    expectOptions(a, {"--timepoint", "--meaning"}, 2);
    RecordSession s = openSession(a);
    // --meaning is accepted only to refuse anything but the one meaning of a read signature.
    const QString meaning =
        a.has("--meaning") ? a.value("--meaning") : records::kReadSignatureMeaning;
    // The signature asks for the password again, given separately from the sign-in one.
    workflow::signReadAndCompare(*s.record, a.positional()[1], a.required("--timepoint"),
                                 signingPassword(a), meaning);
    return {
        {"subject", a.positional()[1]}, {"timepoint", a.value("--timepoint")}, {"signed", meaning}};
  }
  if (verb == "show") {
    expectOptions(a, {"--timepoint"}, 2);
    RecordSession s = openSession(a);
    QJsonArray reads;
    for (const records::ReadRecord& r :
         s.record->reads(a.positional()[1], a.required("--timepoint"))) {
      reads.append(readJson(r));
    }
    return {{"reads", reads}};
  }
  badArgument("usage: record read import|correct|sign|show ID --timepoint LABEL [CASE.json]");
}

QJsonObject assess(const RecordArgs& a) {
  expectOptions(a, {"--timepoint", "--reader", "--marrow", "--marrow-confirmed"}, 1);
  std::optional<workflow::MarrowEntry> marrow;
  if (!a.value("--marrow").isEmpty()) {
    marrow = workflow::parseMarrowSamples(
        a.value("--marrow"),
        !a.value("--marrow-confirmed").isEmpty() && yesNo(a, "--marrow-confirmed"));
  } else if (!a.value("--marrow-confirmed").isEmpty()) {
    badArgument("--marrow-confirmed goes with --marrow (the samples it confirms)");
  }
  RecordSession s = openSession(a);
  const workflow::RecordedAssessment made = workflow::assessAndRecord(
      *s.record, a.positional()[0], a.required("--timepoint"), a.value("--reader"), marrow);
  return {{"assessmentId", static_cast<double>(made.id)}, {"assessment", made.output}};
}

QJsonObject decision(const RecordArgs& a, bool eligibility) {
  const QString yesOption = eligibility ? "--eligible" : "--approve";
  QStringList options{yesOption, "--reason", "--assessment", "--supersedes"};
  if (!eligibility) {
    options << "--override-reason";  // deciding extra doses against the assessment
  }
  expectOptions(a, options, 1);
  workflow::DecisionRequest request;
  request.yes = yesNo(a, yesOption);
  request.reason = a.required("--reason");
  request.overrideReason = a.value("--override-reason");
  request.assessmentId = idOption(a, "--assessment");
  RecordSession s = openSession(a);
  const QString studyId = a.positional()[0];
  // "--supersedes current" corrects whatever decision is current, as the workstation does.
  if (a.value("--supersedes") == "current") {
    const records::SubjectRecord subject = s.record->subject(studyId);
    request.supersedes =
        workflow::currentDecision(eligibility ? subject.eligibility : subject.extraDoseDecisions);
  } else {
    request.supersedes = idOption(a, "--supersedes");
  }
  const qint64 id =
      eligibility
          ? workflow::signEligibilityDecision(*s.record, studyId, request, signingPassword(a))
          : workflow::signExtraDoses(*s.record, studyId, request, signingPassword(a));
  return {{"subject", studyId},
          {eligibility ? "eligibility" : "extraDoses", static_cast<double>(id)},
          {"decision", request.yes ? (eligibility ? "eligible" : "approved")
                                   : (eligibility ? "not eligible" : "refused")},
          {"signed", true}};
}

QJsonObject exportCsvFiles(const RecordArgs& a) {
  expectOptions(a, {"--out"}, 0);
  RecordSession s = openSession(a);
  const QStringList files = workflow::exportCsv(*s.record, a.required("--out"));
  return {{"files", QJsonArray::fromStringList(files)}};
}

QString reportTool() {
  const QString env = qEnvironmentVariable("NBRA_REPORT_PDF_TOOL");
  return env.isEmpty() ? QCoreApplication::applicationDirPath() + "/nbra-report-pdf" : env;
}

QJsonObject report(const RecordArgs& a) {
  expectOptions(a, {"--timepoint", "--out"}, 1);
  const QString pdf = QFileInfo(a.required("--out")).absoluteFilePath();
  RecordSession s = openSession(a);
  const workflow::ReportData data =
      workflow::gatherReport(*s.record, a.positional()[0], a.required("--timepoint"));
  const QString html =
      workflow::reportHtml(data, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
  // The PDF needs Qt Gui (fonts); nbra-cli stays a Core application, so a small helper renders
  // the HTML we made here.
  QProcess tool;
  tool.start(reportTool(),
             {pdf, "NBRA report " + data.subject.studyId + " " + data.timepoint.label});
  if (!tool.waitForStarted(10000)) {
    badArgument("cannot run the PDF helper " + reportTool() + ": " + tool.errorString());
  }
  tool.write(html.toUtf8());
  tool.closeWriteChannel();
  tool.waitForFinished(60000);
  if (tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0) {
    throw RecordError(RecordErrorKind::Storage,
                      ("the PDF report " + pdf +
                       " failed: " + QString::fromUtf8(tool.readAllStandardError()).trimmed())
                          .toStdString());
  }
  return {{"report", pdf},
          {"subject", data.subject.studyId},
          {"timepoint", data.timepoint.label},
          {"signedReads", static_cast<int>(data.signedReads.size())},
          {"assessed", data.assessment.has_value()}};
}

const std::map<QString, Handler>& handlers() {
  static const std::map<QString, Handler> table{
      {"init", initRecord},
      {"user", user},
      {"unlock", unlockCommand},
      {"subject", subject},
      {"weight", weight},
      {"enrol", enrol},
      {"injection", injection},
      {"timepoint", timepoint},
      {"read", read},
      {"assess", assess},
      {"eligibility", [](const RecordArgs& a) { return decision(a, true); }},
      {"extra-doses", [](const RecordArgs& a) { return decision(a, false); }},
      {"export-csv", exportCsvFiles},
      {"report", report},
      {"arm", armCommand},
      {"allocation", allocationCommand},
      {"unmask", unmaskCommand},
      {"results", resultsCommand},
      {"export-sdtm", exportSdtmCommand},
      {"checklist", checklistCommand},
      {"course", courseCommand},
      {"schedule", scheduleCommand},
      {"lot", lotCommand},
      {"thaw", thawCommand},
      {"timeline", timelineCommand},
      {"design", designCommand},
      {"assign", assignCommand},
      {"reading", readingCommand},
      {"adjudication", adjudicationCommand},
      {"adjudicate", adjudicateCommand},
      {"worklist", worklistCommand},
      {"metrics", metricsCommand},
  };
  return table;
}

}  // namespace

int runRecord(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  if (args.isEmpty() || handlers().find(args.front()) == handlers().end()) {
    QStringList names;
    for (const auto& [name, handler] : handlers()) {
      names << name;
    }
    return printError(out, "record",
                      (args.isEmpty() ? QString("missing subcommand")
                                      : "unknown subcommand '" + args.front() + "'") +
                          "; one of: " + names.join(", ") + " (see docs/records.md)");
  }
  const QString name = args.front();
  // The options of the record commands that take no value: --draw (record assign) as well as
  // --password-stdin. Anywhere else --draw is refused as an unknown option.
  const RecordArgs parsed(args.mid(1), {"--password-stdin", "--draw"});
  try {
    printJson(out, handlers().at(name)(parsed));
    return kExitOk;
  } catch (const RecordError& e) {
    return printError(out, "record " + name, QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    // Not expected (every known failure is a RecordError), but never a crash without a message.
    printError(out, "record " + name, QString::fromStdString(e.what()));
    return kExitInternal;
  }
}

}  // namespace nbra::cli
