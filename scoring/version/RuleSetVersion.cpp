#include "scoring/version/RuleSetVersion.h"

namespace nbra::scoring {

std::string_view ruleSetVersion() {
  return "nbra-rules-1.0";
}

}  // namespace nbra::scoring
