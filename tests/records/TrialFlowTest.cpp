// The whole flow of the trial record through the library, run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <QSqlQuery>

#include "records/audit/AuditTrail.h"
#include "workflow/export/ReportData.h"
#include "workflow/export/ReportHtml.h"
#include "records/users/PasswordHash.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

std::string message(const std::function<void()>& action, RecordErrorKind expected) {
  try {
    action();
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), expected) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the action was not refused";
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TrialFlow, RunsOnTheBackendTheEnvironmentAsksFor) {
  // Guards the guard: a PostgreSQL run that silently fell back to SQLite would prove nothing.
  TestTrial t;
  EXPECT_EQ(t.db->backend(), testing::usingPostgres() ? Backend::Postgres : Backend::Sqlite);
  EXPECT_EQ(t.location.startsWith("postgresql://"), testing::usingPostgres());
}

TEST(TrialFlow, PasswordsAreArgon2idHashesNeverPlainText) {
  TestTrial t;
  QSqlQuery q = t.db->run("SELECT password_hash FROM users WHERE user_name = 'reader1'");
  ASSERT_TRUE(q.next());
  const QString hash = q.value(0).toString();
  EXPECT_TRUE(hash.startsWith("$argon2id$")) << hash.toStdString();
  EXPECT_FALSE(hash.contains(kPassword));
  EXPECT_TRUE(verifyPassword(kPassword, hash));
  EXPECT_FALSE(verifyPassword("correct horse 8", hash));
  QSqlQuery audit = t.db->run("SELECT new_values FROM audit_log WHERE table_name = 'users'");
  while (audit.next()) {
    EXPECT_FALSE(audit.value(0).toString().contains("$argon2id$")) << "hash leaked into audit";
  }
}

TEST(TrialFlow, SignInRefusesAWrongPasswordAndAnUnknownUserAlike) {
  TestTrial t;
  const std::string wrong =
      message([&] { t.record->signIn("reader1", "nope"); }, RecordErrorKind::Refused);
  const std::string unknown =
      message([&] { t.record->signIn("ghost", kPassword); }, RecordErrorKind::Refused);
  EXPECT_TRUE(contains(wrong, "reader1")) << wrong;
  EXPECT_TRUE(contains(unknown, "ghost")) << unknown;
}

