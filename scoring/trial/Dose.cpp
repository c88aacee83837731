#include "scoring/trial/Dose.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace nbra::scoring {

DoseResult nkCellDose(double weightKg) {
  // Weight in hundredths of a kg keeps the product an exact integer number of cells.
  const std::int64_t hundredthsKg = std::llround(weightKg * 100.0);
  DoseResult result;
  result.weightKg = weightKg;
  result.cellsPerInjection = hundredthsKg * (kNkCellsPerKg / 100);
  char weight[32];
  std::snprintf(weight, sizeof weight, "%.2f", weightKg);
  char scientific[32];
  std::snprintf(scientific, sizeof scientific, "%.3e",
                static_cast<double>(result.cellsPerInjection));
  result.reasons.push_back({"NK-cell dose", "Trial record (clinical-rules.md 8)",
                            "5 x 10^6 NK cells per kg x " + std::string(weight) +
                                " kg = " + std::to_string(result.cellsPerInjection) + " cells (" +
                                scientific + ") per injection."});
  return result;
}

}  // namespace nbra::scoring
