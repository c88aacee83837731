#pragma once

// A read has one source of truth: its rows in the trial record (records::ReadContent: lesion
// measurements, MIBG segments, FDG-PET findings, marrow results). What the clinical rules run on,
// what the CSV, the PDF report and the DICOM SR show, are all derived from those rows by the two
// functions here; nothing else turns a read into a case or a case into a read.

#include "records/store/RecordTypes.h"
#include "scoring/model/Timepoint.h"

namespace nbra::workflow {

// The rows of a reading given in the case format (a case file, an imported SR).
records::ReadContent readContentOf(const scoring::Timepoint& timepoint);

// What the rules see of a read: its lesions (when CT/MRI was done), MIBG, FDG-PET and marrow.
// The label, kind, date and injections are the record's, not the read's: left at their defaults.
scoring::Timepoint timepointOfRead(const records::ReadContent& read);

}  // namespace nbra::workflow
