#include "scoring/inrc/MarrowResponse.h"

#include <string>

namespace nbra::scoring {

namespace {
constexpr Tenths kFivePercent = 50;
constexpr Tenths kTwentyPercent = 200;
constexpr const char* kRule = "INRC bone marrow";
constexpr const char* kSource = "PARK17 Table 3";

ComponentResult make(Response response, std::string text) {
  return {response, {{kRule, kSource, std::move(text)}}};
}
}  // namespace

ComponentResult marrowResponse(const MarrowInputs& in, const Settings& settings) {
  if (!in.baselinePercent) {
    return make(Response::NE, "No baseline bone marrow assessment to compare with.");
  }
  const Tenths b = *in.baselinePercent;
  if (!in.currentPercent) {
    return b == 0 ? make(Response::NI,
                         "Marrow was free of tumour at baseline and was not "
                         "reassessed.")
                  : make(Response::NE, "Marrow was infiltrated at baseline (" + formatTenths(b) +
                                           " %) and has not been reassessed.");
  }
  const Tenths f = *in.currentPercent;
  const std::string values =
      "Marrow infiltration " + formatTenths(f) + " % (baseline " + formatTenths(b) + " %)";
  if (b == 0) {
    const bool atLeast = settings.marrowPdFromNegative == MarrowPdFromNegative::AtLeastFivePercent;
    if (atLeast ? f >= kFivePercent : f > kFivePercent) {
      return make(Response::PD, values + ": a negative marrow now " +
                                    (atLeast ? "at least 5 %" : "more than 5 %") +
                                    " infiltrated is progression.");
    }
    if (f == 0) {
      return make(Response::NI, values + ": not involved at baseline and still free of tumour.");
    }
    return make(Response::MD, values + ": a negative marrow now " +
                                  (atLeast ? "below 5 %" : "at most 5 %") +
                                  " infiltrated is minimal disease.");
  }
  if (f > 2 * b && f > kTwentyPercent) {
    return make(Response::PD, values + ": more than twice the baseline and more than 20 %.");
  }
  if (f == 0) {
    const bool enoughSamples = in.currentAspirates >= 2 && in.currentBiopsies >= 2;
    if (settings.marrowCrNeedsTwoBiopsiesTwoAspirates && !enoughSamples) {
      return make(Response::NE, values +
                                    ", but complete response needs two biopsies and two aspirates "
                                    "free of tumour; " +
                                    std::to_string(in.currentBiopsies) + " biopsies and " +
                                    std::to_string(in.currentAspirates) +
                                    " aspirates were examined.");
    }
    return make(Response::CR, values + ": no tumour infiltration in any sample.");
  }
  if (f <= kFivePercent) {
    if (b <= kFivePercent || b > kTwentyPercent) {
      return make(Response::MD, values + ": 5 % or less remains, minimal disease.");
    }
    if (settings.marrowGapIsMinimalDisease) {
      return make(Response::MD, values +
                                    ": 5 % or less remains from a baseline between 5 % and "
                                    "20 %, a case PARK17 Table 3 does not list; counted as "
                                    "minimal disease (Q8, default).");
    }
    return make(Response::SD, values +
                                  ": 5 % or less remains from a baseline between 5 % and "
                                  "20 %, counted as stable by setting (Q8).");
  }
  return make(Response::SD, values + ": still more than 5 % and not progression.");
}

}  // namespace nbra::scoring
