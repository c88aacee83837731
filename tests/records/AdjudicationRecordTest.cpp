// Blinded double reading with adjudication in the trial record (schema 11), on SQLite and on
// PostgreSQL: the reading design, who reads and who adjudicates a timepoint, how a timepoint walks
// from its assignment to its read of record, what the adjudicator may choose, what rests on the
// reads of record, and who sees what. Every refusal names what was refused and writes nothing.
#include <gtest/gtest.h>

#include <QSqlQuery>
#include <functional>
#include <string>
#include <vector>

#include "records/audit/AuditTrail.h"
#include "scoring/adjudication/ReaderDraw.h"
#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

const QString kSubject = QStringLiteral("NB-001");
const QString kBaseline = QStringLiteral("baseline");  // populate()'s timepoints
const QString kFollowUp = QStringLiteral("after injection 3");
const QString kDesignReason = QStringLiteral("protocol amendment 2: blinded double reading");

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

qint64 rowCount(TestTrial& t, const char* table) {
  QSqlQuery q = t.db->run(QString("SELECT COUNT(*) FROM %1").arg(table));
  return q.next() ? q.value(0).toLongLong() : -1;
}

ReadContent contentFor(const QString& label) {
  return label == kBaseline ? testing::baselineRead() : testing::followUpRead();
}

// The same read with the liver lesion measured again (a reader's correction).
ReadContent remeasured(const QString& label) {
  ReadContent c = contentFor(label);
  c.lesions.at(1).longAxisMm += 4.0;
  return c;
}

void setDouble(TestTrial& t) {
  t.as("admin");
  t.record->setReadingDesign(kDoubleRead, {}, kDesignReason);
}

void assignAll(TestTrial& t, const QString& label, const QString& adjudicator = "adj") {
  t.as("coord");
  t.record->assignReader(kSubject, label, kReader1, "reader1");
  t.record->assignReader(kSubject, label, kReader2, "reader2");
  t.record->assignReader(kSubject, label, kAdjudicatorDuty, adjudicator);
}

qint64 readAndSign(TestTrial& t, const QString& user, const QString& label) {
  t.as(user);
  const qint64 id = t.record->saveRead(kSubject, label, contentFor(label));
  t.record->signRead(kSubject, label, kPassword);
  return id;
}

struct Pair {
  qint64 a = 0;  // reader 1's signed read
  qint64 b = 0;  // reader 2's
};

Pair readBoth(TestTrial& t, const QString& label) {
  const qint64 a = readAndSign(t, "reader1", label);
  const qint64 b = readAndSign(t, "reader2", label);
  return {a, b};
}

ComparisonInput comparison(const Pair& p, bool discordant) {
  return {p.a, p.b, discordant, discordant ? QStringList{"overallResponse"} : QStringList{},
          QStringLiteral("{}")};
}

qint64 compare(TestTrial& t, const QString& label, const Pair& p, bool discordant) {
  t.as("inv");
  return t.record->recordComparison(kSubject, label, comparison(p, discordant));
}

ReadingStatus statusAs(TestTrial& t, const QString& user, const QString& label) {
  t.as(user);
  return t.record->readingStatus(kSubject, label);
}

// Double design, both timepoints assigned to reader1, reader2 and adj.
class Adjudication : public ::testing::Test {
 protected:
  void SetUp() override {
    t.populate();
    setDouble(t);
    assignAll(t, kBaseline);
    assignAll(t, kFollowUp);
  }
  TestTrial t;
};

// --- the design -----------------------------------------------------------------------------

