#include "dicom/net/DimseClient.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"
#include "dicom/net/DimseQueryDataset.h"
#include "dicom/net/InstanceSink.h"

namespace nbra::dicom::net {
namespace {

// Our own condition for "the user cancelled": it ends DCMTK's C-GET loop like an error would.
const OFConditionConst kCancelledConst{OFM_dcmnet, 0x0900, OF_error, "cancelled by the user"};
const OFCondition kCancelled(kCancelledConst);

bool isCancelled(const TransferOptions& options) {
  return options.cancel && options.cancel->load();
}

std::string statusHex(Uint16 status) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%04X", static_cast<unsigned>(status));
  return hex;
}

// DCMTK's text without its module:code prefix ("0006:031c"), which means nothing to a user.
std::string conditionText(const OFCondition& cond) {
  return cond.text();
}

// Why an association failed, in words a user can act on.
std::string associationProblem(const DimseNode& node, const OFCondition& cond) {
  const std::string where = describeNode(node);
  if (cond == DUL_ASSOCIATIONREJECTED) {
    return where + " rejected the association: check that its AE title is '" + node.calledAeTitle +
           "' and that it knows NBRA's AE title '" + node.callingAeTitle + "'";
  }
  if (cond == DUL_NETWORKCLOSED || cond == DUL_READTIMEOUT || cond == DIMSE_READPDVFAILED) {
    return where + " did not answer the association request within " +
           std::to_string(node.acseTimeout.count()) + " s";
  }
  if (cond == NET_EC_NoAcceptablePresentationContexts) {
    return where + " accepted none of the services NBRA asked for";
  }
  const std::string text = conditionText(cond);
  if (node.tls.enabled && text.find("certificate verify failed") != std::string::npos) {
    return where + ": its TLS certificate cannot be verified against " +
           node.tls.trustedCertificatesFile + " (" + text + ")";
  }
  return "cannot reach " + where + ": " + text;
}

// One association's worth of DcmSCU, set up from a node; C-GET instances go through the sink.
class Scu : public DcmSCU {
 public:
  Scu(const DimseNode& node, InstanceSink* sink, const TransferOptions& options,
      RetrieveResult* result)
      : node_(node), sink_(sink), options_(options), result_(result) {
    ensureDcmtkReady();
    preferLowLatencyTcp();
    setAETitle(node.callingAeTitle.c_str());
    setPeerAETitle(node.calledAeTitle.c_str());
    setPeerHostName(node.host.c_str());
    setPeerPort(node.port);
    setConnectionTimeout(static_cast<Sint32>(node.connectTimeout.count()));
    setACSETimeout(static_cast<Uint32>(node.acseTimeout.count()));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(static_cast<Uint32>(node.dimseTimeout.count()));
    // Instances are written to disk as they arrive, never held whole in memory, and only
    // parsed afterwards through the structure check (InstanceSink::accept).
    setStorageMode(DCMSCU_STORAGE_BIT_PRESERVING);
    setDatasetConversionMode(OFTrue);
  }

  ~Scu() override {
    if (isConnected()) {
      abortAssociation();
    }
  }

  // Opens the association; throws NetworkError with the reason.
  void connect() {
    OFCondition cond = initNetwork();
    if (cond.bad()) {
      throw NetworkError("cannot prepare the network for " + describeNode(node_) + ": " +
                         conditionText(cond));
    }
    if (node_.tls.enabled) {
      enableTls();
    }
    cond = negotiateAssociation();
    if (cond.bad()) {
      throw NetworkError(associationProblem(node_, cond));
    }
  }

  T_ASC_PresentationContextID contextFor(const char* abstractSyntax) {
    const T_ASC_PresentationContextID id = findAnyPresentationContextID(abstractSyntax, "");
    if (id == 0) {
      throw NetworkError(describeNode(node_) + " does not offer " +
                         dcmFindNameOfUID(abstractSyntax, abstractSyntax));
    }
    return id;
  }

  int lastRemaining = -1;
  std::size_t maxFindAnswers = 0;  // 0: no limit
  bool findStoppedEarly = false;

 protected:
  // Each C-FIND answer: a C-CANCEL when the user stopped or enough have come.
  OFCondition handleFINDResponse(T_ASC_PresentationContextID presID, QRResponse* response,
                                 OFBool& waitForNextResponse) override {
    OFCondition cond = DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
    ++findAnswers_;
    const bool tooMany = maxFindAnswers > 0 && findAnswers_ > maxFindAnswers;
    if (waitForNextResponse && (isCancelled(options_) || tooMany)) {
      result_->cancelled = isCancelled(options_);
      findStoppedEarly = true;
      sendCANCELRequest(presID);
      waitForNextResponse = OFFalse;
    }
    return cond;
  }

