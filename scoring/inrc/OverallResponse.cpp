#include "scoring/inrc/OverallResponse.h"

#include <algorithm>
#include <array>
#include <string>

namespace nbra::scoring {

ComponentResult overallResponse(Response primary, Response metastatic, Response marrow) {
  const std::array<Response, 3> all{primary, metastatic, marrow};
  const auto any = [&](Response r) { return std::count(all.begin(), all.end(), r) > 0; };
  const std::string parts = "Primary " + std::string(responseCode(primary)) + ", metastatic " +
                            std::string(responseCode(metastatic)) + ", bone marrow " +
                            std::string(responseCode(marrow));
  const auto make = [&](Response r, const std::string& why) {
    return ComponentResult{r, {{"INRC overall response", "PARK17 Table 4", parts + ": " + why}}};
  };
  if (any(Response::PD)) {
    return make(Response::PD, "progression in any component is overall progression.");
  }
  if (any(Response::NE)) {
    return make(Response::NE,
                "a component could not be evaluated, so neither can the overall "
                "response (local convention, Q11).");
  }
  std::array<Response, 3> involved{};
  std::size_t n = 0;
  for (const Response r : all) {
    if (r != Response::NI) {
      involved[n++] = r;
    }
  }
  const auto begin = involved.begin();
  const auto end = involved.begin() + static_cast<std::ptrdiff_t>(n);
  const auto anyInvolved = [&](Response r) { return std::find(begin, end, r) != end; };
  if (n == 0) {
    return make(Response::NE,
                "no component had disease at baseline, so there is nothing to "
                "assess.");
  }
  if (std::all_of(begin, end, [](Response r) { return r == Response::CR; })) {
    return make(Response::CR, "every involved component is in complete response.");
  }
  if (anyInvolved(Response::SD) && (anyInvolved(Response::CR) || anyInvolved(Response::PR))) {
    return make(Response::MR,
                "one component responded while another is stable: minor "
                "response.");
  }
  if (std::all_of(begin, end, [](Response r) {
        return r == Response::CR || r == Response::PR || r == Response::MD;
      })) {
    return make(Response::PR,
                "at least one component in partial response (or marrow minimal disease), the "
                "others in complete or partial response, none stable or worse.");
  }
  return make(Response::SD,
              "no component better than stable (marrow minimal disease with "
              "stable disease counts as stable, Q12).");
}

}  // namespace nbra::scoring
