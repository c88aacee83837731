// kill -9 at random moments while a child writes: after every kill the record opens, the audit
// chain verifies, and every action the child acknowledged (its commit had returned) is there.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <random>

#include "records/audit/AuditTrail.h"
#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {
namespace {

constexpr int kKills = 200;

TEST(CrashTest, KillNineNeverLosesAnAcknowledgedActionNorBreaksTheChain) {
  QTemporaryDir tmp;
  const QString path = tmp.filePath("trial.sqlite");
  {
    RecordDatabase db(path);
    TrialRecord record(db, HashCost::Minimal);
    record.bootstrapAdministrator("admin", "Ada Admin", "crash-test");
    record.createUser("coord", "Cora Coordinator", Role::Coordinator, "crash-test");
  }
  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> delayMs(0, 40);
  QElapsedTimer timer;
  timer.start();
  qint64 acknowledged = 0;
  qint64 committedUnacknowledged = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    SCOPED_TRACE("kill " + std::to_string(kill));
    const QString prefix = QString("K%1").arg(kill);
    QProcess child;
    child.start(NBRA_CRASH_WRITER, {path, prefix});
    ASSERT_TRUE(child.waitForStarted(5000)) << child.errorString().toStdString();
    ASSERT_TRUE(child.waitForReadyRead(10000))
        << "the writer never became ready: " << child.readAllStandardError().toStdString();
    QThread::msleep(static_cast<unsigned long>(delayMs(random)));
    child.kill();  // SIGKILL
    ASSERT_TRUE(child.waitForFinished(5000));
    ASSERT_EQ(child.exitStatus(), QProcess::CrashExit)
        << "the writer stopped by itself: " << child.readAllStandardError().toStdString();
    QStringList acks;
    for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
      if (line.startsWith("ack ")) {
        acks << QString::fromUtf8(line.mid(4));
      }
    }
    acknowledged += acks.size();

    RecordDatabase db(path);
    const AuditVerdict v = verifyAudit(db);
    ASSERT_TRUE(v.intact) << v.message.toStdString();
    QStringList subjects;
    QSqlQuery q = db.run("SELECT study_id FROM subjects WHERE study_id LIKE ?", {prefix + "-%"});
    while (q.next()) {
      subjects << q.value(0).toString();
    }
    QStringList weights;
    QSqlQuery w = db.run(
        "SELECT s.study_id FROM body_measurements m JOIN subjects s ON s.id = m.subject_id WHERE "
        "s.study_id LIKE ?",
        {prefix + "-%"});
    while (w.next()) {
      weights << w.value(0).toString() + "/weight";
    }
    for (const QString& ack : acks) {
      EXPECT_TRUE(subjects.contains(ack) || weights.contains(ack))
          << "acknowledged but lost: " << ack.toStdString();
    }
    // At most one action can have committed without its acknowledgement being read.
    const qsizetype present = subjects.size() + weights.size();
    EXPECT_GE(present, acks.size());
    EXPECT_LE(present, acks.size() + 1);
    committedUnacknowledged += present - acks.size();
  }
  const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
  std::printf(
      "crash test: %d kills in %.1f s, %lld acknowledged actions all present, %lld "
      "committed before their acknowledgement was printed\n",
      kKills, seconds, static_cast<long long>(acknowledged),
      static_cast<long long>(committedUnacknowledged));
  EXPECT_GT(acknowledged, kKills) << "the kills must land while the writer is writing";
}

}  // namespace
}  // namespace nbra::records