  OFCondition handleSTORERequestFile(T_ASC_PresentationContextID* presID, const OFString&,
                                     T_DIMSE_C_StoreRQ* request) override {
    if (isCancelled(options_)) {
      result_->cancelled = true;
      return kCancelled;
    }
    const std::string incoming = sink_->reserveIncomingPath();
    OFCondition cond = DcmSCU::handleSTORERequestFile(presID, incoming.c_str(), request);
    if (cond.bad()) {
      std::error_code ignored;
      std::filesystem::remove(incoming, ignored);
      result_->problems.push_back("instance " + std::string(request->AffectedSOPInstanceUID) +
                                  " did not arrive whole: " + conditionText(cond));
      return cond;
    }
    countArrival(*result_, sink_->accept(incoming, request->AffectedSOPInstanceUID));
    report();
    return EC_Normal;
  }

  // C-GET and C-MOVE responses carry the peer's counts; a move reports progress from them (its
  // instances arrive on another association), a get from each instance.
  OFCondition handleCGETResponse(T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& continueSession) override {
    const OFCondition cond = DcmSCU::handleCGETResponse(presID, response, continueSession);
    afterRetrieveResponse(response, continueSession, /*reportProgress=*/false);
    return cond;
  }

  OFCondition handleMOVEResponse(T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& waitForNextResponse) override {
    const OFCondition cond = DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
    afterRetrieveResponse(response, waitForNextResponse, /*reportProgress=*/true);
    return cond;
  }

 private:
  void afterRetrieveResponse(const RetrieveResponse* response, OFBool& goOn, bool reportProgress) {
    if (response) {
      recordCounts(*response);
      if (reportProgress) {
        report();
      }
    }
    if (isCancelled(options_)) {
      result_->cancelled = true;
      goOn = OFFalse;
    }
  }

  void recordCounts(const RetrieveResponse& response) {
    lastRemaining = response.m_numberOfRemainingSubops;
    result_->peerCompleted = response.m_numberOfCompletedSubops;
    result_->peerFailed = response.m_numberOfFailedSubops;
    result_->peerWarnings = response.m_numberOfWarningSubops;
  }

  void report() {
    if (!options_.onProgress) {
      return;
    }
    RetrieveProgress p;
    p.received = result_->stored + result_->duplicates;
    p.refused = result_->refused;
    p.remaining = lastRemaining;
    if (sink_ == nullptr) {
      p.received = static_cast<std::size_t>(std::max(0, result_->peerCompleted));
    }
    options_.onProgress(p);
  }

  void enableTls() {
    tls_ = std::make_unique<DcmTLSTransportLayer>(NET_REQUESTOR, nullptr, OFTrue);
    OFCondition cond = tls_->setTLSProfile(TSP_Profile_BCP195);
    if (cond.good()) {
      cond = tls_->activateCipherSuites();
    }
    if (cond.good() && !node_.tls.trustedCertificatesFile.empty()) {
      cond = tls_->addTrustedCertificateFile(node_.tls.trustedCertificatesFile.c_str(),
                                             DCF_Filetype_PEM);
    }
    if (cond.good() && !node_.tls.certificateFile.empty()) {
      cond = tls_->setPrivateKeyFile(node_.tls.privateKeyFile.c_str(), DCF_Filetype_PEM);
      if (cond.good()) {
        cond = tls_->setCertificateFile(node_.tls.certificateFile.c_str(), DCF_Filetype_PEM);
      }
    }
    if (cond.bad()) {
      throw NetworkError("TLS for " + describeNode(node_) +
                         " cannot be set up: " + conditionText(cond));
    }
    // The peer must prove who it is: an unverifiable certificate ends the association.
    tls_->setCertificateVerification(DCV_requireCertificate);
    cond = useSecureConnection(tls_.get());
    if (cond.bad()) {
      throw NetworkError("TLS for " + describeNode(node_) +
                         " cannot be set up: " + conditionText(cond));
    }
  }

