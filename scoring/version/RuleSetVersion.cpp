#include "scoring/version/RuleSetVersion.h"

namespace nbra::scoring {

std::string_view ruleSetVersion() {
  return "nbra-rules-1.2";
}

}  // namespace nbra::scoring
