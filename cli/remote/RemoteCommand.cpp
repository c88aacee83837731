#include "cli/remote/RemoteCommand.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <map>

#include "cli/CliOutput.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::cli {
namespace {

const QString kCommand = "remote";
const QString kUsage =
    "usage: nbra-cli remote nodes [--nodes FILE]\n"
    "       nbra-cli remote echo NODE_OPTIONS\n"
    "       nbra-cli remote find NODE_OPTIONS [--level patient|study|series|image] "
    "[--patient-id ID] [--patient-name NAME] [--date YYYYMMDD[-YYYYMMDD]] [--modality M] "
    "[--accession A] [--description TEXT] [--study UID] [--series UID] [--limit N]\n"
    "       nbra-cli remote get|move NODE_OPTIONS --study UID [--series UID] [--into DIR] "
    "[--index FILE | --no-index] [--move-port PORT]\n"
    "       nbra-cli remote send NODE_OPTIONS FILE...\n"
    "       nbra-cli remote send NODE_OPTIONS --pdf REPORT.pdf --like STUDY_INSTANCE.dcm "
    "[--title TEXT]\n"
    "NODE_OPTIONS: --node NAME [--nodes FILE] | --aet AE --host HOST --port PORT "
    "[--calling-aet AE] [--tls-ca PEM] | --url URL [--user USER] [--secret-file FILE] "
    "[--bearer-file FILE] [--ca PEM]; [--timeout SECONDS]";

// Ctrl+C cancels a transfer cleanly: what arrived is kept and indexed.
std::atomic<bool> gInterrupted{false};
extern "C" void onInterrupt(int) {
  gInterrupted = true;
}

struct Args {
  QString verb;
  std::map<QString, QString> options;
  QStringList positional;
  bool noIndex = false;
  QString value(const char* name) const {
    const auto it = options.find(name);
    return it == options.end() ? QString() : it->second;
  }
  bool has(const char* name) const { return options.count(name) > 0; }
};

const QStringList kValueOptions{
    "--node",         "--nodes",  "--aet",      "--host",      "--port",
    "--calling-aet",  "--tls-ca", "--url",      "--user",      "--secret-file",
    "--bearer-file",  "--ca",     "--timeout",  "--level",     "--patient-id",
    "--patient-name", "--date",   "--modality", "--accession", "--description",
    "--study",        "--series", "--limit",    "--into",      "--index",
    "--move-port",    "--pdf",    "--like",     "--title"};

// Ad-hoc nodes are written as the node file would have them and read by the same code: one set
// of checks, one set of messages.
workflow::RemoteNode nodeFromArgs(const Args& a) {
  if (a.has("--node")) {
    const QString file = a.has("--nodes") ? a.value("--nodes") : workflow::defaultNodesFile();
    const auto nodes = workflow::readNodes(file);
    const auto node = workflow::findNode(nodes, a.value("--node"));
    if (!node) {
      throw workflow::NodeConfigError(
          ("no node called '" + a.value("--node") + "' in " + file).toStdString());
    }
    return *node;
  }
  QJsonObject o{{"name", "command line"}};
  bool ok = true;
  if (a.has("--url")) {
    o["protocol"] = "dicomweb";
    o["url"] = a.value("--url");
    if (a.has("--ca"))
      o["caCertificates"] = a.value("--ca");
    if (a.has("--timeout"))
      o["timeoutSeconds"] = a.value("--timeout").toInt(&ok);
    if (a.has("--bearer-file")) {
      o["auth"] = QJsonObject{{"type", "bearer"}, {"secretFile", a.value("--bearer-file")}};
    } else if (a.has("--user")) {
      if (!a.has("--secret-file")) {
        throw workflow::NodeConfigError(
            "--user needs --secret-file FILE (the password, mode 0600)");
      }
      o["auth"] = QJsonObject{
          {"type", "basic"}, {"user", a.value("--user")}, {"secretFile", a.value("--secret-file")}};
    }
  } else if (a.has("--aet") || a.has("--host")) {
    o["protocol"] = "dimse";
    o["aeTitle"] = a.value("--aet");
    o["host"] = a.value("--host");
    if (!a.has("--port")) {
      throw workflow::NodeConfigError("an ad-hoc DIMSE node needs --aet, --host and --port");
    }
    o["port"] = a.value("--port").toInt(&ok);
    if (a.has("--calling-aet"))
      o["callingAeTitle"] = a.value("--calling-aet");
    if (a.has("--tls-ca")) {
      o["tls"] = QJsonObject{{"enabled", true}, {"trustedCertificates", a.value("--tls-ca")}};
    }
    if (a.has("--timeout")) {
      const int t = a.value("--timeout").toInt(&ok);
      o["timeoutsSeconds"] = QJsonObject{{"connect", t}, {"association", t}, {"message", t}};
    }
  } else {
    throw workflow::NodeConfigError("name a node: --node NAME, or --aet/--host/--port, or --url");
  }
  if (!ok) {
    throw workflow::NodeConfigError("--port and --timeout take whole numbers");
  }
  return workflow::nodeFromJson(o, "the command line");
}

dicom::net::QueryFilter filterFromArgs(const Args& a) {
  dicom::net::QueryFilter f;
  f.patientId = a.value("--patient-id").toStdString();
  f.patientName = a.value("--patient-name").toStdString();
  f.modality = a.value("--modality").toStdString();
  f.accessionNumber = a.value("--accession").toStdString();
  f.studyDescription = a.value("--description").toStdString();
  f.studyInstanceUid = a.value("--study").toStdString();
  f.seriesInstanceUid = a.value("--series").toStdString();
  const QString date = a.value("--date");
  const qsizetype dash = date.indexOf('-');
  if (dash < 0) {
    f.studyDateFrom = f.studyDateTo = date.toStdString();
  } else {
    f.studyDateFrom = date.left(dash).toStdString();
    f.studyDateTo = date.mid(dash + 1).toStdString();
  }
  return f;
}

dicom::net::QueryLevel levelFromArgs(const Args& a) {
  const QString level = a.value("--level").toLower();
  if (level.isEmpty() || level == "study")
    return dicom::net::QueryLevel::Study;
  if (level == "patient")
    return dicom::net::QueryLevel::Patient;
  if (level == "series")
    return dicom::net::QueryLevel::Series;
  if (level == "image")
    return dicom::net::QueryLevel::Image;
  throw workflow::NodeConfigError("--level must be patient, study, series or image");
}

// A report that also failed in part: one JSON document, the report with its "error" inside, so
// that whoever reads stdout gets both the counts and the reason.
int printReportWithError(QTextStream& out, QJsonObject report, const QString& code,
                         const QString& message, const QString& file = {}) {
  QJsonObject error{{"command", kCommand}, {"code", code}, {"message", message}};
  if (!file.isEmpty()) {
    error["file"] = file;
  }
  report["error"] = error;
  printJson(out, report);
  return kExitBadInput;
}

int runVerb(const Args& a, QTextStream& out, QTextStream& err) {
  if (a.verb == "nodes") {
    const QString file = a.has("--nodes") ? a.value("--nodes") : workflow::defaultNodesFile();
    QJsonArray nodes;
    for (const auto& node : workflow::readNodes(file)) {
      nodes.append(workflow::nodeToJson(node));  // secret files are named, never read
    }
    printJson(out, QJsonObject{{"nodesFile", file}, {"nodes", nodes}});
    return kExitOk;
  }
  workflow::RemoteNode node = nodeFromArgs(a);
  const QJsonValue nodeName = node.name;
  if (a.verb == "echo") {
    workflow::echoNode(node);
    printJson(out, QJsonObject{{"node", nodeName}, {"echo", "ok"}});
    return kExitOk;
  }
  if (a.verb == "find") {
    bool ok = true;
    const int limit = a.has("--limit") ? a.value("--limit").toInt(&ok) : 5000;
    if (!ok || limit < 1) {
      return printError(out, kCommand, "--limit takes a whole number of at least 1");
    }
    const auto matches = workflow::queryNode(node, levelFromArgs(a), filterFromArgs(a),
                                             static_cast<std::size_t>(limit));
    QJsonArray list;
    for (const auto& m : matches) {
      list.append(workflow::matchToJson(m));
    }
    printJson(out, QJsonObject{{"node", nodeName}, {"matches", list}});
    return kExitOk;
  }
  if (a.verb == "get" || a.verb == "move") {
    if (!a.has("--study")) {
      return printError(out, kCommand, "name the study to retrieve: --study UID\n" + kUsage);
    }
    if (a.verb == "move") {
      if (node.protocol != workflow::RemoteNode::Protocol::Dimse) {
        return printError(out, kCommand, "move is a DIMSE service; a DICOMweb node uses get");
      }
      node.retrieve = workflow::RetrieveMethod::Move;
      if (a.has("--move-port")) {
        bool ok = true;
        node.moveDestinationPort = static_cast<quint16>(a.value("--move-port").toUInt(&ok));
        if (!ok || node.moveDestinationPort == 0) {
          return printError(out, kCommand, "--move-port takes a port number");
        }
      }
      if (node.moveDestinationPort == 0) {
        return printError(out, kCommand,
                          "move needs the port NBRA's storage SCP listens on: --move-port PORT");
      }
    } else if (node.protocol == workflow::RemoteNode::Protocol::Dimse) {
      node.retrieve = workflow::RetrieveMethod::Get;
    }
    workflow::RetrieveRequest request;
    request.node = node;
    request.targets.push_back(
        {a.value("--study").toStdString(), a.value("--series").toStdString()});
    request.storeDir = a.value("--into");
    request.indexPath = a.noIndex ? QString("-") : a.value("--index");
    request.cancel = &gInterrupted;
    request.onProgress = [&err](const dicom::net::RetrieveProgress& p) {
      err << "received " << p.received;
      if (p.remaining >= 0)
        err << ", " << p.remaining << " to come";
      err << "\n";
      err.flush();
    };
    const auto report = workflow::retrieveFromNode(request);
    QJsonObject json = workflow::retrieveReportJson(report);
    json["node"] = nodeName;
    if (report.transfer.cancelled) {
      return printReportWithError(out, json, "CANCELLED",
                                  "retrieve cancelled; what arrived is kept and indexed");
    }
    printJson(out, json);
    return kExitOk;
  }
  if (a.verb == "send" && a.has("--pdf")) {
    if (!a.has("--like") || !a.positional.isEmpty()) {
      return printError(out, kCommand,
                        "a PDF report is filed in the study of --like STUDY_INSTANCE.dcm, and "
                        "sent alone\n" +
                            kUsage);
    }
    const auto result =
        a.has("--title")
            ? workflow::sendPdfReport(node, a.value("--pdf"), a.value("--like"), a.value("--title"))
            : workflow::sendPdfReport(node, a.value("--pdf"), a.value("--like"));
    QJsonObject json = workflow::storeResultJson(result);
    json["node"] = nodeName;
    if (!result.failures.empty()) {
      return printReportWithError(out, json, "NOT_ALL_SENT",
                                  QString::fromStdString(result.failures.front().reason),
                                  a.value("--pdf"));
    }
    printJson(out, json);
    return kExitOk;
  }
  if (a.verb == "send") {
    if (a.positional.isEmpty()) {
      return printError(out, kCommand, "name at least one DICOM file to send\n" + kUsage);
    }
    const auto result = workflow::sendToNode(node, a.positional, &gInterrupted);
    QJsonObject json = workflow::storeResultJson(result);
    json["node"] = nodeName;
    if (!result.failures.empty()) {
      return printReportWithError(out, json, "NOT_ALL_SENT",
                                  QString("%1 of %2 files were not sent")
                                      .arg(result.failures.size())
                                      .arg(result.failures.size() + result.sent),
                                  QString::fromStdString(result.failures.front().file));
    }
    printJson(out, json);
    return kExitOk;
  }
  return printError(out, kCommand, "unknown verb '" + a.verb + "'\n" + kUsage);
}

}  // namespace