  const DimseNode& node_;
  InstanceSink* sink_;
  const TransferOptions& options_;
  RetrieveResult* result_;
  std::unique_ptr<DcmTLSTransportLayer> tls_;
  std::size_t findAnswers_ = 0;
};

OFList<OFString> transferSyntaxList(const std::vector<std::string>& uids) {
  OFList<OFString> list;
  for (const auto& uid : uids) {
    list.push_back(uid.c_str());
  }
  return list;
}

OFList<OFString> uncompressedSyntaxes() {
  return transferSyntaxList(
      {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax});
}

void finishRetrieve(Scu& scu, const OFCondition& cond, RetrieveResult& result,
                    const DimseNode& node) {
  if (result.cancelled) {
    scu.abortAssociation();
    return;
  }
  if (cond.bad() && cond != kCancelled) {
    scu.abortAssociation();
    throw NetworkError("retrieve from " + describeNode(node) + " stopped: " + conditionText(cond) +
                       " (" + std::to_string(result.stored) + " instances arrived and are kept)");
  }
  scu.releaseAssociation();
}

void requireValidTarget(const RetrieveTarget& target) {
  if (!isValidUid(target.studyInstanceUid)) {
    throw NetworkError("'" + target.studyInstanceUid + "' is not a Study Instance UID");
  }
  if (!target.seriesInstanceUid.empty() && !isValidUid(target.seriesInstanceUid)) {
    throw NetworkError("'" + target.seriesInstanceUid + "' is not a Series Instance UID");
  }
}

}  // namespace

const std::vector<std::string>& retrievableSopClasses() {
  static const std::vector<std::string> classes{
      UID_CTImageStorage,
      UID_EnhancedCTImageStorage,
      UID_LegacyConvertedEnhancedCTImageStorage,
      UID_MRImageStorage,
      UID_EnhancedMRImageStorage,
      UID_LegacyConvertedEnhancedMRImageStorage,
      UID_PositronEmissionTomographyImageStorage,
      UID_EnhancedPETImageStorage,
      UID_LegacyConvertedEnhancedPETImageStorage,
      UID_NuclearMedicineImageStorage,
      UID_SecondaryCaptureImageStorage,
      UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
      UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
      UID_BasicTextSRStorage,
      UID_EnhancedSRStorage,
      UID_ComprehensiveSRStorage,
      UID_Comprehensive3DSRStorage,
      UID_KeyObjectSelectionDocumentStorage,
      UID_EncapsulatedPDFStorage,
      UID_GrayscaleSoftcopyPresentationStateStorage,
      UID_SpatialRegistrationStorage,
  };
  return classes;
}

const std::vector<std::string>& decodableTransferSyntaxes() {
  static const std::vector<std::string> syntaxes{
      UID_LittleEndianExplicitTransferSyntax,
      UID_LittleEndianImplicitTransferSyntax,
      UID_DeflatedExplicitVRLittleEndianTransferSyntax,
      UID_BigEndianExplicitTransferSyntax,
      UID_JPEGProcess14SV1TransferSyntax,
      UID_JPEGProcess14TransferSyntax,
      UID_JPEGProcess1TransferSyntax,
      UID_JPEGProcess2_4TransferSyntax,
      UID_JPEGLSLosslessTransferSyntax,
      UID_JPEGLSLossyTransferSyntax,
      UID_JPEG2000LosslessOnlyTransferSyntax,
      UID_JPEG2000TransferSyntax,
      UID_RLELosslessTransferSyntax,
  };
  return syntaxes;
}

