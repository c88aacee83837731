// Every permission for every role: the allowed roles get past the role check, every other role
// is refused with a message naming the user, the role and what was refused.
#include <gtest/gtest.h>

#include <QSqlQuery>

#include "tests/records/RecordTestSupport.h"
#include "workflow/export/ReportData.h"
#include "workflow/results/TrialResults.h"

namespace nbra::records {
namespace {

using testing::kPassword;

// One representative action per permission.
void attempt(TrialRecord& r, Permission p) {
  switch (p) {
    case Permission::ManageUsers:
      r.createUser("newbie", "New Person", Role::Reader, kPassword);
      return;
    case Permission::CreateSubject:
      r.createSubject({"NB-050", "M", std::nullopt, 9.0});
      return;
    case Permission::RecordBodyMeasurement:
      r.recordBodyMeasurement("NB-001", QDate(2026, 5, 1), 17.5, std::nullopt);
      return;
    case Permission::Enrol:
      r.enrol("NB-001", QDate(2026, 1, 15), "Site 02");
      return;
    case Permission::RecordInjection:
      r.recordInjection("NB-001", 1, QDate(2026, 1, 20), 1);
      return;
    case Permission::CreateTimepoint:
      r.addTimepoint("NB-001", "week 12", "follow-up", QDate(2026, 4, 1), {});
      return;
    case Permission::SaveRead:
      r.saveRead("NB-001", "baseline", testing::baselineRead());
      return;
    case Permission::ConfirmEligibility:
      r.confirmEligibility("NB-001", true, "criterion 1", kPassword);
      return;
    case Permission::RecordAssessment:
      r.recordAssessment("NB-001", "baseline", {"v", std::nullopt, true, "x", "{}", {}});
      return;
    case Permission::DecideExtraDoses:
      r.decideExtraDoses("NB-001", true, "PR", kPassword);
      return;
    case Permission::ViewSubjects:
      r.subject("NB-001");
      return;
    case Permission::ExportReports:
      workflow::gatherReport(r, "NB-001", "baseline");
      return;
    case Permission::RecordArm:
      r.recordArm("NB-001", "NK");
      return;
    case Permission::Unmask:
      r.unmask("role test", kPassword);
      return;
    case Permission::ViewResults:
      workflow::gatherResults(r);  // after Unmask in the loop: the investigator has unmasked
      return;
    case Permission::EnterChecklist:
      // An item populate() left unanswered (SpO2 is optional): the coordinator's answer lands.
      r.recordChecklistAnswer("NB-001", {"pulmonary.spo2Percent", std::nullopt, 98.0, "%",
                                         QDate(2026, 1, 10), "pulse oximetry at screening"});
      return;
    case Permission::SignChecklist:
      // The investigator signs populate()'s checklist again.
      r.signChecklist("NB-001", QDate(2026, 1, 15), "role test: reviewed again", kPassword);
      return;
    case Permission::RecordProduct:
      r.recordProductLot(testing::releasedLot("NK-LOT-ROLE"));
      return;
    case Permission::SetReadingDesign:
      // "single", the default: the administrator's write lands without changing how the later
      // roles' attempts (a reader's save, an adjudication) are judged.
      r.setReadingDesign(kSingleRead, {}, "role test");
      return;
    case Permission::AssignReaders:
      r.assignReader("NB-001", "baseline", kAdjudicatorDuty, "adj");
      return;
    case Permission::Adjudicate:
      // Past the role check this is refused for another reason: the trial reads once, so there
      // is nothing to adjudicate.
      r.adjudicate("NB-001", "baseline", 1, "role test", kPassword);
      return;
    case Permission::ViewReaderMetrics:
      r.readingHistory();
      return;
    case Permission::UnlockAccount:
      // reader2 mistyped a password before the loop: the administrator's unlock lands.
      r.unlockUser("reader2", "role test: forgot the password");
      return;
  }
}

QString userFor(Role role) {
  switch (role) {
    case Role::Reader:
      return "reader1";
    case Role::Investigator:
      return "inv";
    case Role::Coordinator:
      return "coord";
    case Role::Administrator:
      return "admin";
    case Role::Adjudicator:
      return "adj";
  }
  return {};
}

TEST(Roles, EveryForbiddenActionIsRefusedForEveryRoleWithAClearMessage) {
  testing::TestTrial t;
  t.populate();
  EXPECT_THROW(t.record->signIn("reader2", "mistyped"), RecordError);  // for UnlockAccount
  int refused = 0;
  int allowed = 0;
  for (Role role : kAllRoles) {
    for (Permission p : kAllPermissions) {
      SCOPED_TRACE(roleName(role).toStdString() + " / " + permissionText(p).toStdString());
      t.as(userFor(role));
      const qint64 auditBefore = testing::auditCount(*t.db);
      std::optional<RecordError> error;
      try {
        attempt(*t.record, p);
      } catch (const RecordError& e) {
        error = e;
      }
      const bool roleRefusal = error && error->kind() == RecordErrorKind::Refused &&
                               QString(error->what()).contains("may not " + permissionText(p));
      if (roleAllows(role, p)) {
        ++allowed;
        EXPECT_FALSE(roleRefusal) << error->what();
      } else {
        ++refused;
        ASSERT_TRUE(roleRefusal) << (error ? error->what() : "not refused at all");
        const QString m = error->what();
        EXPECT_TRUE(m.contains("'" + userFor(role) + "'")) << m.toStdString();
        EXPECT_TRUE(m.contains(roleName(role))) << m.toStdString();
        EXPECT_TRUE(m.contains(rolesAllowed(p))) << m.toStdString();
        EXPECT_EQ(testing::auditCount(*t.db), auditBefore) << "a refused action wrote";
      }
    }
  }
  EXPECT_EQ(refused + allowed, 5 * 23);
  // Each permission has one role, except viewing (four roles: all but the administrator),
  // exporting and confirming eligibility and unmasking (two each: the coordinator by protocol, or
  // the investigator) and reader metrics (two: the investigator and the administrator).
  EXPECT_EQ(allowed, 23 + 3 + 1 + 1 + 1 + 1);
  // The allowed role's attempts of the new permissions really were written: the investigator's
  // new signature (roles in order: the investigator's turn comes before the coordinator's), then
  // the coordinator's answer, which that signature does not cover.
  t.as("inv");
  const std::vector<ChecklistAnswerRecord> history = t.record->checklistHistory("NB-001");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().answer.key, "pulmonary.spo2Percent");
  EXPECT_EQ(history.back().recordedByName, "Cora Coordinator");
  const std::optional<ChecklistSignoffRecord> signoff = t.record->checklistSignoff("NB-001");
  ASSERT_TRUE(signoff && signoff->signature && signoff->supersedesId);
  EXPECT_EQ(signoff->reason, "role test: reviewed again");
  EXPECT_EQ(signoff->signature->signerName, "Ivan Investigator");
  EXPECT_TRUE(signoff->stale.contains("pulmonary.spo2Percent")) << signoff->stale.toStdString();
  const std::vector<ProductLotRecord> lots = t.record->productLots();
  ASSERT_EQ(lots.size(), 2u);  // populate()'s lot and the coordinator's
  EXPECT_EQ(lots.back().lot.lotCode, "NK-LOT-ROLE");
  EXPECT_EQ(lots.back().recordedByName, "Cora Coordinator");
  // The administrator's reading design and the coordinator's assignment were written too.
  const ReadingDesign design = t.record->readingDesign();
  ASSERT_TRUE(design.id);
  EXPECT_EQ(design.design, kSingleRead);
  EXPECT_EQ(design.reason, "role test");
  EXPECT_EQ(design.setByName, "Ada Admin");
  const std::vector<ReadAssignmentRecord> assigned = t.record->assignments("NB-001", "baseline");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0].duty, kAdjudicatorDuty);
  EXPECT_EQ(assigned[0].userName, "adj");
  EXPECT_EQ(assigned[0].createdByName, "Cora Coordinator");
  // The administrator's unlock cleared reader2's failed sign-in.
  t.as("admin");
  EXPECT_EQ(t.record->signInState("reader2").failuresSinceReset, 0);
  // Nothing was adjudicated: the adjudicator's attempt was refused past the role check.
  QSqlQuery adjudications = t.db->run("SELECT COUNT(*) FROM adjudications");
  ASSERT_TRUE(adjudications.next());
  EXPECT_EQ(adjudications.value(0).toLongLong(), 0);
}

