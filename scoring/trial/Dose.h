#pragma once

#include <cstdint>

#include "scoring/model/Response.h"

namespace nbra::scoring {

// Trial dose: 5 x 10^6 activated NK cells per kg of body weight per injection (trial record;
// clinical-rules.md 8), weight from the pre-infusion measurement.
inline constexpr std::int64_t kNkCellsPerKg = 5'000'000;

struct DoseResult {
  double weightKg = 0.0;
  std::int64_t cellsPerInjection = 0;
  Reasons reasons;
};

// `weightKg` must be validated (> 0, given to at most 0.01 kg) so the product is exact.
DoseResult nkCellDose(double weightKg);

}  // namespace nbra::scoring
