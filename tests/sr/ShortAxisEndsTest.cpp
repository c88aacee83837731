// The SR export and import pick up short-axis caliper ends as soon as the record type has them.
#include <gtest/gtest.h>

#include "viewer/cli/sr/ShortAxisEnds.h"

namespace nbra::cli {
namespace {

struct WithoutEnds {
  std::optional<double> shortAxisMm;
};

struct WithEnds {
  std::optional<std::array<double, 3>> shortStartMm;
  std::optional<std::array<double, 3>> shortEndMm;
};

TEST(ShortAxisEnds, ATypeWithoutTheFieldsHasNone) {
  WithoutEnds lesion{12.0};
  EXPECT_FALSE(shortAxisEnds(lesion).has_value());
  EXPECT_FALSE(setShortAxisEnds(lesion, {1, 2, 3}, {4, 5, 6}));
}

TEST(ShortAxisEnds, ATypeWithTheFieldsCarriesThem) {
  WithEnds lesion;
  EXPECT_FALSE(shortAxisEnds(lesion).has_value());  // fields present, but empty
  EXPECT_TRUE(setShortAxisEnds(lesion, {1, 2, 3}, {4, 5, 6}));
  const auto ends = shortAxisEnds(lesion);
  ASSERT_TRUE(ends.has_value());
  EXPECT_EQ(ends->first, (PointMm{1, 2, 3}));
  EXPECT_EQ(ends->second, (PointMm{4, 5, 6}));
}

}  // namespace
}  // namespace nbra::cli
