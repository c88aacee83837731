// Plain-SQL edits, deletions and reorderings of audit rows are detected and the first bad entry
// is named.
#include <gtest/gtest.h>

#include "records/audit/AuditTrail.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

class AuditTamper : public ::testing::Test {
 protected:
  void SetUp() override {
    t.populate();
    entries = testing::auditCount(*t.db);
    ASSERT_GT(entries, 10);
    ASSERT_TRUE(verifyAudit(*t.db).intact);
    testing::dropAuditGuard(*t.db);  // what a forger has to do first
  }
  testing::TestTrial t;
  qint64 entries = 0;
};

TEST_F(AuditTamper, AnEditedValueIsDetectedAtThatEntry) {
  t.db->run(
      "UPDATE audit_log SET new_values = REPLACE(new_values, '18.4', '28.4') WHERE seq = "
      "(SELECT MIN(seq) FROM audit_log WHERE table_name = 'body_measurements')");
  QSqlQuery q = t.db->run("SELECT MIN(seq) FROM audit_log WHERE table_name = 'body_measurements'");
  ASSERT_TRUE(q.next());
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, q.value(0).toLongLong());
  EXPECT_TRUE(v.message.contains("altered")) << v.message.toStdString();
}

TEST_F(AuditTamper, AnEditWithARecomputedHashBreaksTheNextLink) {
  // The forger recomputes the edited entry's own hash; the following entry still names the
  // original one.
  QSqlQuery q = t.db->run("SELECT " + auditColumns() + " FROM audit_log WHERE seq = 5");
  ASSERT_TRUE(q.next());
  AuditEntry e = auditEntryFromRow(q);
  e.userName = "someone-else";
  q.finish();
  t.db->run("UPDATE audit_log SET user_name = ?, hash = ? WHERE seq = 5",
            {e.userName, auditHash(e)});
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, 6);
}

TEST_F(AuditTamper, ADeletedEntryIsDetected) {
  t.db->run("DELETE FROM audit_log WHERE seq = 7");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, 7);
  EXPECT_TRUE(v.message.contains("missing")) << v.message.toStdString();
}

TEST_F(AuditTamper, DeletingTheNewestEntryIsDetected) {
  t.db->run("DELETE FROM audit_log WHERE seq = ?", {entries});
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, entries);
}

TEST_F(AuditTamper, ReorderedEntriesAreDetected) {
  // Swap the sequence numbers of entries 3 and 4 (through a free number).
  t.db->run("UPDATE audit_log SET seq = -1 WHERE seq = 3");
  t.db->run("UPDATE audit_log SET seq = 3 WHERE seq = 4");
  t.db->run("UPDATE audit_log SET seq = 4 WHERE seq = -1");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, 3);
}

TEST_F(AuditTamper, AnInsertedEntryIsDetected) {
  t.db->run("UPDATE audit_log SET seq = seq + 1000 WHERE seq > 8");
  t.db->run("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000");
  t.db->run(
      "INSERT INTO audit_log(seq, at_utc, user_name, action, table_name, record_id, old_values, "
      "new_values, reason, prev_hash, hash) SELECT 9, at_utc, user_name, action, table_name, "
      "record_id, old_values, new_values, reason, hash, hash FROM audit_log WHERE seq = 8");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.firstBadSeq, 9);
}

