#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// A case for the clinical rules built from the trial record: every timepoint of the subject up
// to and including `label`, each from its signed read (by `reader`, or the only signed reader),
// with dates, kinds and injections-before taken from the record, the weight measured last on or
// before the scan date, and the age at the scan date.
struct AssembledCase {
  QByteArray json;  // the assess case format
  std::vector<qint64> readIds;
};

AssembledCase assembleCase(records::TrialRecord& record, const QString& studyId,
                           const QString& label, const QString& reader);

}  // namespace nbra::workflow
