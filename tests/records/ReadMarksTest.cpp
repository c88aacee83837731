// The workstation's marks saved with a read (schema 6): restored bit for bit, audited like every
// other column, and as fixed as the rest of a signed read. Run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <QSqlQuery>

#include "tests/records/RecordTestSupport.h"

namespace nbra::records {
namespace {

using testing::kPassword;
using testing::TestTrial;

// Marks text as the workstation writes it: numbers that do not survive a round trip through
// fewer than 17 significant digits.
const QString kMarks = QStringLiteral(
    R"({"marks":[{"id":1,"kind":"bidirectional","longStartMm":[40.123456789012345,-0.1,)"
    R"(-424.00000000000006]}]})");

ReadContent readWithShortAxis() {
  ReadContent c = testing::baselineRead();
  c.lesions[1].shortStartMm = std::array<double, 3>{1.0 / 3.0, 2.5, -7.25};
  c.lesions[1].shortEndMm = std::array<double, 3>{0.1 + 0.2, 3.5, -7.25};
  c.marksJson = kMarks;
  return c;
}

TEST(ReadMarks, MarksAndShortAxisEndsComeBackExactly) {
  TestTrial t;
  t.populate();
  EXPECT_GE(t.db->schemaVersion(), 6);
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", readWithShortAxis());
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  const ReadContent& c = reads[0].content;
  EXPECT_EQ(c.marksJson, kMarks);
  ASSERT_TRUE(c.lesions[1].shortStartMm && c.lesions[1].shortEndMm);
  EXPECT_EQ((*c.lesions[1].shortStartMm)[0], 1.0 / 3.0);  // exact, not "near"
  EXPECT_EQ((*c.lesions[1].shortEndMm)[0], 0.1 + 0.2);
  EXPECT_EQ((*c.lesions[1].shortEndMm)[2], -7.25);
  EXPECT_FALSE(c.lesions[0].shortStartMm.has_value());  // a caliper-only lesion has none
}

TEST(ReadMarks, ReadsWithoutMarksStayWithout) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", testing::baselineRead());
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_TRUE(reads[0].content.marksJson.isEmpty());
}

TEST(ReadMarks, EveryChangeOfTheMarksIsInTheAuditTrail) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  ReadContent c = readWithShortAxis();
  t.record->saveRead("NB-001", "baseline", c);
  c.marksJson = QStringLiteral(R"({"marks":[]})");
  t.record->saveRead("NB-001", "baseline", c);
  QSqlQuery q = t.db->run(
      "SELECT old_values, new_values FROM audit_log WHERE table_name = 'reads' ORDER BY seq");
  QStringList olds, news;
  while (q.next()) {
    olds << q.value(0).toString();
    news << q.value(1).toString();
  }
  ASSERT_EQ(news.size(), 2);
  EXPECT_TRUE(news[0].contains("marks_json")) << news[0].toStdString();
  EXPECT_TRUE(news[0].contains("40.123456789012345")) << news[0].toStdString();
  // The second save records what the marks were and what they became.
  EXPECT_TRUE(olds[1].contains("40.123456789012345")) << olds[1].toStdString();
  EXPECT_TRUE(news[1].contains(R"([])")) << news[1].toStdString();
  QSqlQuery l = t.db->run(
      "SELECT new_values FROM audit_log WHERE table_name = 'lesion_measurements' ORDER BY seq");
  bool shortAxisAudited = false;
  while (l.next())
    shortAxisAudited |= l.value(0).toString().contains("short_start_x_mm");
  EXPECT_TRUE(shortAxisAudited);
}

TEST(ReadMarks, ASignedReadsMarksCannotBeChangedBehindTheApplication) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", readWithShortAxis());
  t.record->signRead("NB-001", "baseline", kPassword);
  QSqlQuery q(t.db->connection());
  EXPECT_FALSE(q.exec("UPDATE reads SET marks_json = '{}'"));
  QSqlQuery l(t.db->connection());
  EXPECT_FALSE(l.exec("UPDATE lesion_measurements SET short_start_x_mm = 0"));
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].content.marksJson, kMarks);
}

}  // namespace
}  // namespace nbra::records