TEST(Roles, TheTableSeparatesDuties) {
  EXPECT_TRUE(roleAllows(Role::Administrator, Permission::ManageUsers));
  EXPECT_FALSE(roleAllows(Role::Administrator, Permission::ViewSubjects));
  EXPECT_FALSE(roleAllows(Role::Reader, Permission::ConfirmEligibility));
  EXPECT_TRUE(roleAllows(Role::Coordinator, Permission::ConfirmEligibility));  // the protocol
  EXPECT_FALSE(roleAllows(Role::Reader, Permission::ExportReports));
  EXPECT_FALSE(roleAllows(Role::Investigator, Permission::SaveRead));
  EXPECT_FALSE(roleAllows(Role::Coordinator, Permission::DecideExtraDoses));
  // The coordinator enters the checklist and the product from the source documents; the
  // investigator signs the checklist and enters neither.
  EXPECT_TRUE(roleAllows(Role::Coordinator, Permission::EnterChecklist));
  EXPECT_FALSE(roleAllows(Role::Investigator, Permission::EnterChecklist));
  EXPECT_TRUE(roleAllows(Role::Investigator, Permission::SignChecklist));
  EXPECT_FALSE(roleAllows(Role::Coordinator, Permission::SignChecklist));
  EXPECT_TRUE(roleAllows(Role::Coordinator, Permission::RecordProduct));
  EXPECT_FALSE(roleAllows(Role::Investigator, Permission::RecordProduct));
  EXPECT_FALSE(roleAllows(Role::Reader, Permission::EnterChecklist));
  // Double reading: the adjudicator adjudicates and does nothing else a reader or an investigator
  // does; nobody else adjudicates; the readers never see the metrics that name them.
  for (Role r : kAllRoles) {
    SCOPED_TRACE(roleName(r).toStdString());
    EXPECT_EQ(roleAllows(r, Permission::Adjudicate), r == Role::Adjudicator);
  }
  EXPECT_FALSE(roleAllows(Role::Adjudicator, Permission::SaveRead));
  EXPECT_FALSE(roleAllows(Role::Adjudicator, Permission::RecordAssessment));
  EXPECT_FALSE(roleAllows(Role::Adjudicator, Permission::Unmask));
  EXPECT_FALSE(roleAllows(Role::Adjudicator, Permission::ExportReports));
  EXPECT_FALSE(roleAllows(Role::Adjudicator, Permission::ViewReaderMetrics));
  EXPECT_TRUE(roleAllows(Role::Adjudicator, Permission::ViewSubjects));
  EXPECT_FALSE(roleAllows(Role::Reader, Permission::ViewReaderMetrics));
  EXPECT_FALSE(roleAllows(Role::Coordinator, Permission::SetReadingDesign));
  // Only the administrator unlocks an account locked after repeated failed sign-ins.
  for (Role r : kAllRoles) {
    EXPECT_EQ(roleAllows(r, Permission::UnlockAccount), r == Role::Administrator);
  }
  EXPECT_EQ(roleFromName("nurse"), std::nullopt);
  EXPECT_EQ(roleFromName("investigator"), Role::Investigator);
  EXPECT_EQ(roleFromName("adjudicator"), Role::Adjudicator);
  EXPECT_EQ(roleWithArticle(Role::Adjudicator), "an adjudicator");
  EXPECT_EQ(roleWithArticle(Role::Reader), "a reader");
  EXPECT_EQ(refusal("adj", Role::Adjudicator, Permission::SaveRead),
            "refused: user 'adj' is an adjudicator and may not save or sign reads (allowed "
            "role: reader)");
}

