#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nbra::scoring {

// Reader performance monitoring of a blinded independent central review (docs/adjudication.md):
// how often two readers agree, how far apart their measurements lie, and whether the adjudicator
// chooses one reader's reads unusually often or seldom. Descriptive statistics only: nothing here
// changes a read of record.

struct KappaResult {
  int n = 0;
  double observedAgreement = 0;   // p_o: share of pairs with the same label
  double expectedAgreement = 0;   // p_e: sum over categories of (share in A) * (share in B)
  std::optional<double> kappa{};  // nullopt when expected agreement == 1 or n == 0
};
// Cohen's kappa of paired category labels (any strings; the category set is the union seen):
// (p_o - p_e) / (1 - p_e). Computed from integer counts, so "p_e == 1" (both readers always gave
// the one same label) is detected exactly rather than as a division by almost zero.
KappaResult cohensKappa(const std::vector<std::pair<std::string, std::string>>& pairs);

struct AgreementLimits {
  int n = 0;
  double meanDifference = 0;
  double sdDifference = 0;
  double lowerLimit = 0;
  double upperLimit = 0;
};
// Bland-Altman: differences a-b, sample SD (n-1), limits mean +/- 1.96 SD; n < 2 -> sd 0 and
// limits = mean (n == 0 -> all 0). Throws std::invalid_argument naming the pair for a NaN or
// infinite value, which would otherwise turn every limit into NaN.
AgreementLimits limitsOfAgreement(const std::vector<std::pair<double, double>>& pairs);

// Adjudications of timepoints this reader read, and how many chose their read.
struct ReaderTally {
  std::string reader{};
  int adjudicated = 0;
  int chosen = 0;
};
struct PChartPoint {
  std::string reader{};
  int n = 0;
  double proportion = 0;
  double centre = 0;
  double lowerLimit = 0;
  double upperLimit = 0;
  bool outside = false;  // proportion strictly below the lower or above the upper limit
};
// p-chart of "adjudicator chose this reader's read": centre p̄ = sum chosen / sum adjudicated over
// readers (0 when nothing was adjudicated), limits p̄ ± 3·sqrt(p̄(1−p̄)/n_i) clipped to [0,1];
// readers with n = 0 get proportion 0, limits 0..1 and outside=false. One point per tally, in the
// given order. Throws std::invalid_argument naming the reader for negative counts or chosen >
// adjudicated.
std::vector<PChartPoint> adjudicationPChart(const std::vector<ReaderTally>& tallies);

struct RateResult {
  int numerator = 0;
  int denominator = 0;
  std::optional<double> rate{};  // nullopt when the denominator is 0
};
// numerator / denominator (e.g. the adjudication rate: adjudicated / double-read timepoints).
// Throws std::invalid_argument for a negative count.
RateResult rate(int numerator, int denominator);

}  // namespace nbra::scoring