std::string sendableProblem(const std::string& path) {
  DcmFileFormat header;
  const OFCondition cond =
      loadDicomFile(header, path, EXS_Unknown, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
  if (cond.bad()) {
    return std::string("not a readable DICOM file: ") + cond.text();
  }
  DcmDataset& ds = *header.getDataset();
  if (!isValidUid(tagText(ds, DCM_SOPClassUID)) || !isValidUid(tagText(ds, DCM_SOPInstanceUID))) {
    return "no valid SOP Class or SOP Instance UID";
  }
  return {};
}

void countArrival(RetrieveResult& result, const SinkResult& arrival) {
  switch (arrival.outcome) {
    case SinkOutcome::Stored:
      ++result.stored;
      result.files.push_back(arrival.path);
      break;
    case SinkOutcome::Duplicate:
      ++result.duplicates;
      result.files.push_back(arrival.path);
      break;
    case SinkOutcome::Refused:
      ++result.refused;
      result.problems.push_back(arrival.reason);
      break;
  }
}

DimseClient::DimseClient(DimseNode node) : node_(std::move(node)) {
  if (const std::string problem = checkNode(node_); !problem.empty()) {
    throw NetworkError(problem);
  }
}

void DimseClient::echo() {
  RetrieveResult unused;
  TransferOptions none;
  Scu scu(node_, nullptr, none, &unused);
  scu.addPresentationContext(UID_VerificationSOPClass, uncompressedSyntaxes());
  scu.connect();
  const OFCondition cond = scu.sendECHORequest(0);
  if (cond.bad()) {
    throw NetworkError(describeNode(node_) + " did not answer the echo: " + conditionText(cond));
  }
  scu.releaseAssociation();
}

std::vector<QueryMatch> DimseClient::find(QueryLevel level, const QueryFilter& filter,
                                          std::size_t maxMatches, bool* truncated,
                                          const std::atomic<bool>* cancel) {
  if (const std::string problem = checkFilter(filter, level); !problem.empty()) {
    throw NetworkError(problem);
  }
  RetrieveResult unused;
  TransferOptions options;
  options.cancel = cancel;
  Scu scu(node_, nullptr, options, &unused);
  scu.maxFindAnswers = maxMatches;
  scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel,
                             uncompressedSyntaxes());
  scu.connect();
  DcmDataset keys;
  fillQueryKeys(keys, level, filter);
  OFList<QRResponse*> responses;
  const OFCondition cond = scu.sendFINDRequest(
      scu.contextFor(UID_FINDStudyRootQueryRetrieveInformationModel), &keys, &responses);
  std::vector<QueryMatch> matches;
  std::set<std::string> patientsSeen;
  Uint16 finalStatus = 0;
  for (QRResponse* response : responses) {
    if (response->m_dataset && matches.size() < maxMatches) {
      QueryMatch m = matchFromDataset(*response->m_dataset, level);
      // A patient-level answer is made of study-level matches: one row per patient.
      if (level != QueryLevel::Patient ||
          patientsSeen.insert(m.patientId + '\x1f' + m.patientName).second) {
        matches.push_back(std::move(m));
      }
    }
    finalStatus = response->m_status;
    delete response;
  }
  if (truncated) {
    *truncated = scu.findStoppedEarly && !unused.cancelled;
  }
  if (cond.bad() || scu.findStoppedEarly) {
    // A query stopped early (cancelled, or more answers than wanted) leaves the association
    // in the middle of an operation: it is aborted, not released.
    scu.abortAssociation();
    if (cond.bad() && !scu.findStoppedEarly) {
      throw NetworkError("query to " + describeNode(node_) + " failed: " + conditionText(cond));
    }
    return matches;
  }
  scu.releaseAssociation();
  if (DICOM_FAILURE_STATUS(finalStatus)) {
    throw NetworkError(describeNode(node_) + " refused the query (status " +
                       statusHex(finalStatus) + ")");
  }
  return matches;
}

RetrieveResult DimseClient::get(const RetrieveTarget& target, InstanceSink& sink,
                                const TransferOptions& options) {
  requireValidTarget(target);
  RetrieveResult result;
  Scu scu(node_, &sink, options, &result);
  scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, uncompressedSyntaxes());
  const OFList<OFString> syntaxes = transferSyntaxList(decodableTransferSyntaxes());
  for (const auto& sopClass : retrievableSopClasses()) {
    scu.addPresentationContext(sopClass.c_str(), syntaxes, ASC_SC_ROLE_SCP);
  }
  scu.connect();
  DcmDataset keys;
  fillRetrieveKeys(keys, target.studyInstanceUid, target.seriesInstanceUid);
  OFList<RetrieveResponse*> responses;
  const OFCondition cond = scu.sendCGETRequest(
      scu.contextFor(UID_GETStudyRootQueryRetrieveInformationModel), &keys, &responses);
  for (RetrieveResponse* r : responses) {
    delete r;
  }
  finishRetrieve(scu, cond, result, node_);
  return result;
}

