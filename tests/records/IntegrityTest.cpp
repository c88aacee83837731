// Schema 7 and the gaps it closes: accounts changed outside NBRA (guards on who an account is,
// every row re-derived from the audit trail by verify), one current decision per subject even
// when two sessions decide at once, and a reader's blinded view. On both backends.
#include <gtest/gtest.h>

#include <QRegularExpression>
#include <QSqlQuery>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "records/audit/AuditTrail.h"
#include "records/database/Transaction.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;

qint64 userId(RecordDatabase& db, const QString& userName) {
  QSqlQuery q = db.run("SELECT id FROM users WHERE user_name = ?", {userName});
  return q.next() ? q.value(0).toLongLong() : 0;
}

// The statement fails (a RecordError from the database's own guard) and changes nothing.
bool refusedByDatabase(RecordDatabase& db, const QString& sql) {
  try {
    db.run(sql);
    return false;
  } catch (const RecordError&) {
    return true;
  }
}

std::string mismatches(const AuditVerdict& v) {
  return (v.message + " | " + v.rowMismatches.join(" | ")).toStdString();
}

void dropUserGuard(RecordDatabase& db) {
  if (db.backend() == Backend::Sqlite) {
    db.run("DROP TRIGGER users_identity_fixed");
    db.run("DROP TRIGGER users_no_delete");
  } else {
    db.run("DROP TRIGGER users_identity_fixed ON users");
  }
}

TEST(UserGuard, TheDatabaseRefusesToChangeWhoAnAccountIs) {
  testing::TestTrial t;
  EXPECT_TRUE(refusedByDatabase(
      *t.db, "UPDATE users SET role = 'administrator' WHERE user_name = 'reader1'"));
  EXPECT_TRUE(refusedByDatabase(
      *t.db, "UPDATE users SET full_name = 'Dr Someone Else' WHERE user_name = 'inv'"));
  EXPECT_TRUE(
      refusedByDatabase(*t.db, "UPDATE users SET user_name = 'ivan' WHERE user_name = 'inv'"));
  EXPECT_TRUE(refusedByDatabase(*t.db, "DELETE FROM users WHERE user_name = 'reader2'"));
  QSqlQuery q = t.db->run("SELECT role, full_name FROM users WHERE user_name = 'reader1'");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toString(), "reader");
  q.finish();
  // What NBRA itself changes still works, and verifies.
  t.as("admin");
  t.record->setUserActive("reader2", false, "left the trial");
  t.record->setPassword("reader1", "a new secret 9", "forgotten");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << mismatches(v);
  EXPECT_EQ(v.hashesUnchecked, 0) << "every hash of a schema-7 record has its fingerprint";
  EXPECT_GE(v.rowsChecked, 5);
}

TEST(UserGuard, VerifyReportsAnAccountReactivatedOutsideNbra) {
  testing::TestTrial t;
  t.as("admin");
  t.record->setUserActive("reader2", false, "left the trial");
  ASSERT_TRUE(verifyAudit(*t.db).intact);
  t.db->run("UPDATE users SET active = 1 WHERE user_name = 'reader2'");  // no audit entry
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, 0) << "the chain itself is whole";
  ASSERT_EQ(v.rowMismatches.size(), 1) << mismatches(v);
  const QString expectedRow = QString("users #%1").arg(userId(*t.db, "reader2"));
  EXPECT_TRUE(v.rowMismatches[0].contains(expectedRow)) << mismatches(v);
  EXPECT_TRUE(v.rowMismatches[0].contains("active")) << mismatches(v);
}

TEST(UserGuard, VerifyReportsAPasswordHashSwappedOutsideNbra) {
  testing::TestTrial t;
  // Someone copies their own (known) hash onto the investigator, to sign as them.
  t.db->run(
      "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE user_name = "
      "'reader1') WHERE user_name = 'inv'");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.rowMismatches.size(), 1) << mismatches(v);
  EXPECT_TRUE(v.rowMismatches[0].contains(QString("users #%1").arg(userId(*t.db, "inv"))));
  EXPECT_TRUE(v.rowMismatches[0].contains("password hash")) << mismatches(v);
  // The trail holds a fingerprint of each hash, never the hash itself.
  QSqlQuery q = t.db->run("SELECT password_hash FROM users WHERE user_name = 'inv'");
  ASSERT_TRUE(q.next());
  const QString hash = q.value(0).toString();
  q.finish();
  QSqlQuery leak = t.db->run("SELECT COUNT(*) FROM audit_log WHERE new_values LIKE ?",
                             {"%" + hash.section('$', -1) + "%"});
  ASSERT_TRUE(leak.next());
  EXPECT_EQ(leak.value(0).toInt(), 0);
}