TEST(Roles, AReadSignatureMeansReadCompleteAndNothingElse) {
  // A reader must not be able to put a decision's meaning (or any other) on a read signature.
  testing::TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  const qint64 auditBefore = testing::auditCount(*t.db);
  for (const QString meaning : {"extra doses approved", "eligibility confirmed", "looks fine"}) {
    SCOPED_TRACE(meaning.toStdString());
    try {
      t.record->signRead("NB-001", "baseline", kPassword, meaning);
      ADD_FAILURE() << "a read was signed with the meaning '" << meaning.toStdString() << "'";
    } catch (const RecordError& e) {
      EXPECT_EQ(e.kind(), RecordErrorKind::BadInput);
      const QString m = e.what();
      EXPECT_TRUE(m.contains("'" + meaning + "'")) << m.toStdString();
      EXPECT_TRUE(m.contains("'read complete'")) << m.toStdString();
    }
  }
  EXPECT_EQ(testing::auditCount(*t.db), auditBefore) << "a refused signature wrote";
  EXPECT_EQ(t.record->reads("NB-001", "baseline").at(0).status, "draft");
  t.record->signRead("NB-001", "baseline", kPassword);
  const std::vector<ReadRecord> reads = t.record->reads("NB-001", "baseline");
  ASSERT_TRUE(reads.at(0).signature);
  EXPECT_EQ(reads.at(0).signature->meaning, "read complete");
}

TEST(Roles, NobodySignedInMayWrite) {
  testing::TestTrial t;
  TrialRecord fresh(*t.db, HashCost::Minimal);
  try {
    fresh.createSubject({"NB-060", "F", std::nullopt, 5.0});
    FAIL() << "a write without a user must be refused";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Refused);
    EXPECT_NE(std::string(e.what()).find("nobody is signed in"), std::string::npos) << e.what();
  }
  EXPECT_THROW(fresh.bootstrapAdministrator("admin2", "Second Admin", kPassword), RecordError);
}

}  // namespace
}  // namespace nbra::records
