// Reads: one per reader per timepoint, draft until signed, corrected by new versions.
#include <QSqlQuery>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::fail;

namespace {

QVariant coordinate(const std::optional<std::array<double, 3>>& point, std::size_t axis) {
  return point ? QVariant((*point)[axis]) : QVariant();
}

std::optional<std::array<double, 3>> pointFrom(const QSqlQuery& q, int first) {
  if (q.value(first).isNull()) {
    return std::nullopt;
  }
  return std::array<double, 3>{q.value(first).toDouble(), q.value(first + 1).toDouble(),
                               q.value(first + 2).toDouble()};
}

void validate(const QString& where, const ReadContent& c) {
  for (const LesionMeasurement& l : c.lesions) {
    if (l.trackingId.isEmpty() || !(l.longAxisMm >= 0) || (l.shortAxisMm && *l.shortAxisMm < 0) ||
        (l.role != "target" && l.role != "non-target") || (l.frame && *l.frame < 1)) {
      fail(RecordErrorKind::BadInput,
           where + ", lesion '" + l.trackingId +
               "': needs a tracking id, axes >= 0 mm, role target or non-target, frame >= 1");
    }
  }
  for (const MibgSegmentEntry& m : c.mibg) {
    const int count = m.scale == "curie" ? 10 : m.scale == "siopen" ? 12 : 0;
    if (m.segment < 0 || m.segment >= count) {
      fail(RecordErrorKind::BadInput,
           QString("%1: MIBG %2 segment %3 does not exist").arg(where, m.scale).arg(m.segment));
    }
  }
  for (const MarrowResult& r : c.marrow) {
    if ((r.kind != "aspirate" && r.kind != "biopsy") || r.infiltrationPercent < 0 ||
        r.infiltrationPercent > 100) {
      fail(RecordErrorKind::BadInput,
           where + ": a marrow result needs kind aspirate or biopsy and 0..100 %");
    }
  }
}

// NULL for a read without workstation marks, so the audit trail says "none", not "".
QVariant marksValue(const ReadContent& c) {
  return c.marksJson.isEmpty() ? QVariant() : QVariant(c.marksJson);
}

}  // namespace

void TrialRecord::writeReadContent(AuditedWriter& writer, qint64 readId, const ReadContent& c) {
  for (const LesionMeasurement& l : c.lesions) {
    writer.insert("lesion_measurements",
                  {{"read_id", readId},
                   {"tracking_id", l.trackingId},
                   {"organ", l.organ},
                   {"is_primary", int(l.isPrimary)},
                   {"is_lymph_node", int(l.isLymphNode)},
                   {"role", l.role},
                   {"long_axis_mm", l.longAxisMm},
                   {"short_axis_mm", detail::orNull(l.shortAxisMm)},
                   {"slice_thickness_mm", l.sliceThicknessMm},
                   {"mibg_avid", int(l.mibgAvid)},
                   {"fdg_avid", int(l.fdgAvid)},
                   {"is_new", int(l.isNew)},
                   {"not_evaluable", int(l.notEvaluable)},
                   {"biopsy_proven", int(l.biopsyProven)},
                   {"sop_instance_uid", l.sopInstanceUid.isEmpty() ? QVariant() : l.sopInstanceUid},
                   {"frame", detail::orNull(l.frame)},
                   {"start_x_mm", coordinate(l.startMm, 0)},
                   {"start_y_mm", coordinate(l.startMm, 1)},
                   {"start_z_mm", coordinate(l.startMm, 2)},
                   {"end_x_mm", coordinate(l.endMm, 0)},
                   {"end_y_mm", coordinate(l.endMm, 1)},
                   {"end_z_mm", coordinate(l.endMm, 2)},
                   {"short_start_x_mm", coordinate(l.shortStartMm, 0)},
                   {"short_start_y_mm", coordinate(l.shortStartMm, 1)},
                   {"short_start_z_mm", coordinate(l.shortStartMm, 2)},
                   {"short_end_x_mm", coordinate(l.shortEndMm, 0)},
                   {"short_end_y_mm", coordinate(l.shortEndMm, 1)},
                   {"short_end_z_mm", coordinate(l.shortEndMm, 2)}},
                  "lesion measurement");
  }
  for (const MibgSegmentEntry& m : c.mibg) {
    writer.insert("mibg_segments",
                  {{"read_id", readId},
                   {"scale", m.scale},
                   {"segment", m.segment},
                   {"score", detail::orNull(m.score)},
                   {"marks", detail::orNull(m.marks)},
                   {"diffuse", int(m.diffuse)},
                   {"primary_marks", m.primaryMarks}},
                  "MIBG segment");
  }
  if (c.pet) {
    writer.insert("pet_findings",
                  {{"read_id", readId},
                   {"avid_bone_lesions", c.pet->avidBoneLesions},
                   {"new_avid_bone_lesions", c.pet->newAvidBoneLesions},
                   {"new_lesions_confirmed", int(c.pet->newLesionsConfirmed)}},
                  "FDG-PET finding");
  }
  int sample = 0;
  for (const MarrowResult& r : c.marrow) {
    writer.insert("marrow_results",
                  {{"read_id", readId},
                   {"sample_number", ++sample},
                   {"kind", r.kind},
                   {"infiltration_percent", r.infiltrationPercent},
                   {"pathology_confirmed", int(r.pathologyConfirmed)}},
                  "bone marrow result");
  }
}

