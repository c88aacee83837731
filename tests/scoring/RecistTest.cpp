// RECIST 1.1 (clinical-rules.md 4) and the INRC size thresholds of 1.4 / 3.1 / 3.2.
#include <gtest/gtest.h>

#include "scoring/recist/Measurability.h"
#include "scoring/recist/RecistResponse.h"
#include "scoring/recist/SizeChange.h"
#include "scoring/recist/SumOfDiameters.h"
#include "scoring/recist/TargetSelection.h"

namespace nbra::scoring {
namespace {

struct MeasurabilityRow {
  const char* rule;
  bool node;
  Tenths longAxis;
  Tenths shortAxis;
  Tenths slice;
  Measurability expected;
};

TEST(Recist, Measurability) {
  using M = Measurability;
  const MeasurabilityRow rows[] = {
      {"4 non-nodal LD exactly 10 mm on 5 mm slices is measurable", false, 100, 50, 50,
       M::MeasurableLesion},
      {"4 non-nodal LD 9.9 mm is not measurable", false, 99, 50, 50, M::NonMeasurableLesion},
      {"4 slices exactly 5 mm keep the 10 mm minimum", false, 100, 0, 50, M::MeasurableLesion},
      {"4 slices 6 mm (> 5 mm): minimum 2 x 6 = 12 mm, 11.9 mm fails", false, 119, 0, 60,
       M::NonMeasurableLesion},
      {"4 slices 6 mm: 12.0 mm is measurable", false, 120, 0, 60, M::MeasurableLesion},
      {"4 node SA exactly 15 mm is measurable", true, 200, 150, 50, M::MeasurableNode},
      {"4 node SA 14.9 mm is pathological, non-target", true, 200, 149, 50, M::PathologicalNode},
      {"4 node SA exactly 10 mm is pathological", true, 150, 100, 50, M::PathologicalNode},
      {"4 node SA 9.9 mm is normal", true, 150, 99, 50, M::NormalNode},
      {"4 nodes are judged on SA, not LD (LD 30 mm, SA 9 mm)", true, 300, 90, 50, M::NormalNode},
  };
  for (const MeasurabilityRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(recistMeasurability(row.node, row.longAxis, row.shortAxis, row.slice), row.expected);
  }
  EXPECT_EQ(minimumMeasurableTenths(50), 100);  // 4: <= 5 mm slices -> 10 mm
  EXPECT_EQ(minimumMeasurableTenths(51), 102);  // 4: > 5 mm -> 2 x slice
}

Lesion target(const std::string& id, const std::string& organ, double longMm,
              std::optional<double> shortMm = std::nullopt, bool node = false) {
  Lesion l;
  l.trackingId = id;
  l.organ = organ;
  l.longAxisMm = longMm;
  l.shortAxisMm = shortMm;
  l.isLymphNode = node;
  l.sliceThicknessMm = 5.0;
  l.role = LesionRole::Target;
  return l;
}

TEST(Recist, TargetSelectionLimits) {
  // 4: at most 5 targets in total.
  std::vector<Lesion> six;
  const char* organs[] = {"liver", "liver", "lung", "lung", "kidney", "spleen"};
  for (int i = 0; i < 6; ++i) {
    six.push_back(target("T" + std::to_string(i), organs[i], 20.0));
  }
  auto problems = targetSelectionProblems(six);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].lesionIndex, 5);
  EXPECT_NE(problems[0].message.find("at most 5"), std::string::npos);
  six.pop_back();
  EXPECT_TRUE(targetSelectionProblems(six).empty());  // exactly 5 is allowed

  // 4: at most 2 per organ.
  std::vector<Lesion> liver{target("A", "liver", 20.0), target("B", "liver", 20.0),
                            target("C", "liver", 20.0)};
  problems = targetSelectionProblems(liver);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].lesionIndex, 2);

  // 4 (EORTC FAQ): all lymph nodes are one organ, whatever their station.
  std::vector<Lesion> nodes{target("N1", "neck", 25.0, 16.0, true),
                            target("N2", "mediastinum", 25.0, 16.0, true),
                            target("N3", "retroperitoneum", 25.0, 16.0, true)};
  problems = targetSelectionProblems(nodes);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("lymph nodes"), std::string::npos);

  // 4: a target must be measurable (node SA 14.9 mm, lesion 9.9 mm).
  std::vector<Lesion> small{target("N", "neck", 25.0, 14.9, true), target("L", "liver", 9.9)};
  EXPECT_EQ(targetSelectionProblems(small).size(), 2u);

  // PARK17 Table 1: the primary is not a target, so it is outside the limits.
  std::vector<Lesion> withPrimary = liver;
  withPrimary.pop_back();
  withPrimary.push_back(target("P", "liver", 50.0));
  withPrimary.back().isPrimary = true;
  EXPECT_TRUE(targetSelectionProblems(withPrimary).empty());
}

