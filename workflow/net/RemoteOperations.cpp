#include "workflow/net/RemoteOperations.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <filesystem>
#include <optional>
#include <set>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "dicom/net/InstanceSink.h"
#include "dicom/net/StorageScp.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "workflow/net/DicomWebClient.h"

namespace nbra::workflow {
namespace {

using dicom::net::DimseClient;
using dicom::net::NetworkError;
using dicom::net::RetrieveResult;

void addUp(RetrieveResult& total, RetrieveResult&& part) {
  total.stored += part.stored;
  total.duplicates += part.duplicates;
  total.refused += part.refused;
  total.peerCompleted += part.peerCompleted;
  total.peerFailed += part.peerFailed;
  total.peerWarnings += part.peerWarnings;
  total.cancelled = total.cancelled || part.cancelled;
  total.files.insert(total.files.end(), std::make_move_iterator(part.files.begin()),
                     std::make_move_iterator(part.files.end()));
  total.problems.insert(total.problems.end(), part.problems.begin(), part.problems.end());
}

QJsonValue countOrNull(int n) {
  return n < 0 ? QJsonValue() : QJsonValue(n);
}

}  // namespace

QString retrieveDirFor(const QString& indexPath) {
  return QFileInfo(indexPath).absolutePath() + "/retrieved";
}

QString defaultRetrieveDir() {
  return retrieveDirFor(QString::fromStdString(dicom::defaultIndexPath()));
}

void echoNode(const RemoteNode& node) {
  if (node.protocol == RemoteNode::Protocol::Dimse) {
    DimseClient(node.dimse).echo();
  } else {
    DicomWebClient(node).search(dicom::net::QueryLevel::Study, {}, 1);
  }
}

std::vector<dicom::net::QueryMatch> queryNode(const RemoteNode& node, dicom::net::QueryLevel level,
                                              const dicom::net::QueryFilter& filter,
                                              std::size_t maxMatches,
                                              const std::atomic<bool>* cancel) {
  if (node.protocol == RemoteNode::Protocol::Dimse) {
    return DimseClient(node.dimse).find(level, filter, maxMatches, nullptr, cancel);
  }
  return DicomWebClient(node).search(level, filter, maxMatches, cancel);
}

RetrieveReport retrieveFromNode(const RetrieveRequest& request) {
  RetrieveReport report;
  report.indexPath = request.indexPath.isEmpty() ? QString::fromStdString(dicom::defaultIndexPath())
                                                 : request.indexPath;
  // Each index has its own store beside it, so a desk started with another index keeps apart.
  report.storeDir = !request.storeDir.isEmpty() ? request.storeDir
                    : request.indexPath == "-"  ? defaultRetrieveDir()
                                                : retrieveDirFor(report.indexPath);
  const RemoteNode& node = request.node;
  dicom::net::InstanceSink sink(report.storeDir.toStdString());
  dicom::net::TransferOptions options;
  options.cancel = request.cancel;
  // Progress counts over all targets, not per target.
  std::size_t receivedBefore = 0;
  options.onProgress = [&](const dicom::net::RetrieveProgress& p) {
    if (request.onProgress) {
      dicom::net::RetrieveProgress total = p;
      total.received += receivedBefore;
      request.onProgress(total);
    }
  };

  // Each study or series is indexed as soon as it has arrived, so that a long retrieve of many
  // studies can be read from its first one on.
  std::size_t indexedFiles = 0;
  std::set<std::string> indexedSeriesFolders;
  auto indexNew = [&] {
    if (request.indexPath == "-") {
      return;
    }
    const auto files = sink.files();
    if (files.size() == indexedFiles) {
      return;
    }
    const std::vector<std::string> fresh(files.begin() + static_cast<std::ptrdiff_t>(indexedFiles),
                                         files.end());
    dicom::ImageIndex index(report.indexPath.toStdString());
    const auto summary = dicom::importPaths(index, fresh);
    indexedFiles = files.size();
    report.indexedInstances = std::max(0, report.indexedInstances) + summary.found.instances;
    for (const auto& f : fresh) {
      indexedSeriesFolders.insert(std::filesystem::path(f).parent_path().string());
    }
    report.indexedSeries = static_cast<int>(indexedSeriesFolders.size());
  };

  std::optional<dicom::net::StorageScp> scp;
  std::optional<std::string> failure;
  try {
    if (node.protocol == RemoteNode::Protocol::DicomWeb) {
      report.method = "WADO-RS";
    } else if (node.retrieve == RetrieveMethod::Move) {
      report.method = "C-MOVE";
      scp.emplace(node.dimse.callingAeTitle, node.moveDestinationPort, sink);
      scp->start();
    } else {
      report.method = "C-GET";
    }
    for (const auto& target : request.targets) {
      if (request.cancel && request.cancel->load()) {
        report.transfer.cancelled = true;
        break;
      }
      RetrieveResult part;
      if (node.protocol == RemoteNode::Protocol::DicomWeb) {
        part = DicomWebClient(node).retrieve(target, sink, options);
      } else if (node.retrieve == RetrieveMethod::Move) {
        const std::size_t before = sink.files().size();
        part = DimseClient(node.dimse).move(target, node.dimse.callingAeTitle, options);
        const auto all = sink.files();
        part.files.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
      } else {
        part = DimseClient(node.dimse).get(target, sink, options);
      }
      receivedBefore += part.files.size();
      addUp(report.transfer, std::move(part));
      indexNew();
      if (report.transfer.cancelled) {
        break;
      }
    }
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (scp) {
    scp->stop();
  }
  // The sink's counts are the truth: it saw every instance, also those of a transfer that
  // stopped with an error (whose partial result never reached addUp) and those a move's SCP took.
  report.transfer.stored = sink.storedCount();
  report.transfer.duplicates = sink.duplicateCount();
  report.transfer.files = sink.files();
  // What arrived is indexed even when the transfer stopped: it can be opened at once, and a
  // repeated retrieve adds only the rest.
  indexNew();
  if (failure) {
    throw NetworkError(*failure);
  }
  return report;
}

dicom::net::StoreResult sendToNode(const RemoteNode& node, const QStringList& files,
                                   const std::atomic<bool>* cancel) {
  std::vector<std::string> paths;
  for (const auto& f : files) {
    paths.push_back(f.toStdString());
  }
  dicom::net::TransferOptions options;
  options.cancel = cancel;
  if (node.protocol == RemoteNode::Protocol::Dimse) {
    return DimseClient(node.dimse).store(paths, options);
  }
  return DicomWebClient(node).store(paths, options);
}

dicom::net::StoreResult sendPdfReport(const RemoteNode& node, const QString& pdfFile,
                                      const QString& referenceInstance,
                                      const QString& documentTitle) {
  QTemporaryDir scratch;
  if (!scratch.isValid()) {
    throw NetworkError("no temporary folder for the report: " +
                       scratch.errorString().toStdString());
  }
  const QString wrapped = scratch.filePath("report.dcm");
  dicom::writeEncapsulatedPdf(pdfFile.toStdString(), referenceInstance.toStdString(),
                              documentTitle.toStdString(), wrapped.toStdString());
  dicom::net::StoreResult result = sendToNode(node, {wrapped});
  for (auto& failure : result.failures) {
    failure.file = pdfFile.toStdString();  // the user's file, not our temporary wrapper
  }
  return result;
}

QJsonObject matchToJson(const dicom::net::QueryMatch& m) {
  auto s = [](const std::string& v) { return QString::fromStdString(v); };
  QJsonObject o{{"level", dicom::net::queryLevelName(m.level)},
                {"patientId", s(m.patientId)},
                {"patientName", s(m.patientName)},
                {"studyInstanceUid", s(m.studyInstanceUid)},
                {"studyDate", s(m.studyDate)},
                {"studyDescription", s(m.studyDescription)},
                {"accessionNumber", s(m.accessionNumber)}};
  if (m.level == dicom::net::QueryLevel::Study || m.level == dicom::net::QueryLevel::Patient) {
    o["patientBirthDate"] = s(m.patientBirthDate);
    o["modalitiesInStudy"] =
        QJsonArray::fromStringList(s(m.modalitiesInStudy).split('\\', Qt::SkipEmptyParts));
    o["seriesCount"] = countOrNull(m.studyRelatedSeries);
    o["instanceCount"] = countOrNull(m.studyRelatedInstances);
  }
  if (m.level == dicom::net::QueryLevel::Series || m.level == dicom::net::QueryLevel::Image) {
    o["seriesInstanceUid"] = s(m.seriesInstanceUid);
    o["seriesNumber"] = s(m.seriesNumber);
    o["modality"] = s(m.modality);
    o["seriesDescription"] = s(m.seriesDescription);
  }
  if (m.level == dicom::net::QueryLevel::Series) {
    o["instanceCount"] = countOrNull(m.seriesRelatedInstances);
  }
  if (m.level == dicom::net::QueryLevel::Image) {
    o["sopInstanceUid"] = s(m.sopInstanceUid);
    o["sopClassUid"] = s(m.sopClassUid);
    o["instanceNumber"] = s(m.instanceNumber);
  }
  return o;
}

QJsonObject retrieveReportJson(const RetrieveReport& r) {
  QJsonArray problems;
  for (const auto& p : r.transfer.problems) {
    problems.append(QString::fromStdString(p));
  }
  return QJsonObject{{"method", r.method},
                     {"stored", static_cast<int>(r.transfer.stored)},
                     {"duplicates", static_cast<int>(r.transfer.duplicates)},
                     {"refused", static_cast<int>(r.transfer.refused)},
                     {"peerFailed", r.transfer.peerFailed},
                     {"cancelled", r.transfer.cancelled},
                     {"problems", problems},
                     {"storeDir", r.storeDir},
                     {"index", r.indexPath == "-" ? QJsonValue() : QJsonValue(r.indexPath)},
                     {"indexedInstances", countOrNull(r.indexedInstances)},
                     {"indexedSeries", countOrNull(r.indexedSeries)}};
}

QJsonObject storeResultJson(const dicom::net::StoreResult& r) {
  QJsonArray failures;
  for (const auto& f : r.failures) {
    failures.append(QJsonObject{{"file", QString::fromStdString(f.file)},
                                {"reason", QString::fromStdString(f.reason)}});
  }
  return QJsonObject{
      {"sent", static_cast<int>(r.sent)}, {"failures", failures}, {"cancelled", r.cancelled}};
}

}  // namespace nbra::workflow
