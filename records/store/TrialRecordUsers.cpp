// Accounts, role checks and signatures (sign-in and lock-out: TrialRecordSignIn.cpp).
#include <QMap>
#include <QSqlQuery>
#include <QStringList>
#include <cmath>
#include <stdexcept>

#include "records/audit/AuditTrail.h"
#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::fail;

TrialRecord::TrialRecord(RecordDatabase& db, HashCost newHashCost)
    : db_(db), newHashCost_(newHashCost) {}

void TrialRecord::setProtocolSettings(const ProtocolSettings& settings) {
  try {
    scoring::validateScheduleSettings(settings.schedule);
    scoring::validateReleaseLimits(settings.release);
  } catch (const std::invalid_argument& e) {
    detail::fail(RecordErrorKind::BadInput,
                 "protocol settings refused: " + QString::fromUtf8(e.what()));
  }
  const scoring::ChecklistSettings& c = settings.checklist;
  const bool plausible = c.minAgeYears >= 0 && c.minAgeYears <= c.maxAgeYears &&
                         c.maxAgeYears <= 25 && c.minInductionCycles >= 0 && c.steroidDays >= 0 &&
                         c.maxDiarrhoeaGrade >= 0 && c.maxOrganToxicityGrade >= 0;
  for (double v : {c.minLifeExpectancyMonths, c.raisedCatecholaminesTimesUln,
                   c.excludedCatecholaminesTimesUln, c.minShorteningFractionPercent,
                   c.minEjectionFractionPercent, c.minSpO2Percent, c.steroidDoseMgPerKgPerDay}) {
    if (!std::isfinite(v) || v < 0.0 || !plausible) {
      detail::fail(RecordErrorKind::BadInput,
                   "protocol settings refused: a checklist threshold is negative, not a number, or "
                   "the age limits are out of order");
    }
  }
  protocol_ = settings;
}

const ProtocolSettings& TrialRecord::protocolSettings() const {
  return protocol_;
}

bool TrialRecord::hasUsers() {
  QSqlQuery q = db_.run("SELECT COUNT(*) FROM users");
  return q.next() && q.value(0).toLongLong() > 0;
}

void TrialRecord::bootstrapAdministrator(const QString& userName, const QString& fullName,
                                         const QString& password) {
  if (userName.trimmed().isEmpty() || fullName.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "the first administrator needs a user name and a full name");
  }
  const QString hash = hashPassword(password, newHashCost_);
  Transaction t(db_);
  if (hasUsers()) {
    fail(RecordErrorKind::Refused,
         "trial record " + db_.displayName() +
             " already has accounts: new users are created by an administrator");
  }
  AuditedWriter writer(db_, userName);
  const qint64 id = writer.insert("users",
                                  {{"user_name", userName},
                                   {"full_name", fullName},
                                   {"role", roleName(Role::Administrator)},
                                   {"password_hash", hash},
                                   {"active", 1},
                                   {"created_utc", detail::nowUtc()}},
                                  "first administrator of a new trial record");
  t.commit();
  actor_ = Actor{id, userName, fullName, Role::Administrator};
}

const Actor& TrialRecord::actor() const {
  if (!actor_) {
    fail(RecordErrorKind::Refused, "nobody is signed in to the trial record");
  }
  return *actor_;
}

void TrialRecord::require(Permission permission) const {
  const Actor& a = actor();
  if (!roleAllows(a.role, permission)) {
    fail(RecordErrorKind::Refused, refusal(a.userName, a.role, permission));
  }
}

void TrialRecord::checkPassword(const QString& password, const QString& what) {
  const Actor& a = actor();
  QSqlQuery q = db_.run("SELECT password_hash FROM users WHERE id = ?", {a.id});
  if (!q.next() || !verifyPassword(password, q.value(0).toString())) {
    q.finish();
    auditRefusal(a.userName, "signature refused", "wrong password: " + what);
    fail(RecordErrorKind::Refused,
         "signature refused: wrong password for user '" + a.userName + "' (" + what + ")");
  }
}

qint64 TrialRecord::createUser(const QString& userName, const QString& fullName, Role role,
                               const QString& password) {
  require(Permission::ManageUsers);
  if (userName.trimmed().isEmpty() || userName.contains(' ') || fullName.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput,
         "user '" + userName + "': a user name without spaces and a full name are required");
  }
  const QString hash = hashPassword(password, newHashCost_);
  Transaction t(db_);
  QSqlQuery q = db_.run("SELECT 1 FROM users WHERE user_name = ?", {userName});
  if (q.next()) {
    fail(RecordErrorKind::Conflict, "user '" + userName + "' already exists");
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert("users",
                                  {{"user_name", userName},
                                   {"full_name", fullName},
                                   {"role", roleName(role)},
                                   {"password_hash", hash},
                                   {"active", 1},
                                   {"created_utc", detail::nowUtc()}},
                                  "new " + roleName(role) + " account");
  t.commit();
  return id;
}

