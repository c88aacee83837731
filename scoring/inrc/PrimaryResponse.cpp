#include "scoring/inrc/PrimaryResponse.h"

#include "scoring/recist/SizeChange.h"

namespace nbra::scoring {

namespace {
constexpr Tenths kTenMm = 100;
constexpr const char* kRule = "INRC primary tumour";
constexpr const char* kSource = "PARK17 Table 1";

ComponentResult make(Response response, std::string text) {
  return {response, {{kRule, kSource, std::move(text)}}};
}
}  // namespace

ComponentResult primaryResponse(const PrimaryInputs& in) {
  if (!in.baselineImaged) {
    return make(Response::NE,
                "No CT/MRI at baseline: whether a primary tumour was present is unknown, so it "
                "can be neither assessed nor called not involved.");
  }
  if (!in.involvedAtBaseline) {
    return make(Response::NI, "No primary tumour on the baseline CT/MRI.");
  }
  if (in.notEvaluable) {
    return make(Response::NE,
                "The reader could not evaluate the primary tumour on CT/MRI at this timepoint.");
  }
  if (!in.currentTenths) {
    return make(Response::NE, "The primary tumour was not measured on CT/MRI at this timepoint.");
  }
  const Tenths now = *in.currentTenths;
  const std::string size = "Primary tumour " + formatTenths(now) + " mm (baseline " +
                           formatTenths(in.baselineTenths) + " mm, smallest on study " +
                           formatTenths(in.nadirTenths) + " mm)";
  if (inrcProgression(in.nadirTenths, now)) {
    return make(Response::PD, size + ": it grew " + formatTenths(now - in.nadirTenths) + " mm (" +
                                  formatPercentChange(in.nadirTenths, now) +
                                  ") over its smallest size, more than 20 % and at least 5 mm.");
  }
  if (!in.avidNow) {
    return make(Response::NE, size + ", but no " + in.functionalModality +
                                  " scan at this timepoint to judge uptake at the primary.");
  }
  const bool avidNow = *in.avidNow;
  if (now < kTenMm && !avidNow) {
    return make(Response::CR, size + ": residual below 10 mm and " + in.functionalModality +
                                  " uptake at the primary has resolved.");
  }
  const bool uptakeWorse = avidNow && !in.avidAtBaseline;
  if (atLeastThirtyPercentSmaller(in.baselineTenths, now)) {
    if (uptakeWorse) {
      return make(Response::SD, size + ": at least 30 % smaller, but the primary is newly " +
                                    in.functionalModality +
                                    "-avid, so it is not a partial "
                                    "response.");
    }
    return make(Response::PR, size + ": " + formatPercentChange(in.baselineTenths, now) +
                                  " vs baseline, a decrease of at least 30 %, with " +
                                  in.functionalModality + " uptake stable, improved or resolved.");
  }
  return make(Response::SD, size + ": " + formatPercentChange(in.baselineTenths, now) +
                                " vs baseline, neither a 30 % decrease nor progression.");
}

}  // namespace nbra::scoring
