#include "cli/sr/SrCommand.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include "cli/CliOutput.h"
#include "cli/record/RecordArgs.h"
#include "dicom/index/ImageIndex.h"
#include "dicom/sr/MeasurementReport.h"
#include "records/database/RecordError.h"
#include "workflow/sr/SrExchange.h"

namespace nbra::cli {

namespace {

using records::RecordError;

QString indexPath(const RecordArgs& a) {
  return a.has("--index") ? a.value("--index") : QString::fromStdString(dicom::defaultIndexPath());
}

QJsonObject exportSr(const RecordArgs& a) {
  const QString usage =
      "sr export ID --timepoint LABEL --out FILE.dcm [--reader USER] [--index FILE] "
      "[--no-response]";
  expectOptions(a, {"--timepoint", "--out", "--reader", "--index", "--no-response"}, 1, usage);
  const QString subjectId = a.positional()[0];
  const QString label = a.required("--timepoint");
  const QString outPath = a.required("--out");
  RecordSession s = openSession(a);
  workflow::SrExportRequest request;
  request.subjectId = subjectId;
  request.timepointLabel = label;
  request.outPath = outPath;
  request.reader = a.value("--reader");
  request.indexPath = indexPath(a);
  request.withResponse = !a.has("--no-response");
  const workflow::SrExport made = workflow::exportReadAsSr(*s.record, request);
  const dicom::MeasurementReport& report = made.report;
  const records::ReadRecord& read = made.read;
  QJsonObject out{
      {"file", QFileInfo(outPath).absoluteFilePath()},
      {"sopInstanceUid", QString::fromStdString(report.sopInstanceUid)},
      {"subject", subjectId},
      {"timepoint", label},
      {"read", static_cast<double>(read.id)},
      {"readStatus", read.status},
      {"reader", read.readerUserName},
      {"lesions", static_cast<int>(report.lesions.size())},
      {"measurementsWithCoordinates", workflow::measurementsWithCoordinates(report)},
      {"patientFrom", made.patientFrom.isEmpty() ? QString("record") : made.patientFrom},
      {"warnings", QJsonArray::fromStringList(made.warnings)}};
  if (report.response) {
    QJsonObject response{
        {"ruleSetVersion", QString::fromStdString(report.response->ruleSetVersion)}};
    for (const dicom::SrResponseComponent& c : report.response->components) {
      response[QString::fromStdString(c.component)] = QString::fromStdString(c.response);
    }
    out["response"] = response;
  } else {
    out["response"] = QJsonValue::Null;
  }
  return out;
}

QJsonObject importSr(const RecordArgs& a) {
  const QString usage = "sr import FILE.dcm --subject ID --timepoint LABEL [--index FILE]";
  expectOptions(a, {"--subject", "--timepoint", "--index"}, 1, usage);
  const QString file = a.positional()[0];
  const QString subjectId = a.required("--subject");
  const QString label = a.required("--timepoint");
  RecordSession s = openSession(a);
  const workflow::SrImport imported =
      workflow::importSrAsDraft(*s.record, file, subjectId, label, indexPath(a));
  const dicom::MeasurementReport& report = imported.report;
  const records::ReadContent& content = imported.content;
  const qint64 id = imported.readId;
  QJsonObject out{{"file", QFileInfo(file).absoluteFilePath()},
                  {"sopInstanceUid", QString::fromStdString(report.sopInstanceUid)},
                  {"subject", subjectId},
                  {"timepoint", label},
                  {"read", static_cast<double>(id)},
                  {"status", "draft"},
                  {"lesions", static_cast<int>(content.lesions.size())},
                  {"reportTimepoint", QString::fromStdString(report.timepointLabel)},
                  {"reportObserver", QString::fromStdString(report.observerName)}};
  if (report.response) {
    // Shown, not stored: a response is decided by `record assess` on signed reads.
    QJsonObject response{
        {"ruleSetVersion", QString::fromStdString(report.response->ruleSetVersion)},
        {"stored", false}};
    for (const dicom::SrResponseComponent& c : report.response->components) {
      response[QString::fromStdString(c.component)] = QString::fromStdString(c.response);
    }
    out["responseInReport"] = response;
  }
  return out;
}

}  // namespace

int runSr(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  const QString verb = args.value(0);
  if (verb != "export" && verb != "import") {
    return printError(
        out, "sr",
        (verb.isEmpty() ? QString("missing subcommand") : "unknown subcommand '" + verb + "'") +
            "; one of: export, import (see docs/sr.md)");
  }
  const RecordArgs parsed(args.mid(1), {"--password-stdin", "--no-response"});
  // The file the error is about: the report read by import, the one written by export.
  const QString file = verb == "import" ? parsed.positional().value(0) : parsed.value("--out");
  try {
    printJson(out, verb == "export" ? exportSr(parsed) : importSr(parsed));
    return kExitOk;
  } catch (const std::exception& e) {
    // Record, report and unexpected errors alike: the input could not be used (exit 2).
    return printError(out, "sr " + verb, QString::fromStdString(e.what()), file);
  }
}

}  // namespace nbra::cli
