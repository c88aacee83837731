#include "workflow/reads/ReaderReads.h"

namespace nbra::workflow {

std::optional<records::ReadRecord> ownLatestRead(records::TrialRecord& record,
                                                 const QString& studyId,
                                                 const QString& timepointLabel) {
  std::optional<records::ReadRecord> latest;
  for (const records::ReadRecord& read : record.reads(studyId, timepointLabel)) {
    if (read.readerUserName != record.actor().userName) {
      continue;
    }
    if (!latest || read.version > latest->version) {
      latest = read;
    }
  }
  return latest;
}

std::optional<records::ReadRecord> signedReadFor(records::TrialRecord& record,
                                                 const QString& studyId,
                                                 const QString& timepointLabel) {
  std::optional<records::ReadRecord> own, other;
  for (const records::ReadRecord& read : record.reads(studyId, timepointLabel)) {
    if (read.status != "signed") {
      continue;
    }
    auto& slot = read.readerUserName == record.actor().userName ? own : other;
    if (!slot || read.version > slot->version) {
      slot = read;
    }
  }
  return own ? own : other;
}

qint64 savePetFindings(records::TrialRecord& record, const QString& studyId,
                       const QString& timepointLabel, const records::PetFinding& finding) {
  records::ReadContent content;
  if (const auto previous = ownLatestRead(record, studyId, timepointLabel)) {
    content = previous->content;  // a signed read is refused by saveRead with its message
  }
  content.pet = finding;
  return record.saveRead(studyId, timepointLabel, content);
}

std::optional<records::PetFinding> savedPetFindings(records::TrialRecord& record,
                                                    const QString& studyId,
                                                    const QString& timepointLabel) {
  const auto read = ownLatestRead(record, studyId, timepointLabel);
  return read ? read->content.pet : std::nullopt;
}

}  // namespace nbra::workflow
