#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <vector>

#include "dicom/net/DimseClient.h"
#include "workflow/net/RemoteNode.h"

namespace nbra::workflow {

// The networking use cases both front-ends share: the workstation's Query/Retrieve window and
// `nbra-cli remote`. Each picks the protocol from the node (DIMSE or DICOMweb).

// Verification: C-ECHO, or for DICOMweb a QIDO-RS of one study. Throws NetworkError.
void echoNode(const RemoteNode& node);

// `cancel` stops a running query (the workstation's Stop): it returns at once with what had
// arrived (DIMSE) or nothing (DICOMweb).
std::vector<dicom::net::QueryMatch> queryNode(const RemoteNode& node, dicom::net::QueryLevel level,
                                              const dicom::net::QueryFilter& filter,
                                              std::size_t maxMatches = 5000,
                                              const std::atomic<bool>* cancel = nullptr);

struct RetrieveRequest {
  RemoteNode node;
  std::vector<dicom::net::RetrieveTarget> targets;  // studies or series, in order
  QString storeDir;                                 // empty: defaultRetrieveDir()
  QString indexPath;  // empty: dicom::defaultIndexPath(); "-" : do not index
  std::function<void(const dicom::net::RetrieveProgress&)> onProgress;
  const std::atomic<bool>* cancel = nullptr;
};

struct RetrieveReport {
  dicom::net::RetrieveResult transfer;  // summed over the targets
  int indexedInstances = -1;            // -1: not indexed
  int indexedSeries = -1;
  QString storeDir;
  QString indexPath;
  QString method;  // "C-GET", "C-MOVE", "WADO-RS"
};

// Retrieves every target into the store folder (instances written whole, never twice) and
// indexes what arrived with the same importer as a folder import, also when the transfer
// stopped halfway (the NetworkError is rethrown after indexing).
RetrieveReport retrieveFromNode(const RetrieveRequest& request);

// Sends files: C-STORE or STOW-RS.
dicom::net::StoreResult sendToNode(const RemoteNode& node, const QStringList& files,
                                   const std::atomic<bool>* cancel = nullptr);

// Sends a PDF report as an Encapsulated PDF filed in the study of `referenceInstance` (any
// instance of the study the report speaks of). Throws dicom::EncapsulatedPdfError naming the
// file at fault, or NetworkError.
dicom::net::StoreResult sendPdfReport(const RemoteNode& node, const QString& pdfFile,
                                      const QString& referenceInstance,
                                      const QString& documentTitle = "NBRA response assessment");

// Where retrieved instances are kept when no folder is given: `retrieved/` beside the image index
// (each index its own store).
QString retrieveDirFor(const QString& indexPath);
QString defaultRetrieveDir();

QJsonObject matchToJson(const dicom::net::QueryMatch& match);
QJsonObject retrieveReportJson(const RetrieveReport& report);
QJsonObject storeResultJson(const dicom::net::StoreResult& result);

}  // namespace nbra::workflow