TEST(AdjudicationDesign, SingleUntilTheAdministratorSetsDoubleWithAReasonAndPlausibleSettings) {
  TestTrial t;
  t.populate();
  const ReadingDesign initial = t.record->readingDesign();
  EXPECT_EQ(initial.design, kSingleRead);
  EXPECT_FALSE(initial.id);
  EXPECT_TRUE(initial.discordance.overallResponse);
  EXPECT_FALSE(initial.discordance.sumOfDiametersThresholdMm);

  // Only the administrator sets it.
  for (const char* user : {"coord", "inv", "reader1", "adj"}) {
    SCOPED_TRACE(user);
    t.as(user);
    const QString m = refusedMessage(
        t, [&] { t.record->setReadingDesign(kDoubleRead, {}, kDesignReason); },
        RecordErrorKind::Refused);
    EXPECT_TRUE(m.contains("may not set the reading design")) << m.toStdString();
    EXPECT_TRUE(m.contains(QString("'%1'").arg(user))) << m.toStdString();
  }

  t.as("admin");
  QString m = refusedMessage(
      t, [&] { t.record->setReadingDesign(kDoubleRead, {}, "  "); }, RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("needs a reason")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->setReadingDesign("triple", {}, kDesignReason); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("'triple'")) << m.toStdString();
  scoring::DiscordanceSettings implausible;
  implausible.sumOfDiametersThresholdMm = -1.0;
  implausible.curieThreshold = 31;
  m = refusedMessage(
      t, [&] { t.record->setReadingDesign(kDoubleRead, implausible, kDesignReason); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("sumOfDiametersThresholdMm")) << m.toStdString();
  EXPECT_TRUE(m.contains("-1")) << m.toStdString();
  EXPECT_TRUE(m.contains("curieThreshold")) << m.toStdString();
  EXPECT_EQ(t.record->readingDesign().design, kSingleRead);
  EXPECT_EQ(rowCount(t, "reading_designs"), 0);

  scoring::DiscordanceSettings settings;
  settings.newLesion = false;
  settings.sumOfDiametersThresholdMm = 5.5;
  settings.curieThreshold = 3;
  settings.siopenThreshold = 4;
  const qint64 before = testing::auditCount(*t.db);
  const qint64 id = t.record->setReadingDesign(kDoubleRead, settings, " " + kDesignReason + " ");
  EXPECT_GT(testing::auditCount(*t.db), before);

  // Anyone signed in reads it back, settings and provenance included.
  t.as("coord");
  const ReadingDesign d = t.record->readingDesign();
  EXPECT_EQ(d.design, kDoubleRead);
  ASSERT_TRUE(d.id);
  EXPECT_EQ(*d.id, id);
  EXPECT_EQ(d.reason, kDesignReason);  // trimmed
  EXPECT_EQ(d.setByName, "Ada Admin");
  EXPECT_FALSE(d.setUtc.isEmpty());
  EXPECT_TRUE(d.discordance.overallResponse);
  EXPECT_TRUE(d.discordance.eligibility);
  EXPECT_TRUE(d.discordance.extraDoses);
  EXPECT_FALSE(d.discordance.newLesion);
  ASSERT_TRUE(d.discordance.sumOfDiametersThresholdMm);
  EXPECT_DOUBLE_EQ(*d.discordance.sumOfDiametersThresholdMm, 5.5);
  EXPECT_EQ(d.discordance.curieThreshold, 3);
  EXPECT_EQ(d.discordance.siopenThreshold, 4);

  // The newest design is the one in force.
  t.as("admin");
  t.record->setReadingDesign(kSingleRead, {}, "amendment withdrawn");
  EXPECT_EQ(t.record->readingDesign().design, kSingleRead);
  EXPECT_FALSE(t.record->readingDesign().discordance.sumOfDiametersThresholdMm);
  EXPECT_EQ(rowCount(t, "reading_designs"), 2);
}

// --- assignments ------------------------------------------------------------------------------

TEST(AdjudicationAssignment, TwoReadersAndAnAdjudicatorWhoAreThreeDifferentPeople) {
  TestTrial t;
  t.populate();
  t.as("admin");
  t.record->createUser("ada", "Dr Ada Adjudicator", Role::Reader, kPassword);  // adj's namesake
  t.record->createUser("reader3", "Dr Tom Third", Role::Reader, kPassword);
  t.record->createUser("gone", "Dr Gone Away", Role::Reader, kPassword);
  t.record->setUserActive("gone", false, "left the trial");

  t.as("inv");
  QString m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kBaseline, kReader1, "reader1"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("may not assign readers")) << m.toStdString();

  t.as("coord");
  const qint64 first = t.record->assignReader(kSubject, kBaseline, kReader1, "reader1");
  const qint64 second = t.record->assignReader(kSubject, kBaseline, kReader2, "reader2");
  const qint64 third = t.record->assignReader(kSubject, kBaseline, kAdjudicatorDuty, "adj");
  EXPECT_NE(first, second);
  EXPECT_NE(second, third);

  // A reader never adjudicates, an adjudicator never reads (nor does anyone else).
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kAdjudicatorDuty, "reader1"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader1'")) << m.toStdString();
  EXPECT_TRUE(m.contains("is a reader")) << m.toStdString();
  EXPECT_TRUE(m.contains("cannot be the adjudicator")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader1, "adj"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'adj'")) << m.toStdString();
  EXPECT_TRUE(m.contains("is an adjudicator")) << m.toStdString();
  EXPECT_TRUE(m.contains("cannot be reader 1")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader2, "inv"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("is an investigator")) << m.toStdString();

  // Not a duty, nobody, a deactivated account.
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, "reader-3", "reader3"); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("'reader-3'")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader1, "ghost"); },
      RecordErrorKind::NotFound);
  EXPECT_TRUE(m.contains("'ghost'")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader1, "gone"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'gone'") && m.contains("deactivated")) << m.toStdString();

  // One person, one duty: the same account twice, or the same full name under another account.
  t.record->assignReader(kSubject, kFollowUp, kReader1, "reader1");
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader2, "reader1"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("reader1") && m.contains("already reader 1")) << m.toStdString();
  t.record->assignReader(kSubject, kFollowUp, kAdjudicatorDuty, "adj");
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kFollowUp, kReader2, "ada"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("Dr Ada Adjudicator")) << m.toStdString();
  EXPECT_TRUE(m.contains("already the adjudicator")) << m.toStdString();
  EXPECT_TRUE(m.contains("three different people")) << m.toStdString();

  // A change of assignment needs a reason, and a different person.
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kBaseline, kReader2, "reader3"); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("reader2") && m.contains("needs a reason")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->assignReader(kSubject, kBaseline, kReader2, "reader2", "again"); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already reader 2")) << m.toStdString();
  const qint64 changed = t.record->assignReader(kSubject, kBaseline, kReader2, "reader3",
                                                "reader2 on leave until June");
  std::vector<ReadAssignmentRecord> now = t.record->assignments(kSubject, kBaseline);
  ASSERT_EQ(now.size(), 3u);
  const auto duty = [&](const QString& d) {
    for (const ReadAssignmentRecord& a : now) {
      if (a.duty == d) {
        return a;
      }
    }
    ADD_FAILURE() << "no " << d.toStdString();
    return ReadAssignmentRecord{};
  };
  EXPECT_EQ(duty(kReader1).userName, "reader1");
  EXPECT_EQ(duty(kReader1).fullName, "Dr Rita Reader");
  EXPECT_EQ(duty(kReader1).method, "manual");
  EXPECT_EQ(duty(kReader1).createdByName, "Cora Coordinator");
  EXPECT_EQ(duty(kReader2).id, changed);
  EXPECT_EQ(duty(kReader2).userName, "reader3");
  EXPECT_EQ(duty(kReader2).supersedesId, second);
  EXPECT_EQ(duty(kReader2).reason, "reader2 on leave until June");
  EXPECT_EQ(duty(kAdjudicatorDuty).userName, "adj");

  // The replaced reader no longer reads the timepoint (single design: the assignment rules it).
  t.as("reader2");
  m = refusedMessage(
      t, [&] { t.record->saveRead(kSubject, kBaseline, testing::baselineRead()); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader2' is not one of them")) << m.toStdString();
  // Once the new reader has started, the assignment stays.
  t.as("reader3");
  t.record->saveRead(kSubject, kBaseline, testing::baselineRead());
  t.as("coord");
  m = refusedMessage(
      t,
      [&] { t.record->assignReader(kSubject, kBaseline, kReader2, "reader2", "reader2 is back"); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("reader3 has already started a read")) << m.toStdString();
  EXPECT_EQ(t.record->assignments(kSubject, kBaseline).size(), 3u);

  // Each sees their own duties.
  t.as("reader1");
  const std::vector<ReadAssignmentRecord> mine = t.record->myAssignments();
  ASSERT_EQ(mine.size(), 2u);
  for (const ReadAssignmentRecord& a : mine) {
    EXPECT_EQ(a.userName, "reader1");
    EXPECT_EQ(a.duty, kReader1);
  }
  t.as("adj");
  EXPECT_EQ(t.record->myAssignments().size(), 2u);
  t.as("reader2");
  EXPECT_TRUE(t.record->myAssignments().empty());
}

// The pair a fresh record draws for populate()'s baseline, among five active readers.
std::pair<QString, QString> drawnInAFreshTrial(std::uint64_t seed) {
  TestTrial t;
  t.populate();
  t.as("admin");
  t.record->createUser("reader3", "Dr Tom Third", Role::Reader, kPassword);
  t.record->createUser("reader4", "Dr Fay Fourth", Role::Reader, kPassword);
  t.record->createUser("reader5", "Dr Max Fifth", Role::Reader, kPassword);
  t.as("coord");
  const std::vector<ReadAssignmentRecord> drawn = t.record->drawReaders(kSubject, kBaseline, seed);
  std::pair<QString, QString> names;
  for (const ReadAssignmentRecord& a : drawn) {
    EXPECT_EQ(a.method, "random");
    (a.duty == kReader1 ? names.first : names.second) = a.userName;
  }
  EXPECT_EQ(drawn.size(), 2u);
  return names;
}

TEST(AdjudicationDraw, TwoDifferentActiveReadersReproducibleFromTheSeed) {
  const std::vector<std::string> pool{"reader1", "reader2", "reader3", "reader4", "reader5"};
  for (const std::uint64_t seed : {20261206ULL, 7ULL}) {
    SCOPED_TRACE(seed);
    const auto expected = scoring::drawTwoReaders(pool, {}, seed, "NB-001/baseline");
    const std::pair<QString, QString> once = drawnInAFreshTrial(seed);
    const std::pair<QString, QString> again = drawnInAFreshTrial(seed);
    EXPECT_EQ(once, again);
    EXPECT_NE(once.first, once.second);
    EXPECT_EQ(once.first.toStdString(), expected.first);
    EXPECT_EQ(once.second.toStdString(), expected.second);
  }
}

TEST(AdjudicationDraw, RefusedWhenReadersAreAssignedOrTooFewAreActive) {
  TestTrial t;
  t.populate();
  t.as("inv");
  QString m = refusedMessage(
      t, [&] { t.record->drawReaders(kSubject, kBaseline, 1); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("may not assign readers")) << m.toStdString();

  t.as("coord");
  t.record->assignReader(kSubject, kBaseline, kAdjudicatorDuty, "adj");
  const std::vector<ReadAssignmentRecord> drawn = t.record->drawReaders(kSubject, kBaseline, 99);
  ASSERT_EQ(drawn.size(), 3u);  // the adjudicator stays, the two readers are drawn
  QStringList readers;
  for (const ReadAssignmentRecord& a : drawn) {
    if (a.duty == kAdjudicatorDuty) {
      EXPECT_EQ(a.userName, "adj");
    } else {
      EXPECT_EQ(a.method, "random");
      readers << a.userName;
    }
  }
  readers.sort();
  EXPECT_EQ(readers, (QStringList{"reader1", "reader2"}));
  m = refusedMessage(
      t, [&] { t.record->drawReaders(kSubject, kBaseline, 100); }, RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already has reader 1")) << m.toStdString();

  t.as("admin");
  t.record->setUserActive("reader2", false, "left the trial");
  t.as("coord");
  m = refusedMessage(
      t, [&] { t.record->drawReaders(kSubject, kFollowUp, 99); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("NB-001") && m.contains("'after injection 3'")) << m.toStdString();
  EXPECT_TRUE(m.contains("only 1 eligible reader")) << m.toStdString();
  EXPECT_TRUE(t.record->assignments(kSubject, kFollowUp).empty());

  // A deactivated reader is never drawn.
  t.as("admin");
  t.record->createUser("reader3", "Dr Tom Third", Role::Reader, kPassword);
  t.as("coord");
  QStringList followUpReaders;
  for (const ReadAssignmentRecord& a : t.record->drawReaders(kSubject, kFollowUp, 99)) {
    followUpReaders << a.userName;
  }
  followUpReaders.sort();
  EXPECT_EQ(followUpReaders, (QStringList{"reader1", "reader3"}));
}

TEST(AdjudicationDraw, NeverDrawsTheAdjudicatorUnderAnotherAccount) {
  // The three of a timepoint are different people, also when drawn: a reader account with the
  // assigned adjudicator's full name is not in the pool (assignReader refuses it by name too).
  TestTrial t;
  t.populate();
  t.as("admin");
  t.record->createUser("ada", "Dr Ada Adjudicator", Role::Reader, kPassword);
  t.record->setUserActive("reader2", false, "left the trial");
  t.as("coord");
  t.record->assignReader(kSubject, kBaseline, kAdjudicatorDuty, "adj");
  const QString m = refusedMessage(
      t, [&] { t.record->drawReaders(kSubject, kBaseline, 5); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("only 1 eligible reader")) << m.toStdString();
}

// --- reading under the double design -----------------------------------------------------------

TEST(AdjudicationReading, OnlyTheAssignedReadersReadATimepointReadTwice) {
  TestTrial t;
  t.populate();
  // Single reading, nobody assigned: any reader reads.
  t.as("reader1");
  t.record->saveRead(kSubject, kFollowUp, testing::followUpRead());

  setDouble(t);
  t.as("reader1");
  QString m = refusedMessage(
      t, [&] { t.record->saveRead(kSubject, kBaseline, testing::baselineRead()); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("no readers assigned")) << m.toStdString();
  EXPECT_TRUE(m.contains("'baseline'")) << m.toStdString();

  t.as("admin");
  t.record->createUser("reader3", "Dr Tom Third", Role::Reader, kPassword);
  t.as("coord");
  t.record->assignReader(kSubject, kBaseline, kReader1, "reader1");
  t.record->assignReader(kSubject, kBaseline, kReader2, "reader2");
  t.as("reader3");
  m = refusedMessage(
      t, [&] { t.record->saveRead(kSubject, kBaseline, testing::baselineRead()); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader3' is not one of them")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "reads"), 1);  // reader1's follow-up draft only
  t.as("reader1");
  const qint64 id = t.record->saveRead(kSubject, kBaseline, testing::baselineRead());
  t.record->signRead(kSubject, kBaseline, kPassword);
  EXPECT_EQ(t.record->reads(kSubject, kBaseline).at(0).id, id);
}

TEST(AdjudicationReading, ADiscordantTimepointWalksFromAssignmentToItsAdjudicatedReadOfRecord) {
  TestTrial t;
  t.populate();
  setDouble(t);
  const auto noNames = [](const ReadingStatus& s) {
    for (const char* name : {"reader1", "reader2", "Rita", "Nils"}) {
      EXPECT_FALSE(s.text.contains(name)) << s.text.toStdString();
    }
  };

  ReadingStatus s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.design, kDoubleRead);
  EXPECT_EQ(s.state, "awaiting-assignment");
  EXPECT_FALSE(s.readOfRecordId);
  t.as("coord");
  t.record->assignReader(kSubject, kBaseline, kReader1, "reader1");
  EXPECT_EQ(statusAs(t, "inv", kBaseline).state, "awaiting-assignment");
  t.as("coord");
  t.record->assignReader(kSubject, kBaseline, kReader2, "reader2");
  t.record->assignReader(kSubject, kBaseline, kAdjudicatorDuty, "adj");

  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "awaiting-reads");
  EXPECT_EQ(s.text, "awaiting reads: reader 1 (not started), reader 2 (not started)");
  noNames(s);
  t.as("reader1");
  const qint64 a = t.record->saveRead(kSubject, kBaseline, testing::baselineRead());
  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.text, "awaiting reads: reader 1 (draft), reader 2 (not started)");
  t.as("reader1");
  t.record->signRead(kSubject, kBaseline, kPassword);
  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "awaiting-reads");
  EXPECT_EQ(s.text, "awaiting reads: reader 2 (not started)");
  noNames(s);
  const qint64 b = readAndSign(t, "reader2", kBaseline);

  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "awaiting-comparison");
  EXPECT_EQ(s.readAId, a);
  EXPECT_EQ(s.readBId, b);
  EXPECT_FALSE(s.readOfRecordId);
  EXPECT_FALSE(s.comparison);

  const qint64 comparisonId = compare(t, kBaseline, {a, b}, true);
  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "awaiting-adjudication");
  EXPECT_FALSE(s.readOfRecordId);
  ASSERT_TRUE(s.comparison);
  EXPECT_EQ(s.comparison->id, comparisonId);
  EXPECT_EQ(s.comparison->readAId, a);
  EXPECT_EQ(s.comparison->readBId, b);
  EXPECT_TRUE(s.comparison->discordant);
  EXPECT_EQ(s.comparison->triggering, QStringList{"overallResponse"});
  EXPECT_EQ(s.comparison->comparisonJson, "{}");
  EXPECT_TRUE(s.text.contains("overall INRC response differs")) << s.text.toStdString();
  noNames(s);

  t.as("adj");
  const qint64 before = testing::auditCount(*t.db);
  const qint64 adjudication = t.record->adjudicate(
      kSubject, kBaseline, b, "read B measured the liver lesion on the portal phase", kPassword);
  EXPECT_GT(testing::auditCount(*t.db), before);

  s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "adjudicated");
  EXPECT_EQ(s.readOfRecordId, b);
  ASSERT_TRUE(s.adjudication);
  EXPECT_EQ(s.adjudication->id, adjudication);
  EXPECT_EQ(s.adjudication->comparisonId, comparisonId);
  EXPECT_EQ(s.adjudication->chosenReadId, b);
  EXPECT_EQ(s.adjudication->chosenRead, "B");
  EXPECT_EQ(s.adjudication->reason, "read B measured the liver lesion on the portal phase");
  EXPECT_EQ(s.adjudication->adjudicatorName, "Dr Ada Adjudicator");
  ASSERT_TRUE(s.adjudication->signature);
  EXPECT_EQ(s.adjudication->signature->signerName, "Dr Ada Adjudicator");
  EXPECT_EQ(s.adjudication->signature->signerUserName, "adj");
  EXPECT_EQ(s.adjudication->signature->meaning, "adjudicated: read of record chosen");
  EXPECT_FALSE(s.adjudication->signature->signedUtc.isEmpty());
  EXPECT_TRUE(s.text.contains("reader 2")) << s.text.toStdString();

  // A reader who signed still does not see it (double reading); the reading history names who
  // read.
  t.as("reader1");
  EXPECT_THROW(t.record->readingStatus(kSubject, kBaseline), RecordError);
  t.as("inv");
  const std::vector<ReadingHistoryRow> history = t.record->readingHistory();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].studyId, kSubject);
  EXPECT_EQ(history[0].timepointLabel, kBaseline);
  EXPECT_EQ(history[0].readerA, "reader1");
  EXPECT_EQ(history[0].readerB, "reader2");
  EXPECT_EQ(history[0].comparison.id, comparisonId);
  EXPECT_EQ(history[0].chosenRead, "B");
  EXPECT_TRUE(history[0].current);
}

