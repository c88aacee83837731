#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbra::scoring {

// Response categories of INRC 2017 (PARK17) and RECIST 1.1, plus the states the rules need:
// MD (bone marrow minimal disease, PARK17 Table 3), NI (not involved at study entry and still not
// involved, PARK17 Table 4) and NE (not evaluable: a missing or inadequate examination; a local
// convention, clinical-rules.md Q11).
enum class Response { CR, PR, MR, SD, PD, MD, NI, NE };

std::string_view responseCode(Response response);     // "CR"
std::string_view responseMeaning(Response response);  // "complete response"

// Why a rule produced its result: the rule, its source key in clinical-rules.md and a plain
// sentence with the numbers, written for a clinician.
struct Reason {
  std::string rule;
  std::string source;
  std::string text;
};

using Reasons = std::vector<Reason>;

// One INRC component (or sub-component) and why.
struct ComponentResult {
  Response response = Response::NE;
  Reasons reasons;
};

}  // namespace nbra::scoring
