#pragma once

#include <optional>
#include <vector>

namespace nbra::scoring {

// Percent changes of a tumour measurement (a sum of diameters in mm, a Curie or SIOPEN score)
// from its baseline, for waterfall plots. Both values must be in the same unit; the result is in
// percent of the baseline: -30 is a 30 % shrinkage, +20 a 20 % growth.

// 100 * (value - baseline) / baseline, or nullopt when baseline is 0: a change relative to zero
// is undefined (a subject with no baseline disease has no bar on a waterfall plot). Throws
// std::invalid_argument naming the value when either is negative, NaN or infinite.
std::optional<double> percentChange(double baseline, double value);

// The best (most negative) percent change over the follow-ups, the value a waterfall plot shows
// for a subject; nullopt when there is no follow-up or baseline is 0. Throws
// std::invalid_argument naming the value when baseline or any follow-up is negative, NaN or
// infinite.
std::optional<double> bestPercentChange(double baseline, const std::vector<double>& followUps);

}  // namespace nbra::scoring
