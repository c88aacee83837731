// Reader metrics from a reading history of 40 double reads with a known disagreement pattern:
// every expected number is worked out by hand below from the pattern, not from the code.
#include <gtest/gtest.h>

#include <QStringList>

#include "workflow/adjudication/ComparisonJson.h"
#include "workflow/adjudication/ReaderMetricsReport.h"

namespace nbra::workflow {
namespace {

// The 40 pairs of overall responses (read A, read B): 30 agreements (CR-CR 8, PR-PR 10,
// SD-SD 8, PD-PD 4) at rows 0-29, then 10 disagreements at rows 30-39 (PR-SD 4, SD-PR 3,
// CR-PR 2, PD-SD 1).
std::pair<std::string, std::string> responsesOf(int row) {
  static const std::vector<std::pair<std::string, std::string>> pairs = [] {
    std::vector<std::pair<std::string, std::string>> p;
    auto add = [&](const char* a, const char* b, int n) {
      for (int i = 0; i < n; ++i) {
        p.emplace_back(a, b);
      }
    };
    add("CR", "CR", 8);
    add("PR", "PR", 10);
    add("SD", "SD", 8);
    add("PD", "PD", 4);
    add("PR", "SD", 4);
    add("SD", "PR", 3);
    add("CR", "PR", 2);
    add("PD", "SD", 1);
    return p;
  }();
  return pairs.at(static_cast<std::size_t>(row));
}

// Readers by row % 3: (r1, r2), (r1, r3), (r2, r3). A new lesion in read A only at rows 5, 30
// and 31. Every discordant row (5 and 30-39: 11 rows) is adjudicated, read A chosen except at
// rows 5 and 32 (read B). Sums: A = 50 + row mm, B = A - 2 on even rows, A + 2 on odd rows.
// Curie: 10 and 10, except rows 0-3 where B = 12.
records::ReadingHistoryRow historyRow(int row) {
  static const QString readers[3][2] = {{"r1", "r2"}, {"r1", "r3"}, {"r2", "r3"}};
  scoring::ReadOutcome a;
  scoring::ReadOutcome b;
  const auto [ra, rb] = responsesOf(row);
  a.overallResponse = ra;
  b.overallResponse = rb;
  a.newLesion = row == 5 || row == 30 || row == 31;
  a.sumOfDiametersMm = 50.0 + row;
  b.sumOfDiametersMm = *a.sumOfDiametersMm + (row % 2 == 0 ? -2.0 : 2.0);
  a.curieTotal = 10;
  b.curieTotal = row < 4 ? 12 : 10;
  const scoring::ReadComparison c = scoring::compareReads(a, b, {});
  records::ReadingHistoryRow r;
  r.studyId = QString("NB-%1").arg(row, 3, 10, QChar('0'));
  r.timepointLabel = "follow-up";
  r.readerA = readers[row % 3][0];
  r.readerB = readers[row % 3][1];
  r.comparison.id = row + 1;
  r.comparison.discordant = c.discordant;
  for (scoring::DiscordanceVariable v : c.triggering()) {
    r.comparison.triggering << QString::fromStdString(scoring::variableKey(v));
  }
  r.comparison.comparisonJson = comparisonToJson(a, b, c);
  if (c.discordant) {
    r.chosenRead = (row == 5 || row == 32) ? "B" : "A";
  }
  return r;
}

std::vector<records::ReadingHistoryRow> history() {
  std::vector<records::ReadingHistoryRow> rows;
  for (int i = 0; i < 40; ++i) {
    rows.push_back(historyRow(i));
  }
  // A comparison replaced by a correction: history, not a 41st pair. Were it counted, every
  // number below would move (a PD-CR disagreement, r1's read not chosen).
  records::ReadingHistoryRow old = historyRow(30);
  old.current = false;
  old.comparison.comparisonJson.replace("\"PR\"", "\"PD\"");
  old.chosenRead = "B";
  rows.push_back(old);
  return rows;
}

TEST(ReaderMetricsReport, RatesPerVariableFromTheKnownPattern) {
  const ReaderMetricsReport r = readerMetrics(history());
  EXPECT_EQ(r.comparisons, 40);
  // Discordant: the 10 response disagreements and row 5 (new lesion only): 11 of 40.
  EXPECT_EQ(r.discordant, 11);
  EXPECT_EQ(r.adjudicated, 11);
  ASSERT_TRUE(r.adjudicationRate.rate);
  EXPECT_DOUBLE_EQ(*r.adjudicationRate.rate, 11.0 / 40.0);
  std::map<QString, scoring::RateResult> byKey;
  for (const VariableRate& v : r.variables) {
    byKey[v.key] = v.rate;
  }
  EXPECT_EQ(byKey["overallResponse"].numerator, 10);  // 10 / 40 = 0.25
  EXPECT_DOUBLE_EQ(*byKey["overallResponse"].rate, 0.25);
  EXPECT_EQ(byKey["newLesion"].numerator, 3);  // rows 5, 30, 31: 0.075
  EXPECT_DOUBLE_EQ(*byKey["newLesion"].rate, 0.075);
  // Listed but never triggering without a threshold (the default settings).
  EXPECT_EQ(byKey["sumOfDiametersMm"].numerator, 0);
  EXPECT_EQ(byKey["curieTotal"].numerator, 0);
  EXPECT_EQ(byKey["sumOfDiametersMm"].denominator, 40);
}

TEST(ReaderMetricsReport, KappaOnTheOverallResponse) {
  const ReaderMetricsReport r = readerMetrics(history());
  // p_o = 30/40 = 0.75. Marginals A: CR 10, PR 14, SD 11, PD 5; B: CR 8, PR 15, SD 13, PD 4.
  // p_e = (10*8 + 14*15 + 11*13 + 5*4) / 1600 = 453/1600 = 0.283125.
  // kappa = (0.75 - 0.283125) / (1 - 0.283125) = 0.466875 / 0.716875 = 0.651264.
  EXPECT_EQ(r.responseKappa.n, 40);
  EXPECT_DOUBLE_EQ(r.responseKappa.observedAgreement, 0.75);
  EXPECT_NEAR(r.responseKappa.expectedAgreement, 0.283125, 1e-12);
  ASSERT_TRUE(r.responseKappa.kappa);
  EXPECT_NEAR(*r.responseKappa.kappa, 0.651264, 1e-6);
}

TEST(ReaderMetricsReport, LimitsOfAgreementOnSumsAndCurieTotals) {
  const ReaderMetricsReport r = readerMetrics(history());
  // Sums: A - B = +2 on 20 rows, -2 on 20: mean 0, SD = sqrt(40 * 4 / 39) = 2.025479,
  // limits +/- 1.96 * 2.025479 = +/- 3.969938.
  EXPECT_EQ(r.sumOfDiameters.n, 40);
  EXPECT_NEAR(r.sumOfDiameters.meanDifference, 0.0, 1e-12);
  EXPECT_NEAR(r.sumOfDiameters.sdDifference, 2.025479, 1e-6);
  EXPECT_NEAR(r.sumOfDiameters.lowerLimit, -3.969938, 1e-6);
  EXPECT_NEAR(r.sumOfDiameters.upperLimit, 3.969938, 1e-6);
  // Curie: A - B = -2 on 4 rows, 0 on 36: mean -0.2; squares about the mean
  // 4 * 1.8^2 + 36 * 0.2^2 = 14.4, SD = sqrt(14.4 / 39) = 0.607644, limits -0.2 -/+ 1.190981.
  EXPECT_NEAR(r.curieTotal.meanDifference, -0.2, 1e-12);
  EXPECT_NEAR(r.curieTotal.sdDifference, 0.607644, 1e-6);
  EXPECT_NEAR(r.curieTotal.lowerLimit, -1.390981, 1e-6);
  EXPECT_NEAR(r.curieTotal.upperLimit, 0.990981, 1e-6);
}

TEST(ReaderMetricsReport, PChartOfTheAdjudicatorsChoices) {
  const ReaderMetricsReport r = readerMetrics(history());
  // Adjudicated rows by pair: (r1, r2) 30, 33, 36, 39; (r1, r3) 31, 34, 37; (r2, r3) 5, 32, 35,
  // 38. r1: in 7, chosen 7 (always read A). r2: in 8, chosen 2 (35, 38). r3: in 7, chosen 2
  // (5, 32: read B). p-bar = 11 / 22 = 0.5; 3 sigma = 3 sqrt(0.25 / 7) = 0.566947 for n = 7 and
  // 0.530330 for n = 8: every interval clips to [0, 1] and nobody is outside.
  ASSERT_EQ(r.pChart.size(), 3u);
  std::map<std::string, scoring::PChartPoint> by;
  for (const scoring::PChartPoint& p : r.pChart) {
    by[p.reader] = p;
  }
  EXPECT_EQ(by["r1"].n, 7);
  EXPECT_DOUBLE_EQ(by["r1"].proportion, 1.0);
  EXPECT_EQ(by["r2"].n, 8);
  EXPECT_DOUBLE_EQ(by["r2"].proportion, 0.25);
  EXPECT_EQ(by["r3"].n, 7);
  EXPECT_NEAR(by["r3"].proportion, 2.0 / 7.0, 1e-12);
  for (const auto& [name, p] : by) {
    EXPECT_DOUBLE_EQ(p.centre, 0.5) << name;
    EXPECT_DOUBLE_EQ(p.lowerLimit, 0.0) << name;
    EXPECT_DOUBLE_EQ(p.upperLimit, 1.0) << name;
    EXPECT_FALSE(p.outside) << name;
  }
}

TEST(ReaderMetricsReport, CsvCarriesEveryNumberOnItsOwnRow) {
  const QString csv = readerMetricsCsv(readerMetrics(history()));
  const QStringList lines = csv.trimmed().split('\n');
  EXPECT_EQ(lines.front(), "section,name,n,value1,value2,value3,value4,flag");
  for (const QString& line : lines) {
    EXPECT_EQ(line.count(','), 7) << line.toStdString();  // one shape for every row
  }
  EXPECT_TRUE(lines.contains("rate,adjudication (any variable),40,11,0.2750,,,"));
  EXPECT_TRUE(lines.contains("rate,overallResponse,40,10,0.2500,,,"));
  EXPECT_TRUE(lines.contains("reader,r2,8,0.2500,0.5000,0.0000,1.0000,"));
  EXPECT_TRUE(lines.contains("agreement,kappa overall response,40,0.7500,0.2831,0.6513,,"));
}

}  // namespace
}  // namespace nbra::workflow
