#pragma once

#include <string_view>

namespace nbra::scoring {

// The version of the clinical rule set. Every assessment carries it, so a result can always be
// traced to the rules that produced it. Bump it whenever a rule or a default setting changes.
std::string_view ruleSetVersion();

}  // namespace nbra::scoring
