#pragma once

#include <QString>
#include <functional>
#include <vector>

#include "records/store/TrialRecord.h"
#include "scoring/model/Case.h"

namespace nbra::workflow {

// A case for the clinical rules built from the trial record: every timepoint of the subject up
// to and including `label`, each from its signed read (by `reader`, or the only signed reader),
// with dates, kinds and injections-before taken from the record, the weight measured last on or
// before the scan date, and the age at the scan date.
// The case is built typed, straight from the reads' rows: the rules see a scoring::Case with no
// JSON text in between (caseToJson writes it in the case format for people and files).
struct AssembledCase {
  scoring::Case kase;
  std::vector<qint64> readIds;
};

// Under double reading (docs/adjudication.md) every timepoint is taken from its read of record
// (comparing the readers' reads first when that is due) and `reader` is ignored; a timepoint
// without one (awaiting reads or adjudication) is refused with its state.
AssembledCase assembleCase(records::TrialRecord& record, const QString& studyId,
                           const QString& label, const QString& reader);

// The read each timepoint is taken from; `choose` is called in scan-date order and throws
// RecordError when the timepoint has no read to assess.
using ReadChooser = std::function<records::ReadRecord(const records::TimepointRecord&)>;
AssembledCase assembleCaseWith(records::TrialRecord& record, const QString& studyId,
                               const QString& label, const ReadChooser& choose);

}  // namespace nbra::workflow
