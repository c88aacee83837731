#include "scoring/adjudication/Discordance.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "scoring/model/Tenths.h"

namespace nbra::scoring {

namespace {

constexpr const char* kNone = "-";
// The largest plausible thresholds: a difference in sums beyond a metre is a typo, and no two
// Curie (10 segments x 3) or SIOPEN (12 segments x 6) totals can differ by more than the maximum.
constexpr double kMaxSumThresholdMm = 1000.0;
constexpr int kMaxCurieThreshold = 30;
constexpr int kMaxSiopenThreshold = 72;

struct VariableInfo {
  DiscordanceVariable variable;
  const char* key;
  const char* name;
};

constexpr std::array<VariableInfo, 7> kVariables{{
    {DiscordanceVariable::OverallResponse, "overallResponse", "overall INRC response"},
    {DiscordanceVariable::Eligibility, "eligibility", "eligibility"},
    {DiscordanceVariable::ExtraDoses, "extraDoses", "extra doses (injections 4 and 5)"},
    {DiscordanceVariable::NewLesion, "newLesion", "new lesion"},
    {DiscordanceVariable::SumOfDiameters, "sumOfDiametersMm", "sum of diameters"},
    {DiscordanceVariable::CurieTotal, "curieTotal", "Curie total"},
    {DiscordanceVariable::SiopenTotal, "siopenTotal", "SIOPEN total"},
}};

const VariableInfo& infoOf(DiscordanceVariable v) {
  for (const VariableInfo& info : kVariables) {
    if (info.variable == v) {
      return info;
    }
  }
  throw std::invalid_argument("unknown discordance variable " +
                              std::to_string(static_cast<int>(v)));
}

std::string numberText(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// "PR (read A) vs SD (read B)", with "no value" for a read that has none: a bare "-" in a
// sentence reads as a typo.
std::string versus(const VariableDifference& d) {
  const auto side = [](const std::string& value) { return value == kNone ? "no value" : value; };
  return side(d.valueA) + " (read A) vs " + side(d.valueB) + " (read B)";
}

// A categorical variable (or new lesion): differs when the shown values differ, which covers
// "one read has none".
void addCategorical(ReadComparison& out, DiscordanceVariable v, std::string valueA,
                    std::string valueB, bool configured) {
  if (valueA == kNone && valueB == kNone) {
    return;
  }
  VariableDifference d{.variable = v, .valueA = std::move(valueA), .valueB = std::move(valueB)};
  d.differs = d.valueA != d.valueB;
  d.triggers = d.differs && configured;
  if (d.differs) {
    d.explanation = variableName(v) + " differs: " + versus(d);
  }
  out.variables.push_back(std::move(d));
}

// A continuous variable in integer units (tenths of a millimetre for the sum, points for the
// scores), so that equality and "at least the threshold" are exact: a threshold on the 0.1 mm
// grid times 10 is a whole number in binary too (checked for every tenth up to 1000 mm).
struct Continuous {
  DiscordanceVariable variable;
  std::optional<std::int64_t> a;
  std::optional<std::int64_t> b;
  double unitsPerValue;               // 10 for tenths of a mm, 1 for points
  std::optional<double> threshold;    // in the variable's own unit (mm or points)
  std::string (*show)(std::int64_t);  // the shown value of a count of units
  const char* unitSuffix;             // " mm" or ""
};

void addContinuous(ReadComparison& out, const Continuous& c) {
  if (!c.a && !c.b) {
    return;
  }
  VariableDifference d{.variable = c.variable,
                       .valueA = c.a ? c.show(*c.a) : kNone,
                       .valueB = c.b ? c.show(*c.b) : kNone};
  std::string detail;
  if (c.a && c.b) {
    const std::int64_t diff = *c.a - *c.b;
    d.differenceAminusB = static_cast<double>(diff) / c.unitsPerValue;
    d.differs = diff != 0;
    d.triggers = d.differs && c.threshold &&
                 static_cast<double>(std::llabs(diff)) >= *c.threshold * c.unitsPerValue;
    detail = ", A - B = " + c.show(diff);
  } else {
    d.differs = true;
    d.triggers = c.threshold.has_value();
  }
  if (!d.differs) {
    out.variables.push_back(std::move(d));
    return;
  }
  const std::string threshold =
      c.threshold ? "the threshold of " + numberText(*c.threshold) + c.unitSuffix : "";
  if (!c.threshold) {
    detail += "; shown only (no threshold set)";
  } else if (!(c.a && c.b)) {
    detail += "; only one read has a value (" + threshold + " is set)";
  } else if (d.triggers) {
    detail += "; at or above " + threshold;
  } else {
    detail += "; under " + threshold;
  }
  d.explanation = variableName(c.variable) + " differs: " + versus(d) + detail;
  out.variables.push_back(std::move(d));
}

std::optional<std::int64_t> sumTenths(const std::optional<double>& mm, const char* read) {
  if (!mm) {
    return std::nullopt;
  }
  if (!std::isfinite(*mm)) {
    throw std::invalid_argument(std::string("the sum of diameters of read ") + read +
                                " is not a finite number (" + numberText(*mm) + ")");
  }
  return toTenths(*mm);
}

std::optional<std::int64_t> widen(const std::optional<int>& value) {
  return value ? std::optional<std::int64_t>{*value} : std::nullopt;
}

std::optional<double> asDouble(const std::optional<int>& value) {
  return value ? std::optional<double>{static_cast<double>(*value)} : std::nullopt;
}

std::string showTenthsMm(std::int64_t tenths) {
  return formatTenths(tenths) + " mm";
}

std::string showPoints(std::int64_t points) {
  return std::to_string(points);
}

std::string showOptional(const std::optional<std::string>& value) {
  return value ? *value : kNone;
}

std::string showEligible(const std::optional<bool>& eligible) {
  return eligible ? (*eligible ? "eligible" : "not eligible") : kNone;
}

}  // namespace

std::string variableKey(DiscordanceVariable v) {
  return infoOf(v).key;
}

std::string variableName(DiscordanceVariable v) {
  return infoOf(v).name;
}

std::optional<DiscordanceVariable> variableFromKey(const std::string& key) {
  for (const VariableInfo& info : kVariables) {
    if (key == info.key) {
      return info.variable;
    }
  }
  return std::nullopt;
}

std::vector<std::string> validateDiscordanceSettings(const DiscordanceSettings& s) {
  std::vector<std::string> problems;
  if (s.sumOfDiametersThresholdMm) {
    const double t = *s.sumOfDiametersThresholdMm;
    // Written so that NaN fails too.
    if (!std::isfinite(t) || !(t > 0.0)) {
      problems.push_back("sumOfDiametersThresholdMm must be a finite number of mm above 0 (got " +
                         numberText(t) + ")");
    } else if (t > kMaxSumThresholdMm) {
      problems.push_back("sumOfDiametersThresholdMm must be at most 1000 mm (got " + numberText(t) +
                         " mm)");
    }
  }
  const auto checkScore = [&](const std::optional<int>& threshold, const char* setting, int max) {
    if (!threshold) {
      return;
    }
    if (*threshold <= 0) {
      problems.push_back(std::string(setting) + " must be above 0 (got " +
                         std::to_string(*threshold) + ")");
    } else if (*threshold > max) {
      problems.push_back(std::string(setting) + " must be at most " + std::to_string(max) +
                         ", the largest possible total (got " + std::to_string(*threshold) + ")");
    }
  };
  checkScore(s.curieThreshold, "curieThreshold", kMaxCurieThreshold);
  checkScore(s.siopenThreshold, "siopenThreshold", kMaxSiopenThreshold);
  return problems;
}

std::vector<DiscordanceVariable> ReadComparison::triggering() const {
  std::vector<DiscordanceVariable> result;
  for (const VariableDifference& d : variables) {
    if (d.triggers) {
      result.push_back(d.variable);
    }
  }
  return result;
}

ReadComparison compareReads(const ReadOutcome& a, const ReadOutcome& b,
                            const DiscordanceSettings& s) {
  const std::vector<std::string> problems = validateDiscordanceSettings(s);
  if (!problems.empty()) {
    std::string message = "implausible discordance settings: " + problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) {
      message += "; " + problems[i];
    }
    throw std::invalid_argument(message);
  }
  const std::optional<std::int64_t> sumA = sumTenths(a.sumOfDiametersMm, "A");
  const std::optional<std::int64_t> sumB = sumTenths(b.sumOfDiametersMm, "B");

