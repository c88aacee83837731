#pragma once

#include <QString>
#include <optional>

namespace nbra::records {

// The trial's two arms (clinical-rules.md, "Design: 10 participants in 2 groups (NK cells vs
// conventional treatment), masked"). The code is what the record, the allocation list and the
// SDTM ARMCD hold; the name is what people read (SDTM ARM).
struct TrialArm {
  const char* code;
  const char* name;
};

inline constexpr TrialArm kTrialArms[] = {
    {"NK", "Allogeneic NK cells after chemotherapy"},
    {"CONTROL", "Conventional treatment"},
};

// The arm of `code`, or nullopt when the trial has no such arm.
inline std::optional<TrialArm> trialArm(const QString& code) {
  for (const TrialArm& a : kTrialArms) {
    if (code == QLatin1String(a.code)) {
      return a;
    }
  }
  return std::nullopt;
}

}  // namespace nbra::records
