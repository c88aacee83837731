#pragma once

#include <string>
#include <vector>

#include "scoring/model/Case.h"

namespace nbra::scoring {

// One problem with the input, naming the field as a path into the case
// ("timepoints[1].lesions[2].shortAxisMm") and saying what is wrong with the value.
struct InputError {
  std::string field;
  std::string message;
  std::string describe() const { return field + ": " + message; }
};

// Every problem in the case, in field order; empty when the case can be assessed. Nothing is
// clamped or rounded: a value the rules cannot use is an error.
std::vector<InputError> validateCase(const Case& input);

}  // namespace nbra::scoring