void TrialRecord::clearReadContent(AuditedWriter& writer, qint64 readId) {
  for (const char* table :
       {"lesion_measurements", "mibg_segments", "pet_findings", "marrow_results"}) {
    QSqlQuery q = db_.run(QString("SELECT id FROM %1 WHERE read_id = ?").arg(table), {readId});
    std::vector<qint64> ids;
    while (q.next()) {
      ids.push_back(q.value(0).toLongLong());
    }
    for (qint64 id : ids) {
      writer.remove(table, id, "draft read replaced");
    }
  }
}

qint64 TrialRecord::saveRead(const QString& studyId, const QString& label,
                             const ReadContent& content) {
  require(Permission::SaveRead);
  validate("subject '" + studyId + "', timepoint '" + label + "'", content);
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  requireAssignedReader(tp.id, studyId, label);
  AuditedWriter writer(db_, actor().userName);
  QSqlQuery q = db_.run(
      "SELECT id, status, version FROM reads WHERE timepoint_id = ? AND reader_id = ? ORDER BY "
      "version DESC LIMIT 1",
      {tp.id, actor().id});
  qint64 readId = 0;
  if (q.next()) {
    if (q.value(1).toString() == "signed") {
      fail(RecordErrorKind::Refused,
           "subject '" + studyId + "', timepoint '" + label + "': the read of '" +
               actor().userName + "' is signed and cannot change; make a correction instead");
    }
    readId = q.value(0).toLongLong();
    q.finish();
    clearReadContent(writer, readId);
    writer.update("reads", readId,
                  {{"ct_done", int(content.ctDone)},
                   {"mibg_new_bone_sites", detail::orNull(content.mibgNewBoneSites)},
                   {"source_json", QStringLiteral("")},  // schema 8: the rows are the read
                   {"marks_json", marksValue(content)},
                   {"updated_utc", detail::nowUtc()}},
                  "draft read saved again");
  } else {
    readId = writer.insert("reads",
                           {{"timepoint_id", tp.id},
                            {"reader_id", actor().id},
                            {"version", 1},
                            {"supersedes_id", QVariant()},
                            {"correction_reason", QVariant()},
                            {"status", "draft"},
                            {"ct_done", int(content.ctDone)},
                            {"mibg_new_bone_sites", detail::orNull(content.mibgNewBoneSites)},
                            {"source_json", QStringLiteral("")},  // schema 8: the rows are the read
                            {"marks_json", marksValue(content)},
                            {"created_utc", detail::nowUtc()},
                            {"updated_utc", detail::nowUtc()}},
                           "new read");
  }
  writeReadContent(writer, readId, content);
  t.commit();
  return readId;
}

void TrialRecord::signRead(const QString& studyId, const QString& label, const QString& password,
                           const QString& meaning) {
  require(Permission::SaveRead);
  // A read signature has one meaning. Free text here would let a reader's signature claim a
  // decision ("extra doses approved") that only an investigator may sign.
  if (meaning != kReadSignatureMeaning) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1', timepoint '%2': a read is signed with the meaning '%3', not "
                 "'%4' (eligibility and extra-dose decisions are signed by their own commands)")
             .arg(studyId, label, kReadSignatureMeaning, meaning));
  }
  checkPassword(password, "signing the read of '" + studyId + "', timepoint '" + label + "'");
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  requireAssignedReader(tp.id, studyId, label);
  QSqlQuery q = db_.run(
      "SELECT id, status FROM reads WHERE timepoint_id = ? AND reader_id = ? ORDER BY version "
      "DESC LIMIT 1",
      {tp.id, actor().id});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "subject '" + studyId + "', timepoint '" + label + "': user '" +
                                        actor().userName + "' has no read to sign");
  }
  if (q.value(1).toString() == "signed") {
    fail(RecordErrorKind::Conflict, "subject '" + studyId + "', timepoint '" + label +
                                        "': the read of '" + actor().userName +
                                        "' is already signed");
  }
  const qint64 readId = q.value(0).toLongLong();
  q.finish();
  AuditedWriter writer(db_, actor().userName);
  writer.update("reads", readId, {{"status", "signed"}, {"updated_utc", detail::nowUtc()}},
                "signed: " + meaning);
  writeSignature(writer, "reads", readId, meaning);
  t.commit();
}

