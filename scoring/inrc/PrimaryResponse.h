#pragma once

#include <optional>
#include <string>

#include "scoring/model/Response.h"
#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// The primary tumour at one follow-up. Multifocal primaries are summed (Q4).
struct PrimaryInputs {
  bool baselineImaged = true;  // false: no CT/MRI at baseline, so involvement is unknown
  bool involvedAtBaseline = false;
  Tenths baselineTenths = 0;            // longest diameter (sum of LDs if multifocal)
  Tenths nadirTenths = 0;               // smallest earlier measurement, baseline included
  std::optional<Tenths> currentTenths;  // nullopt: no CT/MRI at this timepoint, or not evaluable
  bool notEvaluable = false;            // imaged, but the reader could not measure it
  bool avidAtBaseline = false;          // MIBG (or FDG-PET for MIBG-non-avid disease) uptake
  std::optional<bool> avidNow;          // nullopt: that functional scan not done
  std::string functionalModality = "MIBG";
};

// INRC 2017 primary tumour response (PARK17 Table 1; clinical-rules.md 3.1):
//   PD: > 20 % increase over the nadir AND >= 5 mm absolute increase;
//   CR: < 10 mm residual AND uptake at the primary resolved;
//   PR: >= 30 % decrease of the longest diameter vs baseline AND uptake stable, improved or
//       resolved (not newly avid);
//   SD: neither PR nor PD. NI: no primary on the baseline CT/MRI (PARK17 Table 4: not involved
//   at study entry). NE: CT/MRI (now or at baseline) or the functional scan missing.
ComponentResult primaryResponse(const PrimaryInputs& in);

}  // namespace nbra::scoring
