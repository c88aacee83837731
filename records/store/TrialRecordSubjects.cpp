// Subjects, weights, enrolment, injections and timepoints: the coordinator's part.
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/DateConversion.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"
#include "scoring/trial/Dose.h"

namespace nbra::records {

using detail::dateText;
using detail::fail;

qint64 TrialRecord::subjectId(const QString& studyId) {
  QSqlQuery q = db_.run("SELECT id FROM subjects WHERE study_id = ?", {studyId});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound,
         "unknown subject '" + studyId + "' in trial record " + db_.displayName());
  }
  return q.value(0).toLongLong();
}

TimepointRecord TrialRecord::timepoint(qint64 subject, const QString& studyId,
                                       const QString& label) {
  QSqlQuery q = db_.run(
      "SELECT id, label, kind, scan_date FROM timepoints WHERE subject_id = ? AND label = ?",
      {subject, label});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "subject '" + studyId + "' has no timepoint '" + label + "'");
  }
  TimepointRecord t{q.value(0).toLongLong(),
                    q.value(1).toString(),
                    q.value(2).toString(),
                    detail::dateFrom(q.value(3)).value_or(QDate()),
                    {}};
  QSqlQuery s =
      db_.run("SELECT study_instance_uid FROM timepoint_studies WHERE timepoint_id = ? ORDER BY id",
              {t.id});
  while (s.next()) {
    t.studyInstanceUids << s.value(0).toString();
  }
  return t;
}

qint64 TrialRecord::createSubject(const SubjectInput& s) {
  require(Permission::CreateSubject);
  if (s.studyId.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "a subject needs a study id");
  }
  if (s.sex != "F" && s.sex != "M" && s.sex != "U") {
    fail(RecordErrorKind::BadInput,
         "subject '" + s.studyId + "': sex must be F, M or U, not '" + s.sex + "'");
  }
  if (!s.birthDate && !s.ageYears) {
    fail(RecordErrorKind::BadInput,
         "subject '" + s.studyId + "': a birth date or an age is needed");
  }
  if (s.ageYears && (*s.ageYears < 0 || *s.ageYears > 120)) {
    fail(RecordErrorKind::BadInput, "subject '" + s.studyId + "': age out of range");
  }
  Transaction t(db_);
  QSqlQuery q = db_.run("SELECT 1 FROM subjects WHERE study_id = ?", {s.studyId});
  if (q.next()) {
    fail(RecordErrorKind::Conflict, "subject '" + s.studyId + "' already exists");
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id =
      writer.insert("subjects",
                    {{"study_id", s.studyId},
                     {"sex", s.sex},
                     {"birth_date", s.birthDate ? QVariant(dateText(*s.birthDate)) : QVariant()},
                     {"age_years", detail::orNull(s.ageYears)},
                     {"created_utc", detail::nowUtc()},
                     {"created_by", actor().id}},
                    "new subject");
  t.commit();
  return id;
}

void TrialRecord::recordBodyMeasurement(const QString& studyId, const QDate& measured,
                                        double weightKg, std::optional<double> heightCm) {
  require(Permission::RecordBodyMeasurement);
  if (!measured.isValid()) {
    fail(RecordErrorKind::BadInput, "subject '" + studyId + "': the measurement date is invalid");
  }
  // Dosing multiplies the weight by 5 x 10^6: it must be positive and given to 0.01 kg.
  if (!(weightKg > 0 && weightKg < 200) ||
      std::abs(weightKg * 100 - std::round(weightKg * 100)) > 1e-6) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': weight %2 kg must be > 0, < 200 and given to 0.01 kg")
             .arg(studyId)
             .arg(weightKg));
  }
  if (heightCm && !(*heightCm > 20 && *heightCm < 250)) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': height %2 cm is out of range").arg(studyId).arg(*heightCm));
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  QSqlQuery q =
      db_.run("SELECT id FROM body_measurements WHERE subject_id = ? AND measured_date = ?",
              {subject, dateText(measured)});
  if (q.next()) {
    fail(RecordErrorKind::Conflict,
         "subject '" + studyId + "' already has a weight for " + dateText(measured));
  }
  AuditedWriter writer(db_, actor().userName);
  writer.insert("body_measurements",
                {{"subject_id", subject},
                 {"measured_date", dateText(measured)},
                 {"weight_kg", weightKg},
                 {"height_cm", detail::orNull(heightCm)},
                 {"recorded_utc", detail::nowUtc()},
                 {"recorded_by", actor().id}},
                "weight and height");
  t.commit();
}

