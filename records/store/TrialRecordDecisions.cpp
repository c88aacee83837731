// Assessments, eligibility confirmations and extra-dose decisions: the investigator's part.
#include <QSqlQuery>
#include <QStringList>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::fail;

namespace {

// The yes/no column of a decision table.
QString yesColumn(const QString& table) {
  return table == "eligibility_confirmations" ? "eligible" : "approved";
}

}  // namespace

qint64 TrialRecord::recordAssessment(const QString& studyId, const QString& label,
                                     const AssessmentInput& a) {
  require(Permission::RecordAssessment);
  if (a.ruleSetVersion.isEmpty() || a.outputJson.isEmpty()) {
    fail(RecordErrorKind::BadInput, "subject '" + studyId + "', timepoint '" + label +
                                        "': an assessment needs its rule-set version and output");
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  QStringList readIds;
  for (qint64 id : a.readIds) {
    // Only signed reads may feed a decision: a draft can still change under it.
    QSqlQuery r = db_.run(
        "SELECT r.status FROM reads r JOIN timepoints t ON t.id = r.timepoint_id WHERE r.id = ? "
        "AND t.subject_id = ?",
        {id, subject});
    if (!r.next()) {
      fail(RecordErrorKind::NotFound, QString("subject '%1' has no read %2").arg(studyId).arg(id));
    }
    if (r.value(0).toString() != "signed") {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': read %2 is not signed; only signed reads are assessed")
               .arg(studyId)
               .arg(id));
    }
    readIds << QString::number(id);
  }
  requireReadsOfRecord(studyId, a.readIds);
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert(
      "assessments",
      {{"subject_id", subject},
       {"timepoint_id", tp.id},
       {"rule_set_version", a.ruleSetVersion},
       {"overall_response", a.overallResponse ? QVariant(*a.overallResponse) : QVariant()},
       {"eligible", int(a.eligible)},
       {"extra_doses", a.extraDoses},
       // An empty join is a null QString, which would bind as NULL: keep "" for no reads.
       {"read_ids", readIds.isEmpty() ? QStringLiteral("") : readIds.join(",")},
       {"output_json", a.outputJson},
       {"created_utc", detail::nowUtc()},
       {"created_by", actor().id}},
      "clinical rules " + a.ruleSetVersion);
  t.commit();
  return id;
}

std::vector<AssessmentRecord> TrialRecord::assessments(const QString& studyId) {
  require(Permission::ViewSubjects);
  const qint64 subject = subjectId(studyId);
  QSqlQuery q = db_.run(
      "SELECT a.id, t.label, a.rule_set_version, a.overall_response, a.eligible, a.extra_doses, "
      "a.output_json, a.created_utc, u.full_name, a.read_ids, a.timepoint_id FROM assessments a "
      "JOIN timepoints t "
      "ON t.id = "
      "a.timepoint_id JOIN users u ON u.id = a.created_by WHERE a.subject_id = ? ORDER BY a.id",
      {subject});
  std::vector<AssessmentRecord> out;
  std::vector<qint64> timepointIds;
  while (q.next()) {
    AssessmentRecord r;
    r.id = q.value(0).toLongLong();
    r.timepointLabel = q.value(1).toString();
    r.ruleSetVersion = q.value(2).toString();
    if (!q.value(3).isNull()) {
      r.overallResponse = q.value(3).toString();
    }
    r.eligible = q.value(4).toInt() != 0;
    r.extraDoses = q.value(5).toString();
    r.outputJson = q.value(6).toString();
    r.createdUtc = q.value(7).toString();
    r.createdByName = q.value(8).toString();
    r.superseded = staleNote(q.value(9).toString());
    out.push_back(r);
    timepointIds.push_back(q.value(10).toLongLong());
  }
  q.finish();
  // The adjudicator chooses between two reads on the images alone, not on what the investigator
  // made of them.
  if (actorIsAdjudicator()) {
    return {};
  }
  // Under double reading a reader sees no assessment: it is built on the reads of record, which
  // may be the other reader's.
  if (actorIsBlinded() && readingDesign().design == kDoubleRead) {
    return {};
  }
  // A reader sees the outcome of a timepoint only after signing a read of it (blinded reading).
  if (actorIsBlinded()) {
    std::vector<AssessmentRecord> shown;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (actorHasSignedReadOf(timepointIds[i])) {
        shown.push_back(out[i]);
      }
    }
    return shown;
  }
  return out;
}