TEST_F(Adjudication, AConcordantComparisonMakesReaderOnesReadTheReadOfRecord) {
  const Pair p = readBoth(t, kBaseline);
  compare(t, kBaseline, p, false);
  const ReadingStatus s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.state, "concordant");
  EXPECT_EQ(s.readOfRecordId, p.a);
  EXPECT_FALSE(s.adjudication);
  ASSERT_TRUE(s.comparison);
  EXPECT_FALSE(s.comparison->discordant);
  EXPECT_TRUE(s.comparison->triggering.isEmpty());
  t.as("inv");
  const std::vector<ReadingHistoryRow> history = t.record->readingHistory();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_FALSE(history[0].comparison.discordant);
  EXPECT_FALSE(history[0].chosenRead);
}

TEST_F(Adjudication, AComparisonIsOfTheTwoCurrentSignedReadsAndIsKeptOnce) {
  const qint64 a = readAndSign(t, "reader1", kBaseline);
  t.as("inv");
  QString m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kBaseline, comparison({a, a + 1000}, true));
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("not the two current signed reads")) << m.toStdString();
  EXPECT_TRUE(m.contains("awaiting reads: reader 2 (not started)")) << m.toStdString();

  const qint64 b = readAndSign(t, "reader2", kBaseline);
  t.as("inv");
  for (const Pair wrong : {Pair{b, a}, Pair{a, a}, Pair{a, b + 1000}}) {
    SCOPED_TRACE(QString("%1/%2").arg(wrong.a).arg(wrong.b).toStdString());
    m = refusedMessage(
        t, [&] { t.record->recordComparison(kSubject, kBaseline, comparison(wrong, true)); },
        RecordErrorKind::Conflict);
    EXPECT_TRUE(m.contains("not the two current signed reads")) << m.toStdString();
  }
  // The discordant flag and the triggering variables say the same thing, in known words.
  m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kBaseline, {a, b, true, {}, "{}"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("discordant exactly when")) << m.toStdString();
  m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kBaseline, {a, b, false, {"newLesion"}, "{}"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("discordant exactly when")) << m.toStdString();
  m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kBaseline, {a, b, true, {"mood"}, "{}"});
      },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("'mood'")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "read_comparisons"), 0);
  EXPECT_EQ(statusAs(t, "inv", kBaseline).state, "awaiting-comparison");

  t.as("inv");
  const qint64 id = t.record->recordComparison(kSubject, kBaseline, comparison({a, b}, true));
  // Asking again (whoever asks, whatever they say) returns the kept comparison and writes nothing.
  const qint64 before = testing::auditCountWithoutSignIns(*t.db);
  EXPECT_EQ(t.record->recordComparison(kSubject, kBaseline, comparison({a, b}, true)), id);
  t.as("coord");
  EXPECT_EQ(t.record->recordComparison(kSubject, kBaseline, comparison({a, b}, false)), id);
  EXPECT_EQ(testing::auditCountWithoutSignIns(*t.db), before);
  // A reader is a party to the comparison and never records one, even after signing (they could
  // otherwise call their own disagreement concordant).
  t.as("reader2");
  m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kBaseline, comparison({a, b}, false));
      },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader2' is a reader")) << m.toStdString();
  EXPECT_FALSE(m.contains("awaiting")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "read_comparisons"), 1);
  EXPECT_EQ(statusAs(t, "inv", kBaseline).state, "awaiting-adjudication");
}

