// The chemotherapy courses and the injection calendar they set: injection n is due a set number
// of days after course n ends (scoring/schedule). The coordinator records each course's end; the
// calendar, with the weight and dose of each injection, is read back for the timeline.
#include <QSqlQuery>
#include <stdexcept>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/DateConversion.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"
#include "scoring/trial/Dose.h"

namespace nbra::records {

using detail::dateText;
using detail::fail;

std::optional<CourseRecord> TrialRecord::currentCourse(qint64 subject, int number) {
  QSqlQuery q = db_.run(
      "SELECT c.id, c.number, c.end_date, c.supersedes_id, c.reason, c.recorded_utc FROM "
      "chemotherapy_courses c WHERE c.subject_id = ? AND c.number = ? AND NOT EXISTS (SELECT 1 "
      "FROM chemotherapy_courses d WHERE d.supersedes_id = c.id) ORDER BY c.id DESC LIMIT 1",
      {subject, number});
  if (!q.next()) {
    return std::nullopt;
  }
  CourseRecord r;
  r.id = q.value(0).toLongLong();
  r.number = q.value(1).toInt();
  r.endDate = detail::dateFrom(q.value(2)).value_or(QDate());
  if (!q.value(3).isNull()) {
    r.supersedesId = q.value(3).toLongLong();
  }
  r.reason = q.value(4).toString();
  r.recordedUtc = q.value(5).toString();
  return r;
}

qint64 TrialRecord::recordCourseEnd(const QString& studyId, int number, const QDate& endDate,
                                    const QString& reason) {
  require(Permission::RecordInjection);
  if (number < 1 || number > 5 || !endDate.isValid()) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': a chemotherapy course needs a number 1..5 and a valid end date; "
                 "got course %2")
             .arg(studyId)
             .arg(number));
  }
  if (endDate > QDate::currentDate()) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': course %2 ending %3 is in the future; record a course once it "
                 "has ended")
             .arg(studyId)
             .arg(number)
             .arg(dateText(endDate)));
  }
  const SubjectRecord s = subject(studyId);
  if (s.birthDate && endDate < *s.birthDate) {
    fail(RecordErrorKind::BadInput, QString("subject '%1': course %2 ending %3 is before the birth "
                                            "date (%4)")
                                        .arg(studyId)
                                        .arg(number)
                                        .arg(dateText(endDate), dateText(*s.birthDate)));
  }
  Transaction t(db_);
  lockSubject(s.id);
  const std::optional<CourseRecord> previous = currentCourse(s.id, number);
  if (previous && reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': course %2 is already recorded (ended %3); correcting it needs a "
                 "reason")
             .arg(studyId)
             .arg(number)
             .arg(dateText(previous->endDate)));
  }
  if (previous) {
    QSqlQuery given = db_.run(
        "SELECT given_date FROM injections WHERE subject_id = ? AND number = ?", {s.id, number});
    if (given.next()) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': injection %2 was given on %3 after course %2; the course's end "
                   "can no longer change")
               .arg(studyId)
               .arg(number)
               .arg(given.value(0).toString()));
    }
  }
  if (number > 1) {
    const std::optional<CourseRecord> before = currentCourse(s.id, number - 1);
    if (!before) {
      fail(RecordErrorKind::Conflict, QString("subject '%1': course %2 needs course %3 first")
                                          .arg(studyId)
                                          .arg(number)
                                          .arg(number - 1));
    }
    if (endDate <= before->endDate) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': course %2 ending %3 is not after course %4 (ended %5)")
               .arg(studyId)
               .arg(number)
               .arg(dateText(endDate))
               .arg(number - 1)
               .arg(dateText(before->endDate)));
    }
  }
  if (const std::optional<CourseRecord> after = currentCourse(s.id, number + 1);
      after && endDate >= after->endDate) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': course %2 ending %3 is not before course %4 (ended %5)")
             .arg(studyId)
             .arg(number)
             .arg(dateText(endDate))
             .arg(number + 1)
             .arg(dateText(after->endDate)));
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id =
      writer.insert("chemotherapy_courses",
                    {{"subject_id", s.id},
                     {"number", number},
                     {"end_date", dateText(endDate)},
                     {"supersedes_id", previous ? QVariant(previous->id) : QVariant()},
                     {"reason", detail::text(reason.trimmed())},
                     {"recorded_utc", detail::nowUtc()},
                     {"recorded_by", actor().id}},
                    previous ? "course end corrected: " + reason.trimmed()
                             : QString("end of chemotherapy course %1").arg(number));
  t.commit();
  return id;
}

