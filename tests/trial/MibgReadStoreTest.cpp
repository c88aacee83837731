// The MIBG part of a reader's read (viewer/app/trial/MibgReadStore), without a window: the
// scoring state shares marks_json with the CT marks, the "mibg" object written for the rules
// reads back through the assess case parser to the same reading, and a signed read is refused.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>

#include "tests/decide/DecideFlow.h"
#include "tests/reading/ReadingTestSupport.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/trial/MibgReadStore.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/reads/ReadModel.h"
#include "workflow/reads/ReaderReads.h"

namespace nbra::viewer::trial {
namespace {

using nbra::decide::testing::FreshRecord;
using nbra::decide::testing::kPassword;

QJsonObject parse(const QString& json) {
  return QJsonDocument::fromJson(json.toUtf8()).object();
}

// A reading as the scoring widget gives it: every Curie segment counted, SIOPEN scores.
scoring::MibgReading sampleReading() {
  scoring::MibgReading r;
  std::array<scoring::CurieSegmentEntry, scoring::kCurieSegmentCount> curie{};
  for (int i = 0; i < scoring::kCurieSegmentCount; ++i) {
    curie[static_cast<std::size_t>(i)].lesionMarks = i % 3;  // 0, 1, 2 marks
  }
  curie[3].diffuse = true;
  curie[9].lesionMarks = 2;
  curie[9].primaryMarks = 1;
  r.curie = curie;
  r.siopen = std::array<int, scoring::kSiopenSegmentCount>{1, 1, 4, 1, 0, 0, 0, 0, 1, 1, 1, 0};
  r.newBoneSites = 2;
  return r;
}

// The reading the assess parser makes of a one-timepoint case holding `mibg`.
std::optional<scoring::MibgReading> throughCaseParser(const QJsonObject& mibg, QString& error) {
  const QJsonObject tp{{"label", "baseline"},
                       {"kind", "baseline"},
                       {"date", "2026-01-12"},
                       {"injectionsBefore", 0},
                       {"mibg", mibg}};
  const QJsonObject c{{"subject", QJsonObject{{"id", "NB-1"}, {"weightKg", 20.0}}},
                      {"timepoints", QJsonArray{tp}}};
  const auto parsed = nbra::workflow::parseCase(QJsonDocument(c).toJson());
  error = parsed.error;
  if (!parsed.value || parsed.value->timepoints.empty())
    return std::nullopt;
  return parsed.value->timepoints[0].mibg;
}

// The "mibg" object of the case format as the one case writer gives it for a reading.
QJsonObject mibgCaseJson(const scoring::MibgReading& reading, int newBoneSites) {
  scoring::Timepoint t;
  t.mibg = reading;
  t.mibg->newBoneSites = newBoneSites;
  return workflow::timepointToJson(t).value("mibg").toObject();
}

TEST(WithMibgState, KeepsEveryOtherKeyAndReplacesTheState) {
  const QString marks =
      R"({"format":1,"marks":[{"id":3}],"sliceThicknessMm":3,"mibgScoring":{"old":1}})";
  const QJsonObject out = parse(withMibgState(marks, QJsonObject{{"marks", QJsonArray{1, 2}}}));
  EXPECT_EQ(out.value("format").toInt(), 1);
  EXPECT_EQ(out.value("marks").toArray(), (QJsonArray{QJsonObject{{"id", 3}}}));
  EXPECT_EQ(out.value("sliceThicknessMm").toInt(), 3);
  EXPECT_EQ(out.value(kMibgStateKey).toObject(), (QJsonObject{{"marks", QJsonArray{1, 2}}}));
  // An empty read starts a fresh object.
  EXPECT_EQ(parse(withMibgState("", QJsonObject{{"a", 1}})).keys(), QStringList{kMibgStateKey});
}

TEST(WithMibgState, RefusesMarksThatAreNotAJsonObject) {
  for (const QString bad : {"[1,2]", "{not json", "42"}) {
    try {
      withMibgState(bad, {});
      ADD_FAILURE() << "accepted " << bad.toStdString();
    } catch (const std::runtime_error& e) {
      EXPECT_TRUE(QString(e.what()).contains("not a JSON object")) << e.what();
    }
  }
}

TEST(MibgCaseJson, ReadsBackThroughTheAssessParserToTheSameReading) {
  const scoring::MibgReading reading = sampleReading();
  QString error;
  const auto back = throughCaseParser(mibgCaseJson(reading, reading.newBoneSites), error);
  ASSERT_TRUE(back.has_value()) << error.toStdString();
  ASSERT_TRUE(back->curie && back->siopen);
  for (std::size_t i = 0; i < scoring::kCurieSegmentCount; ++i) {
    const auto &a = (*reading.curie)[i], &b = (*back->curie)[i];
    EXPECT_EQ(a.score, b.score) << "Curie segment " << i + 1;
    EXPECT_EQ(a.lesionMarks, b.lesionMarks) << "Curie segment " << i + 1;
    EXPECT_EQ(a.diffuse, b.diffuse) << "Curie segment " << i + 1;
    EXPECT_EQ(a.primaryMarks, b.primaryMarks) << "Curie segment " << i + 1;
  }
  EXPECT_EQ(*back->siopen, *reading.siopen);
  EXPECT_EQ(back->newBoneSites, 2);
}

TEST(MibgCaseJson, TypedScoresAndUntouchedSegmentsReadBack) {
  scoring::MibgReading reading;
  std::array<scoring::CurieSegmentEntry, scoring::kCurieSegmentCount> curie{};
  curie[0].score = 2;  // typed by the reader
  curie[1].score = 3;
  reading.curie = curie;  // the others untouched: no uptake marked
  QString error;
  const auto back = throughCaseParser(mibgCaseJson(reading, 0), error);
  ASSERT_TRUE(back && back->curie) << error.toStdString();
  EXPECT_EQ((*back->curie)[0].score, std::optional<int>(2));
  EXPECT_EQ((*back->curie)[1].score, std::optional<int>(3));
  EXPECT_EQ((*back->curie)[5].lesionMarks, std::optional<int>(0));  // untouched = 0 marks
  EXPECT_FALSE(back->siopen.has_value());                           // no SIOPEN read
}

class SaveMibgScoring : public ::testing::Test {
 protected:
  void SetUp() override {
    records::TrialRecord& r = *fresh.record;
    r.bootstrapAdministrator("admin", "Ada Admin", kPassword);
    r.createUser("coord", "Cora Coordinator", records::Role::Coordinator, kPassword);
    r.createUser("reader1", "Dr Rita Reader", records::Role::Reader, kPassword);
    r.signIn("coord", kPassword);
    r.createSubject({"NB-1", "F", std::nullopt, 5.0});
    r.addTimepoint("NB-1", "baseline", "baseline", QDate(2026, 1, 12), {});
    r.signIn("reader1", kPassword);
  }

