#pragma once

#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"
#include "workflow/assessment/StoredAssessment.h"

namespace nbra::workflow {

// Everything the report and the CSV exports show for one subject and timepoint, gathered once
// (and role-checked once: only investigators and coordinators export).
struct ReportData {
  records::SubjectRecord subject;
  records::TimepointRecord timepoint;
  std::vector<records::ReadRecord> signedReads;  // latest signed version per reader
  std::optional<records::AssessmentRecord>
      assessment;                // the latest for this timepoint, see assessmentIsOwn
  bool assessmentIsOwn = false;  // false: a later timepoint's assessment that included this one
  StoredAssessment output;       // its output (empty when there is no assessment)
  std::optional<StoredTimepoint> timepointResult;  // this timepoint's entry in that output
  // The trial around the images (docs/protocol.md): the signed checklist and the calendar.
  std::optional<records::ChecklistSignoffRecord> checklist;
  std::vector<records::ScheduleLine> schedule;
  qint64 auditHeadSeq = 0;  // the audit trail's newest entry when the report was made
  QString auditHeadHash;
};

ReportData gatherReport(records::TrialRecord& record, const QString& studyId, const QString& label);

}  // namespace nbra::workflow