TEST(TrialFlow, RefusedSignInsAndSignaturesAreAudited) {
  TestTrial t;
  const qint64 before = testing::auditCount(*t.db);
  EXPECT_THROW(t.record->signIn("reader1", "guess"), RecordError);
  t.as("reader1");
  EXPECT_THROW(t.record->confirmEligibility("NB-001", true, "r", "guess"), RecordError);
  QSqlQuery q = t.db->run(
      "SELECT user_name, action, table_name, reason FROM audit_log WHERE seq > ? ORDER BY seq",
      {before});
  // The refused sign-in, then the successful one: each a row of sign_in_attempts (schema 12).
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toString(), "reader1");
  EXPECT_EQ(q.value(1).toString(), "insert");
  EXPECT_EQ(q.value(2).toString(), "sign_in_attempts");
  EXPECT_EQ(q.value(3).toString(), "sign-in refused: wrong password");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(2).toString(), "sign_in_attempts");
  EXPECT_EQ(q.value(3).toString(), "signed in");
  // The reader may not confirm eligibility at all: refused by role before any password check.
  EXPECT_FALSE(q.next());
  q.finish();
  t.as("inv");
  EXPECT_THROW(t.record->confirmEligibility("NB-001", true, "r", "guess"), RecordError);
  QSqlQuery s = t.db->run("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(s.next());
  EXPECT_EQ(s.value(0).toString(), "signature refused");
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

TEST(TrialFlow, AccountsAreDeactivatedNotDeletedAndPasswordsChange) {
  TestTrial t;
  t.as("admin");
  t.record->setUserActive("reader2", false, "left the trial");
  try {
    t.record->signIn("reader2", kPassword);
    FAIL() << "a deactivated account must not sign in";
  } catch (const RecordError& e) {
    EXPECT_TRUE(contains(e.what(), "deactivated")) << e.what();
  }
  t.as("admin");
  EXPECT_THROW(t.record->setUserActive("admin", false, "oops"), RecordError);
  t.as("reader1");
  EXPECT_THROW(t.record->setPassword("reader2", "x-new", "not mine"), RecordError);
  t.record->setPassword("reader1", "a new one 9", "periodic change");
  EXPECT_THROW(t.record->signIn("reader1", kPassword), RecordError);
  t.record->signIn("reader1", "a new one 9");
  QSqlQuery q = t.db->run("SELECT new_values FROM audit_log WHERE action = 'password changed'");
  ASSERT_TRUE(q.next());
  EXPECT_FALSE(q.value(0).toString().contains("argon2")) << q.value(0).toString().toStdString();
}

TEST(TrialFlow, InjectionDoseComesFromThatDaysWeight) {
  TestTrial t;
  t.populate();
  const SubjectRecord s = t.record->subject("NB-001");
  ASSERT_EQ(s.injections.size(), 3u);
  // 5 x 10^6 NK cells per kg: 18.2 kg on 2026-01-20, 18.0 kg on 02-10, 17.9 kg on 03-03.
  EXPECT_EQ(s.injections[0].doseCells, 91'000'000);
  EXPECT_DOUBLE_EQ(s.injections[0].weightKg, 18.2);
  EXPECT_EQ(s.injections[1].doseCells, 90'000'000);
  EXPECT_EQ(s.injections[2].doseCells, 89'500'000);
  const std::string m =
      message([&] { t.record->recordInjection("NB-001", 4, QDate(2026, 4, 20), 1); },
              RecordErrorKind::Refused);
  EXPECT_TRUE(contains(m, "extra-dose approval")) << m;
}

TEST(TrialFlow, InjectionsComeInOrder) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->createSubject({"NB-003", "M", std::nullopt, 4.0});
  t.record->recordBodyMeasurement("NB-003", QDate(2026, 2, 2), 16.0, std::nullopt);
  t.record->recordBodyMeasurement("NB-003", QDate(2026, 2, 3), 16.0, std::nullopt);
  t.enrolEligible("NB-003", QDate(2026, 2, 1));
  testing::prepareInjection(*t.record, "NB-003", 1, QDate(2026, 2, 3), 80'000'000);
  const std::string skipped =
      message([&] { t.record->recordInjection("NB-003", 2, QDate(2026, 2, 2), 80'000'000); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(skipped, "needs injection 1 first")) << skipped;
  t.record->recordInjection("NB-003", 1, QDate(2026, 2, 3), 80'000'000);
  const std::string early =
      message([&] { t.record->recordInjection("NB-003", 2, QDate(2026, 2, 2), 80'000'000); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(early, "not after injection 1")) << early;
}

TEST(TrialFlow, InjectionWithoutThatDaysWeightIsRefusedNamingTheDate) {
  TestTrial t;
  t.populate();
  t.as("coord");
  t.record->createSubject({"NB-002", "M", std::nullopt, 7.5});
  t.enrolEligible("NB-002", QDate(2026, 2, 1));
  // The course it follows ended: only that day's weight is missing.
  t.record->recordCourseEnd("NB-002", 1, testing::courseEndFor(QDate(2026, 2, 2)));
  const std::string m =
      message([&] { t.record->recordInjection("NB-002", 1, QDate(2026, 2, 2), 100); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(m, "NB-002") && contains(m, "2026-02-02")) << m;
}

TEST(TrialFlow, UnknownSubjectAndTimepointAreNamed) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  const std::string s =
      message([&] { t.record->saveRead("NB-999", "baseline", {}); }, RecordErrorKind::NotFound);
  EXPECT_TRUE(contains(s, "NB-999")) << s;
  const std::string tp =
      message([&] { t.record->saveRead("NB-001", "week 99", {}); }, RecordErrorKind::NotFound);
  EXPECT_TRUE(contains(tp, "week 99")) << tp;
}

TEST(TrialFlow, AReaderNeverSeesAnotherReadersDraft) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  ASSERT_EQ(t.record->reads("NB-001", "baseline").size(), 1u);
  t.as("reader2");
  EXPECT_TRUE(t.record->reads("NB-001", "baseline").empty());
  t.as("inv");
  EXPECT_TRUE(t.record->reads("NB-001", "baseline").empty());
  t.as("reader1");
  t.record->signRead("NB-001", "baseline", kPassword);
  // Signed, it is the investigator's to see; another reader reads blind until signing their own
  // (IntegrityTest.cpp, BlindedReading).
  t.as("inv");
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].status, "signed");
  EXPECT_EQ(reads[0].readerUserName, "reader1");
  t.as("reader2");
  EXPECT_TRUE(t.record->reads("NB-001", "baseline").empty());
}