  ReadComparison out;
  addCategorical(out, DiscordanceVariable::OverallResponse, showOptional(a.overallResponse),
                 showOptional(b.overallResponse), s.overallResponse);
  addCategorical(out, DiscordanceVariable::Eligibility, showEligible(a.eligible),
                 showEligible(b.eligible), s.eligibility);
  addCategorical(out, DiscordanceVariable::ExtraDoses, showOptional(a.extraDoses),
                 showOptional(b.extraDoses), s.extraDoses);
  addCategorical(out, DiscordanceVariable::NewLesion, a.newLesion ? "yes" : "no",
                 b.newLesion ? "yes" : "no", s.newLesion);
  addContinuous(out, {DiscordanceVariable::SumOfDiameters, sumA, sumB, 10.0,
                      s.sumOfDiametersThresholdMm, showTenthsMm, " mm"});
  addContinuous(out, {DiscordanceVariable::CurieTotal, widen(a.curieTotal), widen(b.curieTotal),
                      1.0, asDouble(s.curieThreshold), showPoints, ""});
  addContinuous(out, {DiscordanceVariable::SiopenTotal, widen(a.siopenTotal), widen(b.siopenTotal),
                      1.0, asDouble(s.siopenThreshold), showPoints, ""});
  for (const VariableDifference& d : out.variables) {
    out.discordant = out.discordant || d.triggers;
  }
  return out;
}

}  // namespace nbra::scoring
