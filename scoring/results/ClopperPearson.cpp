#include "scoring/results/ClopperPearson.h"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace nbra::scoring {

namespace {

void checkCounts(int successes, int trials) {
  if (trials < 0) {
    throw std::invalid_argument("the number of subjects assessed is negative (" +
                                std::to_string(trials) + ")");
  }
  if (trials == 0) {
    throw std::invalid_argument("no subject assessed: a response rate needs at least one");
  }
  if (successes < 0) {
    throw std::invalid_argument("the number of responders is negative (" +
                                std::to_string(successes) + ")");
  }
  if (successes > trials) {
    throw std::invalid_argument("more responders (" + std::to_string(successes) +
                                ") than subjects assessed (" + std::to_string(trials) + ")");
  }
}

void checkConfidence(double confidence) {
  // Written so that NaN fails too.
  if (!(confidence > 0.0 && confidence < 1.0)) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", confidence);
    throw std::invalid_argument(std::string("the confidence level must lie strictly between 0 "
                                            "and 1, e.g. 0.95 (got ") +
                                text + ")");
  }
}

// log(k!) for k = 0..n, as running sums of logarithms. Not std::lgamma: glibc's sets the global
// signgam, a data race if two threads compute intervals at once; the sums are exact enough (their
// error grows like n * 1e-16) for any trial size.
std::vector<double> logFactorials(int n) {
  std::vector<double> table(static_cast<std::size_t>(n) + 1, 0.0);
  for (int k = 1; k <= n; ++k) {
    table[static_cast<std::size_t>(k)] = table[static_cast<std::size_t>(k - 1)] + std::log(k);
  }
  return table;
}

// P(X = k | n, p) for 0 < p < 1, in log space so that no binomial coefficient or power overflows
// or underflows before the product is formed.
double binomialTerm(const std::vector<double>& logFactorial, int k, int n, double p) {
  const auto at = [&](int i) { return logFactorial[static_cast<std::size_t>(i)]; };
  return std::exp(at(n) - at(k) - at(n - k) + k * std::log(p) + (n - k) * std::log1p(-p));
}

// Each tail is summed over its own terms (never as 1 - the other tail), so a tail of 0.025 keeps
// its full relative precision.
double tail(const std::vector<double>& logFactorial, int from, int to, int n, double p) {
  double sum = 0.0;
  for (int k = from; k <= to; ++k) {
    sum += binomialTerm(logFactorial, k, n, p);
  }
  return sum;
}

// The p in (0, 1) where the monotone `tailAt` crosses `target`; `increasing` says which way it
// runs. Bisection cannot fail to converge and halves the bracket each step; it stops at a width
// of 1e-15, far inside the 1e-9 promised.
template <typename Tail>
double crossing(Tail tailAt, double target, bool increasing) {
  double low = 0.0;
  double high = 1.0;
  while (high - low > 1e-15) {
    const double middle = 0.5 * (low + high);
    const bool above = tailAt(middle) >= target;
    if (above == increasing) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return 0.5 * (low + high);
}

}  // namespace

double proportion(int successes, int trials) {
  checkCounts(successes, trials);
  return static_cast<double>(successes) / trials;
}

ProportionInterval clopperPearson(int successes, int trials, double confidence) {
  checkCounts(successes, trials);
  checkConfidence(confidence);
  const double tailProbability = (1.0 - confidence) / 2.0;
  const int x = successes;
  const int n = trials;
  const std::vector<double> logFactorial = logFactorials(n);
  ProportionInterval interval{0.0, 1.0};
  if (x > 0) {
    // P(X >= x | p) rises with p.
    const auto atLeastX = [&](double p) { return tail(logFactorial, x, n, n, p); };
    interval.lower = crossing(atLeastX, tailProbability, true);
  }
  if (x < n) {
    // P(X <= x | p) falls as p rises.
    const auto atMostX = [&](double p) { return tail(logFactorial, 0, x, n, p); };
    interval.upper = crossing(atMostX, tailProbability, false);
  }
  return interval;
}

}  // namespace nbra::scoring
