#pragma once

#include <QDate>
#include <QString>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// One event of a subject's timeline: courses, injections (given and due), scans, assessments,
// decisions, the checklist's signature and enrolment, in date order.
struct TimelineEvent {
  QDate date;
  QString kind;          // "course", "injection", "injection-due", "scan", "assessment",
                         // "checklist", "imaging-eligibility", "enrolment", "extra-doses"
  QString text;          // one line, with the numbers
  bool flagged = false;  // late, overdue, refused, stale, not eligible: shown in the warning colour
};

// The subject's timeline as of `today`; the actor must be allowed to view subjects.
std::vector<TimelineEvent> subjectTimeline(records::TrialRecord& record, const QString& studyId,
                                           const QDate& today);

}  // namespace nbra::workflow
