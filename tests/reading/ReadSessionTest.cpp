// A reading saved in the trial record and reopened (SQLite and PostgreSQL): every mark comes
// back bit for bit, the record's lesion rows carry the sizes, drafts stay drafts until signed.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include "tests/reading/ReadingTestSupport.h"
#include "tests/records/RecordTestSupport.h"
#include "viewer/app/read/ReadSession.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/reads/ReadModel.h"

namespace nbra::viewer {
namespace {

using nbra::records::testing::kPassword;
using nbra::records::testing::TestTrial;

void expectSameMark(const Measurement& a, const Measurement& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.longStartMm, b.longStartMm);  // exact: == on doubles on purpose
  EXPECT_EQ(a.longEndMm, b.longEndMm);
  EXPECT_EQ(a.shortStartMm, b.shortStartMm);
  EXPECT_EQ(a.shortEndMm, b.shortEndMm);
  EXPECT_EQ(a.hasShortAxis, b.hasShortAxis);
  EXPECT_EQ(a.planeNormal, b.planeNormal);
  EXPECT_EQ(a.isLymphNode, b.isLymphNode);
  EXPECT_EQ(a.frameOfReferenceUid, b.frameOfReferenceUid);
  ASSERT_EQ(a.source.has_value(), b.source.has_value());
  if (a.source) {
    EXPECT_EQ(a.source->sopInstanceUid, b.source->sopInstanceUid);
    EXPECT_EQ(a.source->frame, b.source->frame);
    EXPECT_EQ(a.source->reformatted, b.source->reformatted);
  }
  EXPECT_EQ(a.roiCentreMm, b.roiCentreMm);
  EXPECT_EQ(a.roiSemiAxisAMm, b.roiSemiAxisAMm);
  EXPECT_EQ(a.roiSemiAxisBMm, b.roiSemiAxisBMm);
  EXPECT_EQ(a.roiSphere, b.roiSphere);
}

// A baseline as drawn: a primary (bidirectional, on an oblique plane, awkward numbers), a target
// node, an ROI and a point.
struct Drawn {
  MeasurementSet marks;
  LesionTable table;
  Drawn() {
    table.setSliceThicknessMm(3.0);
    Measurement p;
    p.kind = MeasurementKind::Bidirectional;
    p.longStartMm = {15.000000000000002, 12.000000000000002, -424.0};
    p.longEndMm = {64.99999999999999, 12.0 + 1e-13, -424.0};
    p.shortStartMm = {40.0, -5.5000000000000009, -424.0};
    p.shortEndMm = {40.0, 29.5, -424.0};
    p.hasShortAxis = true;
    p.planeNormal = {0.0, 0.2588190451025207, 0.9659258262890683};
    p.source = SourceImage{"1.2.826.0.1.3680043.8.498.77.53", 0, false};
    p.frameOfReferenceUid = "1.2.826.0.1.3680043.8.498.9";
    TrackedLesion primary;
    primary.trackingId = "P1";
    primary.site = "left adrenal";
    primary.isPrimary = true;
    primary.mibgAvid = true;
    primary.markId = marks.add(p);
    EXPECT_EQ(table.add(primary, marks), "");
    TrackedLesion node;
    node.trackingId = "N1";
    node.site = "retroperitoneal node";
    node.isLymphNode = true;
    node.markId = testing::bidirectional(marks, 24.0, 17.0, true, 26, 20, -495);
    EXPECT_EQ(table.add(node, marks), "");
    EXPECT_EQ(table.setTarget(1, true, marks), "");
    Measurement roi;
    roi.kind = MeasurementKind::Roi;
    roi.roiCentreMm = {1.0 / 7, 2, 3};
    roi.roiSemiAxisAMm = {5, 0, 0};
    roi.roiSemiAxisBMm = {0, 3.3, 0};
    roi.roiSphere = true;
    marks.add(roi);
    Measurement point;
    point.kind = MeasurementKind::Point;
    point.longStartMm = {-1e-7, 0, 1e300};
    point.source = SourceImage{"", 0, true};
    marks.add(point);
  }
};

TEST(ReadSession, ReopeningRestoresEveryMarkExactly) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  Drawn d;
  ReadSession session(*t.record, "NB-001", "baseline");
  EXPECT_FALSE(session.open().has_value());  // nothing read yet
  session.save(d.marks, d.table);
  ReadSession again(*t.record, "NB-001", "baseline");
  const auto saved = again.open();
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(again.status(), "draft");
  ASSERT_EQ(saved->marks.size(), d.marks.all().size());
  for (std::size_t i = 0; i < saved->marks.size(); ++i)
    expectSameMark(saved->marks[i], d.marks.all()[i]);
  ASSERT_EQ(saved->lesions.size(), 2u);
  EXPECT_EQ(saved->lesions[0].trackingId, "P1");
  EXPECT_EQ(saved->lesions[0].site, "left adrenal");
  EXPECT_TRUE(saved->lesions[0].isPrimary && saved->lesions[0].mibgAvid);
  EXPECT_TRUE(saved->lesions[1].isTarget && saved->lesions[1].isLymphNode);
  EXPECT_EQ(saved->lesions[1].markId, d.table.at(1).markId);
  EXPECT_EQ(saved->sliceThicknessMm, 3.0);
}

