#include "dicom/limits/PlausibleValues.h"

#include <cmath>
#include <cstdio>

namespace nbra::dicom {

std::string formatValue(double value) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

std::optional<std::string> implausible(const std::string& name, double value,
                                       const PlausibleRange& range) {
  const std::string unit = *range.unit ? std::string(" ") + range.unit : std::string();
  if (!std::isfinite(value))
    return name + " " + formatValue(value) + " is not a finite number";
  if (value >= range.min && value <= range.max)
    return std::nullopt;
  return name + " " + formatValue(value) + unit + " is outside the plausible range " +
         formatValue(range.min) + " to " + formatValue(range.max) + unit;
}

}  // namespace nbra::dicom
