// Reader performance monitoring of the blinded central review (scoring/adjudication,
// docs/adjudication.md): Cohen's kappa, Bland-Altman limits of agreement, the p-chart of
// adjudication outcomes and rates. Every expected value is worked out by hand in a comment.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "scoring/adjudication/ReaderMetrics.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- Cohen's kappa -------------------------------------------------------------------------

// 40 double reads of the overall response, built from this contingency table (rows: reader A,
// columns: reader B):
//
//            B: CR  PR  SD  PD | A total
//   A: CR        6   2   0   0 |   8
//      PR        1  10   2   0 |  13
//      SD        0   2   8   1 |  11
//      PD        0   0   1   7 |   8
//   B total      7  14  11   8 |  40
//
//   p_o = (6 + 10 + 8 + 7) / 40 = 31/40 = 0.7750
//   p_e = (8*7 + 13*14 + 11*11 + 8*8) / 40^2 = (56 + 182 + 121 + 64) / 1600 = 423/1600 = 0.264375
//   kappa = (0.775 - 0.264375) / (1 - 0.264375) = 0.510625 / 0.735625 = 817/1177 = 0.6941
std::vector<std::pair<std::string, std::string>> fortyDoubleReads() {
  const char* labels[] = {"CR", "PR", "SD", "PD"};
  const int table[4][4] = {{6, 2, 0, 0}, {1, 10, 2, 0}, {0, 2, 8, 1}, {0, 0, 1, 7}};
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 4; ++b) {
      for (int k = 0; k < table[a][b]; ++k) {
        pairs.emplace_back(labels[a], labels[b]);
      }
    }
  }
  return pairs;
}

TEST(ReaderMetrics, KappaOfFortyDoubleReadsFromAKnownTable) {
  const auto pairs = fortyDoubleReads();
  ASSERT_EQ(pairs.size(), 40u);
  const KappaResult k = cohensKappa(pairs);
  EXPECT_EQ(k.n, 40);
  EXPECT_DOUBLE_EQ(k.observedAgreement, 0.775);
  EXPECT_DOUBLE_EQ(k.expectedAgreement, 0.264375);
  ASSERT_TRUE(k.kappa.has_value());
  EXPECT_NEAR(*k.kappa, 0.6941, 5e-5);
  EXPECT_DOUBLE_EQ(*k.kappa, 817.0 / 1177.0);
}

TEST(ReaderMetrics, KappaDoesNotDependOnThePairOrderOrWhichReaderIsA) {
  auto pairs = fortyDoubleReads();
  std::vector<std::pair<std::string, std::string>> swapped;
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
    swapped.emplace_back(it->second, it->first);
  }
  // The table transposed has the same diagonal and the same products of margins.
  EXPECT_DOUBLE_EQ(*cohensKappa(swapped).kappa, 817.0 / 1177.0);
}

TEST(ReaderMetrics, KappaAtItsEnds) {
  // Perfect agreement over two categories: p_o = 1, p_e = (2*2 + 2*2)/16 = 0.5, kappa = 1.
  const KappaResult perfect = cohensKappa({{"CR", "CR"}, {"PD", "PD"}, {"CR", "CR"}, {"PD", "PD"}});
  EXPECT_DOUBLE_EQ(perfect.observedAgreement, 1.0);
  EXPECT_DOUBLE_EQ(perfect.expectedAgreement, 0.5);
  EXPECT_DOUBLE_EQ(*perfect.kappa, 1.0);

  // Never agreeing, with labels only one reader uses: p_o = 0, p_e = 0 (no shared label),
  // kappa = 0.
  const KappaResult disjoint = cohensKappa({{"PR", "SD"}, {"PR", "SD"}, {"PR", "SD"}});
  EXPECT_DOUBLE_EQ(disjoint.observedAgreement, 0.0);
  EXPECT_DOUBLE_EQ(disjoint.expectedAgreement, 0.0);
  EXPECT_DOUBLE_EQ(*disjoint.kappa, 0.0);

  // Worse than chance: A says CR,PD and B says PD,CR. p_o = 0, p_e = (1*1 + 1*1)/4 = 0.5,
  // kappa = (0 - 0.5) / (1 - 0.5) = -1.
  EXPECT_DOUBLE_EQ(*cohensKappa({{"CR", "PD"}, {"PD", "CR"}}).kappa, -1.0);
}

TEST(ReaderMetrics, KappaIsUndefinedWithoutPairsOrWhenChanceExplainsEverything) {
  const KappaResult none = cohensKappa({});
  EXPECT_EQ(none.n, 0);
  EXPECT_FALSE(none.kappa.has_value());
  // Both readers always said SD: p_o = 1 and p_e = 1, so (p_o - p_e) / (1 - p_e) is 0/0.
  const KappaResult allSd = cohensKappa({{"SD", "SD"}, {"SD", "SD"}, {"SD", "SD"}});
  EXPECT_EQ(allSd.n, 3);
  EXPECT_DOUBLE_EQ(allSd.observedAgreement, 1.0);
  EXPECT_DOUBLE_EQ(allSd.expectedAgreement, 1.0);
  EXPECT_FALSE(allSd.kappa.has_value());
}

