// The trial around the images in the record (docs/protocol.md), on SQLite and on PostgreSQL:
// the checklist gates enrolment, the course and the product gate each injection, and every
// refusal names its rule and writes nothing.
#include <gtest/gtest.h>

#include <QSqlError>
#include <QSqlQuery>
#include <functional>

#include "records/audit/AuditReplay.h"
#include "records/audit/AuditTrail.h"
#include "scoring/checklist/EligibilityChecklist.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

const QString kSubject = "NB-017";
const QDate kBirth(2015, 3, 10);
const QDate kScreening(2026, 2, 2);

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

// A passing answer for every item: the yes/no items that must be "yes" for an eligible subject,
// everything else "no", and numbers inside every limit.
ChecklistAnswerInput passingAnswer(const scoring::ChecklistItem& item, const QDate& on) {
  static const QStringList kYes{"induction.highRiskResistant",
                                "relapse.afterTransplantOrAggressive", "diagnosis.pathology",
                                "consent.guardianSigned"};
  static const QMap<QString, double> kValues{{"induction.cycles", 4},
                                             {"lifeExpectancy.months", 12},
                                             {"catecholamines.timesUln", 1.5},
                                             {"cardiac.sfPercent", 27},
                                             {"cardiac.efPercent", 50},
                                             {"pulmonary.spo2Percent", 94},
                                             {"steroids.doseMgPerKgPerDay", 0.5},
                                             {"steroids.days", 6},
                                             {"diarrhoea.ctcaeGrade", 2},
                                             {"organToxicity.maxCtcaeGrade", 2}};
  ChecklistAnswerInput in;
  in.key = QString::fromStdString(item.key);
  in.date = on;
  in.sourceDocument = "screening file p. 3";
  if (item.type == scoring::ItemType::YesNo) {
    in.yes = kYes.contains(in.key);
  } else {
    EXPECT_TRUE(kValues.contains(in.key)) << "no test value for " << item.key;
    in.value = kValues.value(in.key);
    in.unit = QString::fromStdString(item.unit);
  }
  return in;
}

struct ProtocolTrial : TestTrial {
  ProtocolTrial() {
    as("coord");
    record->createSubject({kSubject, "F", kBirth, std::nullopt});
  }
  void answerAll(const QDate& on = kScreening) {
    as("coord");
    for (const scoring::ChecklistItem& item : scoring::checklistItems()) {
      record->recordChecklistAnswer(kSubject, passingAnswer(item, on));
    }
  }
  qint64 imagingEligible(bool eligible = true) {
    as("inv");
    return record->confirmEligibility(kSubject, eligible, "baseline MIBG-avid 24 mm primary",
                                      kPassword);
  }
  void signChecklist(const QDate& on = kScreening) {
    as("inv");
    record->signChecklist(kSubject, on, "source documents reviewed", kPassword);
  }
  void enrolled(const QDate& on = kScreening) {
    answerAll();
    imagingEligible();
    signChecklist();
    as("coord");
    record->enrol(kSubject, on, "Site 01");
  }
  ProductLotInput lot(const QString& code, double viability = 92.0) {
    ProductLotInput l;
    l.lotCode = code;
    l.donorCode = "D-07";
    l.apheresisDate = QDate(2026, 1, 5);
    l.separationDate = QDate(2026, 1, 5);
    l.cryopreservedDate = QDate(2026, 1, 6);
    l.sterility = "negative";
    l.viableCells = 2'000'000'000;
    l.viabilityPercent = viability;
    l.purityPercent = 95.0;
    l.activePhenotypePercent = 80.0;
    return l;
  }
  ThawCheckInput thaw(const QDate& on, double viability = 88.0, std::int64_t cells = 150'000'000) {
    return {on, viability, cells, "negative"};
  }
};

