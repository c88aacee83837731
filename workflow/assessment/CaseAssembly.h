#pragma once

#include <QString>
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

AssembledCase assembleCase(records::TrialRecord& record, const QString& studyId,
                           const QString& label, const QString& reader);

}  // namespace nbra::workflow