// --- Bland-Altman --------------------------------------------------------------------------

TEST(ReaderMetrics, LimitsOfAgreementOfFiveSums) {
  // Sums of diameters (mm), reader A and reader B:
  //   (10, 8) (12, 13) (15, 12) (20, 19) (9, 9)  ->  differences 2, -1, 3, 1, 0
  //   mean = 5/5 = 1.0
  //   deviations 1, -2, 2, 0, -1; squares 1 + 4 + 4 + 0 + 1 = 10; variance 10/(5-1) = 2.5
  //   sd = sqrt(2.5) = 1.5811388
  //   limits = 1.0 -/+ 1.96 * 1.5811388 = 1.0 -/+ 3.0990321 = -2.0990321 .. 4.0990321
  const AgreementLimits l = limitsOfAgreement({{10, 8}, {12, 13}, {15, 12}, {20, 19}, {9, 9}});
  EXPECT_EQ(l.n, 5);
  EXPECT_DOUBLE_EQ(l.meanDifference, 1.0);
  EXPECT_NEAR(l.sdDifference, 1.5811388, 1e-7);
  EXPECT_NEAR(l.lowerLimit, -2.0990321, 1e-7);
  EXPECT_NEAR(l.upperLimit, 4.0990321, 1e-7);
}

TEST(ReaderMetrics, LimitsOfAgreementWithFewerThanTwoPairs) {
  const AgreementLimits none = limitsOfAgreement({});
  EXPECT_EQ(none.n, 0);
  EXPECT_EQ(none.meanDifference, 0.0);
  EXPECT_EQ(none.lowerLimit, 0.0);
  EXPECT_EQ(none.upperLimit, 0.0);
  // One pair: difference 54.0 - 47.5 = 6.5; no spread can be estimated from one value.
  const AgreementLimits one = limitsOfAgreement({{54.0, 47.5}});
  EXPECT_EQ(one.n, 1);
  EXPECT_DOUBLE_EQ(one.meanDifference, 6.5);
  EXPECT_EQ(one.sdDifference, 0.0);
  EXPECT_DOUBLE_EQ(one.lowerLimit, 6.5);
  EXPECT_DOUBLE_EQ(one.upperLimit, 6.5);
}

TEST(ReaderMetrics, LimitsOfAgreementRefuseANonFiniteValueNamingThePair) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string message = refusal([&] { limitsOfAgreement({{1, 2}, {3, nan}}); });
  EXPECT_TRUE(mentions(message, "pair 2")) << message;
}

// --- p-chart of adjudication outcomes -------------------------------------------------------

TEST(ReaderMetrics, PChartOfThreeReaders) {
  // r1 chosen 12 of 20, r2 8 of 20, r3 2 of 10.
  //   p̄ = (12 + 8 + 2) / (20 + 20 + 10) = 22/50 = 0.44;  p̄(1 - p̄) = 0.44 * 0.56 = 0.2464
  //   n = 20: 3 * sqrt(0.2464/20) = 3 * sqrt(0.01232) = 3 * 0.1109955 = 0.3329865
  //           limits 0.44 -/+ 0.3329865 = 0.1070135 .. 0.7729865
  //   n = 10: 3 * sqrt(0.02464) = 3 * 0.1569713 = 0.4709140
  //           limits 0.44 - 0.4709140 = -0.0309140 -> clipped to 0 .. 0.9109140
  //   r1 0.60 and r2 0.40 lie in 0.107..0.773; r3 0.20 in 0..0.911: none outside.
  const std::vector<PChartPoint> chart =
      adjudicationPChart({{"r1", 20, 12}, {"r2", 20, 8}, {"r3", 10, 2}});
  ASSERT_EQ(chart.size(), 3u);
  const struct {
    const char* reader;
    int n;
    double proportion;
    double lower;
    double upper;
  } expected[] = {{"r1", 20, 0.60, 0.1070135, 0.7729865},
                  {"r2", 20, 0.40, 0.1070135, 0.7729865},
                  {"r3", 10, 0.20, 0.0, 0.9109140}};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(expected[i].reader);
    EXPECT_EQ(chart[i].reader, expected[i].reader);
    EXPECT_EQ(chart[i].n, expected[i].n);
    EXPECT_DOUBLE_EQ(chart[i].proportion, expected[i].proportion);
    EXPECT_DOUBLE_EQ(chart[i].centre, 0.44);
    EXPECT_NEAR(chart[i].lowerLimit, expected[i].lower, 1e-7);
    EXPECT_NEAR(chart[i].upperLimit, expected[i].upper, 1e-7);
    EXPECT_FALSE(chart[i].outside);
  }
}

