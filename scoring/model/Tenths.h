#pragma once

#include <cstdint>
#include <string>

namespace nbra::scoring {

// Diameters (mm), marrow infiltration (%) and weights are compared against thresholds such as
// "at least 30 % smaller" or "more than 20 % larger". On doubles a value exactly on a boundary is
// at the mercy of rounding, so the rules work on integer tenths and evaluate every threshold by
// integer cross-multiplication (clinical-rules.md 1.4 [D]). Readings are validated to lie on the
// 0.1 grid before they are converted; nothing is rounded silently.
using Tenths = std::int64_t;

// True when `value` is finite and a whole number of tenths (within floating-point noise).
bool isOnTenthGrid(double value);

// Converts a validated value (see isOnTenthGrid) to tenths.
Tenths toTenths(double value);

// 231 -> "23.1", -5 -> "-0.5".
std::string formatTenths(Tenths value);

// num/den shown with two decimals ("0.42"), for reasons only: decisions never use it.
std::string formatRatio(std::int64_t numerator, std::int64_t denominator);

// Change from `reference` to `now` as a signed percentage with one decimal ("-31.0 %"), display
// only.
std::string formatPercentChange(Tenths reference, Tenths now);

}  // namespace nbra::scoring
