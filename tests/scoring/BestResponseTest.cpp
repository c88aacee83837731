// Best overall response across a subject's follow-up assessments (scoring/results).
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scoring/results/BestResponse.h"

namespace nbra::scoring {
namespace {

struct BestRow {
  const char* rule;
  std::vector<std::string> responses;
  std::optional<std::string> expected;
};

TEST(BestResponse, BestCategoryWins) {
  const BestRow rows[] = {
      {"CR beats PR, whatever the order", {"PR", "CR", "PR"}, "CR"},
      {"PR beats MR", {"MR", "PR", "SD"}, "PR"},
      {"MR beats SD", {"SD", "MR", "SD"}, "MR"},
      {"SD beats NE", {"NE", "SD", "NE"}, "SD"},
      {"PD counts: PD beats NE", {"NE", "PD"}, "PD"},
      {"NE only when nothing else", {"NE", "NE"}, "NE"},
      {"a single assessment is its own best", {"SD"}, "SD"},
  };
  for (const BestRow& row : rows) {
    SCOPED_TRACE(row.rule);
    EXPECT_EQ(bestOverallResponse(row.responses), row.expected);
  }
}

TEST(BestResponse, AssessmentsAfterFirstProgressionDoNotCount) {
  EXPECT_EQ(bestOverallResponse({"SD", "PD", "CR"}), "SD");
  EXPECT_EQ(bestOverallResponse({"PD", "PR", "CR"}), "PD");
  EXPECT_EQ(bestOverallResponse({"NE", "PD", "PR"}), "PD");
  // A response before progression stands.
  EXPECT_EQ(bestOverallResponse({"PR", "PD", "SD"}), "PR");
}

TEST(BestResponse, SettingOffCountsEveryAssessment) {
  const BestResponseSettings everything{.stopsAtProgression = false};
  EXPECT_EQ(bestOverallResponse({"SD", "PD", "CR"}, everything), "CR");
  EXPECT_EQ(bestOverallResponse({"PD", "PR"}, everything), "PR");
}

TEST(BestResponse, NoAssessmentHasNoBestResponse) {
  EXPECT_EQ(bestOverallResponse({}), std::nullopt);
}

TEST(BestResponse, UnknownCategoryIsNamed) {
  try {
    bestOverallResponse({"PR", "VGPR"});
    FAIL() << "an unknown category was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'VGPR'"), std::string::npos) << e.what();
  }
  // Also after a progression that ends the count, and in lower case.
  EXPECT_THROW(bestOverallResponse({"PD", "XX"}), std::invalid_argument);
  EXPECT_THROW(bestOverallResponse({"cr"}), std::invalid_argument);
  EXPECT_THROW(responseRank("MD"), std::invalid_argument);
  EXPECT_THROW(isObjectiveResponse("", true), std::invalid_argument);
}

TEST(BestResponse, Ranks) {
  EXPECT_EQ(responseRank("CR"), 5);
  EXPECT_EQ(responseRank("PR"), 4);
  EXPECT_EQ(responseRank("MR"), 3);
  EXPECT_EQ(responseRank("SD"), 2);
  EXPECT_EQ(responseRank("PD"), 1);
  EXPECT_EQ(responseRank("NE"), 0);
}

TEST(BestResponse, ObjectiveResponse) {
  EXPECT_TRUE(isObjectiveResponse("CR", false));
  EXPECT_TRUE(isObjectiveResponse("PR", false));
  EXPECT_FALSE(isObjectiveResponse("MR", false));
  EXPECT_TRUE(isObjectiveResponse("MR", true));
  for (const char* other : {"SD", "PD", "NE"}) {
    SCOPED_TRACE(other);
    EXPECT_FALSE(isObjectiveResponse(other, false));
    EXPECT_FALSE(isObjectiveResponse(other, true));
  }
}

}  // namespace
}  // namespace nbra::scoring