TEST(ReadSession, TheRecordsLesionRowsCarryTheSizesAndTheImage) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  Drawn d;
  ReadSession session(*t.record, "NB-001", "baseline");
  session.save(d.marks, d.table);
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  const auto& lesions = reads[0].content.lesions;
  ASSERT_EQ(lesions.size(), 2u);
  EXPECT_EQ(lesions[0].longAxisMm, 50.0);  // 49.99999999999999 on the 0.1 mm grid
  EXPECT_EQ(lesions[0].role, "non-target");
  EXPECT_EQ(lesions[0].sopInstanceUid, "1.2.826.0.1.3680043.8.498.77.53");
  EXPECT_EQ(lesions[0].frame, 1);  // DICOM counts frames from 1
  ASSERT_TRUE(lesions[0].shortStartMm.has_value());
  EXPECT_EQ((*lesions[0].shortStartMm)[1], -5.5000000000000009);
  EXPECT_EQ(lesions[1].role, "target");
  EXPECT_EQ(lesions[1].shortAxisMm, 17.0);
  // ... and what the rules run on is derived from those rows.
  const QJsonObject tp = workflow::timepointToJson(workflow::timepointOfRead(reads[0].content));
  EXPECT_EQ(tp.value("lesions").toArray().size(), 2);
  EXPECT_EQ(tp.value("lesions").toArray()[1].toObject().value("shortAxisMm").toDouble(), 17.0);
}

TEST(ReadSession, SavingKeepsWhatElseTheReadHeld) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  t.record->saveRead("NB-001", "baseline", records::testing::baselineRead());  // MIBG, marrow
  ReadSession session(*t.record, "NB-001", "baseline");
  const auto opened = session.open();
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->lesions.size(), 3u);  // from the record's rows, no marks JSON yet
  Drawn d;
  session.save(d.marks, d.table);
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].content.mibg.size(), 13u);
  EXPECT_EQ(reads[0].content.marrow.size(), 2u);
  EXPECT_EQ(reads[0].content.lesions.size(), 2u);
}

TEST(ReadSession, ANotEvaluableRowReopensAsNotMeasurableNeverAsResolved) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  records::ReadContent imported = records::testing::followUpRead();  // as a case file gives it
  imported.lesions[1].notEvaluable = true;
  imported.lesions[1].longAxisMm = 0.0;
  imported.lesions[1].shortAxisMm.reset();
  t.record->saveRead("NB-001", "after injection 3", imported);
  const auto opened = ReadSession(*t.record, "NB-001", "after injection 3").open();
  ASSERT_TRUE(opened.has_value());
  ASSERT_EQ(opened->lesions.size(), 3u);
  EXPECT_EQ(opened->lesions[1].status, LesionStatus::NotMeasurable);
  EXPECT_EQ(opened->lesions[0].status, LesionStatus::Pending);  // a length but no caliper ends
}

TEST(ReadSession, ALesionStillToMeasureBlocksSigningThenSignedIsFinal) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  Drawn d;
  TrackedLesion pending;
  pending.trackingId = "L1";
  ASSERT_EQ(d.table.add(pending, d.marks), "");
  ReadSession session(*t.record, "NB-001", "baseline");
  try {
    session.sign(d.marks, d.table, kPassword);
    ADD_FAILURE() << "signed with a lesion still to measure";
  } catch (const records::RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("'L1' is still to measure"), std::string::npos)
        << e.what();
  }
  d.table.setStatus(2, LesionStatus::NotMeasurable);
  session.sign(d.marks, d.table, kPassword);
  EXPECT_EQ(session.status(), "signed");
  ReadSession reopened(*t.record, "NB-001", "baseline");
  const auto saved = reopened.open();
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(reopened.status(), "signed");
  EXPECT_EQ(saved->lesions[2].status, LesionStatus::NotMeasurable);
  EXPECT_THROW(reopened.save(d.marks, d.table), records::RecordError);
  // Blinded reading: another reader sees it only after signing their own read of the baseline.
  t.as("reader2");
  ReadSession other(*t.record, "NB-001", "baseline");
  EXPECT_FALSE(other.open().has_value());
  EXPECT_FALSE(other.openSigned().has_value());
  MeasurementSet own;
  LesionTable ownTable;
  ASSERT_EQ(ownTable.add(TrackedLesion{}, own), "");
  ownTable.setStatus(0, LesionStatus::Resolved);
  other.sign(own, ownTable, kPassword);
  const auto mine = other.openSigned();  // the reader's own signed read comes first
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->lesions.size(), 1u);
}