TEST(TrialFlow, ReadContentRoundTripsWithImageGeometry) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  const ReadContent& c = reads[0].content;
  ASSERT_EQ(c.lesions.size(), 3u);
  EXPECT_EQ(c.lesions[1].trackingId, "L1");
  EXPECT_EQ(c.lesions[1].sopInstanceUid, "1.2.826.0.1.3680043.8.498.1.5.77");
  ASSERT_TRUE(c.lesions[1].frame && c.lesions[1].startMm && c.lesions[1].endMm);
  EXPECT_EQ(*c.lesions[1].frame, 1);
  EXPECT_DOUBLE_EQ((*c.lesions[1].startMm)[1], 12.25);
  EXPECT_DOUBLE_EQ((*c.lesions[1].endMm)[0], -9.5);
  EXPECT_FALSE(c.lesions[0].frame.has_value());
  EXPECT_EQ(c.mibg.size(), 13u);
  EXPECT_EQ(c.marrow.size(), 2u);
  EXPECT_DOUBLE_EQ(c.marrow[1].infiltrationPercent, 15.0);
}

TEST(TrialFlow, ASignedReadIsImmutableAndCorrectionsAreNewVersions) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  const std::string wrongPassword =
      message([&] { t.record->signRead("NB-001", "baseline", "guess"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(contains(wrongPassword, "wrong password")) << wrongPassword;
  t.record->signRead("NB-001", "baseline", kPassword);
  const std::string again =
      message([&] { t.record->saveRead("NB-001", "baseline", testing::baselineRead()); },
              RecordErrorKind::Refused);
  EXPECT_TRUE(contains(again, "signed")) << again;
  ReadContent corrected = testing::baselineRead();
  corrected.lesions[1].longAxisMm = 33.0;
  EXPECT_EQ(message([&] { t.record->correctRead("NB-001", "baseline", corrected, " "); },
                    RecordErrorKind::BadInput)
                .empty(),
            false);
  t.record->correctRead("NB-001", "baseline", corrected, "L1 remeasured on the thinner series");
  auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 2u);  // the signed v1 and the own draft v2
  const auto draft =
      std::find_if(reads.begin(), reads.end(), [](auto& r) { return r.version == 2; });
  ASSERT_NE(draft, reads.end());
  EXPECT_EQ(draft->status, "draft");
  ASSERT_TRUE(draft->supersedesId.has_value());
  EXPECT_EQ(draft->correctionReason, "L1 remeasured on the thinner series");
  t.record->signRead("NB-001", "baseline", kPassword);
  t.as("inv");
  reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);  // only the newest signed version
  EXPECT_EQ(reads[0].version, 2);
  EXPECT_DOUBLE_EQ(reads[0].content.lesions[1].longAxisMm, 33.0);
  ASSERT_TRUE(reads[0].signature.has_value());
  EXPECT_EQ(reads[0].signature->signerName, "Dr Rita Reader");
  EXPECT_EQ(reads[0].signature->meaning, "read complete");
  EXPECT_TRUE(reads[0].signature->signedUtc.endsWith("Z"));
  // The signed v1 is still in the record, unchanged.
  QSqlQuery q = t.db->run("SELECT status FROM reads WHERE version = 1");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toString(), "signed");
}

