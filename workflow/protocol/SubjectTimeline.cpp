#include "workflow/protocol/SubjectTimeline.h"

#include <algorithm>

#include "records/store/DateConversion.h"

namespace nbra::workflow {

namespace {

QString cells(std::int64_t n) {
  return QString::number(static_cast<double>(n) / 1e6, 'f', 1) + " x 10^6 cells";
}

QDate signedDay(const std::optional<records::Signature>& s) {
  return s ? QDateTime::fromString(s->signedUtc, Qt::ISODateWithMs).toUTC().date() : QDate();
}

}  // namespace

std::vector<TimelineEvent> subjectTimeline(records::TrialRecord& record, const QString& studyId,
                                           const QDate& today) {
  const records::SubjectRecord s = record.subject(studyId);
  std::vector<TimelineEvent> out;
  for (const records::CourseRecord& c : record.courses(studyId)) {
    out.push_back(
        {c.endDate, "course", QString("Chemotherapy course %1 ended").arg(c.number), false});
  }
  for (const records::ScheduleLine& l : record.injectionSchedule(studyId, today)) {
    const scoring::ScheduledInjection& i = l.injection;
    // Early can be on record only from before a narrower window was set (the record refuses an
    // early injection): flagged like late.
    const bool bad = i.timing == scoring::InjectionTiming::Late ||
                     i.timing == scoring::InjectionTiming::Early ||
                     i.timing == scoring::InjectionTiming::Overdue || i.blockedByApproval;
    if (i.givenDate) {
      QString text = QString("Injection %1 given").arg(i.number);
      if (l.doseCells) {
        text += ", dose " + cells(*l.doseCells);
      }
      if (l.weightKg) {
        text += QString(" (%1 kg)").arg(*l.weightKg);
      }
      if (!l.lotCode.isEmpty()) {
        text += ", lot " + l.lotCode;
      }
      text += " - " + QString::fromStdString(i.note);
      out.push_back({records::detail::toQDate(*i.givenDate), "injection", text, bad});
    } else if (i.dueDate) {
      QString text = QString("Injection %1 due").arg(i.number);
      if (l.doseCells) {
        text += QString(", dose %1 at %2 kg (weighed %3)")
                    .arg(cells(*l.doseCells))
                    .arg(*l.weightKg)
                    .arg(l.weightDate->toString(Qt::ISODate));
      }
      text += " - " + QString::fromStdString(i.note);
      out.push_back({records::detail::toQDate(*i.dueDate), "injection-due", text, bad});
    }
  }
  for (const records::TimepointRecord& t : s.timepoints) {
    out.push_back({t.scanDate, "scan",
                   QString("Scans of timepoint '%1' (%2, %3 stud%4)")
                       .arg(t.label, t.kind)
                       .arg(t.studyInstanceUids.size())
                       .arg(t.studyInstanceUids.size() == 1 ? "y" : "ies"),
                   false});
  }
  for (const records::AssessmentRecord& a : record.assessments(studyId)) {
    if (!a.superseded.isEmpty()) {
      continue;
    }
    QString text = QString("Assessment of '%1'").arg(a.timepointLabel);
    text += a.overallResponse ? ": overall response " + *a.overallResponse
                              : QString(": %1").arg(a.eligible ? "imaging says eligible"
                                                               : "imaging says not eligible");
    out.push_back({QDateTime::fromString(a.createdUtc, Qt::ISODateWithMs).toUTC().date(),
                   "assessment", text, false});
  }
  for (const records::DecisionRecord& d : s.eligibility) {
    out.push_back(
        {signedDay(d.signature), "imaging-eligibility",
         QString("Imaging eligibility signed: %1").arg(d.yes ? "eligible" : "not eligible"),
         !d.yes});
  }
  if (const auto signoff = record.checklistSignoff(studyId)) {
    QString text = QString("Eligibility checklist signed: %1 (judged for %2)")
                       .arg(signoff->eligible ? "eligible" : "not eligible",
                            signoff->judgedOn.toString(Qt::ISODate));
    if (!signoff->stale.isEmpty()) {
      text += "; no longer current: " + signoff->stale;
    }
    out.push_back({signedDay(signoff->signature), "checklist", text,
                   !signoff->eligible || !signoff->stale.isEmpty()});
  }
  if (s.enrolledDate) {
    out.push_back({*s.enrolledDate, "enrolment", "Enrolled at " + s.site, false});
  }
  for (const records::DecisionRecord& d : s.extraDoseDecisions) {
    out.push_back({signedDay(d.signature), "extra-doses",
                   QString("Injections 4 and 5 %1").arg(d.yes ? "approved" : "refused"), false});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.date < b.date; });
  return out;
}

}  // namespace nbra::workflow
