// Sign-in, lock-out after repeated wrong passwords, and unlock (docs/records.md).
#include <QSqlQuery>

#include "records/audit/AuditTrail.h"
#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::fail;

namespace {

// The reasons a sign_in_attempts row can carry. Only wrong passwords count towards the
// lock-out: an attempt on a locked account is refused before its password is looked at, and a
// deactivated account's right password is no guess.
const QString kSignedIn = QStringLiteral("signed in");
const QString kWrongPassword = QStringLiteral("wrong password");
const QString kAccountLocked = QStringLiteral("account locked");
const QString kAccountDeactivated = QStringLiteral("account deactivated");

QString attempts(int n) {
  return QString("%1 attempt%2").arg(n).arg(n == 1 ? "" : "s");
}

QString lockedMessage(const QString& userName, int limit) {
  return QString(
             "Sign-in refused: the account '%1' is locked after %2 failed sign-ins. An "
             "administrator must unlock it before it can sign in again.")
      .arg(userName)
      .arg(limit);
}

}  // namespace

void TrialRecord::setAccountSettings(const AccountSettings& settings) {
  const int n = settings.signInFailuresBeforeLockout;
  if (n < 1 || n > 100) {
    fail(RecordErrorKind::BadInput,
         QString("account settings refused: %1 failed sign-ins before lock-out is not plausible "
                 "(it must be between 1 and 100)")
             .arg(n));
  }
  accounts_ = settings;
}

const AccountSettings& TrialRecord::accountSettings() const {
  return accounts_;
}

SignInState TrialRecord::signInStateOf(qint64 userId, const QString& userName) {
  // Failures count from the newest success and the newest unlock on: the rows are only ever
  // added, so the count is derived, never stored (and `audit verify` checks every row of it).
  QSqlQuery q = db_.run(
      "SELECT COUNT(*) FROM sign_in_attempts WHERE user_id = ? AND reason = ? AND id > "
      "COALESCE((SELECT MAX(id) FROM sign_in_attempts WHERE user_id = ? AND succeeded = 1), 0) "
      "AND id > COALESCE((SELECT MAX(last_attempt_id) FROM account_unlocks WHERE user_id = ?), 0)",
      {userId, kWrongPassword, userId, userId});
  SignInState s;
  s.userName = userName;
  s.failuresSinceReset = q.next() ? q.value(0).toInt() : 0;
  const int limit = accounts_.signInFailuresBeforeLockout;
  s.locked = s.failuresSinceReset >= limit;
  s.attemptsLeft = s.locked ? 0 : limit - s.failuresSinceReset;
  return s;
}

void TrialRecord::writeSignInAttempt(qint64 userId, const QString& userName, bool succeeded,
                                     const QString& reason, const QString& auditReason) {
  Transaction t(db_);
  if (db_.backend() == Backend::Postgres) {
    // One account's attempts one after the other, so two sessions guessing at once cannot both
    // be told they have attempts left (SQLite's write lock already serialises them).
    db_.run("SELECT id FROM users WHERE id = ? FOR UPDATE", {userId});
  }
  AuditedWriter(db_, userName)
      .insert("sign_in_attempts",
              {{"user_id", userId},
               {"user_name", userName},
               {"succeeded", int(succeeded)},
               {"reason", reason},
               {"at_utc", detail::nowUtc()}},
              auditReason);
  t.commit();
}

