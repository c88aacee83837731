#pragma once

#include <optional>
#include <string>

namespace nbra::scoring {

// The trial subject. Weight is the pre-infusion measurement used for dosing (clinical-rules.md 8),
// never the DICOM PatientWeight.
struct Subject {
  std::string id;
  std::optional<double> weightKg;
  std::optional<double> ageYears;
};

}  // namespace nbra::scoring
