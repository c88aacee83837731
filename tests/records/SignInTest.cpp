// Sign-in attempts, lock-out after repeated wrong passwords and the administrator's unlock
// (schema 12), on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <QSqlQuery>

#include "records/audit/AuditTrail.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

// The refusal's message; fails the test when `action` is not refused with `kind`.
QString refusal(const std::function<void()>& action,
                RecordErrorKind kind = RecordErrorKind::Refused) {
  try {
    action();
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the action was not refused";
  return {};
}

QString wrongSignIn(TestTrial& t, const QString& user) {
  return refusal([&] { t.record->signIn(user, "not the password"); });
}

qint64 count(TestTrial& t, const QString& sql, const QVariantList& bindings = {}) {
  QSqlQuery q = t.db->run(sql, bindings);
  return q.next() ? q.value(0).toLongLong() : -1;
}

SignInState stateAsAdmin(TestTrial& t, const QString& user) {
  t.as("admin");
  return t.record->signInState(user);
}

TEST(SignIn, WrongPasswordsShortOfTheLimitSayWhatIsLeftAndASuccessResetsThem) {
  TestTrial t;
  ASSERT_EQ(t.record->accountSettings().signInFailuresBeforeLockout, 5);
  for (const char* left : {"4 attempts left", "3 attempts left", "2 attempts left"}) {
    const QString m = wrongSignIn(t, "reader1");
    EXPECT_TRUE(m.contains("'reader1'") && m.contains("wrong password")) << m.toStdString();
    EXPECT_TRUE(m.contains(QString(left) + " before the account is locked.")) << m.toStdString();
  }
  const QString last = wrongSignIn(t, "reader1");
  EXPECT_TRUE(last.contains("1 attempt left before the account is locked.")) << last.toStdString();
  EXPECT_EQ(stateAsAdmin(t, "reader1").failuresSinceReset, 4);
  EXPECT_FALSE(stateAsAdmin(t, "reader1").locked);

  // The right password at the fifth attempt signs in, and the count starts again.
  t.record->signIn("reader1", kPassword);
  EXPECT_EQ(t.record->actor().userName, "reader1");
  const SignInState own = t.record->signInState("reader1");  // one's own state, without admin
  EXPECT_EQ(own.failuresSinceReset, 0);
  EXPECT_EQ(own.attemptsLeft, 5);
  for (int i = 0; i < 4; ++i) {
    wrongSignIn(t, "reader1");
  }
  t.record->signIn("reader1", kPassword);  // still not locked: four since the success
  // Another user's state is the administrator's to see.
  const QString m = refusal([&] { t.record->signInState("reader2"); });
  EXPECT_TRUE(m.contains("may not manage user accounts")) << m.toStdString();
}

TEST(SignIn, TheFifthWrongPasswordLocksAndThenEvenTheRightOneIsRefused) {
  TestTrial t;
  for (int i = 0; i < 4; ++i) {
    wrongSignIn(t, "reader1");
  }
  const QString fifth = wrongSignIn(t, "reader1");
  EXPECT_TRUE(fifth.contains("wrong password; the account is now locked after 5 failed sign-ins"))
      << fifth.toStdString();
  EXPECT_TRUE(fifth.contains("An administrator must unlock it")) << fifth.toStdString();

  const QString locked = refusal([&] { t.record->signIn("reader1", kPassword); });
  EXPECT_EQ(locked,
            "Sign-in refused: the account 'reader1' is locked after 5 failed sign-ins. An "
            "administrator must unlock it before it can sign in again.");
  EXPECT_EQ(t.record->actor().userName, "admin") << "a refused sign-in changed the actor";
  TrialRecord fresh(*t.db, HashCost::Minimal);  // a workstation starting: nobody signed in
  EXPECT_THROW(fresh.signIn("reader1", kPassword), RecordError);
  EXPECT_THROW(fresh.actor(), RecordError) << "a refused sign-in made someone the actor";
  // Other accounts are not affected.
  t.record->signIn("reader2", kPassword);

  // Every attempt on the account is a row: five wrong passwords, then the two on the locked
  // account (whose password was never looked at), and none of them succeeded.
  EXPECT_EQ(count(t,
                  "SELECT COUNT(*) FROM sign_in_attempts WHERE user_name = 'reader1' AND "
                  "succeeded = 0 AND reason = 'wrong password'"),
            5);
  EXPECT_EQ(count(t,
                  "SELECT COUNT(*) FROM sign_in_attempts WHERE user_name = 'reader1' AND "
                  "reason = 'account locked'"),
            2);
  const SignInState s = stateAsAdmin(t, "reader1");
  EXPECT_TRUE(s.locked);
  EXPECT_EQ(s.failuresSinceReset, 5);
  EXPECT_EQ(s.attemptsLeft, 0);
  bool listed = false;
  for (const UserRecord& u : t.record->users()) {
    EXPECT_EQ(u.locked, u.userName == "reader1") << u.userName.toStdString();
    if (u.userName == "reader1") {
      listed = true;
      EXPECT_EQ(u.failedSignIns, 5);
      EXPECT_TRUE(u.active);
    }
  }
  EXPECT_TRUE(listed);
}

TEST(SignIn, OnlyAnAdministratorUnlocksAndOnlyWithAReason) {
  TestTrial t;
  for (int i = 0; i < 5; ++i) {
    wrongSignIn(t, "reader1");
  }
  t.as("coord");
  QString m = refusal([&] { t.record->unlockUser("reader1", "forgot the password"); });
  EXPECT_TRUE(
      m.contains("'coord' is a coordinator and may not unlock accounts (allowed role: "
                 "administrator)"))
      << m.toStdString();
  t.as("admin");
  for (const QString reason : {"", "   "}) {
    m = refusal([&] { t.record->unlockUser("reader1", reason); }, RecordErrorKind::BadInput);
    EXPECT_TRUE(m.contains("'reader1'") && m.contains("needs a reason")) << m.toStdString();
  }
  m = refusal([&] { t.record->unlockUser("ghost", "who?"); }, RecordErrorKind::NotFound);
  EXPECT_TRUE(m.contains("'ghost'")) << m.toStdString();
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM account_unlocks"), 0) << "a refused unlock wrote";
  EXPECT_THROW(t.record->signIn("reader1", kPassword), RecordError) << "unlocked by a refusal";

  t.as("admin");
  const qint64 before = testing::auditCount(*t.db);
  t.record->unlockUser("reader1", "called the helpdesk; identity checked by video");
  QSqlQuery entry = t.db->run(
      "SELECT user_name, action, table_name, reason FROM audit_log WHERE seq > ? ORDER BY seq",
      {before});
  ASSERT_TRUE(entry.next());
  EXPECT_EQ(entry.value(0).toString(), "admin");
  EXPECT_EQ(entry.value(1).toString(), "insert");
  EXPECT_EQ(entry.value(2).toString(), "account_unlocks");
  EXPECT_EQ(entry.value(3).toString(), "called the helpdesk; identity checked by video");
  EXPECT_FALSE(entry.next());
  entry.finish();
  EXPECT_EQ(count(t, "SELECT cleared_failures FROM account_unlocks WHERE user_name = 'reader1'"),
            5);
  EXPECT_FALSE(t.record->signInState("reader1").locked);

  // Unlocked: the count starts again from the unlock, a full five attempts.
  m = wrongSignIn(t, "reader1");
  EXPECT_TRUE(m.contains("4 attempts left")) << m.toStdString();
  t.record->signIn("reader1", kPassword);
  // Nothing left to clear: a second unlock is refused rather than written.
  t.as("admin");
  m = refusal([&] { t.record->unlockUser("reader1", "again"); });
  EXPECT_TRUE(m.contains("nothing to unlock")) << m.toStdString();
}

TEST(SignIn, EveryAttemptIsAuditedAndTheTrailVerifies) {
  TestTrial t;
  const qint64 before = testing::auditCount(*t.db);
  t.record->signIn("reader1", kPassword);
  EXPECT_THROW(t.record->signIn("ghost", kPassword), RecordError);
  for (int i = 0; i < 5; ++i) {
    wrongSignIn(t, "reader2");
  }
  EXPECT_THROW(t.record->signIn("reader2", kPassword), RecordError);
  t.as("admin");
  t.record->setUserActive("inv", false, "left the trial");
  const QString gone = refusal([&] { t.record->signIn("inv", kPassword); });
  EXPECT_TRUE(gone.contains("deactivated")) << gone.toStdString();
  t.as("admin");
  t.record->unlockUser("reader2", "forgot the new password");
  t.record->signIn("reader2", kPassword);

  QSqlQuery q = t.db->run(
      "SELECT user_name, action, table_name, reason FROM audit_log WHERE seq > ? ORDER BY seq",
      {before});
  QStringList trail;
  while (q.next()) {
    trail << QString("%1 %2 %3: %4")
                 .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString());
  }
  q.finish();
  QStringList expected{"reader1 insert sign_in_attempts: signed in",
                       "ghost sign-in refused users: unknown user"};
  for (int i = 0; i < 5; ++i) {
    expected << "reader2 insert sign_in_attempts: sign-in refused: wrong password";
  }
  expected << "reader2 insert sign_in_attempts: sign-in refused: account locked"
           << "admin insert sign_in_attempts: signed in"
           << "admin update users: left the trial"
           << "inv insert sign_in_attempts: sign-in refused: account deactivated"
           << "admin insert sign_in_attempts: signed in"
           << "admin insert account_unlocks: forgot the new password"
           << "reader2 insert sign_in_attempts: signed in";
  EXPECT_EQ(trail, expected) << trail.join("\n").toStdString();

  AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << v.message.toStdString() << v.rowMismatches.join("\n").toStdString();
  EXPECT_EQ(v.rowsChecked, 7 + 11 + 1);  // the users, the attempts above, the unlock

  // Append-only: the database refuses to rewrite or remove an attempt or an unlock...
  EXPECT_THROW(t.db->run("UPDATE sign_in_attempts SET succeeded = 1"), RecordError);
  EXPECT_THROW(t.db->run("DELETE FROM sign_in_attempts"), RecordError);
  EXPECT_THROW(t.db->run("DELETE FROM account_unlocks"), RecordError);
  // ...and a row added behind NBRA's back (an unlock without its entry) is named by verify.
  t.db->run(
      "INSERT INTO sign_in_attempts(user_id, user_name, succeeded, reason, at_utc) SELECT id, "
      "user_name, 1, 'signed in', '2026-01-01T00:00:00.000Z' FROM users WHERE user_name = "
      "'reader1'");
  v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.rowMismatches.size(), 1) << v.rowMismatches.join("\n").toStdString();
  EXPECT_TRUE(v.rowMismatches[0].startsWith("sign_in_attempts #"))
      << v.rowMismatches[0].toStdString();
  EXPECT_TRUE(v.rowMismatches[0].contains("no audit entry")) << v.rowMismatches[0].toStdString();
}

