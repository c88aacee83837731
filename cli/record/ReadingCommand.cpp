#include "cli/record/ReadingCommand.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <stdexcept>

#include "cli/record/ReadingJson.h"
#include "workflow/adjudication/ReadOfRecord.h"

namespace nbra::cli {

using records::RecordError;
using records::RecordErrorKind;

namespace {

const char* const kDesignUsage =
    "usage: record design show | set single|double --reason R [--sum-threshold-mm X] "
    "[--curie-threshold N] [--siopen-threshold N] [--no-trigger KEY]...";
const char* const kAssignUsage =
    "usage: record assign ID --timepoint L --duty reader-1|reader-2|adjudicator --assignee U "
    "[--reason R] | assign ID --timepoint L --draw --seed N";

QString subjectArg(const RecordArgs& a) {
  return a.positional().value(0);
}

int wholeNumber(const RecordArgs& a, const QString& name) {
  bool ok = false;
  const int v = a.required(name).toInt(&ok);
  if (!ok) {
    badArgument(name + " '" + a.value(name) + "' is not a whole number");
  }
  return v;
}

qint64 recordId(const RecordArgs& a, const QString& name) {
  bool ok = false;
  const qint64 v = a.required(name).toLongLong(&ok);
  if (!ok || v <= 0) {
    badArgument(name + " '" + a.value(name) + "' is not a record id");
  }
  return v;
}

// --no-trigger switches off one of the variables that trigger by default. The continuous ones
// never trigger without their threshold, so naming them here would mean nothing: said so.
void switchOff(scoring::DiscordanceSettings& s, const QString& key) {
  const auto v = scoring::variableFromKey(key.toStdString());
  if (!v) {
    badArgument("--no-trigger '" + key +
                "' is not a discordance variable (overallResponse, eligibility, extraDoses, "
                "newLesion)");
  }
  switch (*v) {
    case scoring::DiscordanceVariable::OverallResponse:
      s.overallResponse = false;
      return;
    case scoring::DiscordanceVariable::Eligibility:
      s.eligibility = false;
      return;
    case scoring::DiscordanceVariable::ExtraDoses:
      s.extraDoses = false;
      return;
    case scoring::DiscordanceVariable::NewLesion:
      s.newLesion = false;
      return;
    case scoring::DiscordanceVariable::SumOfDiameters:
    case scoring::DiscordanceVariable::CurieTotal:
    case scoring::DiscordanceVariable::SiopenTotal:
      badArgument("--no-trigger '" + key +
                  "': a continuous variable triggers only when its threshold is set; leave its "
                  "threshold option out instead");
  }
}

// The settings the options give; plausibility (thresholds > 0 and below the scale's maximum) is
// the rules' to judge, so the record refuses an implausible value with the rules' message.
scoring::DiscordanceSettings discordanceSettings(const RecordArgs& a) {
  scoring::DiscordanceSettings s;
  if (a.has("--sum-threshold-mm")) {
    s.sumOfDiametersThresholdMm = numberOption(a, "--sum-threshold-mm");
  }
  if (a.has("--curie-threshold")) {
    s.curieThreshold = wholeNumber(a, "--curie-threshold");
  }
  if (a.has("--siopen-threshold")) {
    s.siopenThreshold = wholeNumber(a, "--siopen-threshold");
  }
  for (const QString& key : a.values("--no-trigger")) {
    switchOff(s, key);
  }
  return s;
}

// The status after comparing the reads when that is due. When the comparison cannot be made (the
// rules refuse a read), the record's state is shown with why; a user who may not see the status
// at all (a reader before signing) gets the record's refusal.
records::ReadingStatus settledStatus(records::TrialRecord& record, const QString& studyId,
                                     const QString& label, QString& problem) {
  try {
    return workflow::settleTimepoint(record, studyId, label);
  } catch (const RecordError& e) {
    const records::ReadingStatus status = record.readingStatus(studyId, label);
    problem = QString::fromUtf8(e.what());
    return status;
  }
}

}  // namespace

QJsonObject designCommand(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "show") {
    expectOptions(a, {}, 1, kDesignUsage);
    RecordSession s = openSession(a);
    return {{"design", designJson(s.record->readingDesign())}};
  }
  if (verb == "set") {
    expectOptions(a,
                  {"--reason", "--sum-threshold-mm", "--curie-threshold", "--siopen-threshold",
                   "--no-trigger"},
                  2, kDesignUsage);
    const QString design = a.positional()[1];
    if (design != records::kSingleRead && design != records::kDoubleRead) {
      badArgument("the reading design is single or double, not '" + design + "'");
    }
    // A single read is never compared: settings given with it would be kept and silently do
    // nothing, so they are refused.
    const QStringList settingOptions{"--sum-threshold-mm", "--curie-threshold",
                                     "--siopen-threshold", "--no-trigger"};
    for (const QString& option : settingOptions) {
      if (design == records::kSingleRead && a.has(option)) {
        badArgument(option + " applies to double reading only (a single read is not compared)");
      }
    }
    const scoring::DiscordanceSettings settings = discordanceSettings(a);
    const QString reason = a.required("--reason");
    RecordSession s = openSession(a);
    const qint64 id = s.record->setReadingDesign(design, settings, reason);
    return {{"id", static_cast<double>(id)}, {"design", designJson(s.record->readingDesign())}};
  }
  badArgument(kDesignUsage);
}

