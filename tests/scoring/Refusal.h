#pragma once

#include <stdexcept>
#include <string>

namespace nbra::scoring::testing {

// The message of the std::invalid_argument that `call` throws, or "" when it throws none: the
// rules refuse an impossible input by naming it, and the tests read that name.
template <typename Call>
std::string refusal(Call call) {
  try {
    call();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace nbra::scoring::testing
