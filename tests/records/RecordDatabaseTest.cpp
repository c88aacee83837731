// SQLite specifics of the trial record: creation, migration, refusal of newer versions and
// non-databases, WAL + synchronous=FULL, locked and full databases reported as messages.
#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <fstream>

#include "records/audit/AuditTrail.h"
#include "records/database/RecordDatabase.h"
#include "records/schema/Migrations.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {
namespace {

constexpr const char* kPassword = "pw-for-tests";

TEST(RecordDatabase, CreatesAndStampsANewRecord) {
  QTemporaryDir tmp;
  {
    RecordDatabase record(tmp.filePath("trial.sqlite"));
    EXPECT_EQ(record.schemaVersion(), RecordDatabase::kSchemaVersion);
  }
  RecordDatabase reopened(tmp.filePath("trial.sqlite"));
  EXPECT_EQ(reopened.schemaVersion(), RecordDatabase::kSchemaVersion);
}

TEST(RecordDatabase, RunsInWalModeWithFullSync) {
  QTemporaryDir tmp;
  RecordDatabase record(tmp.filePath("trial.sqlite"));
  QSqlQuery mode = record.run("PRAGMA journal_mode");
  ASSERT_TRUE(mode.next());
  EXPECT_EQ(mode.value(0).toString(), "wal");
  QSqlQuery sync = record.run("PRAGMA synchronous");
  ASSERT_TRUE(sync.next());
  EXPECT_EQ(sync.value(0).toInt(), 2);  // FULL
}

TEST(RecordDatabase, MigratesAVersionOneRecordForward) {
  QTemporaryDir tmp;
  const QString path = tmp.filePath("trial.sqlite");
  {
    // What the foundation wrote: only the stamp.
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
    db.setDatabaseName(path);
    ASSERT_TRUE(db.open());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec("CREATE TABLE record_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    ASSERT_TRUE(q.exec("INSERT INTO record_meta VALUES('schema_version', '1')"));
    db.close();
  }
  QSqlDatabase::removeDatabase("v1");
  RecordDatabase record(path);
  EXPECT_EQ(record.schemaVersion(), RecordDatabase::kSchemaVersion);
  QSqlQuery q = record.run("SELECT COUNT(*) FROM audit_log");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toInt(), 0);
  q.finish();
  // Version 3's guards: two per append-only table, two for signed reads, three for each of the
  // four tables of a read's content; version 4's one per content table (no moving rows in);
  // version 5's two per table of the subject's history; version 7's two on users (identity,
  // no delete); version 9's two per table of arms, allocation and unmasking; version 10's two
  // per table of the checklist, courses, lots and thaw checks; version 11's two per table of the
  // reading design, assignments, comparisons and adjudications; version 12's two per table of
  // sign-in attempts and unlocks.
  QSqlQuery triggers = record.run("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'");
  ASSERT_TRUE(triggers.next());
  EXPECT_EQ(triggers.value(0).toInt(),
            5 * 2 + 2 + 4 * 3 + 4 + 6 * 2 + 2 + 4 * 2 + 5 * 2 + 4 * 2 + 2 * 2);
  triggers.finish();
  // Version 7's unique indexes: one first decision per subject, one correction per decision.
  QSqlQuery indexes =
      record.run("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE '%_one_%'");
  ASSERT_TRUE(indexes.next());
  EXPECT_EQ(indexes.value(0).toInt(), 4);
}

// A version-9 record with an injection (written before lots, courses and timing existed) opens
// at version 10 and on (the current version): the injection is kept, with no lot and no timing
// rather than invented ones.
TEST(RecordDatabase, MigratesAVersionNineInjectionWithoutInventingItsProduct) {
  QTemporaryDir tmp;
  const QString path = tmp.filePath("trial.sqlite");
  {
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v9");
    db.setDatabaseName(path);
    ASSERT_TRUE(db.open());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec("CREATE TABLE record_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    ASSERT_TRUE(q.exec("INSERT INTO record_meta VALUES('schema_version', '9')"));
    for (const Migration& m : migrations()) {
      if (m.to > 9) {
        continue;
      }
      for (const QString& statement : m.statements + m.sqliteStatements) {
        ASSERT_TRUE(q.exec(dialect(statement, Backend::Sqlite)))
            << q.lastError().text().toStdString();
      }
    }
    ASSERT_TRUE(
        q.exec("INSERT INTO users(id, user_name, full_name, role, password_hash, active, "
               "created_utc) VALUES(1, 'coord', 'Cora', 'coordinator', 'x', 1, 'now')"));
    ASSERT_TRUE(
        q.exec("INSERT INTO subjects(id, study_id, sex, birth_date, created_utc, "
               "created_by) VALUES(1, 'NB-009', 'F', '2018-01-01', 'now', 1)"));
    ASSERT_TRUE(
        q.exec("INSERT INTO injections(subject_id, number, given_date, weight_kg, "
               "dose_cells, cells_given, recorded_utc, recorded_by) VALUES(1, 1, "
               "'2026-01-20', 18.0, 90000000, 90000000, 'now', 1)"));
    db.close();
  }
  QSqlDatabase::removeDatabase("v9");
  RecordDatabase record(path);
  EXPECT_EQ(record.schemaVersion(), RecordDatabase::kSchemaVersion);
  QSqlQuery q = record.run("SELECT number, lot_id, timing, days_from_due FROM injections");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toInt(), 1);
  EXPECT_TRUE(q.value(1).isNull());
  EXPECT_TRUE(q.value(2).isNull());
  EXPECT_TRUE(q.value(3).isNull());
  q.finish();
  for (const char* table : {"checklist_answers", "checklist_signoffs", "chemotherapy_courses",
                            "product_lots", "thaw_checks", "reading_designs", "read_assignments",
                            "read_comparisons", "adjudications"}) {
    QSqlQuery empty = record.run(QString("SELECT COUNT(*) FROM %1").arg(table));
    ASSERT_TRUE(empty.next()) << table;
    EXPECT_EQ(empty.value(0).toInt(), 0) << table;
  }
}

// A version-11 record (accounts, no sign-in attempts yet) opens at version 12: its accounts start
// with no failures, sign in, lock after five wrong passwords, and the trail still verifies.
TEST(RecordDatabase, MigratesAVersionElevenRecordWhoseAccountsThenSignInAndLockOut) {
  QTemporaryDir tmp;
  const QString path = tmp.filePath("trial.sqlite");
  {
    // Accounts as schema 11 wrote them (creating them touches no table of version 12), then the
    // record taken back to 11: version 12's tables gone (their triggers and indexes with them).
    RecordDatabase record(path);
    TrialRecord trial(record, HashCost::Minimal);
    trial.bootstrapAdministrator("admin", "Ada Admin", kPassword);
    trial.createUser("reader1", "Dr Rita Reader", Role::Reader, kPassword);
    record.run("DROP TABLE account_unlocks");
    record.run("DROP TABLE sign_in_attempts");
    record.run("UPDATE record_meta SET value = '11' WHERE key = 'schema_version'");
  }
  {
    // Verification refuses the old record rather than migrating it.
    EXPECT_THROW(RecordDatabase(path, OpenMode::VerifyOnly), RecordError);
  }
  RecordDatabase record(path);
  ASSERT_EQ(RecordDatabase::kSchemaVersion, 12);
  EXPECT_EQ(record.schemaVersion(), 12);
  for (const char* table : {"sign_in_attempts", "account_unlocks"}) {
    QSqlQuery empty = record.run(QString("SELECT COUNT(*) FROM %1").arg(table));
    ASSERT_TRUE(empty.next()) << table;
    EXPECT_EQ(empty.value(0).toInt(), 0) << table;
  }
  QSqlQuery guards = record.run(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND (tbl_name = "
      "'sign_in_attempts' OR tbl_name = 'account_unlocks')");
  ASSERT_TRUE(guards.next());
  EXPECT_EQ(guards.value(0).toInt(), 4);
  guards.finish();
  TrialRecord trial(record, HashCost::Minimal);
  trial.signIn("reader1", kPassword);
  for (int i = 0; i < 5; ++i) {
    EXPECT_THROW(trial.signIn("reader1", "wrong"), RecordError);
  }
  try {
    trial.signIn("reader1", kPassword);
    ADD_FAILURE() << "a locked account signed in";
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("locked after 5 failed sign-ins"), std::string::npos)
        << e.what();
  }
  trial.signIn("admin", kPassword);
  trial.unlockUser("reader1", "forgot the password after the migration");
  trial.signIn("reader1", kPassword);
  const AuditVerdict v = verifyAudit(record);
  EXPECT_TRUE(v.intact) << v.message.toStdString() << v.rowMismatches.join("\n").toStdString();
}

TEST(RecordDatabase, RefusesARecordFromANewerVersionByName) {
  QTemporaryDir tmp;
  {
    RecordDatabase record(tmp.filePath("trial.sqlite"));
    record.run("UPDATE record_meta SET value = '999' WHERE key = 'schema_version'");
  }
  try {
    RecordDatabase record(tmp.filePath("trial.sqlite"));
    FAIL() << "a newer record must not be opened";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Storage);
    EXPECT_NE(std::string(e.what()).find("trial.sqlite"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  // Refused, not downgraded: the stamp is untouched.
  QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "peek");
  db.setDatabaseName(tmp.filePath("trial.sqlite"));
  ASSERT_TRUE(db.open());
  QSqlQuery q(db);
  ASSERT_TRUE(q.exec("SELECT value FROM record_meta WHERE key = 'schema_version'") && q.next());
  EXPECT_EQ(q.value(0).toString(), "999");
  q.finish();
  db.close();
  db = QSqlDatabase();
  QSqlDatabase::removeDatabase("peek");
}

TEST(RecordDatabase, RefusesAFileThatIsNotADatabase) {
  QTemporaryDir tmp;
  std::ofstream(tmp.filePath("trial.sqlite").toStdString())
      << "plain text, certainly not SQLite, long enough to have a header";
  try {
    RecordDatabase record(tmp.filePath("trial.sqlite"));
    FAIL() << "not a database";
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("trial.sqlite"), std::string::npos) << e.what();
  }
}

TEST(RecordDatabase, ALockedRecordIsReportedAsAMessage) {
  QTemporaryDir tmp;
  const QString path = tmp.filePath("trial.sqlite");
  RecordDatabase first(path);
  TrialRecord record(first, HashCost::Minimal);
  record.bootstrapAdministrator("admin", "Ada Admin", kPassword);
  RecordDatabase second(path);
  second.run("BEGIN IMMEDIATE");  // another program holds the write lock
  try {
    record.createUser("coord", "Cora", Role::Coordinator, kPassword);
    FAIL() << "the write must fail while another connection holds the lock";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Storage);
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("trial.sqlite"), std::string::npos) << e.what();
  }
  second.run("ROLLBACK");
  record.createUser("coord", "Cora", Role::Coordinator, kPassword);  // works once released
  EXPECT_TRUE(verifyAudit(first).intact);
}

TEST(RecordDatabase, AFullDiskIsReportedAndNothingIsHalfWritten) {
  QTemporaryDir tmp;
  RecordDatabase db(tmp.filePath("trial.sqlite"));
  TrialRecord record(db, HashCost::Minimal);
  record.bootstrapAdministrator("admin", "Ada Admin", kPassword);
  QSqlQuery pages = db.run("PRAGMA page_count");
  ASSERT_TRUE(pages.next());
  // SQLite's own limit stands in for a full disk: the same SQLITE_FULL reaches the code.
  db.run(QString("PRAGMA max_page_count = %1").arg(pages.value(0).toInt()));
  pages.finish();
  const QString longName(20000, QChar('x'));
  try {
    record.createUser("coord", longName, Role::Coordinator, kPassword);
    FAIL() << "the write must fail on a full database";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Storage);
    EXPECT_NE(std::string(e.what()).find("disk is full"), std::string::npos) << e.what();
  }
  db.run("PRAGMA max_page_count = 1000000");
  QSqlQuery q = db.run("SELECT COUNT(*) FROM users");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toInt(), 1);
  EXPECT_TRUE(verifyAudit(db).intact);
}

}  // namespace
}  // namespace nbra::records
