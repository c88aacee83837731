// Arms, NBRA's own allocation list and unmasking: what keeps the trial masked (docs/results.md).
// The arm is seen only by those who unmasked (coordinators and investigators, each with a reason,
// once, never undone); readers never, whatever they ask for.
#include <QSqlQuery>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialArms.h"
#include "records/store/TrialRecord.h"
#include "scoring/results/AllocationList.h"

namespace nbra::records {

using detail::fail;

namespace {

QString armCodes() {
  QStringList codes;
  for (const TrialArm& a : kTrialArms) {
    codes << a.code;
  }
  return codes.join(", ");
}

// The arm a reason or a change refers to: the subject's newest row of subject_arms.
struct ArmRow {
  qint64 id = 0;
  QString arm;
};

std::optional<ArmRow> newestArm(RecordDatabase& db, qint64 subjectId) {
  QSqlQuery q =
      db.run("SELECT id, arm FROM subject_arms WHERE subject_id = ? ORDER BY id DESC", {subjectId});
  if (!q.next()) {
    return std::nullopt;
  }
  return ArmRow{q.value(0).toLongLong(), q.value(1).toString()};
}

// The first unmasking of the record, in words, for the refusal of a change after it.
std::optional<QString> firstUnmasking(RecordDatabase& db) {
  QSqlQuery q = db.run(
      "SELECT u.user_name, m.created_utc FROM unmaskings m JOIN users u ON u.id = m.user_id "
      "ORDER BY m.id");
  if (!q.next()) {
    return std::nullopt;
  }
  return QString("user '%1' unmasked on %2").arg(q.value(0).toString(), q.value(1).toString());
}

}  // namespace

void TrialRecord::requireUnmasked() {
  const Actor& a = actor();
  if (!roleAllows(a.role, Permission::Unmask)) {
    fail(RecordErrorKind::Refused,
         QString("refused: the arms are masked from user '%1' (%2 stays masked for the whole "
                 "trial; allowed roles: %3)")
             .arg(a.userName, roleWithArticle(a.role), rolesAllowed(Permission::Unmask)));
  }
  if (!actorIsUnmasked()) {
    fail(RecordErrorKind::Refused,
         QString("refused: the arms are masked for user '%1': unmask first, with a reason "
                 "(Trial > Results by arm, or nbra-cli record unmask --reason ...)")
             .arg(a.userName));
  }
}

std::optional<QString> TrialRecord::currentArmCode(qint64 subject) {
  const auto row = newestArm(db_, subject);
  return row ? std::optional<QString>(row->arm) : std::nullopt;
}

qint64 TrialRecord::recordArm(const QString& studyId, const QString& armCode,
                              const QString& reason) {
  require(Permission::RecordArm);
  if (!trialArm(armCode)) {
    fail(RecordErrorKind::BadInput,
         QString("subject '%1': '%2' is not an arm of the trial (arms: %3)")
             .arg(studyId, armCode, armCodes()));
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  const auto previous = newestArm(db_, subject);
  if (previous) {
    if (previous->arm == armCode) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1' is already in arm %2").arg(studyId, armCode));
    }
    if (reason.trimmed().isEmpty()) {
      fail(RecordErrorKind::BadInput,
           QString("subject '%1' is in arm %2: changing it needs a reason")
               .arg(studyId, previous->arm));
    }
    if (const auto seen = firstUnmasking(db_)) {
      fail(RecordErrorKind::Refused,
           QString("subject '%1': the arm can no longer be changed, the arms have been seen (%2)")
               .arg(studyId, *seen));
    }
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert(
      "subject_arms",
      {{"subject_id", subject},
       {"arm", armCode},
       {"source", "external"},
       {"slot_id", QVariant()},
       {"supersedes_id", previous ? QVariant(previous->id) : QVariant()},
       {"reason", reason.trimmed().isEmpty() ? QString("from the trial's randomisation") : reason},
       {"recorded_utc", detail::nowUtc()},
       {"recorded_by", actor().id}},
      previous ? "arm changed: " + reason : "arm recorded");
  t.commit();
  return id;
}

qint64 TrialRecord::createAllocationList(std::uint64_t seed, int blockSize, int length) {
  require(Permission::RecordArm);
  std::vector<std::string> arms;
  for (const TrialArm& a : kTrialArms) {
    arms.emplace_back(a.code);
  }
  std::vector<std::string> list;
  try {
    list = scoring::allocationList(seed, blockSize, length, arms);
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::BadInput, QString("allocation list: ") + e.what());
  }
  Transaction t(db_);
  if (QSqlQuery q = db_.run("SELECT id FROM allocation_lists"); q.next()) {
    fail(RecordErrorKind::Conflict,
         QString("the record already has allocation list %1: a trial has one list")
             .arg(q.value(0).toLongLong()));
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert("allocation_lists",
                                  {{"seed", QString::number(seed)},
                                   {"block_size", blockSize},
                                   {"length", length},
                                   {"created_utc", detail::nowUtc()},
                                   {"created_by", actor().id}},
                                  "allocation list (1:1 permuted blocks)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    writer.insert("allocation_slots",
                  {{"list_id", id},
                   {"seq", static_cast<int>(i + 1)},
                   {"arm", QString::fromStdString(list[i])}},
                  "allocation slot");
  }
  t.commit();
  return id;
}

QString TrialRecord::allocate(const QString& studyId) {
  require(Permission::RecordArm);
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  if (const auto existing = newestArm(db_, subject)) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1' already has an arm: allocation gives a subject one slot")
             .arg(studyId));
  }
  QSqlQuery q = db_.run(
      "SELECT s.id, s.seq, s.arm FROM allocation_slots s WHERE NOT EXISTS (SELECT 1 FROM "
      "subject_arms a WHERE a.slot_id = s.id) ORDER BY s.seq");
  if (!q.next()) {
    if (!allocationList()) {
      fail(RecordErrorKind::NotFound, "no allocation list in the record: create one first");
    }
    fail(RecordErrorKind::Conflict, "the allocation list is used up: every slot has a subject");
  }
  const qint64 slot = q.value(0).toLongLong();
  const int seq = q.value(1).toInt();
  const QString arm = q.value(2).toString();
  q.finish();
  AuditedWriter writer(db_, actor().userName);
  writer.insert("subject_arms",
                {{"subject_id", subject},
                 {"arm", arm},
                 {"source", "allocation"},
                 {"slot_id", slot},
                 {"supersedes_id", QVariant()},
                 {"reason", QString("allocation list slot %1").arg(seq)},
                 {"recorded_utc", detail::nowUtc()},
                 {"recorded_by", actor().id}},
                "allocated");
  t.commit();
  return arm;
}

