#pragma once

#include <optional>
#include <string>

#include "scoring/model/Response.h"
#include "scoring/settings/Settings.h"

namespace nbra::scoring {

enum class ExtraDoseDecision { Allowed, NotAllowed, NotYetDecidable };

std::string_view extraDoseDecisionCode(ExtraDoseDecision decision);  // "allowed", ...

// The assessment after the 3rd injection, compared with the pre-treatment baseline.
struct ExtraDoseInputs {
  int timepointIndex = 0;
  std::string timepointLabel;
  Response overall = Response::NE;  // INRC 2017 overall response vs baseline
  // CT/MRI confirmation: done, no new lesion, and the measured tumour (primary + target sums)
  // smaller than at baseline; with no measurable soft-tissue disease at baseline, "done and no
  // new lesion" is all CT/MRI can confirm.
  bool anatomicDone = false;
  bool anatomicConfirms = false;
  std::string anatomicDetail;
  // MIBG confirmation (FDG-PET for MIBG-non-avid disease when settings allow): done, no new
  // avid site, and less avid disease than at baseline.
  bool functionalDone = false;
  bool functionalConfirms = false;
  std::string functionalModality = "MIBG";
  std::string functionalDetail;
};

struct ExtraDoseResult {
  ExtraDoseDecision decision = ExtraDoseDecision::NotYetDecidable;
  std::optional<int> timepointIndex;
  Reasons reasons;
};

// Injections 4 and 5 (trial record; clinical-rules.md 8, Q18): allowed when, after the 3rd
// injection, the patient improved -- INRC overall response CR or PR (MR and SD per settings; never
// PD or NE) vs baseline -- and the improvement is confirmed by both CT/MRI and MIBG.
// nullopt inputs: no assessment after the 3rd injection yet.
ExtraDoseResult extraDoseDecision(const std::optional<ExtraDoseInputs>& in,
                                  const Settings& settings);

}  // namespace nbra::scoring
