#include "workflow/export/ReportData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <tuple>

#include "records/store/StoreSupport.h"

namespace nbra::workflow {

ReportData gatherReport(records::TrialRecord& record, const QString& studyId, const QString& label) {
  const records::Actor& a = record.actor();
  if (!roleAllows(a.role, records::Permission::ExportReports)) {
    records::detail::fail(records::RecordErrorKind::Refused, records::refusal(a.userName, a.role, records::Permission::ExportReports));
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
    records::detail::fail(records::RecordErrorKind::NotFound,
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
    const QJsonObject output = QJsonDocument::fromJson(r.outputJson.toUtf8()).object();
    QJsonObject entry;
    for (const QJsonValue& v : output.value("timepoints").toArray()) {
      if (v.toObject().value("label").toString() == label) {
        entry = v.toObject();
      }
    }
    const bool own = r.timepointLabel == label;
    if (own || (!entry.isEmpty() && (!d.assessment || !d.assessmentIsOwn))) {
      d.assessment = r;
      d.assessmentIsOwn = own;
      d.assessmentJson = output;
      d.timepointJson = entry;
    }
  }
  std::tie(d.auditHeadSeq, d.auditHeadHash) = record.auditHead();
  return d;
}

}  // namespace nbra::workflow
