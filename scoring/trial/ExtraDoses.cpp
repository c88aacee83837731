#include "scoring/trial/ExtraDoses.h"

namespace nbra::scoring {

namespace {
constexpr const char* kSource = "Trial record (clinical-rules.md 8, Q18)";

bool qualifies(Response r, const Settings& settings) {
  return r == Response::CR || r == Response::PR ||
         (r == Response::MR && settings.extraDosesMrQualifies) ||
         (r == Response::SD && settings.extraDosesSdQualifies);
}

std::string qualifyingList(const Settings& settings) {
  std::string list = "complete or partial response";
  if (settings.extraDosesMrQualifies) {
    list += settings.extraDosesSdQualifies ? ", minor response" : " or minor response";
  }
  if (settings.extraDosesSdQualifies) {
    list += " or stable disease";
  }
  return list;
}
}  // namespace

std::string_view extraDoseDecisionCode(ExtraDoseDecision decision) {
  switch (decision) {
    case ExtraDoseDecision::Allowed:
      return "allowed";
    case ExtraDoseDecision::NotAllowed:
      return "not-allowed";
    case ExtraDoseDecision::NotYetDecidable:
      return "not-yet-decidable";
  }
  return "not-yet-decidable";
}

ExtraDoseResult extraDoseDecision(const std::optional<ExtraDoseInputs>& in,
                                  const Settings& settings) {
  ExtraDoseResult result;
  if (!in) {
    result.reasons.push_back({"Extra injections 4 and 5", kSource,
                              "No assessment after the 3rd injection yet; the decision is made "
                              "on that assessment."});
    return result;
  }
  result.timepointIndex = in->timepointIndex;
  const std::string overall = std::string(responseMeaning(in->overall)) + " (" +
                              std::string(responseCode(in->overall)) + ")";
  const bool improved = qualifies(in->overall, settings);
  result.reasons.push_back({"Extra injections: improvement", kSource,
                            "At the assessment after the 3rd injection ('" + in->timepointLabel +
                                "') the INRC overall response against "
                                "baseline is " +
                                overall +
                                (improved ? ", which counts as improvement ("
                                          : ", which "
                                            "does not count as improvement (needed: ") +
                                qualifyingList(settings) + ")."});
  result.reasons.push_back(
      {"Extra injections: CT/MRI confirmation", kSource,
       std::string(in->anatomicConfirms ? "Confirmed by CT/MRI: " : "Not confirmed by CT/MRI: ") +
           in->anatomicDetail + "."});
  result.reasons.push_back(
      {"Extra injections: " + in->functionalModality + " confirmation", kSource,
       std::string(in->functionalConfirms ? "Confirmed by " : "Not confirmed by ") +
           in->functionalModality + ": " + in->functionalDetail + "."});
  const bool allowed = improved && in->anatomicConfirms && in->functionalConfirms;
  result.decision = allowed ? ExtraDoseDecision::Allowed : ExtraDoseDecision::NotAllowed;
  // The summary a clinician reads first: the decision and every reason behind it in one place.
  std::string summary;
  if (allowed) {
    summary =
        "Injections 4 and 5 are allowed. After the 3rd injection the disease has improved "
        "against the pre-treatment baseline: the INRC overall response is " +
        overall + ". CT/MRI confirms it: " + in->anatomicDetail + ". " + in->functionalModality +
        " confirms it: " + in->functionalDetail + ".";
  } else {
    summary =
        "Injections 4 and 5 are not allowed: they need an improvement after the 3rd "
        "injection (" +
        qualifyingList(settings) + ") confirmed by both CT/MRI and " + in->functionalModality +
        ". Here the INRC overall response is " + overall + "; CT/MRI " +
        (in->anatomicConfirms ? "confirms" : "does not confirm") + " (" + in->anatomicDetail +
        "); " + in->functionalModality + " " +
        (in->functionalConfirms ? "confirms" : "does not confirm") + " (" + in->functionalDetail +
        ").";
  }
  result.reasons.push_back({"Extra injections 4 and 5", kSource, summary});
  return result;
}

}  // namespace nbra::scoring