TEST(Recist, SumOfDiametersAndNadir) {
  // 4: nodes contribute their short axis, other lesions their long axis.
  EXPECT_EQ(recistDiameterTenths(true, 300, 160), 160);
  EXPECT_EQ(recistDiameterTenths(false, 300, 160), 300);
  EXPECT_EQ(sumOfDiameters({300, 160, 95}), 555);
  // 4: nadir = smallest sum on study, baseline included.
  EXPECT_EQ(nadir({555, 400, 420}), 400);
  EXPECT_EQ(nadir({300}), 300);
  EXPECT_FALSE(nadir({}).has_value());
}

struct ChangeRow {
  const char* rule;
  Tenths reference;
  Tenths now;
  bool thirtyPercentSmaller;
  bool recistPd;
  bool inrcPd;
};

TEST(Recist, SizeChangeBoundaries) {
  const ChangeRow rows[] = {
      {"PR: exactly 30 % smaller (50.0 -> 35.0 mm) qualifies", 500, 350, true, false, false},
      {"PR: 29.8 % smaller (50.0 -> 35.1 mm) does not", 500, 351, false, false, false},
      {"PD: exactly +20 % and +5.0 mm (25.0 -> 30.0): RECIST >= 20 % yes, INRC > 20 % no", 250, 300,
       false, true, false},
      {"PD: +20.4 % and +5.1 mm (25.0 -> 30.1): both", 250, 301, false, true, true},
      {"PD: +49 % but only +4.9 mm (10.0 -> 14.9): neither, needs >= 5 mm", 100, 149, false, false,
       false},
      {"PD: +50 % and exactly +5.0 mm (10.0 -> 15.0): both", 100, 150, false, true, true},
      {"PD: exactly +20 % at +10 mm (50.0 -> 60.0): RECIST yes, INRC no", 500, 600, false, true,
       false},
      {"PD: +20.2 % (50.0 -> 60.1): both", 500, 601, false, true, true},
      {"PD: +19.8 % (50.0 -> 59.9): neither", 500, 599, false, false, false},
      {"unchanged: nothing", 400, 400, false, false, false},
  };
  for (const ChangeRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(atLeastThirtyPercentSmaller(row.reference, row.now), row.thirtyPercentSmaller);
    EXPECT_EQ(recistProgression(row.reference, row.now), row.recistPd);
    EXPECT_EQ(inrcProgression(row.reference, row.now), row.inrcPd);
  }
}

struct RecistRow {
  const char* rule;
  RecistInputs in;
  Response expected;
};

RecistInputs recistIn(bool targets, Tenths base, Tenths nad, Tenths now, bool targetsGone,
                      bool nonTargets, bool nonTargetsGone, int fresh) {
  RecistInputs in;
  in.hasTargets = targets;
  in.baselineSum = base;
  in.nadirSum = nad;
  in.currentSum = now;
  in.targetsAllResolved = targetsGone;
  in.hasNonTargets = nonTargets;
  in.nonTargetsAllResolved = nonTargetsGone;
  in.newLesions = fresh;
  return in;
}

TEST(Recist, TimePointResponse) {
  const RecistRow rows[] = {
      {"RECIST Table 4: target CR + non-target CR -> CR",
       recistIn(true, 500, 500, 0, true, true, true, 0), Response::CR},
      {"RECIST Table 4: target CR + non-target present -> PR",
       recistIn(true, 500, 500, 0, true, true, false, 0), Response::PR},
      {"RECIST PR: exactly 30 % below baseline",
       recistIn(true, 500, 500, 350, false, false, false, 0), Response::PR},
      {"RECIST SD: 29.8 % below baseline", recistIn(true, 500, 500, 351, false, false, false, 0),
       Response::SD},
      {"RECIST PD: exactly +20 % and +5 mm over the nadir (>= is PD)",
       recistIn(true, 500, 250, 300, false, false, false, 0), Response::PD},
      {"RECIST: +19.6 % over the nadir is not PD; 40 % below baseline is PR",
       recistIn(true, 500, 250, 299, false, false, false, 0), Response::PR},
      {"RECIST PD: any new lesion", recistIn(true, 500, 500, 100, false, false, false, 1),
       Response::PD},
      {"RECIST non-target only, still present -> non-CR/non-PD (SD)",
       recistIn(false, 0, 0, 0, true, true, false, 0), Response::SD},
      {"RECIST non-target only, resolved -> CR", recistIn(false, 0, 0, 0, true, true, true, 0),
       Response::CR},
      {"no lesions at all -> NI", recistIn(false, 0, 0, 0, true, false, true, 0), Response::NI},
  };
  for (const RecistRow& row : rows) {
    SCOPED_TRACE(row.rule);
    const ComponentResult r = recistResponse(row.in);
    EXPECT_EQ(r.response, row.expected);
    EXPECT_FALSE(r.reasons.empty());
  }
}

}  // namespace
}  // namespace nbra::scoring