qint64 TrialRecord::correctRead(const QString& studyId, const QString& label,
                                const ReadContent& content, const QString& reason) {
  require(Permission::SaveRead);
  validate("subject '" + studyId + "', timepoint '" + label + "'", content);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "a correction of a signed read needs a reason");
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  requireAssignedReader(tp.id, studyId, label);
  QSqlQuery q = db_.run(
      "SELECT id, status, version FROM reads WHERE timepoint_id = ? AND reader_id = ? ORDER BY "
      "version DESC LIMIT 1",
      {tp.id, actor().id});
  if (!q.next() || q.value(1).toString() != "signed") {
    fail(RecordErrorKind::Conflict, "subject '" + studyId + "', timepoint '" + label +
                                        "': only a signed read is corrected; a draft is simply "
                                        "saved again");
  }
  const qint64 oldId = q.value(0).toLongLong();
  const int version = q.value(2).toInt() + 1;
  q.finish();
  AuditedWriter writer(db_, actor().userName);
  const qint64 readId =
      writer.insert("reads",
                    {{"timepoint_id", tp.id},
                     {"reader_id", actor().id},
                     {"version", version},
                     {"supersedes_id", oldId},
                     {"correction_reason", reason},
                     {"status", "draft"},
                     {"ct_done", int(content.ctDone)},
                     {"mibg_new_bone_sites", detail::orNull(content.mibgNewBoneSites)},
                     {"source_json", QStringLiteral("")},  // schema 8: the rows are the read
                     {"marks_json", marksValue(content)},
                     {"created_utc", detail::nowUtc()},
                     {"updated_utc", detail::nowUtc()}},
                    "correction: " + reason);
  writeReadContent(writer, readId, content);
  t.commit();
  return readId;
}

ReadContent TrialRecord::readContent(qint64 readId, const QString& sourceJson, bool ctDone,
                                     std::optional<int> newBoneSites) {
  return detail::loadReadContent(db_, readId, sourceJson, ctDone, newBoneSites);
}

