#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "dicom/net/DimseNode.h"
#include "dicom/net/QueryKeys.h"

namespace nbra::dicom::net {

class InstanceSink;
struct SinkResult;

// What to retrieve: a whole study, or one series of it.
struct RetrieveTarget {
  std::string studyInstanceUid;
  std::string seriesInstanceUid;  // empty: the whole study
};

struct RetrieveProgress {
  std::size_t received = 0;  // instances that arrived and were kept (new or already present)
  std::size_t refused = 0;   // instances that arrived broken
  int remaining = -1;        // as the peer counts them; -1 until it says
};

struct TransferOptions {
  std::function<void(const RetrieveProgress&)> onProgress;  // on the calling thread, per instance
  const std::atomic<bool>* cancel = nullptr;                // checked per instance and per response
};

struct RetrieveResult {
  std::size_t stored = 0;      // new instances written
  std::size_t duplicates = 0;  // already present, not written again
  std::size_t refused = 0;     // arrived but unreadable: named in `problems`
  int peerCompleted = 0;       // the peer's final counts of sub-operations
  int peerFailed = 0;
  int peerWarnings = 0;
  bool cancelled = false;
  std::vector<std::string> files;     // stored and duplicates, in arrival order
  std::vector<std::string> problems;  // one line per refused instance or failed sub-operation
};

struct StoreFailure {
  std::string file;
  std::string reason;
};

struct StoreResult {
  std::size_t sent = 0;
  bool cancelled = false;
  std::vector<StoreFailure> failures;
};

// The DIMSE services NBRA uses as an SCU (PS3.4 Annexes A, B, C; Study Root), each on its own
// association: C-ECHO, C-FIND, C-GET, C-MOVE and C-STORE. Every failure throws NetworkError
// naming the node; a peer that does not answer ends within the node's timeouts.
class DimseClient {
 public:
  explicit DimseClient(DimseNode node);

  const DimseNode& node() const { return node_; }

  // Verification; throws when the peer cannot be reached or refuses.
  void echo();

  // Matches at one level, at most `maxMatches` (the rest is cancelled and `truncated` set).
  // `cancel` ends the query with a C-CANCEL at the next answer; what arrived is returned.
  std::vector<QueryMatch> find(QueryLevel level, const QueryFilter& filter,
                               std::size_t maxMatches = 5000, bool* truncated = nullptr,
                               const std::atomic<bool>* cancel = nullptr);

  // C-GET: the instances come back on this association into `sink`.
  RetrieveResult get(const RetrieveTarget& target, InstanceSink& sink,
                     const TransferOptions& options = {});

  // C-MOVE to `destinationAeTitle` (a storage SCP the peer knows, normally NBRA's own
  // StorageScp writing into the same sink). Returns the peer's counts; the files are the sink's.
  RetrieveResult move(const RetrieveTarget& target, const std::string& destinationAeTitle,
                      const TransferOptions& options = {});

  // C-STORE of each file (read through the structure check). A file the peer refuses is a
  // failure with the peer's status; the others are still sent.
  StoreResult store(const std::vector<std::string>& files, const TransferOptions& options = {});

 private:
  DimseNode node_;
};

// Adds one instance the sink took (or refused) to a retrieve's counts: the one bookkeeping of
// every protocol.
void countArrival(RetrieveResult& result, const SinkResult& arrival);

// The storage SOP classes NBRA asks for in a C-GET and accepts in its storage SCP, and the
// transfer syntaxes it can decode (dicom/volume): what a retrieve may bring.
const std::vector<std::string>& retrievableSopClasses();

// Empty when `path` is a DICOM file that can be sent (readable through the structure check, with
// SOP Class and Instance UIDs); otherwise why not.
std::string sendableProblem(const std::string& path);
const std::vector<std::string>& decodableTransferSyntaxes();

}  // namespace nbra::dicom::net
