#include "scoring/model/Tenths.h"

#include <cmath>
#include <cstdio>

namespace nbra::scoring {

bool isOnTenthGrid(double value) {
  if (!std::isfinite(value) || std::fabs(value) > 1e12) {
    return false;
  }
  const double scaled = value * 10.0;
  return std::fabs(scaled - std::round(scaled)) < 1e-6;
}

Tenths toTenths(double value) {
  return static_cast<Tenths>(std::llround(value * 10.0));
}

std::string formatTenths(Tenths value) {
  const bool negative = value < 0;
  const Tenths magnitude = negative ? -value : value;
  return (negative ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10);
}

std::string formatRatio(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) {
    return "undefined";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f",
                static_cast<double>(numerator) / static_cast<double>(denominator));
  return buffer;
}

std::string formatPercentChange(Tenths reference, Tenths now) {
  if (reference == 0) {
    return "n/a";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f %%",
                100.0 * static_cast<double>(now - reference) / static_cast<double>(reference));
  return buffer;
}

}  // namespace nbra::scoring
