#include "records/export/ReportData.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "records/store/StoreSupport.h"

namespace nbra::records {

ReportData gatherReport(TrialRecord& record, const QString& studyId, const QString& label) {
  const Actor& a = record.actor();
  if (!roleAllows(a.role, Permission::ExportReports)) {
    detail::fail(RecordErrorKind::Refused,
                 QString("refused: user '%1' is a %2 and may not %3 (only a %4 may)")
                     .arg(a.userName, roleName(a.role), permissionText(Permission::ExportReports),
                          rolesAllowed(Permission::ExportReports)));
  }
  ReportData d;
  d.subject = record.subject(studyId);
  bool found = false;
  for (const TimepointRecord& t : d.subject.timepoints) {
    if (t.label == label) {
      d.timepoint = t;
      found = true;
    }
  }
  if (!found) {
    detail::fail(RecordErrorKind::NotFound,
                 "subject '" + studyId + "' has no timepoint '" + label + "'");
  }
  for (const ReadRecord& r : record.reads(studyId, label)) {
    if (r.status == "signed") {
      d.signedReads.push_back(r);
    }
  }
  for (const AssessmentRecord& r : record.assessments(studyId)) {
    if (r.timepointLabel == label) {
      d.assessment = r;
    }
  }
  if (d.assessment) {
    d.assessmentJson = QJsonDocument::fromJson(d.assessment->outputJson.toUtf8()).object();
    for (const QJsonValue& v : d.assessmentJson.value("timepoints").toArray()) {
      if (v.toObject().value("label").toString() == label) {
        d.timepointJson = v.toObject();
      }
    }
  }
  return d;
}

}  // namespace nbra::records
