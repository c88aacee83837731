#include "cli/record/ResultsCommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include "workflow/export/Sdtm.h"
#include "workflow/results/TrialResults.h"

namespace nbra::cli {

using records::RecordError;
using records::RecordErrorKind;

namespace {

QJsonValue armJson(const records::ArmRecord& a) {
  QJsonObject o{{"arm", a.arm},
                {"source", a.source},
                {"reason", a.reason},
                {"recordedUtc", a.recordedUtc},
                {"recordedBy", a.recordedByName}};
  if (a.allocationSequence) {
    o["allocationSlot"] = *a.allocationSequence;
  }
  return o;
}

qint64 positiveOption(const RecordArgs& a, const QString& name) {
  bool ok = false;
  const qint64 v = a.required(name).toLongLong(&ok);
  if (!ok || v <= 0) {
    badArgument(name + " '" + a.value(name) + "' must be a positive whole number");
  }
  return v;
}

QString plotTool() {
  const QString env = qEnvironmentVariable("NBRA_PLOT_TOOL");
  return env.isEmpty() ? QCoreApplication::applicationDirPath() + "/nbra-plot" : env;
}

// The plots need Qt Charts (Qt Widgets); nbra-cli stays a Core application and hands the
// results to the workstation's plot helper, as `record report` does with its PDF helper.
QJsonObject runPlotTool(const QStringList& toolArgs, const QByteArray& json) {
  QProcess tool;
  tool.start(plotTool(), toolArgs);
  if (!tool.waitForStarted(10000)) {
    badArgument("cannot run the plot helper " + plotTool() + ": " + tool.errorString());
  }
  tool.write(json);
  tool.closeWriteChannel();
  if (!tool.waitForFinished(120000)) {
    tool.kill();
    throw RecordError(RecordErrorKind::Storage, "the plot helper did not finish in 2 minutes");
  }
  if (tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0) {
    const QString err = QString::fromUtf8(tool.readAllStandardError()).trimmed();
    throw RecordError(RecordErrorKind::Storage, ("the plots failed: " + err).toStdString());
  }
  // {"written": [files], "skipped": [{"plot", "reason"}]}: a plot with nothing to draw is
  // skipped with its reason, never drawn empty.
  return QJsonDocument::fromJson(tool.readAllStandardOutput()).object();
}

}  // namespace

QJsonObject armCommand(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "set") {
    expectOptions(a, {"--arm", "--reason"}, 2);
    RecordSession s = openSession(a);
    s.record->recordArm(a.positional()[1], a.required("--arm"), a.value("--reason"));
    return {{"subject", a.positional()[1]}, {"arm", a.value("--arm")}};
  }
  if (verb == "show" || verb == "history") {
    expectOptions(a, {}, 2);
    RecordSession s = openSession(a);
    if (verb == "show") {
      const auto arm = s.record->arm(a.positional()[1]);
      return {{"subject", a.positional()[1]}, {"arm", arm ? armJson(*arm) : QJsonValue()}};
    }
    QJsonArray history;
    for (const auto& r : s.record->armHistory(a.positional()[1])) {
      history.append(armJson(r));
    }
    return {{"subject", a.positional()[1]}, {"history", history}};
  }
  badArgument("usage: record arm set ID --arm NK|CONTROL [--reason R] | show ID | history ID");
}

QJsonObject allocationCommand(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "create") {
    expectOptions(a, {"--seed", "--block-size", "--length"}, 1);
    bool ok = false;
    const std::uint64_t seed = a.required("--seed").toULongLong(&ok);
    if (!ok) {
      badArgument("--seed '" + a.value("--seed") + "' must be a whole number from 0 to 2^64-1");
    }
    const qint64 block = positiveOption(a, "--block-size");
    const qint64 length = positiveOption(a, "--length");
    if (block > 1000 || length > 100000) {
      badArgument("--block-size (at most 1000) or --length (at most 100000) is implausible");
    }
    RecordSession s = openSession(a);
    const qint64 id =
        s.record->createAllocationList(seed, static_cast<int>(block), static_cast<int>(length));
    return {{"allocationList", static_cast<double>(id)},
            {"seed", QString::number(seed)},
            {"blockSize", static_cast<int>(block)},
            {"length", static_cast<int>(length)}};
  }
  if (verb == "show") {
    expectOptions(a, {}, 1);
    RecordSession s = openSession(a);
    const auto list = s.record->allocationList();
    if (!list) {
      return {{"allocationList", QJsonValue()}};
    }
    return {{"allocationList", static_cast<double>(list->id)},
            {"seed", QString::number(list->seed)},
            {"blockSize", list->blockSize},
            {"length", list->length},
            {"used", list->used},
            {"createdUtc", list->createdUtc},
            {"createdBy", list->createdByName}};
  }
  if (verb == "allocate") {
    expectOptions(a, {}, 2);
    RecordSession s = openSession(a);
    // The arm is not printed: allocating does not unmask the coordinator's screen by itself
    // (`record arm show` does, for one who has unmasked).
    s.record->allocate(a.positional()[1]);
    return {{"subject", a.positional()[1]}, {"allocated", true}};
  }
  badArgument(
      "usage: record allocation create --seed N --block-size B --length L | show | allocate ID");
}