TEST(UserGuard, VerifyReportsARoleChangedWithTheGuardDropped) {
  testing::TestTrial t;
  dropUserGuard(*t.db);
  t.db->run("UPDATE users SET role = 'investigator' WHERE user_name = 'reader1'");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.rowMismatches.size(), 1) << mismatches(v);
  EXPECT_TRUE(
      v.rowMismatches[0].contains("role is 'investigator' in the record but 'reader' by "
                                  "the trail"))
      << mismatches(v);
}

TEST(UserGuard, VerifyReportsAnAccountInsertedOutsideNbra) {
  testing::TestTrial t;
  t.db->run(
      "INSERT INTO users(user_name, full_name, role, password_hash, active, created_utc) "
      "VALUES('mallory', 'Mallory', 'administrator', 'x', 1, '2026-01-01T00:00:00.000Z')");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.rowMismatches.size(), 1) << mismatches(v);
  EXPECT_TRUE(v.rowMismatches[0].contains("no audit entry")) << mismatches(v);
}

// The same replay covers every table NBRA writes: a draft's lesion removed by SQL (no guard
// stops that, drafts are rewritten) is caught too.
TEST(RowReplay, VerifyReportsADraftsContentDeletedOutsideNbra) {
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());  // replaced, audited
  ASSERT_TRUE(verifyAudit(*t.db).intact) << mismatches(verifyAudit(*t.db));
  t.db->run("DELETE FROM lesion_measurements WHERE tracking_id = 'L1'");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  ASSERT_EQ(v.rowMismatches.size(), 1) << mismatches(v);
  EXPECT_TRUE(v.rowMismatches[0].startsWith("lesion_measurements #")) << mismatches(v);
  EXPECT_TRUE(v.rowMismatches[0].contains("deleted outside NBRA")) << mismatches(v);
}

TEST(RowReplay, AFullTrialVerifiesRowByRow) {
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.record->signRead("NB-001", "baseline", kPassword);
  ReadContent corrected = testing::baselineRead();
  corrected.lesions[1].longAxisMm = 33.5;
  t.record->correctRead("NB-001", "baseline", corrected, "remeasured");
  t.as("inv");
  t.record->confirmEligibility("NB-001", false, "on second thought", kPassword, std::nullopt,
                               t.screeningEligibility);
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << mismatches(v);
  // 7 users, a subject, 4 weights, checklist answers and signoff, an enrolment, a lot, 3
  // courses, 3 thaw checks, 3 injections, 2 timepoints, 3 studies, 2 reads, lesions, segments,
  // marrow, 2 decisions, signatures: all of them compared.
  EXPECT_GT(v.rowsChecked, 50);
}

// A record written before schema 7 holds a placeholder, not a fingerprint, for each hash: those
// hashes are counted as unchecked, not reported as tampered, until the password next changes.
TEST(RowReplay, AHashFromBeforeSchemaSevenIsCountedUncheckedUntilItsNextChange) {
  testing::TestTrial t;
  {
    // Rewrite the trail as schema 6 wrote it (and re-hash the chain, as a migration could not).
    testing::dropAuditGuard(*t.db);
    QSqlQuery q = t.db->run("SELECT " + auditColumns() + " FROM audit_log ORDER BY seq");
    std::vector<AuditEntry> entries;
    while (q.next()) {
      entries.push_back(auditEntryFromRow(q));
    }
    q.finish();
    QString prev(64, QChar('0'));
    for (AuditEntry& e : entries) {
      e.newValues.replace(QRegularExpression("\"sha256:[0-9a-f]{64}\""),
                          "\"(Argon2id hash, not logged)\"");
      e.prevHash = prev;
      e.hash = auditHash(e);
      t.db->run("UPDATE audit_log SET new_values = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                {e.newValues, e.prevHash, e.hash, e.seq});
      prev = e.hash;
    }
    t.db->run("UPDATE record_meta SET value = ? WHERE key = 'audit_head_hash'", {prev});
  }
  AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << mismatches(v);
  EXPECT_EQ(v.hashesUnchecked, 7);  // admin, coord, inv, reader1, reader2, adj, adj2
  t.as("admin");
  t.record->setPassword("inv", "a new secret 9", "yearly change");
  v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << mismatches(v);
  EXPECT_EQ(v.hashesUnchecked, 6);
  t.db->run(
      "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE user_name = "
      "'reader1') WHERE user_name = 'inv'");
  v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact) << "inv's hash is checked again since its change";
}

