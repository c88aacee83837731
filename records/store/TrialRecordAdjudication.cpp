// The adjudicator's choice and what rests on it (docs/adjudication.md): a discordant timepoint's
// read of record is the one the adjudicator chose, signed; assessments under double reading
// are built on reads of record only; the adjudicator sees the two reads as A and B, never their
// readers' names, the arm, the site or the decisions.
#include <QSqlQuery>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::fail;

bool TrialRecord::actorIsAdjudicator() const {
  return actor().role == Role::Adjudicator;
}

qint64 TrialRecord::adjudicate(const QString& studyId, const QString& label, qint64 chosenReadId,
                               const QString& reason, const QString& password) {
  require(Permission::Adjudicate);
  const QString where = QString("subject '%1', timepoint '%2'").arg(studyId, label);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, where + ": an adjudication needs a reason");
  }
  checkPassword(password, "adjudicating " + where);
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  if (readingDesign().design != kDoubleRead) {
    fail(RecordErrorKind::Refused,
         where +
             ": the trial reads each timepoint once (single reading); there is nothing to "
             "adjudicate");
  }
  QSqlQuery r = db_.run(
      "SELECT t.id, t.label, s.study_id FROM reads r JOIN timepoints t ON t.id = r.timepoint_id "
      "JOIN subjects s ON s.id = t.subject_id WHERE r.id = ?",
      {chosenReadId});
  if (!r.next()) {
    fail(RecordErrorKind::NotFound,
         QString("%1: there is no read %2").arg(where).arg(chosenReadId));
  }
  if (r.value(0).toLongLong() != tp.id) {
    fail(RecordErrorKind::Refused,
         QString("%1: read %2 is a read of subject '%3', timepoint '%4'; the adjudicator chooses "
                 "between the two reads of the timepoint adjudicated")
             .arg(where)
             .arg(chosenReadId)
             .arg(r.value(2).toString(), r.value(1).toString()));
  }
  r.finish();
  for (const ReadAssignmentRecord& a : currentAssignments(tp.id)) {
    if (a.duty == kAdjudicatorDuty && a.userName != actor().userName) {
      fail(RecordErrorKind::Refused,
           QString("refused: %1 is assigned to another adjudicator; user '%2' is not its "
                   "adjudicator")
               .arg(where, actor().userName));
    }
    if (a.duty != kAdjudicatorDuty && a.fullName == actor().fullName) {
      fail(RecordErrorKind::Refused,
           QString("refused: %1 was read by %2 under another account; nobody adjudicates their "
                   "own read")
               .arg(where, actor().fullName));
    }
  }
  const ReadingStatus s = statusOf(tp.id);
  if (s.state == "adjudicated") {
    fail(RecordErrorKind::Conflict,
         QString("%1 is already adjudicated (adjudication %2 by %3): a timepoint is adjudicated "
                 "once on the same reads; a correction of either read reopens it")
             .arg(where)
             .arg(s.adjudication->id)
             .arg(s.adjudication->adjudicatorName));
  }
  if (s.state != "awaiting-adjudication") {
    fail(RecordErrorKind::Conflict,
         QString("%1 is not awaiting adjudication (%2)").arg(where, s.text));
  }
  if (chosenReadId != *s.readAId && chosenReadId != *s.readBId) {
    fail(RecordErrorKind::Refused,
         QString("%1: read %2 is not one of the two reads compared (read A %3, read B %4); an "
                 "older version of a read is never the read of record")
             .arg(where)
             .arg(chosenReadId)
             .arg(*s.readAId)
             .arg(*s.readBId));
  }
  AuditedWriter writer(db_, actor().userName);
  qint64 id = 0;
  try {
    id = writer.insert("adjudications",
                       {{"timepoint_id", tp.id},
                        {"comparison_id", s.comparison->id},
                        {"chosen_read_id", chosenReadId},
                        {"reason", reason.trimmed()},
                        {"created_utc", detail::nowUtc()},
                        {"created_by", actor().id}},
                       QString("read %1 chosen: %2").arg(chosenReadId).arg(reason.trimmed()));
  } catch (const RecordError& e) {
    if (e.kind() != RecordErrorKind::Conflict) {
      throw;
    }
    // Schema 11's one adjudication per comparison: another session adjudicated at the same time.
    fail(RecordErrorKind::Conflict,
         where + ": adjudicated at the same moment by another session; nothing was saved");
  }
  writeSignature(writer, "adjudications", id, kAdjudicationMeaning);
  t.commit();
  return id;
}

void TrialRecord::requireReadsOfRecord(const QString& studyId, const std::vector<qint64>& readIds) {
  if (readingDesign().design != kDoubleRead) {
    return;
  }
  if (readIds.empty()) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': under double reading an assessment rests on the reads of record "
                 "of its timepoints, and this one names none")
             .arg(studyId));
  }
  for (qint64 id : readIds) {
    QSqlQuery q = db_.run(
        "SELECT t.id, t.label FROM reads r JOIN timepoints t ON t.id = r.timepoint_id WHERE "
        "r.id = ?",
        {id});
    if (!q.next()) {
      continue;  // recordAssessment names the missing read
    }
    const qint64 tp = q.value(0).toLongLong();
    const QString label = q.value(1).toString();
    q.finish();
    const ReadingStatus s = statusOf(tp);
    if (s.readOfRecordId != id) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1', timepoint '%2': %3; read %4 is not its read of record, and "
                   "nothing is assessed or decided on it")
               .arg(studyId, label, s.text)
               .arg(id));
    }
  }
}

std::vector<ReadRecord> TrialRecord::anonymisedForAdjudicator(std::vector<ReadRecord> reads,
                                                              qint64 timepointId) {
  if (!actorIsAdjudicator()) {
    return reads;
  }
  QMap<QString, QString> letter;
  for (const ReadAssignmentRecord& a : currentAssignments(timepointId)) {
    if (a.duty == kReader1) {
      letter[a.userName] = "A";
    } else if (a.duty == kReader2) {
      letter[a.userName] = "B";
    }
  }
  for (ReadRecord& r : reads) {
    const QString l = letter.value(r.readerUserName, "?");
    r.readerUserName = "read-" + l;
    r.readerName = "Reader " + l;
    if (r.signature) {
      r.signature->signerName = r.readerName;
      r.signature->signerUserName = r.readerUserName;
    }
  }
  return reads;
}

}  // namespace nbra::records
