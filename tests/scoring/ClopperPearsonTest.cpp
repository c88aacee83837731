// The exact binomial interval of scoring/results (the response rate across subjects).
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>

#include "scoring/results/ClopperPearson.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;

struct IntervalRow {
  const char* source;
  int successes;
  int trials;
  double confidence;
  double lower;
  double upper;
  double tolerance;
};

TEST(ClopperPearson, KnownIntervals) {
  // Published values are given to 8 decimals, so they are checked to half a unit of the 8th; the
  // values computed here to 13 decimals are checked to the 1e-9 promised.
  constexpr double kEightDecimals = 5e-9;
  constexpr double kPromised = 1e-9;
  const IntervalRow rows[] = {
      {"x=0: upper = 1 - 0.025^(1/10) in closed form", 0, 10, 0.95, 0.0, 1.0 - std::pow(0.025, 0.1),
       1e-12},
      {"x=n: lower = 0.025^(1/10) in closed form", 10, 10, 0.95, std::pow(0.025, 0.1), 1.0, 1e-12},
      {"3/10, published", 3, 10, 0.95, 0.06673951, 0.65245285, kEightDecimals},
      {"5/10, published, symmetric about 0.5", 5, 10, 0.95, 0.18708603, 0.81291397, kEightDecimals},
      {"1/5, published", 1, 5, 0.95, 0.00505076, 0.71641794, kEightDecimals},
      // The next two were computed independently with python3: bisection (200 halvings) on the
      // exact tails sum(math.comb(n,k) * p**k * (1-p)**(n-k)) against (1 - confidence) / 2.
      {"7/20 at 90 %", 7, 20, 0.90, 0.1773109175744, 0.5580345113155, kPromised},
      {"37/120, a larger trial", 37, 120, 0.95, 0.2272551196338, 0.3991367645320, kPromised},
  };
  for (const IntervalRow& row : rows) {
    SCOPED_TRACE(row.source);
    const ProportionInterval interval = clopperPearson(row.successes, row.trials, row.confidence);
    EXPECT_NEAR(interval.lower, row.lower, row.tolerance);
    EXPECT_NEAR(interval.upper, row.upper, row.tolerance);
  }
}

TEST(ClopperPearson, EndsAreExactAtZeroAndAll) {
  EXPECT_EQ(clopperPearson(0, 7).lower, 0.0);
  EXPECT_EQ(clopperPearson(7, 7).upper, 1.0);
}

TEST(ClopperPearson, WiderAtHigherConfidence) {
  const ProportionInterval ninety = clopperPearson(4, 12, 0.90);
  const ProportionInterval ninetyFive = clopperPearson(4, 12, 0.95);
  EXPECT_LT(ninetyFive.lower, ninety.lower);
  EXPECT_GT(ninetyFive.upper, ninety.upper);
}

TEST(ClopperPearson, Proportion) {
  EXPECT_DOUBLE_EQ(proportion(3, 10), 0.3);
  EXPECT_DOUBLE_EQ(proportion(0, 4), 0.0);
  EXPECT_DOUBLE_EQ(proportion(4, 4), 1.0);
}

TEST(ClopperPearson, RefusesNoSubject) {
  const std::string expected = "no subject assessed: a response rate needs at least one";
  EXPECT_EQ(refusal([] { clopperPearson(0, 0); }), expected);
  EXPECT_EQ(refusal([] { proportion(0, 0); }), expected);
}

TEST(ClopperPearson, RefusesImpossibleCounts) {
  EXPECT_NE(refusal([] { clopperPearson(0, -1); }).find("negative (-1)"), std::string::npos);
  EXPECT_NE(refusal([] { clopperPearson(-1, 10); }).find("negative (-1)"), std::string::npos);
  EXPECT_NE(refusal([] { clopperPearson(11, 10); }).find("more responders (11)"),
            std::string::npos);
  EXPECT_NE(refusal([] { proportion(11, 10); }).find("subjects assessed (10)"), std::string::npos);
}

TEST(ClopperPearson, RefusesConfidenceOutsideZeroToOne) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double confidence : {0.0, 1.0, -0.5, 95.0, nan}) {
    SCOPED_TRACE(confidence);
    EXPECT_NE(refusal([=] { clopperPearson(3, 10, confidence); }).find("strictly between 0 and 1"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace nbra::scoring