  MibgScoring scoringOf(const scoring::MibgReading& reading) {
    MibgScoring s;
    s.reading = reading;
    s.newBoneSites = reading.newBoneSites;
    s.entries.push_back({"curie", 1, std::nullopt, 2, false, 0});
    s.entries.push_back({"siopen", 3, 4, std::nullopt, false, 0});
    s.state = QJsonObject{{"format", 1}, {"marks", QJsonArray{QJsonObject{{"x", 12.5}}}}};
    return s;
  }

  FreshRecord fresh;
};

TEST_F(SaveMibgScoring, KeepsTheReadsLesionsAndMarks) {
  records::TrialRecord& r = *fresh.record;
  MeasurementSet marks;
  const int id = viewer::testing::bidirectional(marks, 50.0, 35.0);
  LesionTable table(LesionTable::Kind::Baseline);
  table.setSliceThicknessMm(3.0);
  TrackedLesion primary;
  primary.site = "left adrenal";
  primary.isPrimary = true;
  primary.mibgAvid = true;
  primary.markId = id;
  primary.status = LesionStatus::Measured;
  ASSERT_EQ(table.add(primary, marks), "");
  ReadSession ct(r, "NB-1", "baseline");
  ct.save(marks, table);

  const qint64 readId = saveMibgScoring(r, "NB-1", "baseline", scoringOf(sampleReading()));
  const auto read = workflow::ownLatestRead(r, "NB-1", "baseline");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, readId);
  EXPECT_EQ(read->status, "draft");
  ASSERT_EQ(read->content.lesions.size(), 1u);
  EXPECT_DOUBLE_EQ(read->content.lesions[0].longAxisMm, 50.0);
  ASSERT_EQ(read->content.mibg.size(), 2u);
  EXPECT_EQ(read->content.mibgNewBoneSites, std::optional<int>(2));
  ASSERT_TRUE(mibgStateOf(*read));
  EXPECT_EQ(mibgStateOf(*read)->value("marks").toArray().size(), 1);
  // The case timepoint the rules run on has both the lesions and the MIBG reading.
  const QJsonObject tp = workflow::timepointToJson(workflow::timepointOfRead(read->content));
  EXPECT_EQ(tp.value("lesions").toArray().size(), 1);
  EXPECT_EQ(tp.value("mibg").toObject().value("siopen").toArray().size(), 12);
  // The CT marks reopen exactly as drawn.
  ReadSession reopened(r, "NB-1", "baseline");
  const auto saved = reopened.open();
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->marks.size(), 1u);
  EXPECT_EQ(saved->marks[0].id, id);
  EXPECT_EQ(saved->marks[0].longEndMm, marks.all()[0].longEndMm);
}

