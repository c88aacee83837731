#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace nbra::dicom::net {

// What happened to one received instance.
enum class SinkOutcome { Stored, Duplicate, Refused };

struct SinkResult {
  SinkOutcome outcome = SinkOutcome::Refused;
  std::string path;    // where the instance now lives (Stored, Duplicate)
  std::string reason;  // why it was refused
};

// Where retrieved instances land: <root>/<StudyUID>/<SeriesUID>/<SOPInstanceUID>.dcm. A file is
// received into <root>/.incoming first and renamed into place only when complete and readable,
// so a retrieve that dies halfway leaves no half-written instance where the index looks. An
// instance already present is not written twice (a repeated retrieve completes a series without
// duplicates). Thread-safe: a move's storage SCP and the caller may use one sink.
class InstanceSink {
 public:
  explicit InstanceSink(std::string root);

  const std::string& root() const { return root_; }

  // A fresh path under <root>/.incoming for the next instance to be received into.
  std::string reserveIncomingPath();

  // Takes a completely received file: checks its structure (dicom/codecs/SafeLoad), reads the
  // three UIDs, checks they are UIDs (never a path), and moves it into place. `expectedSopUid`,
  // when given, must match the file's (the C-STORE request's Affected SOP Instance UID).
  SinkResult accept(const std::string& incomingPath, const std::string& expectedSopUid = {});

  // Every file stored or found duplicate so far, in arrival order.
  std::vector<std::string> files() const;
  std::size_t storedCount() const;
  std::size_t duplicateCount() const;

  // Removes what is left in .incoming (files of an interrupted run).
  void clearIncoming();

 private:
  std::string root_;
  mutable std::mutex mutex_;
  std::size_t nextIncoming_ = 0;
  std::size_t stored_ = 0;
  std::size_t duplicates_ = 0;
  std::vector<std::string> files_;
};

}  // namespace nbra::dicom::net
