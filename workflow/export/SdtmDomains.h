#pragma once

// The variables of the SDTM datasets NBRA writes for the statistician (DM, TU, TR, RS), with
// their SDTMIG label, type, core and terminology: one list that the export fills, the check
// reads and variables.csv prints, so the three never disagree (docs/sdtm.md).

#include <QString>
#include <span>

namespace nbra::workflow {

// SDTMIG "Core": Req must be present with a value in every row, Exp must be present (may be
// empty), Perm may be left out.
enum class SdtmCore { Req, Exp, Perm };

struct SdtmVariable {
  const char* name;   // "TRTESTCD"
  const char* label;  // SDTMIG label (at most 40 characters)
  bool numeric;       // SDTM type Num; else Char
  SdtmCore core;
  const char* terminology;  // the CDISC codelist, "ISO 8601", "sponsor-defined" or "free text"
};

inline constexpr const char* kSdtmDomainNames[] = {"DM", "TU", "TR", "RS"};

// The variables of `domain` in dataset order; empty for a domain NBRA does not write.
std::span<const SdtmVariable> sdtmVariables(const QString& domain);

// The variable `name` of `domain`, or nullptr.
const SdtmVariable* sdtmVariable(const QString& domain, const QString& name);

QString sdtmCoreName(SdtmCore core);  // "Req", "Exp", "Perm"

}  // namespace nbra::workflow