// --- one current decision per subject ---------------------------------------------------------

qint64 subjectRowId(RecordDatabase& db, const QString& studyId) {
  QSqlQuery q = db.run("SELECT id FROM subjects WHERE study_id = ?", {studyId});
  return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 firstDecisions(RecordDatabase& db, const QString& table, qint64 subject) {
  QSqlQuery q =
      db.run("SELECT COUNT(*) FROM " + table + " WHERE subject_id = ? AND supersedes_id IS NULL",
             {subject});
  return q.next() ? q.value(0).toLongLong() : -1;
}

TEST(OneDecision, TheDatabaseRefusesASecondFirstDecisionOrASecondCorrection) {
  testing::TestTrial t;
  t.populate();  // NB-001 has a signed first eligibility decision
  const qint64 subject = subjectRowId(*t.db, "NB-001");
  const qint64 inv = userId(*t.db, "inv");
  const QString insert =
      "INSERT INTO eligibility_confirmations(subject_id, eligible, reason, supersedes_id, "
      "created_utc, created_by) VALUES(%1, 1, 'x', %2, '2026-01-01T00:00:00.000Z', %3)";
  EXPECT_TRUE(refusedByDatabase(*t.db, insert.arg(subject).arg("NULL").arg(inv)));
  // A correction is fine once; a second correction of the same decision is a fork.
  t.as("inv");
  t.record->confirmEligibility("NB-001", false, "marrow not confirmed", kPassword, std::nullopt,
                               t.screeningEligibility);
  EXPECT_TRUE(refusedByDatabase(*t.db, insert.arg(subject).arg(t.screeningEligibility).arg(inv)));
  EXPECT_EQ(firstDecisions(*t.db, "eligibility_confirmations", subject), 1);
  // The same rule for extra-dose decisions.
  t.record->decideExtraDoses("NB-001", false, "not yet", kPassword);
  EXPECT_TRUE(refusedByDatabase(
      *t.db, QString("INSERT INTO extra_dose_decisions(subject_id, approved, reason, "
                     "created_utc, created_by) VALUES(%1, 1, 'x', '2026-01-01T00:00:00.000Z', "
                     "%2)")
                 .arg(subject)
                 .arg(inv)));
  EXPECT_EQ(firstDecisions(*t.db, "extra_dose_decisions", subject), 1);
}

// Two sessions decide the first eligibility of one subject at the same moment. Session A has
// inserted its decision and not yet committed; session B (another thread, its own connection,
// the real TrialRecord path) reads "no decision yet" -- on PostgreSQL under read committed it
// cannot see A's row -- and inserts too. Exactly one may land.
TEST(OneDecision, TwoSessionsDecidingAtOnceCannotBothSucceed) {
  testing::TestTrial t;
  t.as("coord");
  t.record->createSubject({"NB-002", "M", std::nullopt, 6.0});
  const qint64 subject = subjectRowId(*t.db, "NB-002");
  const qint64 inv = userId(*t.db, "inv");
  std::atomic<bool> bDone{false};
  std::atomic<bool> bSignedIn{false};
  std::atomic<bool> aWritten{false};
  std::string bError;
  bool bRefusedAsConflict = false;
  // B signs in before A's transaction opens: a sign-in writes its attempt (schema 12), and on
  // SQLite it would otherwise be the sign-in, not the decision, that waits for A.
  std::thread b([&] {
    try {
      RecordDatabase db(t.location);
      TrialRecord record(db, HashCost::Minimal);
      record.signIn("inv", kPassword);
      bSignedIn = true;
      while (!aWritten) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      record.confirmEligibility("NB-002", true, "session B", kPassword);
    } catch (const RecordError& e) {
      bError = e.what();
      bRefusedAsConflict = e.kind() == RecordErrorKind::Conflict;
    }
    bSignedIn = true;
    bDone = true;
  });
  while (!bSignedIn) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    Transaction a(*t.db);  // SQLite: takes the write lock; PostgreSQL: an open transaction
    t.db->run(QString("INSERT INTO eligibility_confirmations(subject_id, eligible, reason, "
                      "created_utc, created_by) VALUES(%1, 1, 'session A', "
                      "'2026-01-01T00:00:00.000Z', %2)")
                  .arg(subject)
                  .arg(inv));
    aWritten = true;
    // Give B the time to pass its check and reach its insert (where it now waits on A).
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_FALSE(bDone.load()) << "B must wait for A, not decide beside it: " << bError;
    a.commit();
  }
  b.join();
  EXPECT_TRUE(bRefusedAsConflict) << "B: '" << bError << "'";
  EXPECT_NE(bError.find("NB-002"), std::string::npos) << bError;
  EXPECT_EQ(firstDecisions(*t.db, "eligibility_confirmations", subject), 1);
}

