#include "dicom/net/StorageScp.h"

#include <dcmtk/dcmnet/scp.h>

#include <filesystem>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/net/DimseClient.h"
#include "dicom/net/DimseNode.h"
#include "dicom/net/InstanceSink.h"

namespace nbra::dicom::net {

class StorageScp::Scp : public DcmSCP {
 public:
  Scp(StorageScp& owner) : owner_(owner) {}

 protected:
  OFCondition handleIncomingCommand(T_DIMSE_Message* message,
                                    const DcmPresentationContextInfo& info) override {
    if (message->CommandField != DIMSE_C_STORE_RQ) {
      return DcmSCP::handleIncomingCommand(message, info);  // C-ECHO, and refusals
    }
    T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
    T_ASC_PresentationContextID id = info.presentationContextID;
    // Straight to disk as it arrives; parsed only afterwards, through the structure check.
    const std::string incoming = owner_.sink_.reserveIncomingPath();
    OFCondition cond = receiveSTORERequest(request, id, incoming.c_str());
    Uint16 status = STATUS_Success;
    if (cond.bad()) {
      std::error_code ignored;
      std::filesystem::remove(incoming, ignored);
      status = STATUS_STORE_Refused_OutOfResources;
    } else {
      const SinkResult r = owner_.sink_.accept(incoming, request.AffectedSOPInstanceUID);
      if (r.outcome == SinkOutcome::Refused) {
        status = STATUS_STORE_Error_CannotUnderstand;
      } else {
        ++owner_.received_;
      }
    }
    const OFCondition sent = sendSTOREResponse(id, request, status);
    return cond.bad() ? cond : sent;
  }

  OFBool stopAfterConnectionTimeout() override { return owner_.stop_.load(); }
  OFBool stopAfterCurrentAssociation() override { return owner_.stop_.load(); }

 private:
  StorageScp& owner_;
};

StorageScp::StorageScp(std::string aeTitle, std::uint16_t port, InstanceSink& sink)
    : aeTitle_(std::move(aeTitle)), port_(port), sink_(sink) {}

StorageScp::~StorageScp() {
  stop();
}

void StorageScp::start() {
  if (scp_) {
    return;
  }
  ensureDcmtkReady();
  preferLowLatencyTcp();
  stop_ = false;
  scp_ = std::make_unique<Scp>(*this);
  DcmSCPConfig& config = scp_->getConfig();
  config.setAETitle(aeTitle_.c_str());
  config.setPort(port_);
  // Wake up every second to see whether we were asked to stop.
  config.setConnectionBlockingMode(DUL_NOBLOCK);
  config.setConnectionTimeout(1);
  config.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  config.setDIMSETimeout(30);
  config.setACSETimeout(10);
  config.setHostLookupEnabled(OFFalse);
  OFList<OFString> syntaxes;
  for (const auto& uid : decodableTransferSyntaxes()) {
    syntaxes.push_back(uid.c_str());
  }
  config.addPresentationContext(UID_VerificationSOPClass, syntaxes);
  for (const auto& sopClass : retrievableSopClasses()) {
    config.addPresentationContext(sopClass.c_str(), syntaxes);
  }
  const OFCondition cond = scp_->openListenPort();
  if (cond.bad()) {
    scp_.reset();
    throw NetworkError("NBRA's storage SCP cannot listen on port " + std::to_string(port_) + ": " +
                       cond.text());
  }
  thread_ = std::thread([this] { scp_->acceptAssociations(); });
}

void StorageScp::stop() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
  scp_.reset();
}

}  // namespace nbra::dicom::net