qint64 TrialRecord::writeDecision(const QString& table, Permission permission,
                                  const QString& studyId, bool yes, const QString& reason,
                                  const QString& password, const QString& meaning,
                                  std::optional<qint64> assessmentId,
                                  std::optional<qint64> supersedes) {
  require(permission);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "subject '" + studyId + "': a decision needs a reason");
  }
  checkPassword(password, meaning + " for subject '" + studyId + "'");
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  if (assessmentId) {
    QSqlQuery a = db_.run("SELECT read_ids FROM assessments WHERE id = ? AND subject_id = ?",
                          {*assessmentId, subject});
    if (!a.next()) {
      fail(RecordErrorKind::NotFound,
           QString("subject '%1' has no assessment %2").arg(studyId).arg(*assessmentId));
    }
    const QString stale = staleNote(a.value(0).toString());
    a.finish();
    // A positive decision on a corrected read's outcome could dose or enrol on a wrong
    // measurement; a refusal or "not eligible" is the safe side and stays possible.
    if (yes && !stale.isEmpty()) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': assessment %2 is %3; record a new assessment from the "
                   "corrected read and decide on that")
               .arg(studyId)
               .arg(*assessmentId)
               .arg(stale));
    }
  }
  // Under double reading a positive decision rests on an assessment of the reads of record (a
  // timepoint awaiting adjudication has none yet), and that assessment still stands on them.
  if (yes && readingDesign().design == kDoubleRead) {
    if (!assessmentId) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': the trial reads every timepoint twice; a positive decision "
                   "names the assessment of the reads of record it rests on")
               .arg(studyId));
    }
    QSqlQuery a = db_.run("SELECT read_ids FROM assessments WHERE id = ?", {*assessmentId});
    a.next();
    std::vector<qint64> ids;
    for (const QString& id : a.value(0).toString().split(',', Qt::SkipEmptyParts)) {
      ids.push_back(id.toLongLong());
    }
    a.finish();
    requireReadsOfRecord(studyId, ids);
  }
  // A decision is never edited: a correction is a new signed row naming the one it replaces.
  QSqlQuery latest =
      db_.run(QString("SELECT id FROM %1 WHERE subject_id = ? ORDER BY id DESC LIMIT 1").arg(table),
              {subject});
  const std::optional<qint64> current =
      latest.next() ? std::optional<qint64>(latest.value(0).toLongLong()) : std::nullopt;
  latest.finish();
  if (current && supersedes != current) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1' already has a signed decision (%2 #%3); to change it, correct "
                 "that one (supersede %3) with a reason")
             .arg(studyId, table)
             .arg(*current));
  }
  if (!current && supersedes) {
    fail(RecordErrorKind::NotFound,
         QString("subject '%1': there is no decision %2 to correct").arg(studyId).arg(*supersedes));
  }
  AuditedWriter writer(db_, actor().userName);
  qint64 id = 0;
  try {
    id = writer.insert(table,
                       {{"subject_id", subject},
                        {yesColumn(table), int(yes)},
                        {"assessment_id", detail::orNull(assessmentId)},
                        {"reason", reason},
                        {"supersedes_id", detail::orNull(supersedes)},
                        {"created_utc", detail::nowUtc()},
                        {"created_by", actor().id}},
                       supersedes ? "correction: " + reason : reason);
  } catch (const RecordError& e) {
    // The check above reads before it inserts; on PostgreSQL another session can pass the same
    // check at the same time. Schema 7's unique indexes (one first decision per subject, one
    // correction per decision) then refuse the second insert: say so in the trial's words.
    if (e.kind() != RecordErrorKind::Conflict) {
      throw;
    }
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': another %2 was recorded at the same moment by another session; "
                 "nothing was saved. Look at the subject again and, to change that decision, "
                 "correct it with a reason (%3)")
             .arg(studyId, table, QString::fromUtf8(e.what())));
  }
  writeSignature(writer, table, id, meaning);
  t.commit();
  return id;
}

// An assessment is stale once any read it was built from has a newer version: the reader has
// corrected it, so the stored outcome may rest on a wrong measurement. Empty when current.
QString TrialRecord::staleNote(const QString& readIds) {
  QStringList notes;
  const bool doubleRead = readingDesign().design == kDoubleRead;
  for (const QString& id : readIds.split(',', Qt::SkipEmptyParts)) {
    QSqlQuery c = db_.run("SELECT id FROM reads WHERE supersedes_id = ? ORDER BY id DESC LIMIT 1",
                          {id.toLongLong()});
    if (c.next()) {
      notes
          << QString("built on read %1, corrected by read %2").arg(id).arg(c.value(0).toLongLong());
      continue;
    }
    c.finish();
    if (!doubleRead) {
      continue;
    }
    // Under double reading the read of record can change without this read being corrected: the
    // other reader's correction reopened the timepoint, or it now agrees and reader 1's read is
    // the read of record.
    QSqlQuery tp = db_.run(
        "SELECT t.id, t.label FROM reads r JOIN timepoints t ON t.id = r.timepoint_id WHERE "
        "r.id = ?",
        {id.toLongLong()});
    if (!tp.next()) {
      continue;
    }
    const qint64 timepointId = tp.value(0).toLongLong();
    const QString label = tp.value(1).toString();
    tp.finish();
    const ReadingStatus status = statusOf(timepointId);
    if (status.readOfRecordId != id.toLongLong()) {
      notes << QString("built on read %1, no longer the read of record of '%2' (%3)")
                   .arg(id, label, status.text);
    }
  }
  return notes.isEmpty() ? QString() : "superseded: " + notes.join("; ");
}