std::optional<AllocationListRecord> TrialRecord::allocationList() {
  require(Permission::ViewSubjects);
  QSqlQuery q = db_.run(
      "SELECT l.id, l.seed, l.block_size, l.length, l.created_utc, u.full_name, (SELECT COUNT(*) "
      "FROM subject_arms a JOIN allocation_slots s ON s.id = a.slot_id WHERE s.list_id = l.id) "
      "FROM allocation_lists l JOIN users u ON u.id = l.created_by ORDER BY l.id");
  if (!q.next()) {
    return std::nullopt;
  }
  return AllocationListRecord{q.value(0).toLongLong(), q.value(1).toString().toULongLong(),
                              q.value(2).toInt(),      q.value(3).toInt(),
                              q.value(6).toInt(),      q.value(4).toString(),
                              q.value(5).toString()};
}

qint64 TrialRecord::unmask(const QString& reason, const QString& password) {
  require(Permission::Unmask);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "unmasking needs a reason (it is kept in the audit trail)");
  }
  checkPassword(password, "unmask the arms");
  Transaction t(db_);
  if (actorIsUnmasked()) {
    fail(RecordErrorKind::Conflict,
         "user '" + actor().userName + "' has already unmasked: it is recorded once");
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert(
      "unmaskings",
      {{"user_id", actor().id}, {"reason", reason}, {"created_utc", detail::nowUtc()}},
      "unmasked: " + reason);
  t.commit();
  return id;
}

bool TrialRecord::actorIsUnmasked() {
  if (!roleAllows(actor().role, Permission::Unmask)) {
    return false;
  }
  QSqlQuery q = db_.run("SELECT 1 FROM unmaskings WHERE user_id = ?", {actor().id});
  return q.next();
}

std::vector<UnmaskingRecord> TrialRecord::unmaskings() {
  // Who has seen the arms is itself no arm: coordinators, investigators and the administrator
  // (who manages the accounts) may see it; a reader or an adjudicator is not told.
  if (actor().role == Role::Reader || actor().role == Role::Adjudicator) {
    fail(RecordErrorKind::Refused, "refused: user '" + actor().userName + "' is " +
                                       roleWithArticle(actor().role) +
                                       " and may not see who unmasked");
  }
  std::vector<UnmaskingRecord> out;
  QSqlQuery q = db_.run(
      "SELECT m.id, u.user_name, u.full_name, m.reason, m.created_utc FROM unmaskings m JOIN "
      "users u ON u.id = m.user_id ORDER BY m.id");
  while (q.next()) {
    out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                   q.value(3).toString(), q.value(4).toString()});
  }
  return out;
}

std::vector<ArmRecord> TrialRecord::armHistory(const QString& studyId) {
  requireUnmasked();
  const qint64 subject = subjectId(studyId);
  std::vector<ArmRecord> out;
  QSqlQuery q = db_.run(
      "SELECT a.id, a.arm, a.source, s.seq, a.supersedes_id, a.reason, a.recorded_utc, "
      "u.full_name FROM subject_arms a JOIN users u ON u.id = a.recorded_by LEFT JOIN "
      "allocation_slots s ON s.id = a.slot_id WHERE a.subject_id = ? ORDER BY a.id",
      {subject});
  while (q.next()) {
    ArmRecord r;
    r.id = q.value(0).toLongLong();
    r.studyId = studyId;
    r.arm = q.value(1).toString();
    r.source = q.value(2).toString();
    r.allocationSequence = detail::optionalInt(q.value(3));
    r.supersedesId =
        q.value(4).isNull() ? std::nullopt : std::optional<qint64>(q.value(4).toLongLong());
    r.reason = q.value(5).toString();
    r.recordedUtc = q.value(6).toString();
    r.recordedByName = q.value(7).toString();
    out.push_back(r);
  }
  return out;
}

std::optional<ArmRecord> TrialRecord::arm(const QString& studyId) {
  auto history = armHistory(studyId);
  if (history.empty()) {
    return std::nullopt;
  }
  return history.back();
}

}  // namespace nbra::records