void TrialRecord::enrol(const QString& studyId, const QDate& enrolled, const QString& site) {
  require(Permission::Enrol);
  if (!enrolled.isValid() || site.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "subject '" + studyId + "': enrolment needs a date and a site");
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  QSqlQuery q = db_.run("SELECT 1 FROM enrolments WHERE subject_id = ?", {subject});
  if (q.next()) {
    fail(RecordErrorKind::Conflict, "subject '" + studyId + "' is already enrolled");
  }
  q.finish();
  requireChecklistSigned(subject, studyId, enrolled);
  AuditedWriter writer(db_, actor().userName);
  writer.insert("enrolments",
                {{"subject_id", subject},
                 {"enrolled_date", dateText(enrolled)},
                 {"site", site},
                 {"recorded_utc", detail::nowUtc()},
                 {"recorded_by", actor().id}},
                "enrolment");
  t.commit();
}

// The first injection is given only to a subject an investigator has confirmed eligible (the
// latest, signed, eligibility decision; a later "not eligible" correction closes it again).
void TrialRecord::requireEligible(qint64 subject, const QString& studyId) {
  QSqlQuery q = db_.run(
      "SELECT eligible FROM eligibility_confirmations WHERE subject_id = ? ORDER BY id DESC "
      "LIMIT 1",
      {subject});
  if (!q.next() || q.value(0).toInt() == 0) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection 1 needs a signed eligibility confirmation "
                 "('eligible') by an investigator")
             .arg(studyId));
  }
}

// Injections 4 and 5 need the investigator's signed approval (clinical-rules.md 8), and
// injection 4 cannot predate it: a dose given before the decision was not given on it.
void TrialRecord::requireExtraDoseApproval(qint64 subject, const QString& studyId, int number,
                                           const QDate& given) {
  QSqlQuery d = db_.run(
      "SELECT d.approved, s.signed_utc FROM extra_dose_decisions d JOIN signatures s ON "
      "s.table_name = 'extra_dose_decisions' AND s.record_id = d.id WHERE d.subject_id = ? "
      "ORDER BY d.id DESC LIMIT 1",
      {subject});
  if (!d.next() || d.value(0).toInt() == 0) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 needs a signed extra-dose approval by an "
                 "investigator")
             .arg(studyId)
             .arg(number));
  }
  const QDate signedOn =
      QDateTime::fromString(d.value(1).toString(), Qt::ISODateWithMs).toUTC().date();
  if (number == 4 && given < signedOn) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': injection 4 on %2 is dated before the extra-dose approval was "
                 "signed (%3)")
             .arg(studyId, dateText(given), dateText(signedOn)));
  }
}

// A count far from the weight-based dose is a typo or a wrong weight, not a clinical choice the
// record can take on trust: beyond the tolerance (a named setting, 10 %) it is refused (there is
// no override).
void TrialRecord::requireCellsNearDose(const QString& studyId, int number, const QDate& given,
                                       double weightKg, std::int64_t doseCells,
                                       std::int64_t cellsGiven) {
  if (!scoring::doseWithinTolerance(doseCells, cellsGiven, protocol_.schedule)) {
    const double deviation = scoring::doseDeviationPercent(doseCells, cellsGiven);
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': injection %2 on %3: %4 cells given differ by %5 % from the "
                 "computed dose of %6 cells (5 x 10^6/kg at %7 kg); more than %8 % is refused, "
                 "check the count and that day's weight")
             .arg(studyId)
             .arg(number)
             .arg(dateText(given))
             .arg(cellsGiven)
             .arg(qRound(deviation))
             .arg(doseCells)
             .arg(weightKg)
             .arg(protocol_.schedule.doseTolerancePercent));
  }
}