void TrialRecord::signIn(const QString& userName, const QString& password) {
  QSqlQuery q =
      db_.run("SELECT id, full_name, role, password_hash, active FROM users WHERE user_name = ?",
              {userName});
  if (!q.next()) {
    q.finish();
    // No account, so no row to count; the note keeps the attempt in the trail. A timing
    // difference only reveals that an account name exists, which is not a secret here.
    auditRefusal(userName, "sign-in refused", "unknown user");
    fail(RecordErrorKind::Refused,
         "Sign-in refused for user '" + userName + "': unknown user or wrong password.");
  }
  const qint64 id = q.value(0).toLongLong();
  const QString fullName = q.value(1).toString();
  const QString roleText = q.value(2).toString();
  const QString hash = q.value(3).toString();
  const bool active = q.value(4).toInt() != 0;
  q.finish();
  const int limit = accounts_.signInFailuresBeforeLockout;

  // Refusals are written best effort: when the record cannot be written (locked by another
  // writer, disk full), the refusal still reaches the user, which matters more than its row.
  const auto writeRefusal = [&](const QString& reason) {
    try {
      writeSignInAttempt(id, userName, false, reason, "sign-in refused: " + reason);
      return true;
    } catch (const RecordError&) {
      return false;
    }
  };

  if (signInStateOf(id, userName).locked) {
    // The password is not even checked: a locked account gives a guesser nothing more.
    writeRefusal(kAccountLocked);
    fail(RecordErrorKind::Refused, lockedMessage(userName, limit));
  }
  if (!verifyPassword(password, hash)) {
    const QString refused = "Sign-in refused for user '" + userName + "': wrong password";
    if (!writeRefusal(kWrongPassword)) {
      fail(RecordErrorKind::Refused, refused + ".");
    }
    const SignInState after = signInStateOf(id, userName);
    if (after.locked) {
      fail(RecordErrorKind::Refused,
           QString("%1; the account is now locked after %2 failed sign-ins. An administrator "
                   "must unlock it before it can sign in again.")
               .arg(refused)
               .arg(limit));
    }
    fail(RecordErrorKind::Refused, QString("%1. %2 left before the account is locked.")
                                       .arg(refused, attempts(after.attemptsLeft)));
  }
  if (!active) {
    writeRefusal(kAccountDeactivated);
    fail(RecordErrorKind::Refused,
         "Sign-in refused: user '" + userName +
             "' is deactivated. An administrator must activate the account again.");
  }
  const auto role = roleFromName(roleText);
  if (!role) {
    fail(RecordErrorKind::Integrity,
         "user '" + userName + "' has an unknown role '" + roleText + "'");
  }
  // Written before the user becomes the actor: a sign-in that cannot be recorded does not
  // happen (and the row resets the count of failures).
  writeSignInAttempt(id, userName, true, kSignedIn, "signed in");
  actor_ = Actor{id, userName, fullName, *role};
}

void TrialRecord::unlockUser(const QString& userName, const QString& reason) {
  require(Permission::UnlockAccount);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput,
         "Unlocking the account '" + userName +
             "' needs a reason (for example who asked, and how they were recognised).");
  }
  Transaction t(db_);
  QSqlQuery q = db_.run("SELECT id FROM users WHERE user_name = ?", {userName});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "unknown user '" + userName + "'");
  }
  const qint64 id = q.value(0).toLongLong();
  q.finish();
  if (db_.backend() == Backend::Postgres) {
    db_.run("SELECT id FROM users WHERE id = ? FOR UPDATE", {id});
  }
  const SignInState state = signInStateOf(id, userName);
  if (state.failuresSinceReset == 0) {
    fail(RecordErrorKind::Refused,
         "The account '" + userName +
             "' has no failed sign-ins since its last sign-in or unlock: there is nothing to "
             "unlock.");
  }
  QSqlQuery last = db_.run("SELECT MAX(id) FROM sign_in_attempts WHERE user_id = ?", {id});
  const qint64 lastAttempt = last.next() ? last.value(0).toLongLong() : 0;
  last.finish();
  AuditedWriter(db_, actor().userName)
      .insert("account_unlocks",
              {{"user_id", id},
               {"user_name", userName},
               {"cleared_failures", state.failuresSinceReset},
               {"last_attempt_id", lastAttempt},
               {"reason", reason},
               {"created_utc", detail::nowUtc()},
               {"created_by", actor().id}},
              reason);
  t.commit();
}

SignInState TrialRecord::signInState(const QString& userName) {
  if (userName != actor().userName) {
    require(Permission::ManageUsers);
  }
  QSqlQuery q = db_.run("SELECT id FROM users WHERE user_name = ?", {userName});
  if (!q.next()) {
    fail(RecordErrorKind::NotFound, "unknown user '" + userName + "'");
  }
  const qint64 id = q.value(0).toLongLong();
  q.finish();
  return signInStateOf(id, userName);
}

}  // namespace nbra::records
