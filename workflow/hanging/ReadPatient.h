#pragma once

#include <QString>
#include <optional>

#include "workflow/hanging/HangingInput.h"

namespace nbra::workflow {

// The patient of a read: the patient of its studies (current timepoint first, then baseline).
struct ReadPatient {
  QString patientId;    // empty when no series of the read is in the index
  QString patientName;  // DICOM PN, may be empty
  // Non-empty when the read's own studies belong to two different patients: the read must not
  // be hung until the timepoints' studies are corrected.
  QString conflict;
};

ReadPatient readPatient(const TimepointStudies& current,
                        const std::optional<TimepointStudies>& baseline);

// Whether `series` may be opened into the read of `current` (against `baseline`). Empty when it
// may; else the reason, naming both patients. Patients match on Patient ID, and also on
// Patient's Name when both names are known.
QString checkSeriesBelongsToRead(const HangingSeries& series, const TimepointStudies& current,
                                 const std::optional<TimepointStudies>& baseline);

// "SYN-001 (SYNTHETIC^ONE)", or the id alone when the name is unknown.
QString describePatient(const QString& patientId, const QString& patientName);

}  // namespace nbra::workflow