TEST(TrialFlow, DecisionsAreSignedAndCorrectedOnlyByNewVersions) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  const qint64 readId = t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  t.as("inv");
  EXPECT_FALSE(message(
                   [&] {
                     t.record->recordAssessment(
                         "NB-001", "baseline",
                         {"v1", std::nullopt, true, "not-yet-decidable", "{}", {readId}});
                   },
                   RecordErrorKind::Conflict)
                   .empty());  // the read is a draft
  t.as("reader1");
  t.record->signRead("NB-001", "baseline", kPassword);
  t.as("inv");
  const qint64 assessment = t.record->recordAssessment("NB-001", "baseline",
                                                       {"inrc2017-test",
                                                        std::nullopt,
                                                        true,
                                                        "not-yet-decidable",
                                                        R"({"ruleSetVersion":"x"})",
                                                        {readId}});
  const std::string dup =
      message([&] { t.record->confirmEligibility("NB-001", false, "changed my mind", kPassword); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(dup, "correct")) << dup;
  const qint64 eligibility =
      t.record->confirmEligibility("NB-001", true, "criterion 1: L1 31 mm, MIBG avid", kPassword,
                                   assessment, t.screeningEligibility);
  t.record->confirmEligibility("NB-001", true, "criterion 1 and 2 (PET)", kPassword, assessment,
                               eligibility);
  const qint64 extra =
      t.record->decideExtraDoses("NB-001", true, "PR after injection 3", kPassword, assessment,
                                 std::nullopt, "the rules could not decide at baseline");
  EXPECT_GT(extra, 0);
  const SubjectRecord s = t.record->subject("NB-001");
  ASSERT_EQ(s.eligibility.size(), 3u);
  ASSERT_TRUE(s.eligibility[2].supersedesId.has_value());
  EXPECT_EQ(*s.eligibility[2].supersedesId, eligibility);
  ASSERT_TRUE(s.eligibility[0].signature && s.extraDoseDecisions[0].signature);
  EXPECT_EQ(s.eligibility[0].signature->meaning, "eligibility confirmed");
  EXPECT_EQ(s.extraDoseDecisions[0].signature->meaning, "extra doses approved");
  EXPECT_EQ(s.extraDoseDecisions[0].signature->signerName, "Ivan Investigator");
  t.as("coord");
  t.record->recordBodyMeasurement("NB-001", testing::todayUtc(), 17.95, std::nullopt);
  testing::prepareInjection(*t.record, "NB-001", 4, testing::todayUtc(), 89'000'000);
  EXPECT_EQ(t.record->recordInjection("NB-001", 4, testing::todayUtc(), 89'000'000).doseCells,
            89'750'000);
  const auto assessments = t.record->assessments("NB-001");
  ASSERT_EQ(assessments.size(), 1u);
  EXPECT_EQ(assessments[0].ruleSetVersion, "inrc2017-test");
}

// reader1's signed follow-up read of NB-001 and an assessment on it with that extra-dose outcome
// (once per trial: the read is then signed). Leaves the investigator signed in.
qint64 assessFollowUp(TestTrial& t, const QString& extraDoses) {
  t.as("reader1");
  const qint64 read = t.record->saveRead("NB-001", "after injection 3", testing::followUpRead());
  t.record->signRead("NB-001", "after injection 3", kPassword);
  t.as("inv");
  return t.record->recordAssessment("NB-001", "after injection 3",
                                    {"inrc2017-test", "PR", true, extraDoses, "{}", {read}});
}