TEST(ReadSession, ANotMeasurableLesionReachesTheRulesAsNotEvaluable) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  Drawn d;
  d.table.setStatus(1, LesionStatus::NotMeasurable);  // the target node
  ReadSession(*t.record, "NB-001", "baseline").save(d.marks, d.table);
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  // No size, but a row flagged not evaluable: the rows are what the rules, the CSV, the report
  // and the SR all read, so none of them can take the lesion for gone.
  const auto row = std::find_if(reads[0].content.lesions.begin(), reads[0].content.lesions.end(),
                                [](const auto& l) { return l.trackingId == "N1"; });
  ASSERT_NE(row, reads[0].content.lesions.end());
  EXPECT_TRUE(row->notEvaluable);
  EXPECT_FALSE(row->shortAxisMm.has_value());
  const QJsonObject tp = workflow::timepointToJson(workflow::timepointOfRead(reads[0].content));
  bool found = false;
  for (const QJsonValue& v : tp.value("lesions").toArray()) {
    const QJsonObject o = v.toObject();
    if (o.value("trackingId").toString() != "N1")
      continue;
    found = true;
    EXPECT_TRUE(o.value("notEvaluable").toBool());
    EXPECT_FALSE(o.contains("longAxisMm"));
    EXPECT_EQ(o.value("role").toString(), "target");
    EXPECT_TRUE(o.value("isLymphNode").toBool());
  }
  EXPECT_TRUE(found) << reads[0].content.marksJson.toStdString();
}

TEST(ReadSession, ASignedReadIsCorrectedByANewVersionKeepingTheMarks) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  Drawn d;
  ReadSession session(*t.record, "NB-001", "baseline");
  session.sign(d.marks, d.table, kPassword);
  EXPECT_THROW(session.correct(d.marks, d.table, "  "),
               records::RecordError);  // a reason is needed
  const qint64 v2 = session.correct(d.marks, d.table, "N1 re-measured on the thinner series");
  EXPECT_EQ(session.status(), "draft");
  d.marks.movePoint(*d.table.at(1).markId, Handle::LongEnd, {40.0, 20.0, -495.0});
  EXPECT_EQ(session.save(d.marks, d.table), v2);  // saves go to the correction's draft
  ReadSession reopened(*t.record, "NB-001", "baseline");
  const auto saved = reopened.open();
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(reopened.status(), "draft");
  EXPECT_EQ(reopened.readId(), v2);
  ASSERT_EQ(saved->marks.size(), d.marks.all().size());
  for (std::size_t i = 0; i < saved->marks.size(); ++i)
    expectSameMark(saved->marks[i], d.marks.all()[i]);
  // The signed version 1 is still there, with its own marks.
  QSqlQuery q = t.db->run("SELECT version, status, marks_json FROM reads ORDER BY version");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(1).toString(), "signed");
  EXPECT_FALSE(q.value(2).toString().contains("[40,20,-495]"));
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.value(0).toInt(), 2);
  EXPECT_TRUE(q.value(2).toString().contains("[40,20,-495]"))
      << q.value(2).toString().toStdString();
}

TEST(ReadSession, OtherKeysOfTheSavedMarksAreKept) {
  TestTrial t;
  t.populate();
  t.as("reader1");
  // The MIBG scoring window saved its state into the read first (no CT marks yet).
  records::ReadContent mibgOnly = records::testing::baselineRead();
  mibgOnly.marksJson = R"({"mibgScoring":{"curie":[1,2,3]}})";
  t.record->saveRead("NB-001", "baseline", mibgOnly);
  ReadSession session(*t.record, "NB-001", "baseline");
  const auto opened = session.open();  // not workstation marks: the record's lesion rows
  ASSERT_TRUE(opened.has_value());
  EXPECT_TRUE(opened->marks.size() >= 1u);
  Drawn d;
  session.save(d.marks, d.table);
  const auto reads = t.record->reads("NB-001", "baseline");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_TRUE(reads[0].content.marksJson.contains(R"("mibgScoring":{"curie":[1,2,3]})"))
      << reads[0].content.marksJson.toStdString();
  ReadSession again(*t.record, "NB-001", "baseline");
  const auto saved = again.open();
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->marks.size(), d.marks.all().size());
}

TEST(ReadSession, UnreadableSavedMarksAreRefusedWithTheReadNamed) {
  SavedReading r;
  QString error;
  EXPECT_FALSE(fromMarksJson(
      "{\"format\":1,\"marks\":[{\"id\":1,\"kind\":\"caliper\",\"longStartMm\":[1,2]}]}", r,
      error));
  EXPECT_TRUE(error.contains("marks[0].longStartMm")) << error.toStdString();
  EXPECT_FALSE(fromMarksJson("{\"format\":2}", r, error));
  EXPECT_TRUE(error.contains("format 2")) << error.toStdString();
  EXPECT_FALSE(fromMarksJson("not json", r, error));
}

}  // namespace
}  // namespace nbra::viewer