void TrialRecord::auditRefusal(const QString& userName, const QString& action, const QString& why) {
  // Failed sign-ins and signatures are security events: they go into the trail too. Best
  // effort: when the record cannot be written (locked, full), the refusal itself still reaches
  // the user, which matters more than its entry.
  try {
    Transaction t(db_);
    AuditedWriter(db_, userName).note(action, "users", userName, {}, why);
    t.commit();
  } catch (const RecordError&) {
  }
}

void TrialRecord::setUserActive(const QString& userName, bool active, const QString& reason) {
  require(Permission::ManageUsers);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "user '" + userName + "': a reason is needed");
  }
  if (userName == actor().userName && !active) {
    fail(RecordErrorKind::Refused, "user '" + userName + "' cannot deactivate their own account");
  }
  Transaction t(db_);
  QSqlQuery q = db_.run("SELECT id FROM users WHERE user_name = ?", {userName});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "unknown user '" + userName + "'");
  }
  const qint64 id = q.value(0).toLongLong();
  q.finish();
  AuditedWriter(db_, actor().userName).update("users", id, {{"active", int(active)}}, reason);
  t.commit();
}

void TrialRecord::setPassword(const QString& userName, const QString& newPassword,
                              const QString& reason) {
  // Administrators reset anyone's password; everyone may change their own.
  if (userName != actor().userName) {
    require(Permission::ManageUsers);
  }
  const QString hash = hashPassword(newPassword, newHashCost_);
  Transaction t(db_);
  QSqlQuery q = db_.run("SELECT id FROM users WHERE user_name = ?", {userName});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "unknown user '" + userName + "'");
  }
  const qint64 id = q.value(0).toLongLong();
  q.finish();
  db_.run("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id});
  // The entry records the change and the new hash's fingerprint (so `audit verify` can tell the
  // row's hash is this one), never the hash.
  AuditedWriter(db_, actor().userName)
      .note("password changed", "users", QString::number(id),
            {{"user_name", userName}, {"password_hash", passwordFingerprint(hash)}}, reason);
  t.commit();
}

std::vector<UserRecord> TrialRecord::users() {
  require(Permission::ManageUsers);
  std::vector<UserRecord> out;
  QSqlQuery q = db_.run("SELECT id, user_name, full_name, role, active FROM users ORDER BY id");
  while (q.next()) {
    out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                   q.value(3).toString(), q.value(4).toInt() != 0});
  }
  q.finish();
  for (UserRecord& u : out) {
    const SignInState s = signInStateOf(u.id, u.userName);
    u.failedSignIns = s.failuresSinceReset;
    u.locked = s.locked;
  }
  return out;
}

qint64 TrialRecord::writeSignature(AuditedWriter& writer, const QString& table, qint64 recordId,
                                   const QString& meaning) {
  // Last line of defence: whatever the caller, a signature on a table carries only that table's
  // meanings, so a signature can never claim a decision it is not.
  static const QMap<QString, QStringList> kMeanings{
      {"reads", {kReadSignatureMeaning}},
      {"eligibility_confirmations", {"eligibility confirmed", "not eligible"}},
      {"extra_dose_decisions", {"extra doses approved", "extra doses refused"}},
      {"checklist_signoffs",
       {"eligibility checklist: eligible", "eligibility checklist: not eligible"}},
      {"adjudications", {kAdjudicationMeaning}}};
  if (!kMeanings.value(table).contains(meaning)) {
    fail(RecordErrorKind::BadInput,
         QString("a signature on %1 cannot mean '%2' (it means one of: %3)")
             .arg(table, meaning, kMeanings.value(table).join(", ")));
  }
  const Actor& a = actor();
  const QVariantMap values{{"table_name", table}, {"record_id", recordId},
                           {"signer_id", a.id},   {"signer_name", a.fullName},
                           {"meaning", meaning},  {"signed_utc", detail::nowUtc()}};
  return writer.insert("signatures", values, "electronic signature: " + meaning);
}

std::optional<Signature> TrialRecord::signatureOf(const QString& table, qint64 recordId) {
  QSqlQuery q = db_.run(
      "SELECT s.signer_name, u.user_name, s.meaning, s.signed_utc FROM signatures s "
      "JOIN users u ON u.id = s.signer_id WHERE s.table_name = ? AND s.record_id = ?",
      {table, recordId});
  if (!q.next()) {
    return std::nullopt;
  }
  return Signature{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                   q.value(3).toString()};
}

std::pair<qint64, QString> TrialRecord::auditHead() {
  const AuditAnchor head = records::auditHead(db_);
  return {head.seq, head.hash};
}

}  // namespace nbra::records