// --- the adjudicator's choice ------------------------------------------------------------------

TEST_F(Adjudication, TheAdjudicatorChoosesOnceBetweenTheTwoComparedReads) {
  const Pair base = readBoth(t, kBaseline);
  const Pair fu = readBoth(t, kFollowUp);
  compare(t, kBaseline, base, false);
  compare(t, kFollowUp, fu, true);
  const QString reason = "read A followed the liver lesion on the same series";

  t.as("inv");
  QString m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, fu.a, reason, kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("may not adjudicate")) << m.toStdString();

  t.as("adj");
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, base.a, reason, kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains(
      QString("read %1 is a read of subject 'NB-001', timepoint 'baseline'").arg(base.a)))
      << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, 999999, reason, kPassword); },
      RecordErrorKind::NotFound);
  EXPECT_TRUE(m.contains("no read 999999")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, fu.a, " ", kPassword); },
      RecordErrorKind::BadInput);
  EXPECT_TRUE(m.contains("needs a reason")) << m.toStdString();
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kBaseline, base.a, reason, kPassword); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("not awaiting adjudication") && m.contains("concordant"))
      << m.toStdString();

  // A wrong password: the refused signature is audited (one entry), nothing else is written.
  const qint64 before = testing::auditCount(*t.db);
  try {
    t.record->adjudicate(kSubject, kFollowUp, fu.a, reason, "wrong horse");
    ADD_FAILURE() << "adjudicated with a wrong password";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Refused);
    EXPECT_TRUE(QString(e.what()).contains("wrong password for user 'adj'")) << e.what();
  }
  EXPECT_EQ(testing::auditCount(*t.db), before + 1);
  EXPECT_EQ(rowCount(t, "adjudications"), 0);

  // Only the adjudicator assigned to the timepoint.
  t.as("adj2");
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, fu.a, reason, kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'adj2' is not its adjudicator")) << m.toStdString();

  // Reader 1 corrects: the old version is never the read of record.
  t.as("reader1");
  const qint64 a2 =
      t.record->correctRead(kSubject, kFollowUp, remeasured(kFollowUp), "liver lesion remeasured");
  t.record->signRead(kSubject, kFollowUp, kPassword);
  t.as("adj");
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, a2, reason, kPassword); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("not awaiting adjudication") && m.contains("awaiting comparison"))
      << m.toStdString();
  compare(t, kFollowUp, {a2, fu.b}, true);
  t.as("adj");
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, fu.a, reason, kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains(QString("read %1 is not one of the two reads compared").arg(fu.a)))
      << m.toStdString();
  EXPECT_TRUE(m.contains("older version")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "adjudications"), 0);

  t.record->adjudicate(kSubject, kFollowUp, a2, reason, kPassword);
  const ReadingStatus s = statusAs(t, "inv", kFollowUp);
  EXPECT_EQ(s.state, "adjudicated");
  EXPECT_EQ(s.readOfRecordId, a2);
  ASSERT_TRUE(s.adjudication);
  EXPECT_EQ(s.adjudication->chosenRead, "A");

  t.as("adj");
  m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kFollowUp, fu.b, "changed my mind", kPassword); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("already adjudicated")) << m.toStdString();
  EXPECT_TRUE(m.contains("Dr Ada Adjudicator")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "adjudications"), 1);
  EXPECT_EQ(statusAs(t, "inv", kFollowUp).readOfRecordId, a2);
}

