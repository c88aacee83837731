// The lesion table's rules without a window: RECIST target limits refused with words, sizes
// from the marks and from the follow-up statuses.
#include <gtest/gtest.h>

#include "tests/reading/ReadingTestSupport.h"
#include "viewer/app/lesions/LesionTable.h"

namespace nbra::viewer {
namespace {

using testing::bidirectional;
using testing::caliper;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TrackedLesion lesion(const std::string& id, const std::string& site, int mark, bool node = false) {
  TrackedLesion l;
  l.trackingId = id;
  l.site = site;
  l.markId = mark;
  l.isLymphNode = node;
  return l;
}

struct Baseline {
  MeasurementSet marks;
  LesionTable table{LesionTable::Kind::Baseline};
  Baseline() { table.setSliceThicknessMm(3.0); }
  std::size_t add(const std::string& id, const std::string& site, double mm) {
    EXPECT_EQ(table.add(lesion(id, site, caliper(marks, mm)), marks), "");
    return table.size() - 1;
  }
};

TEST(LesionTable, FiveTargetsAreAllowedASixthIsRefusedWithTheRule) {
  Baseline b;
  for (const char* site : {"liver", "lung", "kidney", "spleen", "bone soft tissue", "pancreas"})
    b.add(std::string("L") + site, site, 20.0);
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_EQ(b.table.setTarget(i, true, b.marks), "") << i;
  const std::string why = b.table.setTarget(5, true, b.marks);
  EXPECT_TRUE(has(why, "at most 5 target lesions")) << why;
  EXPECT_TRUE(has(why, "Lpancreas")) << why;
  EXPECT_FALSE(b.table.at(5).isTarget);  // refused means unchanged
  // Freeing a slot makes it possible.
  EXPECT_EQ(b.table.setTarget(0, false, b.marks), "");
  EXPECT_EQ(b.table.setTarget(5, true, b.marks), "");
}

TEST(LesionTable, AThirdTargetInOneOrganIsRefusedAndNodesAreOneOrgan) {
  Baseline b;
  b.add("L1", "liver", 20);
  b.add("L2", "liver", 25);
  b.add("L3", "liver", 30);
  EXPECT_EQ(b.table.setTarget(0, true, b.marks), "");
  EXPECT_EQ(b.table.setTarget(1, true, b.marks), "");
  const std::string why = b.table.setTarget(2, true, b.marks);
  EXPECT_TRUE(has(why, "third target in 'liver'")) << why;
  // Nodes in different regions still count as one organ.
  for (const char* site : {"para-aortic node", "iliac node", "mediastinal node"}) {
    EXPECT_EQ(b.table.add(
                  lesion(std::string("N") + site, site, bidirectional(b.marks, 25, 16, true), true),
                  b.marks),
              "");
  }
  EXPECT_EQ(b.table.setTarget(3, true, b.marks), "");
  EXPECT_EQ(b.table.setTarget(4, true, b.marks), "");
  const std::string nodes = b.table.setTarget(5, true, b.marks);
  EXPECT_TRUE(has(nodes, "'lymph nodes'")) << nodes;
}

TEST(LesionTable, ThePrimaryIsNeverATarget) {
  Baseline b;
  TrackedLesion p = lesion("P1", "left adrenal", caliper(b.marks, 50));
  p.isPrimary = true;
  EXPECT_EQ(b.table.add(p, b.marks), "");
  const std::string why = b.table.setTarget(0, true, b.marks);
  EXPECT_TRUE(has(why, "primary tumour")) << why;
  // Nor can a target become the primary behind the rule's back.
  b.add("L1", "liver", 20);
  EXPECT_EQ(b.table.setTarget(1, true, b.marks), "");
  TrackedLesion edited = b.table.at(1);
  edited.isPrimary = true;
  EXPECT_TRUE(has(b.table.update(1, edited, b.marks), "primary tumour"));
}

TEST(LesionTable, ATargetMustBeMeasurableExactlyAtTheBoundary) {
  Baseline b;
  b.add("L1", "liver", 9.96);  // shows 10.0 mm (rounded as the label): measurable
  b.add("L2", "lung", 9.94);   // shows 9.9 mm: too small
  EXPECT_EQ(b.table.setTarget(0, true, b.marks), "");
  const std::string why = b.table.setTarget(1, true, b.marks);
  EXPECT_TRUE(has(why, "long axis 9.9 mm")) << why;
  // A node is judged by its short axis: 15.0 mm is a target, 14.9 mm is not.
  EXPECT_EQ(
      b.table.add(lesion("N1", "node", bidirectional(b.marks, 30, 15.0, true), true), b.marks), "");
  EXPECT_EQ(
      b.table.add(lesion("N2", "node", bidirectional(b.marks, 30, 14.9, true), true), b.marks), "");
  EXPECT_EQ(b.table.setTarget(2, true, b.marks), "");
  EXPECT_TRUE(has(b.table.setTarget(3, true, b.marks), "short axis 14.9 mm"));
}

TEST(LesionTable, EachLesionIsJudgedOnTheSlicesItWasMeasuredOn) {
  Baseline b;  // the table's thickness: 3 mm
  TrackedLesion thick = lesion("L1", "liver", caliper(b.marks, 12.0));
  thick.sliceThicknessMm = 7.0;  // drawn on 7 mm slices: needs 14 mm
  EXPECT_EQ(b.table.add(thick, b.marks), "");
  b.add("L2", "lung", 12.0);  // 3 mm slices: 12 mm is measurable
  EXPECT_EQ(b.table.sizes(0, b.marks)->verdict->measurability,
            scoring::Measurability::NonMeasurableLesion);
  EXPECT_EQ(b.table.sizes(1, b.marks)->verdict->measurability,
            scoring::Measurability::MeasurableLesion);
  EXPECT_NE(b.table.setTarget(0, true, b.marks).find("14.0 mm on 7.0 mm slices"),
            std::string::npos);
  EXPECT_EQ(b.table.setTarget(1, true, b.marks), "");
  std::string why;
  const auto lesions = b.table.toScoring(b.marks, why);
  ASSERT_TRUE(lesions.has_value());
  EXPECT_EQ((*lesions)[0].sliceThicknessMm, 7.0);
  EXPECT_EQ((*lesions)[1].sliceThicknessMm, 3.0);
}

TEST(LesionTable, ALesionWithoutAMeasurementCannotBeATarget) {
  Baseline b;
  TrackedLesion l;
  l.trackingId = "L1";
  EXPECT_EQ(b.table.add(l, b.marks), "");
  EXPECT_TRUE(has(b.table.setTarget(0, true, b.marks), "no measurement yet"));
}

TEST(LesionTable, TrackingIdsAreUniqueAndChosenByKind) {
  Baseline b;
  TrackedLesion p;
  p.isPrimary = true;
  EXPECT_EQ(b.table.add(p, b.marks), "");
  TrackedLesion n;
  n.isLymphNode = true;
  EXPECT_EQ(b.table.add(n, b.marks), "");
  EXPECT_EQ(b.table.add(TrackedLesion{}, b.marks), "");
  EXPECT_EQ(b.table.at(0).trackingId, "P1");
  EXPECT_EQ(b.table.at(1).trackingId, "N1");
  EXPECT_EQ(b.table.at(2).trackingId, "L1");
  TrackedLesion dup;
  dup.trackingId = "L1";
  EXPECT_TRUE(has(b.table.add(dup, b.marks), "already in the table"));
}

TEST(LesionTable, AnIdTheTableChoseFollowsTheKindOneTypedIsKept) {
  Baseline b;
  EXPECT_EQ(b.table.add(TrackedLesion{}, b.marks), "");
  EXPECT_EQ(b.table.add(TrackedLesion{}, b.marks), "");
  ASSERT_EQ(b.table.at(1).trackingId, "L2");
  TrackedLesion edited = b.table.at(1);
  edited.isPrimary = true;
  EXPECT_EQ(b.table.update(1, edited, b.marks), "");
  EXPECT_EQ(b.table.at(1).trackingId, "P1");
  edited = b.table.at(0);
  edited.trackingId = "liver-seg7";
  EXPECT_EQ(b.table.update(0, edited, b.marks), "");
  edited = b.table.at(0);
  edited.isLymphNode = true;
  EXPECT_EQ(b.table.update(0, edited, b.marks), "");
  EXPECT_EQ(b.table.at(0).trackingId, "liver-seg7");
}

TEST(LesionTable, SizesComeFromTheMarkAndTheNodeFlagFollowsTheRow) {
  Baseline b;
  const int id = bidirectional(b.marks, 24.04, 17.02);
  EXPECT_EQ(b.table.add(lesion("N1", "node", id), b.marks), "");
  auto s = b.table.sizes(0, b.marks);
  ASSERT_TRUE(s && s->verdict);
  EXPECT_NEAR(s->longAxisMm, 24.04, 1e-9);
  EXPECT_NEAR(s->shortAxisMm, 17.02, 1e-9);
  EXPECT_EQ(s->verdict->measurability, scoring::Measurability::MeasurableLesion);
  TrackedLesion node = b.table.at(0);
  node.isLymphNode = true;
  EXPECT_EQ(b.table.update(0, node, b.marks), "");
  EXPECT_TRUE(b.marks.find(id)->isLymphNode);  // the label on the image judges it as a node
  s = b.table.sizes(0, b.marks);
  EXPECT_EQ(s->verdict->measurability, scoring::Measurability::MeasurableNode);
  // The mark is moved: the table follows without being told.
  b.marks.movePoint(id, Handle::LongEnd, {20.0, 0, 0});
  EXPECT_NEAR(b.table.sizes(0, b.marks)->longAxisMm, 32.02, 1e-9);
}

TEST(LesionTable, FollowUpStatusesGiveTheRecistSizes) {
  MeasurementSet marks;
  LesionTable t(LesionTable::Kind::FollowUp);
  TrackedLesion a;
  a.trackingId = "L1";
  TrackedLesion n;
  n.trackingId = "N1";
  n.isLymphNode = true;
  EXPECT_EQ(t.add(a, marks), "");
  EXPECT_EQ(t.add(n, marks), "");
  EXPECT_TRUE(t.at(0).isNew);  // added on a follow-up: new
  std::string why;
  EXPECT_FALSE(t.toScoring(marks, why).has_value());
  EXPECT_TRUE(has(why, "'L1' is to measure")) << why;
  t.setStatus(0, LesionStatus::TooSmall);
  t.setStatus(1, LesionStatus::Resolved);
  const auto lesions = t.toScoring(marks, why);
  ASSERT_TRUE(lesions.has_value()) << why;
  EXPECT_EQ((*lesions)[0].longAxisMm, 5.0);
  EXPECT_EQ((*lesions)[1].longAxisMm, 0.0);
  EXPECT_EQ((*lesions)[1].shortAxisMm.value_or(-1), 0.0);
  t.setStatus(0, LesionStatus::NotMeasurable);
  EXPECT_FALSE(t.toScoring(marks, why).has_value());
  EXPECT_TRUE(has(why, "not measurable")) << why;
}

TEST(LesionTable, OnAFollowUpTargetsAreKeptFromBaseline) {
  MeasurementSet marks;
  LesionTable t(LesionTable::Kind::FollowUp);
  TrackedLesion l = lesion("L1", "liver", caliper(marks, 30));
  EXPECT_EQ(t.add(l, marks), "");
  EXPECT_TRUE(has(t.setTarget(0, true, marks), "chosen at baseline"));
}

TEST(LesionTable, UndoAndRedoOfAMarkKeepTheTableInStep) {
  Baseline b;
  b.add("L1", "liver", 20);  // the mark drawn, then the lesion added
  const int mark = *b.table.at(0).markId;
  ASSERT_TRUE(b.marks.undo());  // the drawing undone
  b.table.dropMissingMarks(b.marks);
  EXPECT_EQ(b.table.at(0).status, LesionStatus::Pending);
  ASSERT_TRUE(b.marks.redo());  // and redone: the same mark, the same lesion
  b.table.dropMissingMarks(b.marks);
  EXPECT_EQ(b.table.at(0).status, LesionStatus::Measured);
  EXPECT_EQ(b.table.at(0).markId, mark);
  EXPECT_NEAR(b.table.sizes(0, b.marks)->longAxisMm, 20.0, 1e-9);
}

TEST(LesionTable, ADeletedMarkPutsItsLesionBackToMeasure) {
  Baseline b;
  b.add("L1", "liver", 20);
  b.marks.remove(*b.table.at(0).markId);
  b.table.dropMissingMarks(b.marks);
  EXPECT_EQ(b.table.at(0).status, LesionStatus::Pending);
  EXPECT_FALSE(b.table.sizes(0, b.marks).has_value());
}

}  // namespace
}  // namespace nbra::viewer
