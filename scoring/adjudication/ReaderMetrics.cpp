#include "scoring/adjudication/ReaderMetrics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>

namespace nbra::scoring {

namespace {

constexpr double kLimitsOfAgreementZ = 1.96;  // 95 % of differences, if normally distributed
constexpr double kControlLimitSigmas = 3.0;   // Shewhart's limits

struct LabelCounts {
  std::int64_t inA = 0;
  std::int64_t inB = 0;
};

}  // namespace

KappaResult cohensKappa(const std::vector<std::pair<std::string, std::string>>& pairs) {
  KappaResult result;
  result.n = static_cast<int>(pairs.size());
  if (pairs.empty()) {
    return result;
  }
  std::map<std::string, LabelCounts> counts;
  std::int64_t agreeing = 0;
  for (const auto& [a, b] : pairs) {
    ++counts[a].inA;
    ++counts[b].inB;
    agreeing += a == b ? 1 : 0;
  }
  const auto n = static_cast<std::int64_t>(pairs.size());
  std::int64_t expectedTimesNSquared = 0;  // sum over categories of count in A * count in B
  for (const auto& entry : counts) {
    expectedTimesNSquared += entry.second.inA * entry.second.inB;
  }
  const auto nSquared = static_cast<double>(n * n);
  result.observedAgreement = static_cast<double>(agreeing) / static_cast<double>(n);
  result.expectedAgreement = static_cast<double>(expectedTimesNSquared) / nSquared;
  if (expectedTimesNSquared == n * n) {
    return result;  // chance alone explains all agreement: kappa is undefined
  }
  // (p_o - p_e) / (1 - p_e) with both multiplied by n^2, so only the final division rounds.
  result.kappa = static_cast<double>(agreeing * n - expectedTimesNSquared) /
                 static_cast<double>(n * n - expectedTimesNSquared);
  return result;
}

AgreementLimits limitsOfAgreement(const std::vector<std::pair<double, double>>& pairs) {
  AgreementLimits result;
  result.n = static_cast<int>(pairs.size());
  if (pairs.empty()) {
    return result;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (!std::isfinite(pairs[i].first) || !std::isfinite(pairs[i].second)) {
      throw std::invalid_argument("pair " + std::to_string(i + 1) +
                                  " of the limits of agreement is not a pair of finite numbers");
    }
    sum += pairs[i].first - pairs[i].second;
  }
  const auto n = static_cast<double>(pairs.size());
  result.meanDifference = sum / n;
  if (pairs.size() >= 2) {
    double squares = 0.0;  // two passes: the one-pass formula loses digits when sd << mean
    for (const auto& [a, b] : pairs) {
      const double deviation = (a - b) - result.meanDifference;
      squares += deviation * deviation;
    }
    result.sdDifference = std::sqrt(squares / (n - 1.0));
  }
  result.lowerLimit = result.meanDifference - kLimitsOfAgreementZ * result.sdDifference;
  result.upperLimit = result.meanDifference + kLimitsOfAgreementZ * result.sdDifference;
  return result;
}

std::vector<PChartPoint> adjudicationPChart(const std::vector<ReaderTally>& tallies) {
  std::int64_t totalChosen = 0;
  std::int64_t totalAdjudicated = 0;
  for (const ReaderTally& t : tallies) {
    if (t.adjudicated < 0 || t.chosen < 0) {
      throw std::invalid_argument("reader " + t.reader + ": a negative adjudication count");
    }
    if (t.chosen > t.adjudicated) {
      throw std::invalid_argument("reader " + t.reader + ": chosen " + std::to_string(t.chosen) +
                                  " times in only " + std::to_string(t.adjudicated) +
                                  " adjudications");
    }
    totalChosen += t.chosen;
    totalAdjudicated += t.adjudicated;
  }
  const double centre = totalAdjudicated == 0 ? 0.0
                                              : static_cast<double>(totalChosen) /
                                                    static_cast<double>(totalAdjudicated);
  std::vector<PChartPoint> points;
  points.reserve(tallies.size());
  for (const ReaderTally& t : tallies) {
    PChartPoint p{.reader = t.reader, .n = t.adjudicated, .centre = centre, .upperLimit = 1.0};
    if (t.adjudicated > 0) {
      p.proportion = static_cast<double>(t.chosen) / static_cast<double>(t.adjudicated);
      // Limits widen for a reader with few adjudications: the same deviation from p̄ means less.
      const double halfWidth =
          kControlLimitSigmas * std::sqrt(centre * (1.0 - centre) / t.adjudicated);
      p.lowerLimit = std::max(0.0, centre - halfWidth);
      p.upperLimit = std::min(1.0, centre + halfWidth);
      p.outside = p.proportion < p.lowerLimit || p.proportion > p.upperLimit;
    }
    points.push_back(p);
  }
  return points;
}

RateResult rate(int numerator, int denominator) {
  if (numerator < 0 || denominator < 0) {
    throw std::invalid_argument("a rate of negative counts (" + std::to_string(numerator) + " / " +
                                std::to_string(denominator) + ")");
  }
  RateResult result{.numerator = numerator, .denominator = denominator};
  if (denominator > 0) {
    result.rate = static_cast<double>(numerator) / static_cast<double>(denominator);
  }
  return result;
}

}  // namespace nbra::scoring
