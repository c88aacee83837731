#include "scoring/results/PercentChange.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace nbra::scoring {

namespace {

// A measurement is a size or a score: finite and never below zero. Anything else is a reading or
// unit error and is refused rather than turned into a bar on the plot.
void checkMeasurement(const std::string& what, double value) {
  if (std::isfinite(value) && value >= 0.0) {
    return;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%g", value);
  const char* problem = std::isfinite(value) ? "is negative" : "is not a finite number";
  throw std::invalid_argument(what + " " + text + " " + problem +
                              "; a measurement must be finite and 0 or more");
}

double change(double baseline, double value) {
  return 100.0 * (value - baseline) / baseline;
}

}  // namespace

std::optional<double> percentChange(double baseline, double value) {
  checkMeasurement("baseline", baseline);
  checkMeasurement("value", value);
  if (baseline == 0.0) {
    return std::nullopt;
  }
  return change(baseline, value);
}

std::optional<double> bestPercentChange(double baseline, const std::vector<double>& followUps) {
  checkMeasurement("baseline", baseline);
  for (std::size_t i = 0; i < followUps.size(); ++i) {
    checkMeasurement("follow-up " + std::to_string(i + 1), followUps[i]);
  }
  if (baseline == 0.0 || followUps.empty()) {
    return std::nullopt;
  }
  // The change is monotone in the value for a positive baseline, so the smallest follow-up gives
  // the most negative change.
  return change(baseline, *std::min_element(followUps.begin(), followUps.end()));
}

}  // namespace nbra::scoring