TEST(Protocol, EnrolmentWaitsForTheImagingAndTheChecklistBothSignedEligible) {
  ProtocolTrial t;
  t.as("coord");
  QString m = refusedMessage(
      t, [&] { t.record->enrol(kSubject, kScreening, "Site 01"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("imaging eligibility")) << m.toStdString();

  t.imagingEligible();
  t.as("coord");
  m = refusedMessage(
      t, [&] { t.record->enrol(kSubject, kScreening, "Site 01"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("checklist signed")) << m.toStdString();

  // An incomplete checklist cannot be signed; the refusal lists what is missing.
  t.as("coord");
  const auto items = scoring::checklistItems();
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    t.record->recordChecklistAnswer(kSubject, passingAnswer(items[i], kScreening));
  }
  t.as("inv");
  m = refusedMessage(
      t, [&] { t.record->signChecklist(kSubject, kScreening, "reviewed", kPassword); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("missing")) << m.toStdString();
  EXPECT_TRUE(m.contains(QString::fromStdString(items.back().criterion))) << m.toStdString();

  t.as("coord");
  t.record->recordChecklistAnswer(kSubject, passingAnswer(items.back(), kScreening));
  t.signChecklist();
  const auto signoff = t.record->checklistSignoff(kSubject);
  ASSERT_TRUE(signoff.has_value());
  EXPECT_TRUE(signoff->eligible);
  ASSERT_TRUE(signoff->signature.has_value());
  EXPECT_EQ(signoff->signature->meaning, "eligibility checklist: eligible");
  EXPECT_EQ(signoff->signature->signerName, "Ivan Investigator");
  EXPECT_TRUE(signoff->stale.isEmpty()) << signoff->stale.toStdString();
  EXPECT_EQ(signoff->answerIds.size(), items.size());

  t.as("coord");
  t.record->enrol(kSubject, kScreening, "Site 01");
  EXPECT_EQ(t.record->subject(kSubject).enrolledDate, kScreening);
}

TEST(Protocol, AChangedAnswerOrImagingDecisionMakesTheSignatureStale) {
  ProtocolTrial t;
  t.answerAll();
  const qint64 imaging = t.imagingEligible();
  t.signChecklist();

  t.as("coord");
  ChecklistAnswerInput sf{"cardiac.sfPercent", std::nullopt, 31.0, "%", kScreening, "echo 2"};
  QString m = refusedMessage(
      t, [&] { t.record->recordChecklistAnswer(kSubject, sf); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("reason")) << m.toStdString();
  t.record->recordChecklistAnswer(kSubject, sf, "repeat echocardiogram");
  auto signoff = t.record->checklistSignoff(kSubject);
  ASSERT_TRUE(signoff.has_value());
  EXPECT_TRUE(signoff->stale.contains("cardiac.sfPercent")) << signoff->stale.toStdString();
  m = refusedMessage(
      t, [&] { t.record->enrol(kSubject, kScreening, "Site 01"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("cardiac.sfPercent")) << m.toStdString();
  EXPECT_TRUE(m.contains("sign it again")) << m.toStdString();

  t.signChecklist();
  t.as("inv");
  t.record->confirmEligibility(kSubject, true, "re-read", kPassword, std::nullopt, imaging);
  t.as("coord");
  m = refusedMessage(
      t, [&] { t.record->enrol(kSubject, kScreening, "Site 01"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("imaging eligibility decision changed")) << m.toStdString();
  t.signChecklist();
  t.as("coord");
  t.record->enrol(kSubject, kScreening, "Site 01");
}

TEST(Protocol, AnExcludingValueIsSignedNotEligibleAndEnrolmentIsRefused) {
  ProtocolTrial t;
  t.answerAll();
  t.as("coord");
  t.record->recordChecklistAnswer(
      kSubject, {"cardiac.sfPercent", std::nullopt, 26.9, "%", kScreening, "echo"}, "typo fixed");
  t.imagingEligible();
  t.as("inv");
  const ChecklistReview review = t.record->checklistReview(kSubject, kScreening);
  EXPECT_TRUE(review.result.complete);
  EXPECT_FALSE(review.result.eligible);
  t.signChecklist();
  const auto signoff = t.record->checklistSignoff(kSubject);
  ASSERT_TRUE(signoff.has_value());
  EXPECT_FALSE(signoff->eligible);
  EXPECT_EQ(signoff->signature->meaning, "eligibility checklist: not eligible");
  EXPECT_TRUE(signoff->evaluationJson.contains("26.9")) << signoff->evaluationJson.toStdString();
  t.as("coord");
  const QString m = refusedMessage(
      t, [&] { t.record->enrol(kSubject, kScreening, "Site 01"); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("not eligible")) << m.toStdString();
}

TEST(Protocol, AgeIsJudgedAgainOnTheEnrolmentDay) {
  ProtocolTrial t;
  t.as("coord");
  // Born 2009-03-10: 16 until 2026-03-09, the last eligible day (completed years, the default).
  t.record->createSubject({"NB-OLD", "M", QDate(2009, 3, 10), std::nullopt});
  for (const scoring::ChecklistItem& item : scoring::checklistItems()) {
    t.record->recordChecklistAnswer("NB-OLD", passingAnswer(item, QDate(2026, 3, 1)));
  }
  t.as("inv");
  t.record->confirmEligibility("NB-OLD", true, "measurable disease", kPassword);
  t.record->signChecklist("NB-OLD", QDate(2026, 3, 9), "reviewed", kPassword);
  t.as("coord");
  const QString m = refusedMessage(
      t, [&] { t.record->enrol("NB-OLD", QDate(2026, 3, 10), "Site 01"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("no longer says eligible")) << m.toStdString();
  EXPECT_TRUE(m.contains("17")) << m.toStdString();
  const QString before = refusedMessage(
      t, [&] { t.record->enrol("NB-OLD", QDate(2026, 3, 8), "Site 01"); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(before.contains("before the day the checklist was judged")) << before.toStdString();
  t.record->enrol("NB-OLD", QDate(2026, 3, 9), "Site 01");
}

TEST(Protocol, ImpossibleAnswersAreRefusedByNameAndNothingIsWritten) {
  ProtocolTrial t;
  t.as("coord");
  const QString sf = refusedMessage(
      t,
      [&] {
        t.record->recordChecklistAnswer(
            kSubject, {"cardiac.sfPercent", std::nullopt, 140.0, "%", kScreening, "echo"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(sf.contains("cardiac.sfPercent")) << sf.toStdString();
  EXPECT_TRUE(sf.contains("140")) << sf.toStdString();
  const QString beforeBirth = refusedMessage(
      t,
      [&] {
        t.record->recordChecklistAnswer(kSubject,
                                        {"hiv", false, std::nullopt, "", QDate(2014, 1, 1), "lab"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(beforeBirth.contains("before the birth date")) << beforeBirth.toStdString();
  const QString unknown = refusedMessage(
      t,
      [&] {
        t.record->recordChecklistAnswer(kSubject,
                                        {"mood", true, std::nullopt, "", kScreening, "chat"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(unknown.contains("mood")) << unknown.toStdString();
  ProductLotInput bad = t.lot("NK-BAD", 140.0);
  const QString lot = refusedMessage(
      t, [&] { t.record->recordProductLot(bad); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(lot.contains("NK-BAD") && lot.contains("140")) << lot.toStdString();
  bad = t.lot("NK-NEG");
  bad.viableCells = -5;
  const QString count = refusedMessage(
      t, [&] { t.record->recordProductLot(bad); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(count.contains("NK-NEG")) << count.toStdString();
}

TEST(Protocol, EachRoleDoesItsOwnPart) {
  ProtocolTrial t;
  const scoring::ChecklistItem& first = scoring::checklistItems().front();
  t.as("inv");
  QString m = refusedMessage(
      t, [&] { t.record->recordChecklistAnswer(kSubject, passingAnswer(first, kScreening)); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("enter the eligibility checklist")) << m.toStdString();
  t.answerAll();
  t.as("coord");
  m = refusedMessage(
      t, [&] { t.record->signChecklist(kSubject, kScreening, "r", kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("sign the eligibility checklist")) << m.toStdString();
  t.as("reader1");
  m = refusedMessage(
      t, [&] { t.record->checklistReview(kSubject, kScreening); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("reader")) << m.toStdString();
  for (const auto& look : std::vector<std::function<void()>>{
           [&] { t.record->checklistSignoff(kSubject); },
           [&] { t.record->injectionSchedule(kSubject, kScreening); },
           [&] { t.record->productLots(); }, [&] { t.record->thawChecks(kSubject); }}) {
    m = refusedMessage(t, look, RecordErrorKind::Refused);
    EXPECT_TRUE(m.contains("may not see the checklist")) << m.toStdString();
  }
  m = refusedMessage(
      t, [&] { t.record->recordProductLot(t.lot("NK-R")); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("product")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 1)); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("reader")) << m.toStdString();
}

TEST(Protocol, AnInjectionFollowsItsCourseAndIsNeverEarly) {
  ProtocolTrial t;
  t.enrolled();
  t.as("coord");
  t.record->recordBodyMeasurement(kSubject, QDate(2026, 2, 12), 20.0, std::nullopt);
  t.record->recordBodyMeasurement(kSubject, QDate(2026, 2, 11), 20.0, std::nullopt);
  t.record->recordProductLot(t.lot("NK-001"));
  t.record->recordThawCheck(kSubject, 1, "NK-001", t.thaw(QDate(2026, 2, 11)));
  QString m = refusedMessage(
      t, [&] { t.record->recordInjection(kSubject, 1, QDate(2026, 2, 11), 100'000'000); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("record the end of course 1")) << m.toStdString();

  t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 2));  // due 2026-02-12
  m = refusedMessage(
      t, [&] { t.record->recordInjection(kSubject, 1, QDate(2026, 2, 11), 100'000'000); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("early")) << m.toStdString();
  EXPECT_TRUE(m.contains("2026-02-12")) << m.toStdString();

  t.record->recordThawCheck(kSubject, 1, "NK-001", t.thaw(QDate(2026, 2, 12)));
  const InjectionRecord given =
      t.record->recordInjection(kSubject, 1, QDate(2026, 2, 12), 100'000'000);
  EXPECT_EQ(given.timing, "on-time");
  EXPECT_EQ(given.daysFromDue, 0);
  const SubjectRecord s = t.record->subject(kSubject);
  ASSERT_EQ(s.injections.size(), 1u);
  EXPECT_EQ(s.injections[0].lotCode, "NK-001");

  // A correction of course 1 is refused now that injection 1 followed it.
  m = refusedMessage(
      t, [&] { t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 1), "typo"); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("can no longer change")) << m.toStdString();

  // Injection 2, five days after its due date: given, and flagged late in the calendar.
  t.record->recordCourseEnd(kSubject, 2, QDate(2026, 2, 20));  // due 2026-03-02
  t.record->recordBodyMeasurement(kSubject, QDate(2026, 3, 7), 20.0, std::nullopt);
  t.record->recordThawCheck(kSubject, 2, "NK-001", t.thaw(QDate(2026, 3, 7)));
  const InjectionRecord late =
      t.record->recordInjection(kSubject, 2, QDate(2026, 3, 7), 100'000'000);
  EXPECT_EQ(late.timing, "late");
  EXPECT_EQ(late.daysFromDue, 5);
  const auto calendar = t.record->injectionSchedule(kSubject, QDate(2026, 3, 20));
  ASSERT_GE(calendar.size(), 3u);
  EXPECT_EQ(calendar[1].injection.timing, scoring::InjectionTiming::Late);
  EXPECT_EQ(calendar[2].injection.timing, scoring::InjectionTiming::NoCourse);
  ASSERT_TRUE(calendar[1].doseCells.has_value());
  EXPECT_EQ(*calendar[1].doseCells, 100'000'000);
}

TEST(Protocol, OnlyAReleasedLotThatPassesItsThawCheckIsInjected) {
  ProtocolTrial t;
  t.enrolled();
  t.as("coord");
  t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 2));
  const QDate day(2026, 2, 12);
  t.record->recordBodyMeasurement(kSubject, day, 20.0, std::nullopt);
  const auto inject = [&] { t.record->recordInjection(kSubject, 1, day, 100'000'000); };

  QString m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("thaw-and-wash check")) << m.toStdString();

  // A lot that failed its release QC is on record, shown as not released, and cannot be given.
  t.record->recordProductLot(t.lot("NK-LOW", 65.0));
  const auto lots = t.record->productLots();
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_FALSE(lots[0].released);
  ASSERT_FALSE(lots[0].releaseFailures.isEmpty());
  EXPECT_TRUE(lots[0].releaseFailures.join(" ").contains("65"))
      << lots[0].releaseFailures.join(" ").toStdString();
  t.record->recordThawCheck(kSubject, 1, "NK-LOW", t.thaw(day));
  m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("NK-LOW") && m.contains("not released")) << m.toStdString();

  // A released lot whose thawed bag fails the post-thaw viability.
  t.record->recordProductLot(t.lot("NK-OK"));
  t.record->recordThawCheck(kSubject, 1, "NK-OK", t.thaw(day, 60.0));
  m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("60")) << m.toStdString();

  // More cells given than the thawed bag holds.
  t.record->recordThawCheck(kSubject, 1, "NK-OK", t.thaw(day, 88.0, 95'000'000));
  m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("post-thaw viable count")) << m.toStdString();

  // Outside the dose tolerance (10 % by default): refused before the product is looked at.
  t.record->recordThawCheck(kSubject, 1, "NK-OK", t.thaw(day));
  m = refusedMessage(
      t, [&] { t.record->recordInjection(kSubject, 1, day, 111'000'000); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("more than 10 %")) << m.toStdString();

  inject();
  EXPECT_EQ(t.record->subject(kSubject).injections.at(0).lotCode, "NK-OK");
  const auto checks = t.record->thawChecks(kSubject);
  EXPECT_EQ(checks.size(), 4u);
  // A thaw check after the injection was given is refused.
  m = refusedMessage(
      t, [&] { t.record->recordThawCheck(kSubject, 1, "NK-OK", t.thaw(day)); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already given")) << m.toStdString();
}

TEST(Protocol, AChangeAfterEnrolmentStopsTheInjectionsUntilSignedAgain) {
  ProtocolTrial t;
  t.enrolled();
  t.as("coord");
  t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 2));
  t.record->recordProductLot(t.lot("NK-001"));
  const QDate day(2026, 2, 12);
  t.record->recordBodyMeasurement(kSubject, day, 20.0, std::nullopt);
  t.record->recordThawCheck(kSubject, 1, "NK-001", t.thaw(day));
  t.record->recordChecklistAnswer(
      kSubject, {"consent.guardianSigned", false, std::nullopt, "", QDate(2026, 2, 10), "letter"},
      "guardians withdrew consent");
  const auto inject = [&] { t.record->recordInjection(kSubject, 1, day, 100'000'000); };
  QString m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("consent.guardianSigned")) << m.toStdString();
  EXPECT_TRUE(m.contains("sign it again")) << m.toStdString();
  // Signed again, the checklist now says not eligible (exclusion 15): still refused.
  t.as("inv");
  t.record->signChecklist(kSubject, QDate(2026, 2, 10), "consent withdrawn", kPassword);
  t.as("coord");
  m = refusedMessage(t, inject, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("signed 'eligible'")) << m.toStdString();
}

TEST(Protocol, EvidenceDatedAfterTheJudgedDayCannotBeSigned) {
  ProtocolTrial t;
  t.answerAll(QDate(2026, 2, 5));
  t.imagingEligible();
  t.as("inv");
  const QString m = refusedMessage(
      t, [&] { t.record->signChecklist(kSubject, QDate(2026, 2, 2), "r", kPassword); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("dated 2026-02-05")) << m.toStdString();
  t.record->signChecklist(kSubject, QDate(2026, 2, 5), "r", kPassword);
}

TEST(Protocol, AFileOfAnswersIsSavedWholeOrNotAtAll) {
  ProtocolTrial t;
  t.as("coord");
  const auto items = scoring::checklistItems();
  t.record->recordChecklistAnswer(kSubject, passingAnswer(items[3], kScreening));
  std::vector<ChecklistAnswerInput> file;
  for (const scoring::ChecklistItem& item : items) {
    file.push_back(passingAnswer(item, kScreening));
  }
  // Item 3 is already answered and the file gives no reason: nothing of the file is saved.
  const QString m = refusedMessage(
      t, [&] { t.record->recordChecklistAnswers(kSubject, file); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains(QString::fromStdString(items[3].key))) << m.toStdString();
  EXPECT_TRUE(m.contains("nothing was saved")) << m.toStdString();
  EXPECT_EQ(t.record->checklistHistory(kSubject).size(), 1u);
  const auto ids = t.record->recordChecklistAnswers(kSubject, file, "screening file complete");
  EXPECT_EQ(ids.size(), items.size());
  const auto history = t.record->checklistHistory(kSubject);
  ASSERT_EQ(history.size(), items.size() + 1);
  // The reason is kept on the one answer it changed, not on the first answers.
  int withReason = 0;
  for (const ChecklistAnswerRecord& a : history) {
    withReason += a.reason.isEmpty() ? 0 : 1;
  }
  EXPECT_EQ(withReason, 1);
}

TEST(Protocol, ImplausibleSettingsAreRefused) {
  ProtocolTrial t;
  ProtocolSettings bad;
  bad.schedule.windowDaysAfterDue = -1;
  EXPECT_THROW(t.record->setProtocolSettings(bad), RecordError);
  bad = {};
  bad.release.minViabilityPercent = 140.0;
  EXPECT_THROW(t.record->setProtocolSettings(bad), RecordError);
  bad = {};
  bad.checklist.minAgeYears = 18;
  EXPECT_THROW(t.record->setProtocolSettings(bad), RecordError);
  // The settings in force are unchanged by a refusal.
  EXPECT_EQ(t.record->protocolSettings().schedule.windowDaysAfterDue, 3);
}

TEST(Protocol, TheNewTablesAreAppendOnlyAndReplayFromTheAuditTrail) {
  ProtocolTrial t;
  t.enrolled();
  t.as("coord");
  t.record->recordCourseEnd(kSubject, 1, QDate(2026, 2, 2));
  t.record->recordProductLot(t.lot("NK-001"));
  t.record->recordThawCheck(kSubject, 1, "NK-001", t.thaw(QDate(2026, 2, 12)));
  for (const char* table : {"checklist_answers", "checklist_signoffs", "chemotherapy_courses",
                            "product_lots", "thaw_checks"}) {
    QSqlQuery q(t.db->connection());
    EXPECT_FALSE(q.exec(QString("DELETE FROM %1").arg(table))) << table;
    EXPECT_TRUE(q.lastError().text().contains("append-only")) << q.lastError().text().toStdString();
  }
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact);
}

}  // namespace
}  // namespace nbra::records
