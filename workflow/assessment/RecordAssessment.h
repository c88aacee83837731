#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// Bone-marrow results the investigator enters from the pathology report for the assessed
// timepoint (INRC marrow component, clinical-rules.md 3.3): they replace the marrow part of that
// timepoint's read, because marrow comes from pathology, not from the images the reader saw.
struct MarrowEntry {
  std::vector<records::MarrowResult> samples;  // aspirates and biopsies, infiltration in %
  bool pathologyConfirmed = false;
};

// "aspirate:10,biopsy:15.5" -> samples. Throws RecordError(BadInput) naming the bad item.
MarrowEntry parseMarrowSamples(const QString& samples, bool pathologyConfirmed);

struct RecordedAssessment {
  qint64 id = 0;
  QJsonObject output;  // the full output of the clinical rules, as stored
};

// The one way an assessment is made from the record, shared by `nbra-cli record assess` and the
// workstation's assessment panel so both give the same result: the case is assembled from the
// signed reads (CaseAssembly), the investigator's marrow entry (if any) replaces the assessed
// timepoint's marrow, the rules run, and the output is stored with TrialRecord::recordAssessment.
// The stored output then carries "marrowEntry" saying what the investigator entered. An earlier
// timepoint whose read has no marrow takes the entry made when it was assessed (listed under
// "marrowEntriesUsed"), so the baseline marrow entered at the baseline assessment still counts
// at the follow-ups.
// Throws RecordError naming the subject and the problem.
RecordedAssessment assessAndRecord(records::TrialRecord& record, const QString& studyId,
                                   const QString& label, const QString& reader,
                                   const std::optional<MarrowEntry>& marrow);

}  // namespace nbra::workflow