InjectionRecord TrialRecord::recordInjection(const QString& studyId, int number, const QDate& given,
                                             std::int64_t cellsGiven) {
  require(Permission::RecordInjection);
  if (number < 1 || number > 5 || !given.isValid() || cellsGiven <= 0) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': an injection needs a number 1..5, a valid date and the cells "
                 "given (> 0); got number %2")
             .arg(studyId)
             .arg(number));
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  QSqlQuery e = db_.run("SELECT 1 FROM enrolments WHERE subject_id = ?", {subject});
  if (!e.next()) {
    fail(RecordErrorKind::Conflict, "subject '" + studyId + "' is not enrolled: enrol first");
  }
  QSqlQuery dup =
      db_.run("SELECT 1 FROM injections WHERE subject_id = ? AND number = ?", {subject, number});
  if (dup.next()) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1' already has injection %2").arg(studyId).arg(number));
  }
  if (number > 1) {
    // Injections are given in order; their numbers count them.
    QSqlQuery previous =
        db_.run("SELECT given_date FROM injections WHERE subject_id = ? AND number = ?",
                {subject, number - 1});
    if (!previous.next()) {
      fail(RecordErrorKind::Conflict, QString("subject '%1': injection %2 needs injection %3 first")
                                          .arg(studyId)
                                          .arg(number)
                                          .arg(number - 1));
    }
    if (detail::dateFrom(previous.value(0)).value_or(QDate()) >= given) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': injection %2 on %3 is not after injection %4 (%5)")
               .arg(studyId)
               .arg(number)
               .arg(dateText(given))
               .arg(number - 1)
               .arg(previous.value(0).toString()));
    }
  }
  if (number == 1) {
    requireEligible(subject, studyId);
  }
  if (number > 3) {
    requireExtraDoseApproval(subject, studyId, number, given);
  }
  requireChecklistStillEligible(subject, studyId, number);
  // Each injection follows a chemotherapy course (clinical-rules.md 8.1): not before its window.
  const std::optional<CourseRecord> course = currentCourse(subject, number);
  if (!course) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 follows chemotherapy course %2; record the end of "
                 "course %2 first")
             .arg(studyId)
             .arg(number));
  }
  const scoring::InjectionTiming timing = scoring::injectionTiming(
      detail::toChronoDate(course->endDate), detail::toChronoDate(given), protocol_.schedule);
  const QDate due = course->endDate.addDays(protocol_.schedule.daysAfterCourse);
  if (timing == scoring::InjectionTiming::Early) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 on %3 is early: it is due on %4, %5 days after "
                 "course %2 ended (%6), and its window opens on %7")
             .arg(studyId)
             .arg(number)
             .arg(dateText(given), dateText(due))
             .arg(protocol_.schedule.daysAfterCourse)
             .arg(dateText(course->endDate),
                  dateText(due.addDays(-protocol_.schedule.windowDaysBeforeDue))));
  }
  QSqlQuery w =
      db_.run("SELECT weight_kg FROM body_measurements WHERE subject_id = ? AND measured_date = ?",
              {subject, dateText(given)});
  if (!w.next()) {
    fail(RecordErrorKind::Conflict, "subject '" + studyId + "': no weight measured on " +
                                        dateText(given) +
                                        "; record the pre-infusion weight of that day first");
  }
  const double weightKg = w.value(0).toDouble();
  const scoring::DoseResult dose = scoring::nkCellDose(weightKg);
  requireCellsNearDose(studyId, number, given, weightKg, dose.cellsPerInjection, cellsGiven);
  const InjectionProduct product =
      requireReleasedProduct(subject, studyId, number, given, cellsGiven);
  const int daysFromDue = static_cast<int>(due.daysTo(given));
  AuditedWriter writer(db_, actor().userName);
  writer.insert("injections",
                {{"subject_id", subject},
                 {"number", number},
                 {"given_date", dateText(given)},
                 {"weight_kg", weightKg},
                 {"dose_cells", static_cast<qlonglong>(dose.cellsPerInjection)},
                 {"cells_given", static_cast<qlonglong>(cellsGiven)},
                 {"recorded_utc", detail::nowUtc()},
                 {"recorded_by", actor().id},
                 {"lot_id", product.lotId},
                 {"thaw_check_id", product.thawCheckId},
                 {"timing", QString::fromUtf8(scoring::injectionTimingCode(timing).data())},
                 {"days_from_due", daysFromDue}},
                QString("injection %1").arg(number));
  t.commit();
  InjectionRecord out{number, given, weightKg, dose.cellsPerInjection, cellsGiven, {}, {}, {}};
  out.timing = QString::fromUtf8(scoring::injectionTimingCode(timing).data());
  out.daysFromDue = daysFromDue;
  return out;
}