RetrieveResult DimseClient::move(const RetrieveTarget& target,
                                 const std::string& destinationAeTitle,
                                 const TransferOptions& options) {
  requireValidTarget(target);
  RetrieveResult result;
  Scu scu(node_, nullptr, options, &result);
  scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel,
                             uncompressedSyntaxes());
  scu.connect();
  DcmDataset keys;
  fillRetrieveKeys(keys, target.studyInstanceUid, target.seriesInstanceUid);
  OFList<RetrieveResponse*> responses;
  const OFCondition cond =
      scu.sendMOVERequest(scu.contextFor(UID_MOVEStudyRootQueryRetrieveInformationModel),
                          destinationAeTitle.c_str(), &keys, &responses);
  Uint16 finalStatus = 0;
  for (RetrieveResponse* r : responses) {
    finalStatus = r->m_status;
    delete r;
  }
  finishRetrieve(scu, cond, result, node_);
  if (!result.cancelled && DICOM_FAILURE_STATUS(finalStatus) && result.peerCompleted == 0) {
    throw NetworkError(describeNode(node_) + " refused to move the study to '" +
                       destinationAeTitle + "' (does it know that AE title?)");
  }
  return result;
}

StoreResult DimseClient::store(const std::vector<std::string>& files,
                               const TransferOptions& options) {
  StoreResult result;
  // Headers first: a broken file is a failure named by its path, and the classes and syntaxes
  // found decide what the association proposes. Each file is then read whole only when sent,
  // so memory holds one dataset whatever the number of files.
  struct Candidate {
    std::string path;
    std::string sopClass;
    std::string syntax;
  };
  std::vector<Candidate> candidates;
  std::map<std::string, std::set<std::string>> syntaxesByClass;
  for (const auto& path : files) {
    DcmFileFormat header;
    const OFCondition cond =
        loadDicomFile(header, path, EXS_Unknown, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (cond.bad()) {
      result.failures.push_back({path, std::string("not a readable DICOM file: ") + cond.text()});
      continue;
    }
    DcmDataset& ds = *header.getDataset();
    const std::string sopClass = tagText(ds, DCM_SOPClassUID);
    if (sopClass.empty() || tagText(ds, DCM_SOPInstanceUID).empty()) {
      result.failures.push_back({path, "no SOP Class or SOP Instance UID"});
      continue;
    }
    const std::string syntax = DcmXfer(ds.getOriginalXfer()).getXferID();
    syntaxesByClass[sopClass].insert(syntax);
    candidates.push_back({path, sopClass, syntax});
  }
  if (candidates.empty()) {
    return result;
  }
  RetrieveResult unused;
  Scu scu(node_, nullptr, options, &unused);
  for (const auto& [sopClass, syntaxes] : syntaxesByClass) {
    // The files' own syntaxes first, then the uncompressed ones DCMTK can convert to.
    OFList<OFString> proposal;
    for (const auto& s : syntaxes) {
      proposal.push_back(s.c_str());
    }
    for (const std::string s :
         {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}) {
      if (!syntaxes.count(s)) {
        proposal.push_back(s.c_str());
      }
    }
    scu.addPresentationContext(sopClass.c_str(), proposal);
  }
  scu.connect();
  for (const auto& item : candidates) {
    if (isCancelled(options)) {
      result.cancelled = true;
      break;
    }
    T_ASC_PresentationContextID id =
        scu.findPresentationContextID(item.sopClass.c_str(), item.syntax.c_str());
    if (id == 0) {
      id = scu.findAnyPresentationContextID(item.sopClass.c_str(), "");
    }
    if (id == 0) {
      result.failures.push_back(
          {item.path, describeNode(node_) + " does not accept " +
                          dcmFindNameOfUID(item.sopClass.c_str(), item.sopClass.c_str())});
      continue;
    }
    DcmFileFormat file;
    if (const OFCondition read = loadDicomFile(file, item.path); read.bad()) {
      result.failures.push_back({item.path, std::string("cannot be read: ") + read.text()});
      continue;
    }
    Uint16 status = 0;
    const OFCondition cond = scu.sendSTORERequest(id, OFFilename(), file.getDataset(), status);
    if (cond.bad()) {
      scu.abortAssociation();
      throw NetworkError("sending " + item.path + " to " + describeNode(node_) +
                         " failed: " + conditionText(cond) + " (" + std::to_string(result.sent) +
                         " files were sent)");
    }
    if (DICOM_FAILURE_STATUS(status)) {
      result.failures.push_back(
          {item.path, describeNode(node_) + " refused it (status " + statusHex(status) + ")"});
    } else {
      ++result.sent;
    }
    if (options.onProgress) {
      RetrieveProgress p;
      p.received = result.sent;
      p.refused = result.failures.size();
      options.onProgress(p);
    }
  }
  if (result.cancelled) {
    scu.abortAssociation();
  } else {
    scu.releaseAssociation();
  }
  return result;
}

}  // namespace nbra::dicom::net