std::vector<CourseRecord> TrialRecord::courses(const QString& studyId) {
  requireProtocolView();
  const qint64 subject = subjectId(studyId);
  std::vector<CourseRecord> out;
  for (int n = 1; n <= 5; ++n) {
    if (auto c = currentCourse(subject, n)) {
      out.push_back(*c);
    }
  }
  return out;
}

std::vector<ScheduleLine> TrialRecord::injectionSchedule(const QString& studyId,
                                                         const QDate& today) {
  requireProtocolView();
  const SubjectRecord s = subject(studyId);
  std::vector<scoring::CourseEnd> ends;
  for (const CourseRecord& c : courses(studyId)) {
    ends.push_back({c.number, detail::toChronoDate(c.endDate)});
  }
  std::vector<scoring::GivenInjection> given;
  for (const InjectionRecord& i : s.injections) {
    given.push_back({i.number, detail::toChronoDate(i.givenDate)});
  }
  bool approved = false;
  if (!s.extraDoseDecisions.empty()) {
    const DecisionRecord& latest = s.extraDoseDecisions.back();
    approved = latest.yes && latest.signature.has_value();
  }
  std::vector<scoring::ScheduledInjection> calendar;
  try {
    calendar = scoring::injectionSchedule(ends, given, approved, detail::toChronoDate(today),
                                          protocol_.schedule);
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': injection calendar: %2").arg(studyId, QString::fromUtf8(e.what())));
  }
  std::vector<ScheduleLine> out;
  for (const scoring::ScheduledInjection& i : calendar) {
    ScheduleLine line;
    line.injection = i;
    for (const InjectionRecord& g : s.injections) {
      if (g.number == i.number) {
        line.weightKg = g.weightKg;
        line.weightDate = g.givenDate;
        line.doseCells = g.doseCells;
        line.lotCode = g.lotCode;
      }
    }
    if (!line.weightKg && i.dueDate) {
      // Not given yet: the latest weight up to the due date (the pre-infusion weight of the day
      // replaces it when the injection is recorded).
      const QDate due = detail::toQDate(*i.dueDate);
      for (const BodyMeasurement& m : s.measurements) {
        if (m.measuredDate <= due && (!line.weightDate || m.measuredDate >= *line.weightDate)) {
          line.weightKg = m.weightKg;
          line.weightDate = m.measuredDate;
        }
      }
      if (line.weightKg) {
        line.doseCells = scoring::nkCellDose(*line.weightKg).cellsPerInjection;
      }
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace nbra::records

namespace nbra::records {

std::optional<NextInjection> TrialRecord::nextInjectionDue(const QString& studyId) {
  // Every clinical role: the date alone is what makes a read or a decision urgent, and tells a
  // blinded reader nothing of the response (no decision, no arm).
  require(Permission::ViewSubjects);
  const qint64 subject = subjectId(studyId);
  QSqlQuery given = db_.run("SELECT number FROM injections WHERE subject_id = ?", {subject});
  QList<int> done;
  while (given.next()) {
    done << given.value(0).toInt();
  }
  given.finish();
  QSqlQuery q = db_.run(
      "SELECT c.number, c.end_date FROM chemotherapy_courses c WHERE c.subject_id = ? AND NOT "
      "EXISTS (SELECT 1 FROM chemotherapy_courses n WHERE n.supersedes_id = c.id) ORDER BY "
      "c.number",
      {subject});
  while (q.next()) {
    const int number = q.value(0).toInt();
    const std::optional<QDate> end = detail::dateFrom(q.value(1));
    if (!done.contains(number) && end) {
      return NextInjection{number, end->addDays(protocol_.schedule.daysAfterCourse)};
    }
  }
  return std::nullopt;
}

}  // namespace nbra::records
