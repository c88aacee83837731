// INRC 2017 overall response: the whole worked truth table of clinical-rules.md 3.4 (PARK17
// Table 4 and the deterministic algorithm), plus the algorithm's NE steps.
#include <gtest/gtest.h>

#include "scoring/inrc/OverallResponse.h"

namespace nbra::scoring {
namespace {

using R = Response;

struct Row {
  const char* rule;
  R primary;
  R metastatic;
  R marrow;
  R expected;
};

TEST(InrcOverall, TruthTableOfSection34) {
  const Row rows[] = {
      {"3.4 row 1 * CR CR CR -> CR", R::CR, R::CR, R::CR, R::CR},
      {"3.4 row 2 CR CR NI -> CR (NI does not block CR)", R::CR, R::CR, R::NI, R::CR},
      {"3.4 row 3 * PR CR CR -> PR", R::PR, R::CR, R::CR, R::PR},
      {"3.4 row 4 * PR PR MD -> PR", R::PR, R::PR, R::MD, R::PR},
      {"3.4 row 5 CR CR MD -> PR (Q12)", R::CR, R::CR, R::MD, R::PR},
      {"3.4 row 6 * PR NI NI -> PR", R::PR, R::NI, R::NI, R::PR},
      {"3.4 row 7 * PR SD CR -> MR", R::PR, R::SD, R::CR, R::MR},
      {"3.4 row 8 * CR SD NI -> MR", R::CR, R::SD, R::NI, R::MR},
      {"3.4 row 9 * SD SD NI -> SD", R::SD, R::SD, R::NI, R::SD},
      {"3.4 row 10 SD NI MD -> SD (Q12)", R::SD, R::NI, R::MD, R::SD},
      {"3.4 row 11 * SD PR PD -> PD", R::SD, R::PR, R::PD, R::PD},
      {"3.4 row 12 * CR CR PD -> PD", R::CR, R::CR, R::PD, R::PD},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    const ComponentResult r = overallResponse(row.primary, row.metastatic, row.marrow);
    EXPECT_EQ(r.response, row.expected);
    ASSERT_EQ(r.reasons.size(), 1u);
    EXPECT_EQ(r.reasons[0].source, "PARK17 Table 4");
  }
}

TEST(InrcOverall, AlgorithmSteps) {
  const Row rows[] = {
      {"3.4 step 1: PD beats NE", R::NE, R::PD, R::CR, R::PD},
      {"3.4 step 2 / Q11: any NE without PD -> NE", R::PR, R::NE, R::CR, R::NE},
      {"3.4 step 3: all NI -> NE", R::NI, R::NI, R::NI, R::NE},
      {"3.4 step 5: SD with a PR elsewhere -> MR", R::SD, R::PR, R::MD, R::MR},
      {"3.4 step 6: PR PR PR -> PR", R::PR, R::PR, R::PR, R::PR},
      {"3.4 step 7: SD alone -> SD", R::NI, R::SD, R::NI, R::SD},
      {"3.4 step 7: MD with SD -> SD", R::NI, R::SD, R::MD, R::SD},
      {"3.4 step 4: a single involved component in CR -> CR", R::NI, R::CR, R::NI, R::CR},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(overallResponse(row.primary, row.metastatic, row.marrow).response, row.expected);
  }
}

}  // namespace
}  // namespace nbra::scoring