qint64 TrialRecord::addTimepoint(const QString& studyId, const QString& label, const QString& kind,
                                 const QDate& scanDate, const QStringList& studyInstanceUids) {
  require(Permission::CreateTimepoint);
  if (label.trimmed().isEmpty() || (kind != "baseline" && kind != "follow-up") ||
      !scanDate.isValid()) {
    fail(RecordErrorKind::BadInput,
         "subject '" + studyId + "', timepoint '" + label +
             "': needs a label, kind baseline or follow-up, and a valid scan date");
  }
  static const QRegularExpression uidPattern("^[0-9]+(\\.[0-9]+)*$");
  for (const QString& uid : studyInstanceUids) {
    if (uid.size() > 64 || !uidPattern.match(uid).hasMatch()) {
      fail(RecordErrorKind::BadInput,
           "timepoint '" + label + "': '" + uid + "' is not a DICOM Study Instance UID");
    }
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  QSqlQuery q =
      db_.run("SELECT 1 FROM timepoints WHERE subject_id = ? AND label = ?", {subject, label});
  if (q.next()) {
    fail(RecordErrorKind::Conflict,
         "subject '" + studyId + "' already has a timepoint '" + label + "'");
  }
  if (kind == "baseline") {
    QSqlQuery b = db_.run("SELECT label FROM timepoints WHERE subject_id = ? AND kind = 'baseline'",
                          {subject});
    if (b.next()) {
      fail(RecordErrorKind::Conflict,
           "subject '" + studyId + "' already has a baseline ('" + b.value(0).toString() + "')");
    }
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert("timepoints",
                                  {{"subject_id", subject},
                                   {"label", label},
                                   {"kind", kind},
                                   {"scan_date", dateText(scanDate)},
                                   {"created_utc", detail::nowUtc()},
                                   {"created_by", actor().id}},
                                  "new timepoint");
  for (const QString& uid : studyInstanceUids) {
    writer.insert("timepoint_studies", {{"timepoint_id", id}, {"study_instance_uid", uid}},
                  "imaging study of timepoint '" + label + "'");
  }
  t.commit();
  return id;
}

QStringList TrialRecord::subjectIds() {
  require(Permission::ViewSubjects);
  QStringList out;
  QSqlQuery q = db_.run("SELECT study_id FROM subjects ORDER BY study_id");
  while (q.next()) {
    out << q.value(0).toString();
  }
  return out;
}

SubjectRecord TrialRecord::subject(const QString& studyId) {
  require(Permission::ViewSubjects);
  const qint64 id = subjectId(studyId);
  SubjectRecord s;
  s.id = id;
  QSqlQuery q = db_.run(
      "SELECT s.study_id, s.sex, s.birth_date, s.age_years, e.enrolled_date, e.site FROM subjects "
      "s LEFT JOIN enrolments e ON e.subject_id = s.id WHERE s.id = ?",
      {id});
  q.next();
  s.studyId = q.value(0).toString();
  s.sex = q.value(1).toString();
  s.birthDate = detail::dateFrom(q.value(2));
  s.ageYears = detail::optionalDouble(q.value(3));
  s.enrolledDate = detail::dateFrom(q.value(4));
  s.site = q.value(5).toString();
  QSqlQuery m = db_.run(
      "SELECT measured_date, weight_kg, height_cm FROM body_measurements WHERE subject_id = ? "
      "ORDER BY measured_date",
      {id});
  while (m.next()) {
    s.measurements.push_back({detail::dateFrom(m.value(0)).value_or(QDate()), m.value(1).toDouble(),
                              detail::optionalDouble(m.value(2))});
  }
  QSqlQuery i = db_.run(
      "SELECT i.number, i.given_date, i.weight_kg, i.dose_cells, i.cells_given, l.lot_code, "
      "i.timing, i.days_from_due FROM injections i LEFT JOIN product_lots l ON l.id = i.lot_id "
      "WHERE i.subject_id = ? ORDER BY i.number",
      {id});
  while (i.next()) {
    s.injections.push_back({i.value(0).toInt(), detail::dateFrom(i.value(1)).value_or(QDate()),
                            i.value(2).toDouble(), i.value(3).toLongLong(), i.value(4).toLongLong(),
                            i.value(5).toString(), i.value(6).toString(),
                            detail::optionalInt(i.value(7))});
  }
  QSqlQuery tp =
      db_.run("SELECT label FROM timepoints WHERE subject_id = ? ORDER BY scan_date, id", {id});
  QStringList labels;
  while (tp.next()) {
    labels << tp.value(0).toString();
  }
  for (const QString& label : labels) {
    s.timepoints.push_back(timepoint(id, studyId, label));
  }
  // Decisions rest on the outcome of the reads: a reader sees them only with no read of theirs
  // still to sign on this subject (a decision would tell them the response others saw).
  // Under double reading a reader sees no decision at all: it rests on reads of record that may be
  // the other reader's, and would tell them what the other read.
  const bool readsPending =
      actorIsBlinded() &&
      (readingDesign().design == kDoubleRead ||
       std::any_of(s.timepoints.begin(), s.timepoints.end(),
                   [&](const TimepointRecord& t) { return !actorHasSignedReadOf(t.id); }));
  // The adjudicator judges the images, blind to the site and to every decision.
  if (actorIsAdjudicator()) {
    s.site.clear();
  }
  if (!readsPending && !actorIsAdjudicator()) {
    s.eligibility = decisions("eligibility_confirmations", id);
    s.extraDoseDecisions = decisions("extra_dose_decisions", id);
  }
  return s;
}

// A reader scores images blind to what others made of them: another reader's read, the
// investigator's assessment and decisions would tell them the response others saw (Role.cpp keeps
// reports from readers for the same reason). Each is shown once the reader has signed their own
// read, when it can no longer sway that reading (a later correction is a new version with its
// reason, in the audit trail).
bool TrialRecord::actorIsBlinded() const {
  return actor().role == Role::Reader;
}

bool TrialRecord::actorHasSignedReadOf(qint64 timepointId) {
  QSqlQuery own =
      db_.run("SELECT 1 FROM reads WHERE timepoint_id = ? AND reader_id = ? AND status = 'signed'",
              {timepointId, actor().id});
  return own.next();
}

std::vector<ReadRecord> TrialRecord::withoutBlindedReads(std::vector<ReadRecord> reads,
                                                         qint64 timepointId) {
  // Under double reading the two readers stay independent for good: neither ever sees the other's
  // read (a correction made to agree would end it); under single reading, after signing.
  if (!actorIsBlinded() ||
      (readingDesign().design != kDoubleRead && actorHasSignedReadOf(timepointId))) {
    return reads;
  }
  std::erase_if(reads, [&](const ReadRecord& r) { return r.readerUserName != actor().userName; });
  return reads;
}

}  // namespace nbra::records
