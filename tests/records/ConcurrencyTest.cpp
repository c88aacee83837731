// Two sessions writing at once (two workstations on one central record): every action lands,
// and the audit chain stays one unbroken line. On PostgreSQL this exercises the lock on the
// audit table, on SQLite the up-front write lock and the busy timeout.
#include <gtest/gtest.h>

#include <QDate>
#include <atomic>
#include <thread>

#include "records/audit/AuditTrail.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

TEST(Concurrency, TwoWritersKeepOneUnbrokenChain) {
  testing::TestTrial t;
  t.as("admin");
  t.record->createUser("coord2", "Second Coordinator", Role::Coordinator, testing::kPassword);
  constexpr int kEach = 25;
  std::atomic<int> failures{0};
  std::string firstFailure;
  auto writer = [&](const QString& user, const QString& prefix) {
    try {
      RecordDatabase db(t.location);  // a connection of this thread's own
      TrialRecord record(db, HashCost::Minimal);
      record.signIn(user, testing::kPassword);
      for (int i = 0; i < kEach; ++i) {
        const QString id = QString("%1-%2").arg(prefix).arg(i);
        record.createSubject({id, "U", std::nullopt, 4.0});
        record.recordBodyMeasurement(id, QDate(2026, 6, 1), 16.25, std::nullopt);
      }
    } catch (const std::exception& e) {
      if (failures++ == 0) {
        firstFailure = e.what();
      }
    }
  };
  std::thread a(writer, QString("coord"), QString("A"));
  std::thread b(writer, QString("coord2"), QString("B"));
  a.join();
  b.join();
  ASSERT_EQ(failures.load(), 0) << firstFailure;
  t.as("coord");
  EXPECT_EQ(t.record->subjectIds().size(), 2 * kEach);
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << v.message.toStdString();
  EXPECT_EQ(v.entries, testing::auditCount(*t.db));
}

}  // namespace
}  // namespace nbra::records
