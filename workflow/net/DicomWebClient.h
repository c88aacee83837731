#pragma once

#include <QString>
#include <QStringList>
#include <atomic>
#include <vector>

#include "dicom/net/DimseClient.h"
#include "dicom/net/QueryKeys.h"
#include "workflow/net/RemoteNode.h"

namespace nbra::dicom::net {
class InstanceSink;
}

namespace nbra::workflow {

// DICOMweb (PS3.18) over Qt Network: QIDO-RS to search, WADO-RS to retrieve a study or series as
// multipart/related application/dicom (streamed to disk part by part through
// dicom/web/MultipartReader: memory does not grow with the study), STOW-RS to send. HTTPS verifies
// the server's certificate (system CAs plus the node's own). Synchronous: each call runs its own
// event loop, so it may be called from any thread that has no other loop running; a
// QCoreApplication must exist. Failures throw dicom::net::NetworkError naming the node.
class DicomWebClient {
 public:
  explicit DicomWebClient(RemoteNode node);

  // `cancel` ends the request within a tenth of a second; nothing is returned then.
  std::vector<dicom::net::QueryMatch> search(dicom::net::QueryLevel level,
                                             const dicom::net::QueryFilter& filter,
                                             std::size_t maxMatches = 5000,
                                             const std::atomic<bool>* cancel = nullptr);

  dicom::net::RetrieveResult retrieve(const dicom::net::RetrieveTarget& target,
                                      dicom::net::InstanceSink& sink,
                                      const dicom::net::TransferOptions& options = {});

  dicom::net::StoreResult store(const std::vector<std::string>& files,
                                const dicom::net::TransferOptions& options = {});

 private:
  RemoteNode node_;
};

// QIDO-RS answers (DICOM JSON, PS3.18 F.2) to matches. Throws NetworkError on anything that is
// not an array of objects; odd values inside are skipped, never trusted as numbers.
std::vector<dicom::net::QueryMatch> parseQidoJson(const QByteArray& body,
                                                  dicom::net::QueryLevel level,
                                                  const QString& nodeName);

}  // namespace nbra::workflow
