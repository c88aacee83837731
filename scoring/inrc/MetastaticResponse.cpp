#include "scoring/inrc/MetastaticResponse.h"

#include <string>

namespace nbra::scoring {

namespace {
bool isCrOrPr(Response r) {
  return r == Response::CR || r == Response::PR;
}
}  // namespace

ComponentResult metastaticResponse(const ComponentResult& softTissue, const ComponentResult& bone) {
  const Response s = softTissue.response;
  const Response b = bone.response;
  Response combined = Response::SD;
  std::string why;
  if (s == Response::PD || b == Response::PD) {
    combined = Response::PD;
    why = "progression in soft tissue or bone makes the metastatic component PD";
  } else if (s == Response::NE || b == Response::NE) {
    combined = Response::NE;
    why = "soft tissue or bone could not be evaluated";
  } else if (s == Response::NI && b == Response::NI) {
    combined = Response::NI;
    why = "no metastatic disease at baseline and none now";
  } else if ((s == Response::CR || s == Response::NI) && (b == Response::CR || b == Response::NI)) {
    combined = Response::CR;
    why = "every involved part is in complete response";
  } else if ((isCrOrPr(s) || s == Response::NI) && (isCrOrPr(b) || b == Response::NI)) {
    combined = Response::PR;
    why = "every involved part meets its partial-response criteria";
  } else {
    combined = Response::SD;
    why = "at least one involved part is stable";
  }
  ComponentResult result{combined, {}};
  result.reasons.push_back({"INRC metastatic component", "PARK17 Table 2",
                            "Soft tissue " + std::string(responseCode(s)) + ", bone " +
                                std::string(responseCode(b)) + ": " + why + "."});
  return result;
}

}  // namespace nbra::scoring