QJsonObject unmaskCommand(const RecordArgs& a) {
  expectOptions(a, {"--reason"}, 0);
  const QString reason = a.required("--reason");
  RecordSession s = openSession(a);
  const qint64 id = s.record->unmask(reason, signingPassword(a));
  return {{"unmasking", static_cast<double>(id)},
          {"user", s.record->actor().userName},
          {"reason", reason}};
}

QJsonObject resultsCommand(const RecordArgs& a) {
  expectOptions(a, {"--confidence", "--best-response-after-pd", "--plots", "--pdf"}, 0);
  workflow::ResultsSettings settings;
  if (a.has("--confidence")) {
    settings.confidence = numberOption(a, "--confidence");
  }
  if (a.has("--best-response-after-pd")) {
    const QString v = a.value("--best-response-after-pd");
    if (v != "yes" && v != "no") {
      badArgument("--best-response-after-pd must be yes or no, not '" + v + "'");
    }
    settings.bestResponseStopsAtProgression = v == "no";
  }
  RecordSession s = openSession(a);
  const workflow::TrialResults results = workflow::gatherResults(*s.record, settings);
  QJsonObject out = workflow::resultsToJson(results);
  if (a.has("--plots") || a.has("--pdf")) {
    QStringList toolArgs;
    if (a.has("--plots")) {
      const QString dir = QFileInfo(a.value("--plots")).absoluteFilePath();
      if (!QDir().mkpath(dir)) {
        throw RecordError(RecordErrorKind::Storage,
                          ("cannot create the plot folder " + dir).toStdString());
      }
      toolArgs << "--out-dir" << dir;
      out["plots"] = dir;
    }
    if (a.has("--pdf")) {
      const QString pdf = QFileInfo(a.value("--pdf")).absoluteFilePath();
      toolArgs << "--pdf" << pdf;
      out["pdf"] = pdf;
    }
    const QJsonObject plotted =
        runPlotTool(toolArgs, QJsonDocument(workflow::resultsToJson(results)).toJson());
    out["plotFiles"] = plotted.value("written");
    QStringList notes;
    for (const QJsonValue& v : plotted.value("skipped").toArray()) {
      notes << v.toObject().value("plot").toString() +
                   " not drawn: " + v.toObject().value("reason").toString();
    }
    if (!notes.isEmpty()) {
      out["plotNotes"] = QJsonArray::fromStringList(notes);
    }
  }
  return out;
}

QJsonObject exportSdtmCommand(const RecordArgs& a) {
  expectOptions(a, {"--out", "--json", "--study"}, 0);
  const QString dir = a.required("--out");
  RecordSession s = openSession(a);
  const workflow::SdtmExport sdtm = a.has("--study")
                                        ? workflow::buildSdtm(*s.record, a.value("--study"))
                                        : workflow::buildSdtm(*s.record);
  const QStringList problems = workflow::checkSdtm(sdtm);
  if (!problems.isEmpty()) {
    throw RecordError(RecordErrorKind::Integrity,
                      ("the SDTM export fails its check: " + problems.join("; ")).toStdString());
  }
  const QStringList files = workflow::writeSdtmCsv(sdtm, dir);
  QJsonObject out{{"out", QFileInfo(dir).absoluteFilePath()},
                  {"files", QJsonArray::fromStringList(files)},
                  {"rows", QJsonObject{{"DM", static_cast<int>(sdtm.dm.rows.size())},
                                       {"TU", static_cast<int>(sdtm.tu.rows.size())},
                                       {"TR", static_cast<int>(sdtm.tr.rows.size())},
                                       {"RS", static_cast<int>(sdtm.rs.rows.size())}}},
                  {"notes", QJsonArray::fromStringList(sdtm.notes)}};
  if (a.has("--json")) {
    QFile f(a.value("--json"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(QJsonDocument(workflow::sdtmToJson(sdtm)).toJson()) < 0) {
      throw RecordError(
          RecordErrorKind::Storage,
          ("cannot write " + a.value("--json") + ": " + f.errorString()).toStdString());
    }
    out["json"] = QFileInfo(f).absoluteFilePath();
  }
  return out;
}

}  // namespace nbra::cli
