// Arms, the allocation list and masking (docs/results.md), on SQLite and on PostgreSQL: who may
// record, see and change an arm, and that every refusal writes nothing.
#include <gtest/gtest.h>

#include <QSqlQuery>
#include <functional>

#include "records/audit/AuditTrail.h"
#include "scoring/results/AllocationList.h"
#include "tests/records/RecordTestSupport.h"
#include "workflow/results/TrialResults.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

// The refusal's message; fails the test when `action` is not refused with `kind` or it wrote.
QString refusedMessage(TestTrial& t, const std::function<void()>& action, RecordErrorKind kind) {
  const qint64 before = testing::auditCount(*t.db);
  try {
    action();
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_EQ(testing::auditCount(*t.db), before) << "a refused action wrote: " << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the action was not refused";
  return {};
}

TEST(Arms, TheCoordinatorRecordsAnArmThatOnlyAnUnmaskedUserSees) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "NK");

  // A coordinator who has not unmasked does not see it either: recording is not reading back.
  QString m = refusedMessage(
      t, [&] { t.record->arm("NB-001"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("masked")) << m.toStdString();
  EXPECT_TRUE(m.contains("'coord'")) << m.toStdString();

  t.as("inv");
  m = refusedMessage(
      t, [&] { t.record->arm("NB-001"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("unmask first")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->unmask("", kPassword); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("reason")) << m.toStdString();
  const qint64 before = testing::auditCount(*t.db);
  EXPECT_THROW(t.record->unmask("interim efficacy review", "wrong"), RecordError);
  EXPECT_FALSE(t.record->actorIsUnmasked());
  // The wrong password is audited as a refused signature, nothing else is written.
  EXPECT_EQ(testing::auditCount(*t.db), before + 1);

  t.record->unmask("interim efficacy review (DSMB 2026-12)", kPassword);
  EXPECT_TRUE(t.record->actorIsUnmasked());
  const auto arm = t.record->arm("NB-001");
  ASSERT_TRUE(arm.has_value());
  EXPECT_EQ(arm->arm, "NK");
  EXPECT_EQ(arm->source, "external");
  EXPECT_EQ(arm->recordedByName, "Cora Coordinator");
  m = refusedMessage(
      t, [&] { t.record->unmask("again", kPassword); }, RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already unmasked")) << m.toStdString();

  // The unmasking is in the audit trail with its reason.
  QSqlQuery q = t.db->run(
      "SELECT user_name, reason FROM audit_log WHERE table_name = 'unmaskings' ORDER BY seq");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toString(), "inv");
  EXPECT_TRUE(q.value(1).toString().contains("interim efficacy review"));
  const auto who = t.record->unmaskings();
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].userName, "inv");
}

TEST(Arms, AReaderIsMaskedWhateverItAsksFor) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "CONTROL");
  t.as("reader1");
  for (const auto& [what, action] : std::vector<std::pair<std::string, std::function<void()>>>{
           {"arm", [&] { t.record->arm("NB-001"); }},
           {"history", [&] { t.record->armHistory("NB-001"); }},
           {"unmask", [&] { t.record->unmask("curious", kPassword); }},
           {"unmaskings", [&] { t.record->unmaskings(); }},
           {"results", [&] { workflow::gatherResults(*t.record); }}}) {
    SCOPED_TRACE(what);
    const QString m = refusedMessage(t, action, RecordErrorKind::Refused);
    EXPECT_TRUE(m.contains("reader")) << m.toStdString();
  }
  EXPECT_FALSE(t.record->actorIsUnmasked());
  // Nothing a reader may read carries the arm.
  const SubjectRecord s = t.record->subject("NB-001");
  EXPECT_EQ(s.studyId, "NB-001");
}

TEST(Arms, AChangeNeedsAReasonAndIsRefusedOnceAnyoneHasSeenTheArms) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "NK");
  QString m = refusedMessage(
      t, [&] { t.record->recordArm("NB-001", "CONTROL"); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("needs a reason")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->recordArm("NB-001", "NK", "again"); }, RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already in arm NK")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->recordArm("NB-001", "PLACEBO"); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("'PLACEBO' is not an arm")) << m.toStdString();
  EXPECT_TRUE(m.contains("NK, CONTROL")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->recordArm("NB-999", "NK"); }, RecordErrorKind::NotFound);
  EXPECT_TRUE(m.contains("NB-999")) << m.toStdString();

  t.record->recordArm("NB-001", "CONTROL", "transcription error: randomisation form says CONTROL");
  t.record->unmask("arm check", kPassword);
  const auto history = t.record->armHistory("NB-001");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].arm, "CONTROL");
  EXPECT_EQ(history[1].supersedesId, history[0].id);

  m = refusedMessage(
      t, [&] { t.record->recordArm("NB-001", "NK", "changed my mind"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("can no longer be changed")) << m.toStdString();
  EXPECT_TRUE(m.contains("'coord' unmasked")) << m.toStdString();
  EXPECT_EQ(t.record->arm("NB-001")->arm, "CONTROL");
}

TEST(Arms, TheAllocationListGivesEachSubjectTheNextSlotOnce) {
  TestTrial t;
  t.populate();
  t.as("coord");
  QString m = refusedMessage(
      t, [&] { t.record->allocate("NB-001"); }, RecordErrorKind::NotFound);
  EXPECT_TRUE(m.contains("no allocation list")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->createAllocationList(7, 3, 4); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("allocation list")) << m.toStdString();

  t.record->createAllocationList(20261206, 4, 4);
  m = refusedMessage(
      t, [&] { t.record->createAllocationList(1, 2, 2); }, RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("one list")) << m.toStdString();

  const std::vector<std::string> expected = scoring::allocationList(20261206, 4, 4);
  std::vector<std::string> given;
  for (int i = 0; i < 4; ++i) {
    const QString id = QString("NB-2%1").arg(i);
    t.record->createSubject({id, "M", std::nullopt, 8.0});
    given.push_back(t.record->allocate(id).toStdString());
    m = refusedMessage(
        t, [&] { t.record->allocate(id); }, RecordErrorKind::Conflict);
    EXPECT_TRUE(m.contains("already has an arm")) << m.toStdString();
  }
  EXPECT_EQ(given, expected);
  const auto list = t.record->allocationList();
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->seed, 20261206u);
  EXPECT_EQ(list->used, 4);
  m = refusedMessage(
      t, [&] { t.record->allocate("NB-001"); }, RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("used up")) << m.toStdString();

  t.record->unmask("allocation check", kPassword);
  const auto arm = t.record->arm("NB-22");
  ASSERT_TRUE(arm.has_value());
  EXPECT_EQ(arm->source, "allocation");
  EXPECT_EQ(arm->allocationSequence, 3);
}

TEST(Arms, TheArmTablesAreAppendOnlyInTheDatabaseItself) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "NK");
  t.record->unmask("check", kPassword);
  for (const char* statement : {"UPDATE subject_arms SET arm = 'CONTROL'",
                                "DELETE FROM subject_arms", "DELETE FROM unmaskings"}) {
    SCOPED_TRACE(statement);
    EXPECT_THROW(t.db->run(statement), RecordError);
  }
  EXPECT_EQ(t.record->arm("NB-001")->arm, "NK");
  // And the audit trail replays to exactly these rows.
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << v.message.toStdString() << v.rowMismatches.join("; ").toStdString();
}

}  // namespace
}  // namespace nbra::records