qint64 TrialRecord::confirmEligibility(const QString& studyId, bool eligible, const QString& reason,
                                       const QString& password, std::optional<qint64> assessmentId,
                                       std::optional<qint64> supersedes) {
  return writeDecision(
      "eligibility_confirmations", Permission::ConfirmEligibility, studyId, eligible, reason,
      password, eligible ? "eligibility confirmed" : "not eligible", assessmentId, supersedes);
}

qint64 TrialRecord::decideExtraDoses(const QString& studyId, bool approved, const QString& reason,
                                     const QString& password, std::optional<qint64> assessmentId,
                                     std::optional<qint64> supersedes,
                                     const QString& overrideReason) {
  require(Permission::DecideExtraDoses);  // the role first, so a refusal says who may
  const QString stored = extraDoseReason(studyId, approved, reason, assessmentId, overrideReason);
  return writeDecision("extra_dose_decisions", Permission::DecideExtraDoses, studyId, approved,
                       stored, password, approved ? "extra doses approved" : "extra doses refused",
                       assessmentId, supersedes);
}

// An approval rests on an assessment. A decision against that assessment's outcome (approving
// what the rules did not allow, or refusing what they allowed) overrides the rules: that needs
// its own reason, kept in the signed decision's reason in one wording for both directions. A
// refusal may also be made without an assessment (the family declined, the child is unwell).
QString TrialRecord::extraDoseReason(const QString& studyId, bool approved, const QString& reason,
                                     std::optional<qint64> assessmentId,
                                     const QString& overrideReason) {
  if (!assessmentId) {
    if (approved) {
      fail(RecordErrorKind::BadInput,
           "subject '" + studyId +
               "': approving extra doses needs the assessment it rests on (--assessment ID)");
    }
    if (!overrideReason.trimmed().isEmpty()) {
      fail(RecordErrorKind::BadInput,
           "subject '" + studyId +
               "': an override reason overrides an assessment; name it (--assessment ID)");
    }
    return reason;
  }
  QSqlQuery a = db_.run(
      "SELECT a.extra_doses FROM assessments a JOIN subjects s ON s.id = a.subject_id "
      "WHERE a.id = ? AND s.study_id = ?",
      {*assessmentId, studyId});
  if (!a.next()) {
    fail(RecordErrorKind::NotFound,
         QString("subject '%1' has no assessment %2").arg(studyId).arg(*assessmentId));
  }
  const QString outcome = a.value(0).toString();
  // Under double reading an override reverses only an outcome the rules decided: approving on an
  // assessment that could not decide yet (the baseline, a follow-up before injection 3) would
  // bypass the assessment after injection 3 and its adjudication. (Single reading keeps the
  // override of a "not-yet-decidable" outcome, with its reason, as before.)
  if (approved && outcome == "not-yet-decidable" && readingDesign().design == kDoubleRead) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': assessment %2 says extra doses 'not-yet-decidable' (it is not "
                 "the assessment after the 3rd injection); under double reading approve on that "
                 "assessment, made from the reads of record")
             .arg(studyId)
             .arg(*assessmentId));
  }
  const bool againstTheRules = approved != (outcome == "allowed");
  if (!againstTheRules) {
    return reason;
  }
  if (overrideReason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': assessment %2 says extra doses '%3'; %4 them overrides the rules "
                 "and needs an override reason (--override-reason)")
             .arg(studyId)
             .arg(*assessmentId)
             .arg(outcome, approved ? "approving" : "refusing"));
  }
  return QString("%1 [override of assessment %2 (extra doses '%3'): %4]")
      .arg(reason.trimmed())
      .arg(*assessmentId)
      .arg(outcome, overrideReason.trimmed());
}

std::vector<DecisionRecord> TrialRecord::decisions(const QString& table, qint64 subject) {
  QSqlQuery q = db_.run(QString("SELECT id, %1, reason, assessment_id, supersedes_id FROM "
                                "%2 WHERE subject_id = ? ORDER BY id")
                            .arg(yesColumn(table), table),
                        {subject});
  std::vector<DecisionRecord> out;
  while (q.next()) {
    DecisionRecord d;
    d.id = q.value(0).toLongLong();
    d.yes = q.value(1).toInt() != 0;
    d.reason = q.value(2).toString();
    if (!q.value(3).isNull()) {
      d.assessmentId = q.value(3).toLongLong();
    }
    if (!q.value(4).isNull()) {
      d.supersedesId = q.value(4).toLongLong();
    }
    out.push_back(d);
  }
  for (DecisionRecord& d : out) {
    d.signature = signatureOf(table, d.id);
  }
  return out;
}

}  // namespace nbra::records
