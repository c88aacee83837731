#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nbra::scoring {

// Blinded double reading (docs/adjudication.md): two readers read the same timepoint without
// seeing each other's read; the rules compare what each read leads to, and a difference in a
// variable the protocol cares about sends the timepoint to a third reader, the adjudicator.

// What the rules made of one read of one timepoint (a read judged on its own, earlier timepoints
// taken from their reads of record). A value the rules could not give is nullopt.
struct ReadOutcome {
  // INRC "CR", "PR", "MR", "SD", "PD", "NE"; none at baseline.
  std::optional<std::string> overallResponse{};
  std::optional<bool> eligible{};  // baseline only
  // "allowed", "not-allowed", "not-yet-decidable"; after injection 3 only.
  std::optional<std::string> extraDoses{};
  bool newLesion = false;  // any new lesion (CT/MR, MIBG or PET)
  std::optional<double> sumOfDiametersMm{};
  std::optional<int> curieTotal{};
  std::optional<int> siopenTotal{};
};

enum class DiscordanceVariable {
  OverallResponse,
  Eligibility,
  ExtraDoses,
  NewLesion,
  SumOfDiameters,
  CurieTotal,
  SiopenTotal,
};

// "overallResponse", "eligibility", "extraDoses", "newLesion", "sumOfDiametersMm", "curieTotal",
// "siopenTotal": the keys stored in records and settings files.
std::string variableKey(DiscordanceVariable v);
// "overall INRC response", "eligibility", "extra doses (injections 4 and 5)", "new lesion",
// "sum of diameters", "Curie total", "SIOPEN total": the names shown to the adjudicator.
std::string variableName(DiscordanceVariable v);
// The variable of a key above (exact spelling), or nullopt.
std::optional<DiscordanceVariable> variableFromKey(const std::string& key);

// Which differences send a timepoint to adjudication. Defaults (the protocol's): the four
// categorical variables trigger; the continuous ones are shown but trigger only with a threshold,
// because two readers rarely measure the same millimetre and the decisions already carry the
// differences that matter.
struct DiscordanceSettings {
  bool overallResponse = true;
  bool eligibility = true;
  bool extraDoses = true;
  bool newLesion = true;
  std::optional<double> sumOfDiametersThresholdMm{};  // absolute difference that triggers, e.g. 5.0
  std::optional<int> curieThreshold{};                // absolute difference in totals that triggers
  std::optional<int> siopenThreshold{};
};

// Empty when plausible; else one message per problem naming the setting and the value (a
// threshold <= 0 or NaN/inf, sum threshold > 1000 mm, Curie threshold > 30, SIOPEN > 72: no two
// totals can differ by more than the scale's maximum).
std::vector<std::string> validateDiscordanceSettings(const DiscordanceSettings& s);

struct VariableDifference {
  DiscordanceVariable variable{};
  // As shown: "PR", "eligible"/"not eligible", "allowed", "yes"/"no", "54.0 mm", "7"; "-" when
  // the read has none.
  std::string valueA{};
  std::string valueB{};
  // The values are not equal (both present and unequal, or one missing).
  bool differs = false;
  // Differs AND this variable is configured to send the timepoint to adjudication.
  bool triggers = false;
  std::optional<double> differenceAminusB{};  // continuous variables with both values
  // E.g. "overall INRC response differs: PR (read A) vs SD (read B)"; empty when equal.
  std::string explanation{};
};

struct ReadComparison {
  // Every variable either read has a value for, in enum order.
  std::vector<VariableDifference> variables;
  bool discordant = false;  // any triggers
  std::vector<DiscordanceVariable> triggering() const;
};

// Compares read A with read B under `s`:
// - a categorical variable both reads lack (eligibility at a follow-up) is not listed; one
//   present and one absent differs;
// - new lesion is always listed;
// - a continuous variable is listed when either read has a value and differs when the values are
//   not equal (the sum after rounding to 0.1 mm); it triggers only when its threshold is set and
//   |A - B| >= threshold, or when its threshold is set and only one read has a value (a reader
//   who measured nothing where the other measured is never a difference to let pass).
// Throws std::invalid_argument when `s` is not plausible (the messages of
// validateDiscordanceSettings) or a read's sum of diameters is NaN or infinite.
ReadComparison compareReads(const ReadOutcome& a, const ReadOutcome& b,
                            const DiscordanceSettings& s);

}  // namespace nbra::scoring
