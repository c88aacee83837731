#pragma once

// A reader's own reads of a timepoint, as the reading use cases need them: the one to add to,
// and the one a follow-up is compared with. Blinding is the record's (TrialRecord::reads shows
// only what the signed-in reader may see).

#include <QString>
#include <optional>

#include "records/store/RecordTypes.h"
#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// The signed-in reader's latest read of the timepoint (own draft, else own signed read).
std::optional<records::ReadRecord> ownLatestRead(records::TrialRecord& record,
                                                 const QString& studyId,
                                                 const QString& timepointLabel);

// The read a follow-up is compared with: the reader's own signed read of the timepoint, else
// another reader's signed one (the reads the record lets this reader see).
std::optional<records::ReadRecord> signedReadFor(records::TrialRecord& record,
                                                 const QString& studyId,
                                                 const QString& timepointLabel);

// The FDG-PET bone findings of the reader's read (used when the disease is not MIBG-avid: INRC
// lets FDG-PET replace MIBG), saved into the reader's draft of the timepoint as its PET row;
// everything else in the read is kept. Refused, with the record's message, when the reader's
// read is signed.
qint64 savePetFindings(records::TrialRecord& record, const QString& studyId,
                       const QString& timepointLabel, const records::PetFinding& finding);

// The findings saved in the reader's latest read of the timepoint, if any.
std::optional<records::PetFinding> savedPetFindings(records::TrialRecord& record,
                                                    const QString& studyId,
                                                    const QString& timepointLabel);

}  // namespace nbra::workflow