// A corrected read makes every assessment built on it stale: no approval or eligibility may rest
// on it, and the assessment, the subject view and the report all say which read corrected it.
TEST(TrialFlow, AnAssessmentOnACorrectedReadIsStaleAndRefused) {
  TestTrial t;
  t.populate();
  const qint64 assessment = assessFollowUp(t, "allowed");
  t.as("reader1");
  const qint64 read = t.record->reads("NB-001", "after injection 3").at(0).id;
  const qint64 corrected = t.record->correctRead("NB-001", "after injection 3",
                                                 testing::followUpRead(), "L1 remeasured");
  const std::string note = QString("superseded: built on read %1, corrected by read %2")
                               .arg(read)
                               .arg(corrected)
                               .toStdString();
  t.as("inv");
  const std::string approval =
      message([&] { t.record->decideExtraDoses("NB-001", true, "PR", kPassword, assessment); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(approval, note)) << approval;
  const std::string eligible = message(
      [&] {
        t.record->confirmEligibility("NB-001", true, "PR", kPassword, assessment,
                                     t.screeningEligibility);
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(eligible, note)) << eligible;
  EXPECT_TRUE(t.record->subject("NB-001").extraDoseDecisions.empty());
  const auto assessments = t.record->assessments("NB-001");
  ASSERT_EQ(assessments.size(), 1u);
  EXPECT_EQ(assessments[0].superseded.toStdString(), note);
  const QString html =
      workflow::reportHtml(workflow::gatherReport(*t.record, "NB-001", "after injection 3"), "2026-11-26T00:00:00Z");
  EXPECT_TRUE(html.contains("STALE ASSESSMENT: " + QString::fromStdString(note)))
      << html.toStdString();
}

TEST(TrialFlow, RefusedExtraDosesKeepInjectionFourClosed) {
  TestTrial t;
  t.populate();
  t.as("inv");
  t.record->confirmEligibility("NB-001", false, "marrow-only disease without pathology", kPassword,
                               std::nullopt, t.screeningEligibility);
  const qint64 refused =
      t.record->decideExtraDoses("NB-001", false, "SD after injection 3", kPassword);
  const SubjectRecord s = t.record->subject("NB-001");
  ASSERT_TRUE(s.eligibility[0].signature && s.extraDoseDecisions[0].signature);
  EXPECT_EQ(s.eligibility[1].signature->meaning, "not eligible");
  EXPECT_EQ(s.extraDoseDecisions[0].signature->meaning, "extra doses refused");
  t.as("coord");
  t.record->recordBodyMeasurement("NB-001", testing::todayUtc(), 17.95, std::nullopt);
  testing::prepareInjection(*t.record, "NB-001", 4, testing::todayUtc(), 89'750'000);
  EXPECT_THROW(t.record->recordInjection("NB-001", 4, testing::todayUtc(), 89'750'000),
               RecordError);
  // A signed correction to "approved", resting on an assessment that allowed them, opens it.
  t.as("inv");
  const qint64 central = assessFollowUp(t, "allowed");
  t.record->decideExtraDoses("NB-001", true, "PR on central review", kPassword, central, refused);
  t.as("coord");
  EXPECT_EQ(t.record->recordInjection("NB-001", 4, testing::todayUtc(), 89'750'000).number, 4);
}

// A subject enrolled on 2026-05-01 (on a signed "eligible" imaging decision, whose id this
// returns, and a signed checklist) with a weight of 20 kg on 2026-05-02 (dose 100 x 10^6 cells),
// chemotherapy course 1 ended and a lot thawed for injection 1 that day (up to 110 x 10^6 cells).
// Leaves the coordinator signed in.
qint64 addSubjectReadyForInjectionOne(TestTrial& t, const QString& studyId) {
  t.as("coord");
  t.record->createSubject({studyId, "M", std::nullopt, 6.0});
  const qint64 eligible = t.enrolEligible(studyId, QDate(2026, 5, 1));
  t.record->recordBodyMeasurement(studyId, QDate(2026, 5, 2), 20.0, std::nullopt);
  testing::prepareInjection(*t.record, studyId, 1, QDate(2026, 5, 2), 110'000'000);
  return eligible;
}

TEST(ClinicalChecks, InjectionOneNeedsASignedEligibleConfirmation) {
  TestTrial t;
  t.populate();
  // Enrolment itself needs a signed "eligible" decision: a later "not eligible" correction is
  // what closes injection 1 again.
  const qint64 enrolled = addSubjectReadyForInjectionOne(t, "NB-004");
  auto inject = [&] { t.record->recordInjection("NB-004", 1, QDate(2026, 5, 2), 100'000'000); };
  t.as("inv");
  const qint64 no = t.record->confirmEligibility("NB-004", false, "no MIBG-avid disease",
                                                 kPassword, std::nullopt, enrolled);
  t.as("coord");
  const std::string m = message(inject, RecordErrorKind::Refused);
  EXPECT_TRUE(contains(m, "NB-004") && contains(m, "eligibility confirmation")) << m;
  t.as("inv");
  t.record->confirmEligibility("NB-004", true, "avid lesion on review", kPassword, std::nullopt,
                               no);
  t.as("coord");
  inject();
  EXPECT_EQ(t.record->subject("NB-004").injections.size(), 1u);
}

TEST(ClinicalChecks, AnExtraDoseApprovalNamesItsAssessmentAndAnOverrideNeedsAReason) {
  TestTrial t;
  t.populate();
  t.as("inv");
  std::string m = message([&] { t.record->decideExtraDoses("NB-001", true, "PR", kPassword); },
                          RecordErrorKind::BadInput);
  EXPECT_TRUE(contains(m, "NB-001") && contains(m, "assessment")) << m;
  const qint64 sd = assessFollowUp(t, "not-allowed");
  m = message(
      [&] { t.record->decideExtraDoses("NB-001", true, "clinical benefit", kPassword, sd); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(contains(m, "not-allowed") && contains(m, "override reason")) << m;
  EXPECT_TRUE(t.record->subject("NB-001").extraDoseDecisions.empty());
  t.record->decideExtraDoses("NB-001", true, "clinical benefit", kPassword, sd, std::nullopt,
                             "tumour board: marked symptomatic improvement");
  const SubjectRecord s = t.record->subject("NB-001");
  ASSERT_EQ(s.extraDoseDecisions.size(), 1u);
  EXPECT_TRUE(s.extraDoseDecisions[0].reason.contains("override of assessment"));
  EXPECT_TRUE(s.extraDoseDecisions[0].reason.contains("marked symptomatic improvement"));
  // Refusing extra doses needs neither.
  t.record->decideExtraDoses("NB-001", false, "parents declined", kPassword, std::nullopt,
                             s.extraDoseDecisions[0].id);
}

TEST(ClinicalChecks, InjectionFourIsNotDatedBeforeTheApprovalWasSigned) {
  TestTrial t;
  t.populate();
  t.as("inv");
  const qint64 pr = assessFollowUp(t, "allowed");
  t.record->decideExtraDoses("NB-001", true, "PR after injection 3", kPassword, pr);
  t.as("coord");
  t.record->recordBodyMeasurement("NB-001", QDate(2026, 4, 20), 17.95, std::nullopt);
  const std::string m =
      message([&] { t.record->recordInjection("NB-001", 4, QDate(2026, 4, 20), 89'750'000); },
              RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(m, "2026-04-20") && contains(m, "before the extra-dose approval")) << m;
  t.record->recordBodyMeasurement("NB-001", testing::todayUtc(), 17.95, std::nullopt);
  testing::prepareInjection(*t.record, "NB-001", 4, testing::todayUtc(), 89'750'000);
  EXPECT_EQ(t.record->recordInjection("NB-001", 4, testing::todayUtc(), 89'750'000).number, 4);
}

TEST(ClinicalChecks, CellsMoreThanTenPercentFromTheDoseAreRefused) {
  TestTrial t;
  t.populate();
  addSubjectReadyForInjectionOne(t, "NB-005");
  for (qint64 cells : {111'000'000LL, 89'000'000LL, 1LL}) {
    const std::string m =
        message([&] { t.record->recordInjection("NB-005", 1, QDate(2026, 5, 2), cells); },
                RecordErrorKind::BadInput);
    EXPECT_TRUE(contains(m, "NB-005") && contains(m, "100000000") && contains(m, "10 %")) << m;
  }
  EXPECT_EQ(t.record->recordInjection("NB-005", 1, QDate(2026, 5, 2), 110'000'000).doseCells,
            100'000'000);  // exactly 10 % off is within the limit
}

TEST(TrialFlow, EveryChangeIsAuditedAndTheChainVerifies) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  const qint64 before = testing::auditCount(*t.db);
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  const qint64 afterSave = testing::auditCount(*t.db);
  // One entry for the read and one per lesion, MIBG segment and marrow sample.
  EXPECT_EQ(afterSave - before, 1 + 3 + 13 + 2);
  t.record->signRead("NB-001", "baseline", kPassword);
  QSqlQuery q = t.db->run(
      "SELECT user_name, action, table_name, old_values, new_values FROM audit_log WHERE seq > ? "
      "ORDER BY seq",
      {afterSave});
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toString(), "reader1");
  EXPECT_EQ(q.value(1).toString(), "update");
  EXPECT_EQ(q.value(2).toString(), "reads");
  EXPECT_TRUE(q.value(3).toString().contains("draft"));
  EXPECT_TRUE(q.value(4).toString().contains("signed"));
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(2).toString(), "signatures");
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << v.message.toStdString();
  EXPECT_EQ(v.entries, testing::auditCount(*t.db));
}

TEST(TrialFlow, AFailedActionLeavesNoTrace) {
  TestTrial t;
  t.populate();
  t.as("coord");
  const qint64 before = testing::auditCount(*t.db);
  const std::string m = message(
      [&] {
        t.record->createSubject({"NB-001", "F", {}, 6.0});
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(contains(m, "NB-001")) << m;
  // A timepoint whose second study UID is invalid: nothing of it may be written.
  EXPECT_THROW(t.record->addTimepoint("NB-001", "week 6", "follow-up", QDate(2026, 2, 20),
                                      {"1.2.3", "not-a-uid"}),
               RecordError);
  EXPECT_EQ(testing::auditCount(*t.db), before);
  QSqlQuery q = t.db->run("SELECT COUNT(*) FROM timepoints WHERE label = 'week 6'");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toInt(), 0);
  q.finish();

  // Both refusals above come before the transaction opens. Now make the audit append fail
  // after the subject row is written (the guard fires only when that row is visible), so the
  // action has to be rolled back.
  const bool sqlite = t.db->backend() == Backend::Sqlite;
  if (sqlite) {
    t.db->run(
        "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log WHEN NEW.table_name = "
        "'subjects' AND EXISTS(SELECT 1 FROM subjects WHERE study_id = 'NB-010') BEGIN "
        "SELECT RAISE(ABORT, 'audit append failed (test)'); END");
  } else {
    t.db->run(R"(CREATE FUNCTION test_audit_fails() RETURNS trigger AS $$
BEGIN
  IF NEW.table_name = 'subjects' AND EXISTS(SELECT 1 FROM subjects WHERE study_id = 'NB-010') THEN
    RAISE EXCEPTION 'audit append failed (test)';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql)");
    t.db->run(
        "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE "
        "FUNCTION test_audit_fails()");
  }
  try {
    t.record->createSubject({"NB-010", "M", std::nullopt, 5.0});
    ADD_FAILURE() << "the action succeeded although its audit entry could not be written";
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("audit append failed (test)"), std::string::npos)
        << e.what();
  }
  QSqlQuery rolledBack = t.db->run("SELECT COUNT(*) FROM subjects WHERE study_id = 'NB-010'");
  ASSERT_TRUE(rolledBack.next());
  EXPECT_EQ(rolledBack.value(0).toInt(), 0) << "the subject row outlived its failed audit entry";
  rolledBack.finish();
  EXPECT_EQ(testing::auditCount(*t.db), before);
  t.db->run(sqlite ? "DROP TRIGGER test_audit_fails"
                   : "DROP TRIGGER test_audit_fails ON audit_log");
  t.record->createSubject({"NB-010", "M", std::nullopt, 5.0});  // nothing of the failure is left
  EXPECT_EQ(testing::auditCount(*t.db), before + 1);
  EXPECT_TRUE(verifyAudit(*t.db).intact);
}

TEST(TrialFlow, ReopeningKeepsEverything) {
  TestTrial t;
  t.populate();
  t.record.reset();
  t.db.reset();
  RecordDatabase db(t.location);
  EXPECT_EQ(db.schemaVersion(), RecordDatabase::kSchemaVersion);
  TrialRecord record(db);
  record.signIn("coord", kPassword);
  EXPECT_EQ(record.subject("NB-001").timepoints.size(), 2u);
  EXPECT_EQ(record.subject("NB-001").timepoints[1].studyInstanceUids.size(), 2);
  EXPECT_TRUE(verifyAudit(db).intact);
}

}  // namespace
}  // namespace nbra::records