int runRemote(const QStringList& args, QTextStream& out, QTextStream& err) {
  Args a;
  if (args.isEmpty()) {
    return printError(out, kCommand, "say what to do\n" + kUsage);
  }
  a.verb = args.front();
  for (int i = 1; i < args.size(); ++i) {
    const QString& arg = args[i];
    if (arg == "--no-index") {
      a.noIndex = true;
    } else if (kValueOptions.contains(arg)) {
      if (i + 1 >= args.size()) {
        return printError(out, kCommand, arg + " needs a value");
      }
      a.options[arg] = args[++i];
    } else if (arg.startsWith("--")) {
      return printError(out, kCommand, "unknown option '" + arg + "'\n" + kUsage);
    } else {
      a.positional << arg;
    }
  }
  gInterrupted = false;
  auto previous = std::signal(SIGINT, onInterrupt);
  try {
    const int code = runVerb(a, out, err);
    std::signal(SIGINT, previous);
    return code;
  } catch (const std::exception& e) {
    std::signal(SIGINT, previous);
    const char* code = dynamic_cast<const workflow::NodeConfigError*>(&e)     ? "BAD_NODE"
                       : dynamic_cast<const dicom::EncapsulatedPdfError*>(&e) ? "BAD_INPUT"
                                                                              : "NETWORK";
    return printCodedError(out, kCommand, code, e.what());
  }
}

}  // namespace nbra::cli