TEST(AuditGuard, TheDatabaseRefusesToEditOrDeleteHistory) {
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.record->signRead("NB-001", "baseline", testing::kPassword);
  const qint64 before = testing::auditCount(*t.db);
  for (const char* sql :
       {"UPDATE audit_log SET reason = 'x' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2",
        "UPDATE signatures SET meaning = 'x'", "DELETE FROM signatures",
        "UPDATE reads SET source_json = '{}' WHERE status = 'signed'",
        "DELETE FROM reads WHERE status = 'signed'"}) {
    SCOPED_TRACE(sql);
    try {
      t.db->run(sql);
      ADD_FAILURE() << "the database accepted it";
    } catch (const RecordError& e) {
      const std::string m = e.what();
      EXPECT_TRUE(m.find("append-only") != std::string::npos ||
                  m.find("signed read never changes") != std::string::npos)
          << m;
    }
  }
  EXPECT_EQ(testing::auditCount(*t.db), before);
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

// Migration 5: the subject's history (never edited by NBRA) refuses edits and deletes too.
TEST(AuditGuard, TheDatabaseRefusesToEditOrDeleteASubjectsHistory) {
  testing::TestTrial t;
  t.populate();
  const qint64 before = testing::auditCount(*t.db);
  for (const char* table : {"subjects", "enrolments", "body_measurements", "injections",
                            "timepoints", "timepoint_studies"}) {
    QSqlQuery rows = t.db->run(QString("SELECT COUNT(*) FROM %1").arg(table));
    ASSERT_TRUE(rows.next());
    ASSERT_GT(rows.value(0).toLongLong(), 0) << table << " has no row to tamper with";
    rows.finish();
    for (const QString& sql :
         {QString("UPDATE %1 SET id = id").arg(table), QString("DELETE FROM %1").arg(table)}) {
      SCOPED_TRACE(sql.toStdString());
      try {
        t.db->run(sql);
        ADD_FAILURE() << "the database accepted it";
      } catch (const RecordError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find(QString("the %1 table is append-only").arg(table).toStdString()),
                  std::string::npos)
            << m;
      }
    }
  }
  EXPECT_EQ(testing::auditCount(*t.db), before);
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

TEST(AuditGuard, ContentCannotBeMovedIntoASignedRead) {
  // A draft's rows re-pointed at a signed read would change the signed read without touching it.
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  const qint64 signedRead = t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.record->signRead("NB-001", "baseline", testing::kPassword);
  const qint64 draft = t.record->saveRead("NB-001", "after injection 3", testing::followUpRead());
  const qint64 before = testing::auditCount(*t.db);
  const QString moves[] = {
      "UPDATE lesion_measurements SET read_id = ?, tracking_id = 'moved-' || tracking_id "
      "WHERE read_id = ?",
      "UPDATE mibg_segments SET read_id = ?, segment = segment + 100 WHERE read_id = ?",
      "UPDATE marrow_results SET read_id = ?, sample_number = sample_number + 100 "
      "WHERE read_id = ?",
      "UPDATE pet_findings SET read_id = ? WHERE read_id = ?"};
  for (const QString& sql : moves) {
    SCOPED_TRACE(sql.toStdString());
    QSqlQuery rows = t.db->run(
        QString("SELECT COUNT(*) FROM %1 WHERE read_id = ?").arg(sql.section(' ', 1, 1)), {draft});
    ASSERT_TRUE(rows.next());
    if (rows.value(0).toLongLong() == 0) {
      continue;  // nothing of that kind in the draft to move
    }
    try {
      t.db->run(sql, {signedRead, draft});
      ADD_FAILURE() << "the database accepted it";
    } catch (const RecordError& e) {
      EXPECT_NE(std::string(e.what()).find("signed read never changes"), std::string::npos)
          << e.what();
    }
  }
  QSqlQuery lesions =
      t.db->run("SELECT COUNT(*) FROM lesion_measurements WHERE read_id = ?", {draft});
  ASSERT_TRUE(lesions.next());
  EXPECT_GT(lesions.value(0).toLongLong(), 0) << "the draft must still hold its lesions";
  EXPECT_EQ(testing::auditCount(*t.db), before);
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

TEST(AuditVerify, TheChainAndTheHeadAreReadInOneSnapshot) {
  // Another session appends between the walk of the chain and the read of the stored head: a
  // verify that read them in two snapshots would call the intact trail broken.
  testing::TestTrial t;
  t.populate();
  RecordDatabase other(t.location);
  TrialRecord writer(other, HashCost::Minimal);
  writer.signIn("coord", testing::kPassword);  // writes its attempt: count after it
  const qint64 entries = testing::auditCount(*t.db);
  const AuditVerdict v = verifyAudit(*t.db, [&] {
    writer.recordBodyMeasurement("NB-001", QDate(2026, 5, 5), 17.8, std::nullopt);
  });
  EXPECT_TRUE(v.intact) << v.message.toStdString();
  EXPECT_EQ(v.entries, entries);
  EXPECT_GT(testing::auditCount(*t.db), entries) << "the other session's write committed";
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

TEST(AuditVerify, AnOlderRecordIsRefusedNotMigrated) {
  // Verifying must not write: opening for verification never runs the forward migrations.
  testing::TestTrial t;
  t.populate();
  t.db->run("UPDATE record_meta SET value = '3' WHERE key = 'schema_version'");
  try {
    RecordDatabase verifying(t.location, OpenMode::VerifyOnly);
    ADD_FAILURE() << "an older record was opened for verification";
  } catch (const RecordError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("schema version 3"), std::string::npos) << m;
    EXPECT_NE(m.find("needs migrating"), std::string::npos) << m;
  }
  EXPECT_EQ(t.db->schemaVersion(), 3) << "verification migrated the record";
  t.db->run("UPDATE record_meta SET value = ? WHERE key = 'schema_version'",
            {QString::number(RecordDatabase::kSchemaVersion)});
  RecordDatabase verifying(t.location, OpenMode::VerifyOnly);
  EXPECT_TRUE(verifyAudit(verifying).intact);
}

}  // namespace
}  // namespace nbra::records
