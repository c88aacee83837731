#pragma once

// Each timepoint's read of record under blinded double reading (docs/adjudication.md), worked out
// with the clinical rules: both readers' signed reads are judged on their own (earlier timepoints
// from their reads of record), compared on the configured variables, and the comparison is kept
// in the record. The record then knows, from its rows alone, whether the timepoint is concordant,
// awaits adjudication or was adjudicated.

#include <QString>
#include <optional>

#include "records/store/TrialRecord.h"
#include "scoring/adjudication/Discordance.h"

namespace nbra::workflow {

// The timepoint's status after comparing its reads when that is due (the comparison is recorded
// by whoever acts on it and asks first: the adjudicator, the investigator, the coordinator; never
// one of the two readers, whom the record refuses).
records::ReadingStatus settleTimepoint(records::TrialRecord& record, const QString& studyId,
                                       const QString& label);

// settleTimepoint, or, when the reads cannot be compared yet (the rules refuse one, an earlier
// timepoint has no read of record), the status as it stands with the reason appended to its
// text: what a list or a panel shows rather than failing.
records::ReadingStatus settledStatus(records::TrialRecord& record, const QString& studyId,
                                     const QString& label);

// Tries settleTimepoint and swallows a refusal (a reader may not see an earlier timepoint's
// reads): used after a read is signed, when the comparison is a courtesy, not the task.
void settleTimepointIfAllowed(records::TrialRecord& record, const QString& studyId,
                              const QString& label);

// Signs the actor's read (TrialRecord::signRead) and, under double reading, tries to compare the
// reads. The signer is a reader, whom the record refuses both the status and the comparison under
// double reading, so today the comparison is left to the first adjudicator, investigator or
// coordinator who looks; the attempt stays so that a front-end never has to know that rule.
void signReadAndCompare(records::TrialRecord& record, const QString& studyId, const QString& label,
                        const QString& password,
                        const QString& meaning = records::kReadSignatureMeaning);

// The timepoint's read of record; RecordError(Conflict) naming the timepoint and its state
// ("awaiting adjudication: overall INRC response differs") when it has none yet.
records::ReadRecord readOfRecord(records::TrialRecord& record, const QString& studyId,
                                 const QString& label);

// The read the decision panels show for a timepoint: under double reading its read of record
// (nullopt while it has none: `status` then says why), else the first signed read.
struct DecisionRead {
  std::optional<records::ReadRecord> read;
  records::ReadingStatus status;
};
DecisionRead decisionRead(records::TrialRecord& record, const QString& studyId,
                          const QString& label);

// What the rules make of `read` at its timepoint, the earlier timepoints taken from their reads
// of record.
scoring::ReadOutcome readOutcome(records::TrialRecord& record, const QString& studyId,
                                 const QString& label, const records::ReadRecord& read);

}  // namespace nbra::workflow