TEST(ReaderMetrics, PChartFlagsAReaderWhoseReadsAreChosenTooOften) {
  // r1 chosen 19 of 20, r2 5 of 20, r3 6 of 20: p̄ = 30/60 = 0.5, p̄(1 - p̄) = 0.25.
  //   n = 20: 3 * sqrt(0.25/20) = 3 * 0.1118034 = 0.3354102; limits 0.1645898 .. 0.8354102
  //   r1 0.95 > 0.835: outside; r2 0.25 and r3 0.30 inside.
  const std::vector<PChartPoint> chart =
      adjudicationPChart({{"r1", 20, 19}, {"r2", 20, 5}, {"r3", 20, 6}});
  EXPECT_DOUBLE_EQ(chart[0].centre, 0.5);
  EXPECT_NEAR(chart[0].lowerLimit, 0.1645898, 1e-7);
  EXPECT_NEAR(chart[0].upperLimit, 0.8354102, 1e-7);
  EXPECT_TRUE(chart[0].outside);
  EXPECT_FALSE(chart[1].outside);
  EXPECT_FALSE(chart[2].outside);
}

TEST(ReaderMetrics, PChartClipsAnUpperLimitAboveOneAndLeavesAReaderWithoutAdjudications) {
  // r1 chosen 2 of 2, r2 6 of 8, r3 never adjudicated: p̄ = 8/10 = 0.8, p̄(1 - p̄) = 0.16.
  //   n = 2: 3 * sqrt(0.16/2) = 3 * 0.2828427 = 0.8485281; limits -0.0485 -> 0 .. 1.6485 -> 1
  //   n = 8: 3 * sqrt(0.02) = 3 * 0.1414214 = 0.4242641; limits 0.3757359 .. 1.2243 -> 1
  const std::vector<PChartPoint> chart =
      adjudicationPChart({{"r1", 2, 2}, {"r2", 8, 6}, {"r3", 0, 0}});
  EXPECT_DOUBLE_EQ(chart[0].lowerLimit, 0.0);
  EXPECT_DOUBLE_EQ(chart[0].upperLimit, 1.0);
  EXPECT_FALSE(chart[0].outside);  // 1.0 is on the clipped limit, not beyond it
  EXPECT_NEAR(chart[1].lowerLimit, 0.3757359, 1e-7);
  EXPECT_DOUBLE_EQ(chart[1].upperLimit, 1.0);
  EXPECT_EQ(chart[2].n, 0);
  EXPECT_EQ(chart[2].proportion, 0.0);
  EXPECT_DOUBLE_EQ(chart[2].centre, 0.8);
  EXPECT_EQ(chart[2].lowerLimit, 0.0);
  EXPECT_EQ(chart[2].upperLimit, 1.0);
  EXPECT_FALSE(chart[2].outside);
}

TEST(ReaderMetrics, PChartWithNothingAdjudicated) {
  EXPECT_TRUE(adjudicationPChart({}).empty());
  const std::vector<PChartPoint> chart = adjudicationPChart({{"r1", 0, 0}, {"r2", 0, 0}});
  ASSERT_EQ(chart.size(), 2u);
  for (const PChartPoint& p : chart) {
    EXPECT_EQ(p.centre, 0.0);
    EXPECT_EQ(p.lowerLimit, 0.0);
    EXPECT_EQ(p.upperLimit, 1.0);
    EXPECT_FALSE(p.outside);
  }
}

TEST(ReaderMetrics, PChartRefusesImpossibleTalliesNamingTheReader) {
  EXPECT_TRUE(mentions(refusal([] { adjudicationPChart({{"r1", 5, 2}, {"r2", 3, 4}}); }), "r2"));
  EXPECT_TRUE(mentions(refusal([] { adjudicationPChart({{"r7", -1, 0}}); }), "r7"));
  EXPECT_TRUE(mentions(refusal([] { adjudicationPChart({{"r8", 3, -1}}); }), "r8"));
}

// --- rates ---------------------------------------------------------------------------------

TEST(ReaderMetrics, Rates) {
  // 7 of 28 double-read timepoints adjudicated: 7/28 = 0.25.
  const RateResult r = rate(7, 28);
  EXPECT_EQ(r.numerator, 7);
  EXPECT_EQ(r.denominator, 28);
  EXPECT_DOUBLE_EQ(*r.rate, 0.25);
  EXPECT_DOUBLE_EQ(*rate(0, 5).rate, 0.0);
  const RateResult none = rate(0, 0);  // nothing double-read yet: no rate, not 0 %
  EXPECT_EQ(none.denominator, 0);
  EXPECT_FALSE(none.rate.has_value());
  EXPECT_FALSE(refusal([] { rate(-1, 4); }).empty());
  EXPECT_FALSE(refusal([] { rate(1, -4); }).empty());
}

}  // namespace
}  // namespace nbra::scoring
