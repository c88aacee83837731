// Percent change from baseline and its best value, for waterfall plots (scoring/results).
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scoring/results/PercentChange.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;

TEST(PercentChange, Values) {
  EXPECT_DOUBLE_EQ(*percentChange(50.0, 35.0), -30.0);
  EXPECT_DOUBLE_EQ(*percentChange(50.0, 60.0), 20.0);
  EXPECT_DOUBLE_EQ(*percentChange(50.0, 0.0), -100.0);
  EXPECT_DOUBLE_EQ(*percentChange(12.5, 12.5), 0.0);
}

TEST(PercentChange, UndefinedFromZeroBaseline) {
  EXPECT_EQ(percentChange(0.0, 10.0), std::nullopt);
  EXPECT_EQ(percentChange(0.0, 0.0), std::nullopt);
  EXPECT_EQ(bestPercentChange(0.0, {5.0}), std::nullopt);
}

TEST(PercentChange, BestIsMostNegative) {
  EXPECT_DOUBLE_EQ(*bestPercentChange(80.0, {72.0, 40.0, 96.0}), -50.0);
  // Growth only: the smallest growth is the best.
  EXPECT_DOUBLE_EQ(*bestPercentChange(80.0, {100.0, 88.0}), 10.0);
  EXPECT_EQ(bestPercentChange(80.0, {}), std::nullopt);
}

TEST(PercentChange, RefusesBadValuesByName) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_NE(refusal([] { percentChange(-10.0, 5.0); }).find("baseline -10 is negative"),
            std::string::npos);
  EXPECT_NE(refusal([] { percentChange(10.0, -5.0); }).find("value -5 is negative"),
            std::string::npos);
  EXPECT_NE(refusal([=] { percentChange(nan, 5.0); }).find("not a finite number"),
            std::string::npos);
  EXPECT_NE(refusal([=] { percentChange(10.0, inf); }).find("value inf"), std::string::npos);
  EXPECT_NE(refusal([=] {
              bestPercentChange(10.0, {5.0, nan});
            }).find("follow-up 2"),
            std::string::npos);
  EXPECT_NE(refusal([] { bestPercentChange(10.0, {-1.0}); }).find("follow-up 1 -1 is negative"),
            std::string::npos);
  // Refused even where the answer would be nullopt anyway.
  EXPECT_THROW(bestPercentChange(0.0, {-1.0}), std::invalid_argument);
  EXPECT_THROW(bestPercentChange(-1.0, {}), std::invalid_argument);
}

}  // namespace
}  // namespace nbra::scoring