QJsonObject assignCommand(const RecordArgs& a) {
  if (a.has("--draw")) {
    expectOptions(a, {"--timepoint", "--draw", "--seed"}, 1, kAssignUsage);
    const QString label = a.required("--timepoint");
    bool ok = false;
    const std::uint64_t seed = a.required("--seed").toULongLong(&ok);
    if (!ok) {
      badArgument("--seed '" + a.value("--seed") + "' is not a whole number from 0 to 2^64-1");
    }
    RecordSession s = openSession(a);
    s.record->drawReaders(subjectArg(a), label, seed);
    // The seed as text: a 64-bit seed does not survive a JSON number (a double).
    return {{"subject", subjectArg(a)},
            {"timepoint", label},
            {"seed", QString::number(seed)},
            {"assignments", assignmentsJson(s.record->assignments(subjectArg(a), label))}};
  }
  if (a.has("--seed")) {
    badArgument("--seed goes with --draw (both readers drawn at random)");
  }
  // The one assigned is --assignee: --user is every record command's signed-in user.
  expectOptions(a, {"--timepoint", "--duty", "--assignee", "--reason"}, 1, kAssignUsage);
  const QString label = a.required("--timepoint");
  const QString duty = a.required("--duty");
  const QString user = a.required("--assignee");
  RecordSession s = openSession(a);
  const qint64 id = s.record->assignReader(subjectArg(a), label, duty, user, a.value("--reason"));
  return {{"subject", subjectArg(a)},
          {"timepoint", label},
          {"assignment", static_cast<double>(id)},
          {"assignments", assignmentsJson(s.record->assignments(subjectArg(a), label))}};
}

QJsonObject readingCommand(const RecordArgs& a) {
  expectOptions(a, {"--timepoint"}, 1, "usage: record reading ID --timepoint L");
  const QString label = a.required("--timepoint");
  RecordSession s = openSession(a);
  QString problem;
  const records::ReadingStatus status = settledStatus(*s.record, subjectArg(a), label, problem);
  QJsonObject o = readingStatusJson(status);
  o["subject"] = subjectArg(a);
  o["timepoint"] = label;
  if (!problem.isEmpty()) {
    o["comparisonProblem"] = problem;
  }
  return o;
}

QJsonObject adjudicationCommand(const RecordArgs& a) {
  expectOptions(a, {"--timepoint"}, 1, "usage: record adjudication ID --timepoint L");
  const QString label = a.required("--timepoint");
  RecordSession s = openSession(a);
  return adjudicationCaseJson(workflow::openAdjudication(*s.record, subjectArg(a), label));
}

QJsonObject adjudicateCommand(const RecordArgs& a) {
  expectOptions(a, {"--timepoint", "--read", "--reason"}, 1,
                "usage: record adjudicate ID --timepoint L --read N --reason R");
  const QString label = a.required("--timepoint");
  const qint64 read = recordId(a, "--read");
  const QString reason = a.required("--reason");
  // Asked before anything is compared or written: a missing signing password changes nothing.
  const QString password = signingPassword(a);
  RecordSession s = openSession(a);
  // The role first, so a user who may not adjudicate is told so and nothing is compared for them.
  s.record->require(records::Permission::Adjudicate);
  // The reads are compared when that is still due (the adjudicator usually opened the timepoint,
  // which compared them); the record then refuses a timepoint that is not discordant.
  workflow::settleTimepoint(*s.record, subjectArg(a), label);
  const qint64 id = s.record->adjudicate(subjectArg(a), label, read, reason, password);
  QJsonObject o = readingStatusJson(s.record->readingStatus(subjectArg(a), label));
  o["subject"] = subjectArg(a);
  o["timepoint"] = label;
  o["adjudicationId"] = static_cast<double>(id);
  return o;
}

QJsonObject worklistCommand(const RecordArgs& a) {
  expectOptions(a, {"--today"}, 0, "usage: record worklist [--today YYYY-MM-DD]");
  const QDate today = a.has("--today") ? dateOption(a, "--today") : QDate::currentDate();
  RecordSession s = openSession(a);
  QJsonArray items;
  for (const workflow::WorkItem& item : workflow::worklist(*s.record, today)) {
    items.append(workItemJson(item));
  }
  return {{"user", s.record->actor().userName},
          {"role", records::roleName(s.record->actor().role)},
          {"today", today.toString(Qt::ISODate)},
          {"items", items}};
}

QJsonObject metricsCommand(const RecordArgs& a) {
  expectOptions(a, {"--csv"}, 0, "usage: record metrics [--csv FILE]");
  if (a.has("--csv") && a.value("--csv").trimmed().isEmpty()) {
    badArgument("--csv needs a file name");
  }
  RecordSession s = openSession(a);
  workflow::ReaderMetricsReport report;
  try {
    report = workflow::readerMetrics(s.record->readingHistory());
  } catch (const std::invalid_argument& e) {
    // The statistics refuse a NaN measurement or an impossible count; both would come from the
    // record's kept comparisons, so the record is what is named.
    throw RecordError(
        RecordErrorKind::Integrity,
        std::string("reader metrics: a kept comparison cannot be counted: ") + e.what());
  }
  QJsonObject o = readerMetricsJson(report);
  if (a.has("--csv")) {
    QFile f(a.value("--csv"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(workflow::readerMetricsCsv(report).toUtf8()) < 0) {
      throw RecordError(RecordErrorKind::BadInput,
                        ("cannot write " + f.fileName() + ": " + f.errorString()).toStdString());
    }
    o["csv"] = QFileInfo(f).absoluteFilePath();
  }
  return o;
}

}  // namespace nbra::cli
