#include "workflow/export/ReportData.h"

#include <tuple>

#include "workflow/support/Fail.h"

namespace nbra::workflow {

ReportData gatherReport(records::TrialRecord& record, const QString& studyId,
                        const QString& label) {
  const records::Actor& a = record.actor();
  if (!roleAllows(a.role, records::Permission::ExportReports)) {
    fail(records::RecordErrorKind::Refused,
         records::refusal(a.userName, a.role, records::Permission::ExportReports));
  }
  ReportData d;
  d.subject = record.subject(studyId);
  bool found = false;
  for (const records::TimepointRecord& t : d.subject.timepoints) {
    if (t.label == label) {
      d.timepoint = t;
      found = true;
    }
  }
  if (!found) {
    fail(records::RecordErrorKind::NotFound,
         "subject '" + studyId + "' has no timepoint '" + label + "'");
  }
  for (const records::ReadRecord& r : record.reads(studyId, label)) {
    if (r.status == "signed") {
      d.signedReads.push_back(r);
    }
  }
  // The latest assessment of this timepoint; failing that, the latest one whose case included
  // it (a baseline is usually assessed as part of a follow-up's case), for its scores.
  for (const records::AssessmentRecord& r : record.assessments(studyId)) {
    StoredAssessment output = readStoredAssessment(r.outputJson);
    const StoredTimepoint* entry = output.timepoint(label);
    const bool own = r.timepointLabel == label;
    if (own || (entry && (!d.assessment || !d.assessmentIsOwn))) {
      d.assessment = r;
      d.assessmentIsOwn = own;
      d.timepointResult = entry ? std::optional<StoredTimepoint>(*entry) : std::nullopt;
      d.output = std::move(output);
    }
  }
  d.checklist = record.checklistSignoff(studyId);
  d.schedule = record.injectionSchedule(studyId, QDate::currentDate());
  std::tie(d.auditHeadSeq, d.auditHeadHash) = record.auditHead();
  return d;
}

}  // namespace nbra::workflow