TEST(AdjudicationSingle, UnderSingleReadingThereIsNothingToAdjudicate) {
  TestTrial t;
  t.populate();
  const qint64 read = readAndSign(t, "reader1", kBaseline);
  t.as("adj");
  const QString m = refusedMessage(
      t, [&] { t.record->adjudicate(kSubject, kBaseline, read, "curious", kPassword); },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("nothing to adjudicate")) << m.toStdString();
  const ReadingStatus s = statusAs(t, "inv", kBaseline);
  EXPECT_EQ(s.design, kSingleRead);
  EXPECT_EQ(s.state, "open");
  EXPECT_EQ(s.readOfRecordId, read);
}

TEST_F(Adjudication, ACorrectionOfAnAdjudicatedReadReopensTheTimepoint) {
  const Pair fu = readBoth(t, kFollowUp);
  compare(t, kFollowUp, fu, true);
  t.as("adj");
  t.record->adjudicate(kSubject, kFollowUp, fu.a, "read A is complete", kPassword);
  EXPECT_EQ(statusAs(t, "inv", kFollowUp).readOfRecordId, fu.a);

  t.as("reader2");
  const qint64 b2 = t.record->correctRead(kSubject, kFollowUp, remeasured(kFollowUp),
                                          "lesion L1 remeasured on the venous phase");
  ReadingStatus s = statusAs(t, "inv", kFollowUp);
  EXPECT_EQ(s.state, "awaiting-reads");
  EXPECT_EQ(s.text, "awaiting reads: reader 2 (draft)");
  EXPECT_FALSE(s.readOfRecordId);
  EXPECT_FALSE(s.adjudication);

  t.as("reader2");
  t.record->signRead(kSubject, kFollowUp, kPassword);
  s = statusAs(t, "inv", kFollowUp);
  EXPECT_EQ(s.state, "awaiting-comparison");
  EXPECT_EQ(s.readAId, fu.a);
  EXPECT_EQ(s.readBId, b2);
  EXPECT_FALSE(s.readOfRecordId);
  t.as("inv");
  std::vector<ReadingHistoryRow> history = t.record->readingHistory();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_FALSE(history[0].current);

  compare(t, kFollowUp, {fu.a, b2}, true);
  EXPECT_EQ(statusAs(t, "inv", kFollowUp).state, "awaiting-adjudication");
  t.as("adj");
  t.record->adjudicate(kSubject, kFollowUp, b2, "the corrected read B is right", kPassword);
  s = statusAs(t, "inv", kFollowUp);
  EXPECT_EQ(s.state, "adjudicated");
  EXPECT_EQ(s.readOfRecordId, b2);
  history = t.record->readingHistory();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].current);
  EXPECT_EQ(history[0].chosenRead, "A");
  EXPECT_TRUE(history[1].current);
  EXPECT_EQ(history[1].chosenRead, "B");
  EXPECT_EQ(rowCount(t, "adjudications"), 2);

  // The reading tables are append-only in the database itself, and the audit trail replays to
  // exactly their rows.
  for (const char* statement :
       {"UPDATE adjudications SET chosen_read_id = chosen_read_id + 1", "DELETE FROM adjudications",
        "UPDATE read_comparisons SET discordant = 0", "DELETE FROM read_assignments",
        "UPDATE reading_designs SET design = 'single'"}) {
    SCOPED_TRACE(statement);
    EXPECT_THROW(t.db->run(statement), RecordError);
  }
  EXPECT_EQ(statusAs(t, "inv", kFollowUp).readOfRecordId, b2);
  const AuditVerdict v = verifyAudit(*t.db);
  EXPECT_TRUE(v.intact) << v.message.toStdString() << v.rowMismatches.join("; ").toStdString();
}