ReadContent detail::loadReadContent(RecordDatabase& db_, qint64 readId, const QString& sourceJson,
                                    bool ctDone, std::optional<int> newBoneSites) {
  ReadContent c;
  c.legacyCaseJson = sourceJson;
  c.ctDone = ctDone;
  c.mibgNewBoneSites = newBoneSites;
  QSqlQuery l = db_.run(
      "SELECT tracking_id, organ, is_primary, is_lymph_node, role, long_axis_mm, short_axis_mm, "
      "slice_thickness_mm, mibg_avid, fdg_avid, is_new, sop_instance_uid, frame, start_x_mm, "
      "start_y_mm, start_z_mm, end_x_mm, end_y_mm, end_z_mm, short_start_x_mm, short_start_y_mm, "
      "short_start_z_mm, short_end_x_mm, short_end_y_mm, short_end_z_mm, not_evaluable, "
      "biopsy_proven FROM "
      "lesion_measurements WHERE read_id = ? ORDER BY id",
      {readId});
  while (l.next()) {
    LesionMeasurement m;
    m.trackingId = l.value(0).toString();
    m.organ = l.value(1).toString();
    m.isPrimary = l.value(2).toInt() != 0;
    m.isLymphNode = l.value(3).toInt() != 0;
    m.role = l.value(4).toString();
    m.longAxisMm = l.value(5).toDouble();
    m.shortAxisMm = detail::optionalDouble(l.value(6));
    m.sliceThicknessMm = l.value(7).toDouble();
    m.mibgAvid = l.value(8).toInt() != 0;
    m.fdgAvid = l.value(9).toInt() != 0;
    m.isNew = l.value(10).toInt() != 0;
    m.sopInstanceUid = l.value(11).toString();
    m.frame = detail::optionalInt(l.value(12));
    m.startMm = pointFrom(l, 13);
    m.endMm = pointFrom(l, 16);
    m.shortStartMm = pointFrom(l, 19);
    m.shortEndMm = pointFrom(l, 22);
    m.notEvaluable = l.value(25).toInt() != 0;  // NULL before schema 8: not flagged then
    m.biopsyProven = l.value(26).toInt() != 0;
    c.lesions.push_back(m);
  }
  QSqlQuery s = db_.run(
      "SELECT scale, segment, score, marks, diffuse, primary_marks FROM mibg_segments WHERE "
      "read_id = ? ORDER BY scale, segment",
      {readId});
  while (s.next()) {
    c.mibg.push_back({s.value(0).toString(), s.value(1).toInt(), detail::optionalInt(s.value(2)),
                      detail::optionalInt(s.value(3)), s.value(4).toInt() != 0,
                      s.value(5).toInt()});
  }
  QSqlQuery p = db_.run(
      "SELECT avid_bone_lesions, new_avid_bone_lesions, new_lesions_confirmed FROM pet_findings "
      "WHERE read_id = ?",
      {readId});
  if (p.next()) {
    c.pet = PetFinding{p.value(0).toInt(), p.value(1).toInt(), p.value(2).toInt() != 0};
  }
  QSqlQuery m = db_.run(
      "SELECT kind, infiltration_percent, pathology_confirmed FROM marrow_results WHERE read_id = "
      "? ORDER BY sample_number",
      {readId});
  while (m.next()) {
    c.marrow.push_back({m.value(0).toString(), m.value(1).toDouble(), m.value(2).toInt() != 0});
  }
  return c;
}

std::vector<ReadRecord> TrialRecord::reads(const QString& studyId, const QString& label) {
  require(Permission::ViewSubjects);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  // Per reader: the latest signed version, plus the actor's own latest draft. Another reader's
  // draft is filtered here, in the query, so it never even reaches this process's memory.
  QSqlQuery q = db_.run(
      "SELECT r.id, u.user_name, u.full_name, r.version, r.supersedes_id, r.correction_reason, "
      "r.status, r.updated_utc, r.source_json, r.ct_done, r.mibg_new_bone_sites, r.reader_id, "
      "r.marks_json "
      "FROM reads r JOIN users u ON u.id = r.reader_id WHERE r.timepoint_id = ? AND "
      "(r.status = 'signed' OR r.reader_id = ?) ORDER BY u.user_name, r.version DESC",
      {tp.id, actor().id});
  std::vector<ReadRecord> out;
  struct Row {
    ReadRecord read;
    bool signedRow;
    QString sourceJson;
    bool ctDone;
    std::optional<int> newBone;
    QString marksJson;
  };
  std::vector<Row> rows;
  while (q.next()) {
    ReadRecord r;
    r.id = q.value(0).toLongLong();
    r.timepointLabel = label;
    r.readerUserName = q.value(1).toString();
    r.readerName = q.value(2).toString();
    r.version = q.value(3).toInt();
    if (!q.value(4).isNull()) {
      r.supersedesId = q.value(4).toLongLong();
    }
    r.correctionReason = q.value(5).toString();
    r.status = q.value(6).toString();
    r.updatedUtc = q.value(7).toString();
    rows.push_back({r, r.status == "signed", q.value(8).toString(), q.value(9).toInt() != 0,
                    detail::optionalInt(q.value(10)), q.value(12).toString()});
  }
  QString seenOwnDraftOf;
  QStringList signedSeen;
  for (Row& row : rows) {
    const QString& reader = row.read.readerUserName;
    if (row.signedRow) {
      if (signedSeen.contains(reader)) {
        continue;  // an older signed version, superseded
      }
      signedSeen << reader;
    } else {
      if (seenOwnDraftOf == reader || signedSeen.contains(reader)) {
        continue;  // only the newest draft, and only when newer than the signed version
      }
      seenOwnDraftOf = reader;
    }
    row.read.content = readContent(row.read.id, row.sourceJson, row.ctDone, row.newBone);
    row.read.content.marksJson = row.marksJson;
    row.read.signature = signatureOf("reads", row.read.id);
    out.push_back(row.read);
  }
  return anonymisedForAdjudicator(withoutBlindedReads(std::move(out), tp.id), tp.id);
}

}  // namespace nbra::records