// --- blinded reading ----------------------------------------------------------------------------

AssessmentInput assessmentOf(const char* response) {
  AssessmentInput a;
  a.ruleSetVersion = "test-rules";
  a.overallResponse = QString(response);
  a.extraDoses = "not-yet-decidable";
  a.outputJson = "{}";
  return a;
}

std::vector<QString> assessedTimepoints(TrialRecord& record) {
  std::vector<QString> out;
  for (const AssessmentRecord& a : record.assessments("NB-001")) {
    out.push_back(a.timepointLabel);
  }
  return out;
}

// The assessments of a timepoint after the reader signed a read of it; the decisions (which rest
// on the outcome) once no read of the reader is pending on the subject.
TEST(BlindedReading, AReaderSeesOutcomesOnlyOfWhatTheyHaveReadAndSigned) {
  testing::TestTrial t;
  t.populate();
  t.as("inv");
  t.record->recordAssessment("NB-001", "baseline", assessmentOf("NE"));
  t.record->recordAssessment("NB-001", "after injection 3", assessmentOf("PR"));
  t.record->decideExtraDoses("NB-001", false, "not yet", kPassword);
  ASSERT_EQ(t.record->subject("NB-001").eligibility.size(), 1u);
  ASSERT_EQ(t.record->subject("NB-001").extraDoseDecisions.size(), 1u);
  t.as("reader1");
  SubjectRecord s = t.record->subject("NB-001");
  EXPECT_TRUE(s.eligibility.empty());
  EXPECT_TRUE(s.extraDoseDecisions.empty());
  EXPECT_EQ(s.injections.size(), 3u) << "the rest of the subject stays visible";
  EXPECT_EQ(s.timepoints.size(), 2u);
  EXPECT_TRUE(assessedTimepoints(*t.record).empty());
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  EXPECT_TRUE(assessedTimepoints(*t.record).empty()) << "a draft is not a finished reading";
  t.record->signRead("NB-001", "baseline", kPassword);
  EXPECT_EQ(assessedTimepoints(*t.record), std::vector<QString>{"baseline"});
  EXPECT_TRUE(t.record->subject("NB-001").extraDoseDecisions.empty())
      << "the follow-up is still to be read";
  t.record->saveRead("NB-001", "after injection 3", testing::followUpRead());
  t.record->signRead("NB-001", "after injection 3", kPassword);
  EXPECT_EQ(assessedTimepoints(*t.record).size(), 2u);
  s = t.record->subject("NB-001");
  EXPECT_EQ(s.eligibility.size(), 1u);
  EXPECT_EQ(s.extraDoseDecisions.size(), 1u);
  // Another reader is still blind; the coordinator's view is unchanged.
  t.as("reader2");
  EXPECT_TRUE(assessedTimepoints(*t.record).empty());
  EXPECT_TRUE(t.record->subject("NB-001").eligibility.empty());
  t.as("coord");
  EXPECT_EQ(assessedTimepoints(*t.record).size(), 2u);
  EXPECT_EQ(t.record->subject("NB-001").extraDoseDecisions.size(), 1u);
}

TEST(BlindedReading, AReaderSeesAnotherReadersSignedReadOnlyAfterSigningTheirOwn) {
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.record->signRead("NB-001", "baseline", kPassword);
  t.as("reader2");
  EXPECT_TRUE(t.record->reads("NB-001", "baseline").empty())
      << "reader2 has not read the baseline yet: reader1's read must not sway theirs";
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].readerUserName, "reader2");
  t.record->signRead("NB-001", "baseline", kPassword);
  reads = t.record->reads("NB-001", "baseline");
  EXPECT_EQ(reads.size(), 2u) << "once signed, the other read may be compared";
  // Investigators see every signed read, as before.
  t.as("inv");
  EXPECT_EQ(t.record->reads("NB-001", "baseline").size(), 2u);
}

}  // namespace
}  // namespace nbra::records
