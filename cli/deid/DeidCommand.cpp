#include "cli/deid/DeidCommand.h"

#include <QJsonObject>
#include <QTextStream>
#include <map>

#include "cli/CliOutput.h"
#include "dicom/deid/DeidRun.h"
#include "workflow/deid/PseudonymisedImport.h"

namespace nbra::cli {
namespace {

const QString kCommand = "deid";
const QString kUsage =
    "usage: nbra-cli deid IN_DIR... OUT_DIR --subject ID --trial-key FILE [--timepoint ID] "
    "[--timepoint-description TEXT] [--site-id ID] [--site-name NAME] [--sponsor NAME] "
    "[--protocol-id ID] [--protocol-name NAME] [--mapping FILE] [--index FILE] "
    "[--pixels-reviewed] [--preview]\n       nbra-cli deid --new-key FILE";

}  // namespace

int runDeid(const QStringList& args, QTextStream& out, QTextStream& err) {
  workflow::PseudonymisedImportRequest request;
  QStringList positional;
  QString newKey;
  auto& id = request.identity;
  const std::map<QString, std::string*> textOptions{
      {"--subject", &id.subjectId},
      {"--timepoint", &id.timepointId},
      {"--timepoint-description", &id.timepointDescription},
      {"--site-id", &id.siteId},
      {"--site-name", &id.siteName},
      {"--sponsor", &id.sponsorName},
      {"--protocol-id", &id.protocolId},
      {"--protocol-name", &id.protocolName},
  };
  const std::map<QString, QString*> pathOptions{{"--trial-key", &request.keyFile},
                                                {"--mapping", &request.mappingFile},
                                                {"--index", &request.indexPath},
                                                {"--new-key", &newKey}};
  for (int i = 0; i < args.size(); ++i) {
    const QString& arg = args[i];
    if (arg == "--preview") {
      request.previewOnly = true;
    } else if (arg == "--pixels-reviewed") {
      request.pixelsReviewed = true;
    } else if (textOptions.count(arg) || pathOptions.count(arg)) {
      if (i + 1 >= args.size()) {
        return printError(out, kCommand, arg + " needs a value");
      }
      const QString value = args[++i];
      if (textOptions.count(arg))
        *textOptions.at(arg) = value.toStdString();
      else
        *pathOptions.at(arg) = value;
    } else if (arg.startsWith("--")) {
      return printError(out, kCommand, "unknown option '" + arg + "'\n" + kUsage);
    } else {
      positional.push_back(arg);
    }
  }
  if (!newKey.isEmpty()) {
    try {
      const QString fingerprint = workflow::createTrialKey(newKey);
      printJson(out, QJsonObject{{"keyFile", newKey}, {"keyFingerprint", fingerprint}});
      return kExitOk;
    } catch (const std::exception& e) {
      return printError(out, kCommand, QString::fromStdString(e.what()), newKey);
    }
  }
  const int needed = request.previewOnly ? 1 : 2;
  if (positional.size() < needed || request.keyFile.isEmpty()) {
    return printError(out, kCommand, kUsage);
  }
  // A preview writes nothing: OUT_DIR is optional there (checked when given).
  if (!request.previewOnly || positional.size() >= 2) {
    request.outputDir = positional.takeLast();
  }
  request.inputs = positional;
  try {
    const auto result = workflow::importPseudonymised(request);
    QJsonObject json = workflow::pseudonymisedImportJson(result);
    const auto& report = result.report;
    if (report.cancelled) {
      json.insert("error", QJsonObject{{"command", kCommand},
                                       {"code", "CANCELLED"},
                                       {"message", "cancelled; nothing was written"}});
      printJson(out, json);
      return kExitBadInput;
    }
    if (!report.complete()) {
      const bool refused = !report.refused.empty();
      const auto& first = refused ? report.refused.front() : report.held.front();
      const QString message =
          refused
              ? QString("%1 input file(s) refused; nothing was written").arg(report.refused.size())
              : QString(
                    "%1 image(s) held until a person confirms their pixels carry no "
                    "identity (--pixels-reviewed); nothing was written")
                    .arg(report.held.size());
      json.insert("error",
                  QJsonObject{{"command", kCommand},
                              {"code", refused ? "REFUSED" : "HELD"},
                              {"message", message + ": " + QString::fromStdString(first.file) +
                                              ": " + QString::fromStdString(first.problem)},
                              {"file", QString::fromStdString(first.file)}});
      printJson(out, json);
      return kExitBadInput;
    }
    printJson(out, json);
    err << (request.previewOnly ? "would write " : "wrote ")
        << (request.previewOnly ? qint64(report.series.size()) : qint64(report.written.size()))
        << (request.previewOnly ? " series" : " files") << " for subject "
        << QString::fromStdString(request.identity.subjectId) << "\n";
    return kExitOk;
  } catch (const dicom::deid::DeidError& e) {
    return printError(out, kCommand, QString::fromStdString(e.what()),
                      QString::fromStdString(e.path()));
  } catch (const std::exception& e) {
    // The key's and the index's own messages name their file.
    return printError(out, kCommand, QString::fromStdString(e.what()));
  }
}

}  // namespace nbra::cli