TEST(SignIn, TheLockOutSettingRefusesImplausibleValues) {
  TestTrial t;
  for (int n : {0, -1, 101, 1000}) {
    SCOPED_TRACE(n);
    const QString m =
        refusal([&] { t.record->setAccountSettings({n}); }, RecordErrorKind::BadInput);
    EXPECT_TRUE(m.contains(QString::number(n)) && m.contains("between 1 and 100"))
        << m.toStdString();
    EXPECT_EQ(t.record->accountSettings().signInFailuresBeforeLockout, 5) << "kept the refused";
  }
  t.record->setAccountSettings({100});
  EXPECT_EQ(t.record->accountSettings().signInFailuresBeforeLockout, 100);
  // Set to 2: the second wrong password locks, and the messages name 2.
  t.record->setAccountSettings({2});
  QString m = wrongSignIn(t, "reader1");
  EXPECT_TRUE(m.contains("1 attempt left")) << m.toStdString();
  m = wrongSignIn(t, "reader1");
  EXPECT_TRUE(m.contains("now locked after 2 failed sign-ins")) << m.toStdString();
  m = refusal([&] { t.record->signIn("reader1", kPassword); });
  EXPECT_TRUE(m.contains("locked after 2 failed sign-ins")) << m.toStdString();
}

}  // namespace
}  // namespace nbra::records