// --- what rests on the reads of record ---------------------------------------------------------

TEST_F(Adjudication, AssessmentsAndPositiveDecisionsRestOnReadsOfRecord) {
  const Pair base = readBoth(t, kBaseline);
  const Pair fu = readBoth(t, kFollowUp);
  compare(t, kBaseline, base, false);
  compare(t, kFollowUp, fu, true);
  const auto input = [](std::vector<qint64> reads) {
    return AssessmentInput{"test", QStringLiteral("PR"), true, "allowed", "{}", std::move(reads)};
  };

  t.as("inv");
  for (const qint64 read : {fu.a, fu.b}) {
    SCOPED_TRACE(read);
    const QString m = refusedMessage(
        t,
        [&] {
          t.record->recordAssessment(kSubject, kFollowUp, input({base.a, read}));
        },
        RecordErrorKind::Conflict);
    EXPECT_TRUE(m.contains("timepoint 'after injection 3'")) << m.toStdString();
    EXPECT_TRUE(m.contains("awaiting adjudication")) << m.toStdString();
    EXPECT_TRUE(m.contains(QString("read %1 is not its read of record").arg(read)))
        << m.toStdString();
  }
  QString m = refusedMessage(
      t, [&] { t.record->recordAssessment(kSubject, kBaseline, input({base.b})); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("concordant") && m.contains("not its read of record")) << m.toStdString();
  EXPECT_EQ(rowCount(t, "assessments"), 0);

  t.as("adj");
  t.record->adjudicate(kSubject, kFollowUp, fu.b, "read B saw the new marrow result", kPassword);

  t.as("inv");
  m = refusedMessage(
      t,
      [&] {
        t.record->recordAssessment(kSubject, kFollowUp, input({base.a, fu.a}));
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("adjudicated") && m.contains("not its read of record")) << m.toStdString();
  const qint64 followUpAssessment =
      t.record->recordAssessment(kSubject, kFollowUp, input({base.a, fu.b}));
  const qint64 baselineAssessment =
      t.record->recordAssessment(kSubject, kBaseline, input({base.a}));
  EXPECT_NE(followUpAssessment, baselineAssessment);
  EXPECT_EQ(t.record->assessments(kSubject).size(), 2u);

  // A positive decision names the assessment of the reads of record it rests on.
  m = refusedMessage(
      t,
      [&] {
        t.record->confirmEligibility(kSubject, true, "eligible on the reads of record", kPassword,
                                     std::nullopt, t.screeningEligibility);
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("reads every timepoint twice")) << m.toStdString();
  EXPECT_TRUE(m.contains("names the assessment")) << m.toStdString();
  const qint64 decision =
      t.record->confirmEligibility(kSubject, true, "eligible on the reads of record", kPassword,
                                   baselineAssessment, t.screeningEligibility);
  const SubjectRecord s = t.record->subject(kSubject);
  ASSERT_FALSE(s.eligibility.empty());
  EXPECT_EQ(s.eligibility.back().id, decision);
  EXPECT_EQ(s.eligibility.back().assessmentId, baselineAssessment);
}

// The adjudicator chose reader 2's read; then reader 1 corrects theirs to agree. The read of
// record becomes reader 1's new read (concordant), so the assessment built on reader 2's read,
// which was never corrected itself, no longer stands: it says so, and no approval rests on it.
// Approving on the baseline's "not-yet-decidable" assessment is refused whatever the override.
TEST_F(Adjudication, AnAssessmentOnAReadNoLongerOfRecordIsSuperseded) {
  const Pair base = readBoth(t, kBaseline);
  const Pair fu = readBoth(t, kFollowUp);
  compare(t, kBaseline, base, false);
  compare(t, kFollowUp, fu, true);
  t.as("adj");
  t.record->adjudicate(kSubject, kFollowUp, fu.b, "read B measured the right lesion", kPassword);
  t.as("inv");
  const qint64 baselineAssessment = t.record->recordAssessment(
      kSubject, kBaseline, {"test", std::nullopt, true, "not-yet-decidable", "{}", {base.a}});
  QString m = refusedMessage(
      t,
      [&] {
        t.record->decideExtraDoses(kSubject, true, "improved", kPassword, baselineAssessment,
                                   std::nullopt, "the investigator's clinical judgement");
      },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("not-yet-decidable") && m.contains("double reading")) << m.toStdString();
  const qint64 assessment = t.record->recordAssessment(
      kSubject, kFollowUp, {"test", QStringLiteral("PR"), true, "allowed", "{}", {base.a, fu.b}});
  for (const AssessmentRecord& a : t.record->assessments(kSubject)) {
    EXPECT_TRUE(a.superseded.isEmpty()) << a.superseded.toStdString();
  }

  t.as("reader1");
  t.record->correctRead(kSubject, kFollowUp, contentFor(kFollowUp), "agree after re-review");
  t.record->signRead(kSubject, kFollowUp, kPassword);
  t.as("reader1");
  const qint64 corrected = t.record->reads(kSubject, kFollowUp).at(0).id;
  compare(t, kFollowUp, {corrected, fu.b}, false);
  EXPECT_EQ(statusAs(t, "inv", kFollowUp).readOfRecordId, corrected);

  t.as("inv");
  std::optional<AssessmentRecord> stale;
  for (const AssessmentRecord& a : t.record->assessments(kSubject)) {
    if (a.id == assessment) {
      stale = a;
    }
  }
  ASSERT_TRUE(stale);
  EXPECT_TRUE(stale->superseded.contains(
      QString("built on read %1, no longer the read of record").arg(fu.b)))
      << stale->superseded.toStdString();
  EXPECT_TRUE(stale->superseded.contains("concordant")) << stale->superseded.toStdString();
  m = refusedMessage(
      t, [&] { t.record->decideExtraDoses(kSubject, true, "PR", kPassword, assessment); },
      RecordErrorKind::Conflict);
  EXPECT_TRUE(m.contains("superseded")) << m.toStdString();
}

// The coordinator picks from the active accounts of the duty's role; nobody else lists them.
TEST(AdjudicationAssignment, TheCoordinatorIsOfferedTheActiveAccountsOfTheDutysRole) {
  TestTrial t;
  t.populate();
  t.as("admin");
  t.record->createUser("reader9", "Dr Gone Away", Role::Reader, kPassword);
  t.record->setUserActive("reader9", false, "left the trial");
  t.as("coord");
  QStringList readers;
  for (const UserRecord& u : t.record->assignableUsers(Role::Reader)) {
    readers << u.userName;
  }
  EXPECT_EQ(readers, QStringList({"reader1", "reader2"}));  // reader9 is deactivated
  QStringList adjudicators;
  for (const UserRecord& u : t.record->assignableUsers(Role::Adjudicator)) {
    adjudicators << u.userName + " " + u.fullName;
  }
  EXPECT_EQ(adjudicators, QStringList({"adj Dr Ada Adjudicator", "adj2 Dr Otto Other"}));
  EXPECT_THROW(t.record->assignableUsers(Role::Investigator), RecordError);
  for (const char* user : {"reader1", "adj", "inv"}) {
    t.as(user);
    EXPECT_THROW(t.record->assignableUsers(Role::Reader), RecordError) << user;
  }
}

// --- who sees what -----------------------------------------------------------------------------

// Everything a list of reads shows about who read and signed.
QString shownAbout(const std::vector<ReadRecord>& reads) {
  QStringList parts;
  for (const ReadRecord& r : reads) {
    parts << r.readerUserName << r.readerName << r.correctionReason << r.content.marksJson
          << r.content.legacyCaseJson;
    if (r.signature) {
      parts << r.signature->signerName << r.signature->signerUserName << r.signature->meaning;
    }
  }
  return parts.join(" | ");
}

TEST_F(Adjudication, ReadersAndTheAdjudicatorSeeOnlyWhatTheirDutyAllows) {
  // A concordant baseline with its assessment, an arm, and a follow-up reader 2 has signed.
  const Pair base = readBoth(t, kBaseline);
  compare(t, kBaseline, base, false);
  t.as("inv");
  t.record->recordAssessment(kSubject, kBaseline,
                             {"test", std::nullopt, true, "not-yet-decidable", "{}", {base.a}});
  t.as("coord");
  t.record->recordArm(kSubject, "NK");
  const qint64 b = readAndSign(t, "reader2", kFollowUp);
  t.as("reader1");
  const qint64 a = t.record->saveRead(kSubject, kFollowUp, testing::followUpRead());

  // Reader 1, before signing: no status, no comparison, only their own read, no other names.
  QString m = refusedMessage(
      t, [&] { t.record->readingStatus(kSubject, kFollowUp); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader1'") && m.contains("blinded")) << m.toStdString();
  m = refusedMessage(
      t,
      [&] {
        t.record->recordComparison(kSubject, kFollowUp, comparison({a, b}, true));
      },
      RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'reader1' is a reader")) << m.toStdString();
  EXPECT_FALSE(m.contains("awaiting")) << m.toStdString();
  std::vector<ReadRecord> reads = t.record->reads(kSubject, kFollowUp);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].id, a);
  EXPECT_EQ(reads[0].readerUserName, "reader1");
  EXPECT_EQ(reads[0].status, "draft");
  for (const ReadAssignmentRecord& duty : t.record->assignments(kSubject, kFollowUp)) {
    SCOPED_TRACE(duty.duty.toStdString());
    EXPECT_EQ(duty.userName, duty.duty == kReader1 ? "reader1" : "");
    EXPECT_EQ(duty.fullName, duty.duty == kReader1 ? "Dr Rita Reader" : "");
  }

  t.record->signRead(kSubject, kFollowUp, kPassword);
  compare(t, kFollowUp, {a, b}, true);
  // After signing too, under double reading: still no status, only their own read, no
  // assessment and no decision (each would tell them what the other reader read).
  t.as("reader1");
  m = refusedMessage(
      t, [&] { t.record->readingStatus(kSubject, kFollowUp); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("blinded")) << m.toStdString();
  reads = t.record->reads(kSubject, kFollowUp);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].id, a);
  EXPECT_TRUE(t.record->assessments(kSubject).empty());
  EXPECT_TRUE(t.record->subject(kSubject).eligibility.empty());

  // The adjudicator: reads A and B, never who read them.
  t.as("adj");
  for (const QString& label : {kBaseline, kFollowUp}) {
    SCOPED_TRACE(label.toStdString());
    const Pair p = label == kBaseline ? base : Pair{a, b};
    reads = t.record->reads(kSubject, label);
    ASSERT_EQ(reads.size(), 2u);
    for (const ReadRecord& r : reads) {
      const QString letter = r.id == p.a ? "A" : "B";
      EXPECT_TRUE(r.id == p.a || r.id == p.b) << r.id;
      EXPECT_EQ(r.readerUserName, "read-" + letter);
      EXPECT_EQ(r.readerName, "Reader " + letter);
      ASSERT_TRUE(r.signature);
      EXPECT_EQ(r.signature->signerUserName, "read-" + letter);
      EXPECT_EQ(r.signature->signerName, "Reader " + letter);
      EXPECT_EQ(r.signature->meaning, kReadSignatureMeaning);
      EXPECT_FALSE(r.content.lesions.empty());  // the images' findings are what they judge
    }
    const QString shown = shownAbout(reads);
    for (const char* name :
         {"reader1", "reader2", "Dr Rita Reader", "Dr Nils Nuclear", "Rita", "Nils"}) {
      EXPECT_FALSE(shown.contains(name)) << name << " in: " << shown.toStdString();
    }
  }
  // ... nor the site, the decisions, the assessments or the arm ...
  const SubjectRecord seen = t.record->subject(kSubject);
  EXPECT_EQ(seen.studyId, kSubject);
  EXPECT_EQ(seen.timepoints.size(), 2u);
  EXPECT_TRUE(seen.site.isEmpty()) << seen.site.toStdString();
  EXPECT_TRUE(seen.eligibility.empty());
  EXPECT_TRUE(seen.extraDoseDecisions.empty());
  EXPECT_TRUE(t.record->assessments(kSubject).empty());
  m = refusedMessage(
      t, [&] { t.record->arm(kSubject); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("'adj'") && m.contains("masked")) << m.toStdString();
  // ... nor the readers' names among the assignments, only their own.
  for (const ReadAssignmentRecord& duty : t.record->assignments(kSubject, kFollowUp)) {
    SCOPED_TRACE(duty.duty.toStdString());
    const bool own = duty.duty == kAdjudicatorDuty;
    EXPECT_EQ(duty.userName, own ? "adj" : "");
    EXPECT_EQ(duty.fullName, own ? "Dr Ada Adjudicator" : "");
  }
  const ReadingStatus status = t.record->readingStatus(kSubject, kFollowUp);
  EXPECT_EQ(status.state, "awaiting-adjudication");
  for (const char* name : {"reader1", "reader2", "Rita", "Nils"}) {
    EXPECT_FALSE(status.text.contains(name)) << status.text.toStdString();
  }
  m = refusedMessage(
      t, [&] { t.record->readingHistory(); }, RecordErrorKind::Refused);
  EXPECT_TRUE(m.contains("may not view reader metrics")) << m.toStdString();

  // What the adjudicator is kept from, the investigator sees (the checks above can fail).
  t.as("inv");
  const SubjectRecord full = t.record->subject(kSubject);
  EXPECT_EQ(full.site, "Site 01");
  EXPECT_FALSE(full.eligibility.empty());
  EXPECT_EQ(t.record->assessments(kSubject).size(), 1u);
  QStringList named;
  for (const ReadRecord& r : t.record->reads(kSubject, kFollowUp)) {
    named << r.readerUserName;
  }
  named.sort();
  EXPECT_EQ(named, (QStringList{"reader1", "reader2"}));

  // The reader metrics name the readers: investigator and administrator only.
  for (const char* user : {"inv", "admin"}) {
    SCOPED_TRACE(user);
    t.as(user);
    const std::vector<ReadingHistoryRow> history = t.record->readingHistory();
    ASSERT_EQ(history.size(), 2u);
    for (const ReadingHistoryRow& row : history) {
      EXPECT_EQ(row.readerA, "reader1");
      EXPECT_EQ(row.readerB, "reader2");
    }
    EXPECT_EQ(history[0].timepointLabel, kBaseline);
    EXPECT_EQ(history[1].timepointLabel, kFollowUp);
  }
  for (const char* user : {"reader1", "reader2", "coord"}) {
    SCOPED_TRACE(user);
    t.as(user);
    m = refusedMessage(
        t, [&] { t.record->readingHistory(); }, RecordErrorKind::Refused);
    EXPECT_TRUE(m.contains("may not view reader metrics")) << m.toStdString();
  }
}

}  // namespace
}  // namespace nbra::records