TEST_F(SaveMibgScoring, IsRefusedOnASignedReadWithTheRecordsMessage) {
  records::TrialRecord& r = *fresh.record;
  saveMibgScoring(r, "NB-1", "baseline", scoringOf(sampleReading()));
  r.signRead("NB-1", "baseline", kPassword);
  const auto before = workflow::ownLatestRead(r, "NB-1", "baseline");
  ASSERT_TRUE(before);
  scoring::MibgReading changed = sampleReading();
  changed.siopen->fill(0);
  try {
    saveMibgScoring(r, "NB-1", "baseline", scoringOf(changed));
    ADD_FAILURE() << "a signed read was changed";
  } catch (const std::exception& e) {
    EXPECT_TRUE(
        QString(e.what()).contains("is signed and cannot change; make a correction instead"))
        << e.what();
  }
  const auto after = workflow::ownLatestRead(r, "NB-1", "baseline");
  ASSERT_TRUE(after);
  EXPECT_EQ(workflow::timepointToJson(workflow::timepointOfRead(after->content)),
            workflow::timepointToJson(workflow::timepointOfRead(before->content)));
  EXPECT_EQ(after->status, "signed");
}

TEST(MibgStateOf, NamesTheReadWhenItsMarksAreNotJson) {
  records::ReadRecord read;
  read.id = 17;
  read.timepointLabel = "baseline";
  read.content.marksJson = R"({"format":1})";
  EXPECT_FALSE(mibgStateOf(read).has_value()) << "CT marks only: no MIBG scoring yet";
  read.content.marksJson = "[1]";
  try {
    mibgStateOf(read);
    ADD_FAILURE() << "accepted a JSON array";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(QString(e.what()).startsWith("read 17 of 'baseline'")) << e.what();
  }
}

TEST_F(SaveMibgScoring, TheComparisonReadIsASignedOneTheOwnFirst) {
  records::TrialRecord& r = *fresh.record;
  r.signIn("admin", kPassword);
  r.createUser("reader2", "Dr Rob Reader", records::Role::Reader, kPassword);
  r.signIn("reader1", kPassword);
  saveMibgScoring(r, "NB-1", "baseline", scoringOf(sampleReading()));
  EXPECT_FALSE(workflow::signedReadFor(r, "NB-1", "baseline")) << "a draft is never the comparison";
  r.signRead("NB-1", "baseline", kPassword);
  r.signIn("reader2", kPassword);
  // Another reader's signed read, once reader2 has signed their own (blinded reading): their own.
  scoring::MibgReading other = sampleReading();
  other.newBoneSites = 0;
  saveMibgScoring(r, "NB-1", "baseline", scoringOf(other));
  r.signRead("NB-1", "baseline", kPassword);
  const auto own = workflow::signedReadFor(r, "NB-1", "baseline");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->readerUserName, "reader2");
  EXPECT_EQ(own->content.mibgNewBoneSites, std::optional<int>(0));
}

}  // namespace
}  // namespace nbra::viewer::trial
