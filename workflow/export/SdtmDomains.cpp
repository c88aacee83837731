#include "workflow/export/SdtmDomains.h"

namespace nbra::workflow {

namespace {

constexpr SdtmCore Req = SdtmCore::Req;
constexpr SdtmCore Exp = SdtmCore::Exp;
constexpr SdtmCore Perm = SdtmCore::Perm;

// Labels and cores as SDTMIG 3.2 gives them. Codelists are named, not numbered: the C-codes
// move between CDISC CT releases, the names do not.
constexpr const char* kStudy = "sponsor-defined (the trial's study identifier)";
constexpr const char* kSubject = "STUDYID-SUBJID";
constexpr const char* kIso = "ISO 8601";
constexpr const char* kEval = "CDISC CT EVAL (INDEPENDENT ASSESSOR)";
constexpr const char* kVisit = "sponsor-defined (the record's timepoint label)";
constexpr const char* kVisitNum = "sponsor-defined (timepoint order by scan date, from 1)";

constexpr SdtmVariable kDm[] = {
    {"STUDYID", "Study Identifier", false, Req, kStudy},
    {"DOMAIN", "Domain Abbreviation", false, Req, "CDISC CT DOMAIN (DM)"},
    {"USUBJID", "Unique Subject Identifier", false, Req, kSubject},
    {"SUBJID", "Subject Identifier for the Study", false, Req, "the record's study id"},
    {"RFSTDTC", "Subject Reference Start Date/Time", false, Exp, "ISO 8601 (enrolment date)"},
    {"SITEID", "Study Site Identifier", false, Req, "the record's enrolment site"},
    {"BRTHDTC", "Date/Time of Birth", false, Perm, kIso},
    {"AGE", "Age", true, Exp, "whole years at RFSTDTC"},
    {"AGEU", "Age Units", false, Exp, "CDISC CT AGEU (YEARS)"},
    {"SEX", "Sex", false, Req, "CDISC CT SEX (F, M, U)"},
    {"ARMCD", "Planned Arm Code", false, Req,
     "sponsor-defined (NK, CONTROL); NOTASSGN per SDTMIG 3.2"},
    {"ARM", "Description of Planned Arm", false, Req,
     "sponsor-defined (trial arm names); Not Assigned per SDTMIG 3.2"},
    {"ACTARMCD", "Actual Arm Code", false, Req,
     "sponsor-defined (as ARMCD); NOTASSGN, NOTTRT, UNPLAN per SDTMIG 3.2"},
    {"ACTARM", "Description of Actual Arm", false, Req,
     "sponsor-defined (as ARM); Not Assigned, Not Treated, Unplanned Treatment"},
};

constexpr SdtmVariable kTu[] = {
    {"STUDYID", "Study Identifier", false, Req, kStudy},
    {"DOMAIN", "Domain Abbreviation", false, Req, "CDISC CT DOMAIN (TU)"},
    {"USUBJID", "Unique Subject Identifier", false, Req, kSubject},
    {"TUSEQ", "Sequence Number", true, Req, "1, 2, ... per subject"},
    {"TUGRPID", "Group ID", false, Perm, "sponsor-defined (PRIMARY, METASTATIC)"},
    {"TUREFID", "Reference ID", false, Perm, "DICOM SOP Instance UID of the measured image"},
    {"TULNKID", "Link ID", false, Exp, "the reader's lesion tracking id"},
    {"TUTESTCD", "Tumor Identification Short Name", false, Req, "CDISC CT TUTESTCD (TUMIDENT)"},
    {"TUTEST", "Tumor Identification Test Name", false, Req,
     "CDISC CT TUTEST (Tumor Identification)"},
    {"TUORRES", "Tumor Identification Result", false, Exp,
     "CDISC CT tumour identification result (TARGET, NON-TARGET, NEW)"},
    {"TUSTRESC", "Tumor Identification Result Std. Format", false, Exp, "as TUORRES"},
    {"TULOC", "Location of the Tumor", false, Exp, "free text (the reader's site; not LOC)"},
    {"TUMETHOD", "Method of Identification", false, Exp, "CDISC CT METHOD (CT SCAN)"},
    {"TUEVAL", "Evaluator", false, Exp, kEval},
    {"VISITNUM", "Visit Number", true, Exp, kVisitNum},
    {"VISIT", "Visit Name", false, Perm, kVisit},
    {"TUDTC", "Date/Time of Tumor Identification", false, Exp, "ISO 8601 (scan date)"},
};

constexpr SdtmVariable kTr[] = {
    {"STUDYID", "Study Identifier", false, Req, kStudy},
    {"DOMAIN", "Domain Abbreviation", false, Req, "CDISC CT DOMAIN (TR)"},
    {"USUBJID", "Unique Subject Identifier", false, Req, kSubject},
    {"TRSEQ", "Sequence Number", true, Req, "1, 2, ... per subject"},
    {"TRGRPID", "Group ID", false, Perm, "sponsor-defined (PRIMARY, METASTATIC, MIBG)"},
    {"TRREFID", "Reference ID", false, Perm, "DICOM SOP Instance UID of the measured image"},
    {"TRLNKID", "Link ID", false, Exp, "TU.TULNKID (lesion rows only)"},
    {"TRTESTCD", "Tumor Assessment Short Name", false, Req,
     "CDISC CT TRTESTCD (LDIAM, LPERP, SUMDIAM); CURIESC, CURIESKL, SIOPENSC sponsor-defined"},
    {"TRTEST", "Tumor Assessment Test Name", false, Req,
     "CDISC CT TRTEST; the MIBG score names sponsor-defined"},
    {"TRORRES", "Result or Finding in Original Units", false, Exp, "mm to 0.1, or a score"},
    {"TRORRESU", "Original Units", false, Exp, "CDISC CT UNIT (mm); empty for scores"},
    {"TRSTRESC", "Character Result/Finding in Std Format", false, Exp, "as TRORRES"},
    {"TRSTRESN", "Numeric Result/Finding in Standard Units", true, Exp, "as TRORRES"},
    {"TRSTRESU", "Standard Units", false, Exp, "CDISC CT UNIT (mm); empty for scores"},
    {"TRSTAT", "Completion Status", false, Perm, "CDISC CT ND (NOT DONE)"},
    {"TRREASND", "Reason Tumor Measurement Not Performed", false, Perm,
     "free text (NOT EVALUABLE, SHORT AXIS NOT MEASURED)"},
    {"TRMETHOD", "Method used to Identify the Tumor", false, Exp,
     "CDISC CT METHOD (CT SCAN); MIBG SCINTIGRAPHY sponsor-defined"},
    {"TREVAL", "Evaluator", false, Exp, kEval},
    {"VISITNUM", "Visit Number", true, Exp, kVisitNum},
    {"VISIT", "Visit Name", false, Perm, kVisit},
    {"TRDTC", "Date/Time of Tumor Measurement", false, Exp, "ISO 8601 (scan date)"},
};

constexpr SdtmVariable kRs[] = {
    {"STUDYID", "Study Identifier", false, Req, kStudy},
    {"DOMAIN", "Domain Abbreviation", false, Req, "CDISC CT DOMAIN (RS)"},
    {"USUBJID", "Unique Subject Identifier", false, Req, kSubject},
    {"RSSEQ", "Sequence Number", true, Req, "1, 2, ... per subject"},
    {"RSTESTCD", "Response Assessment Short Name", false, Req,
     "CDISC CT (OVRLRESP); PRIMRESP, METSRESP, SOFTRESP, BONERESP, MARRESP sponsor-defined"},
    {"RSTEST", "Response Assessment Name", false, Req,
     "CDISC CT (Overall Response); the INRC component names sponsor-defined"},
    {"RSCAT", "Category for Response Assessment", false, Exp, "sponsor-defined (INRC 2017)"},
    {"RSORRES", "Response Assessment Original Result", false, Exp,
     "INRC 2017 codes; CR, PR, SD, PD, NE as CDISC CT ONCRSR, MR, MD, NI sponsor-defined"},
    {"RSSTRESC", "Response Assessment Result in Std Format", false, Exp, "as RSORRES"},
    {"RSEVAL", "Evaluator", false, Exp, kEval},
    {"VISITNUM", "Visit Number", true, Exp, kVisitNum},
    {"VISIT", "Visit Name", false, Perm, kVisit},
    {"RSDTC", "Date/Time of Response Assessment", false, Exp, "ISO 8601 (scan date)"},
};

}  // namespace

std::span<const SdtmVariable> sdtmVariables(const QString& domain) {
  if (domain == "DM") {
    return kDm;
  }
  if (domain == "TU") {
    return kTu;
  }
  if (domain == "TR") {
    return kTr;
  }
  if (domain == "RS") {
    return kRs;
  }
  return {};
}

const SdtmVariable* sdtmVariable(const QString& domain, const QString& name) {
  for (const SdtmVariable& v : sdtmVariables(domain)) {
    if (name == QLatin1String(v.name)) {
      return &v;
    }
  }
  return nullptr;
}

QString sdtmCoreName(SdtmCore core) {
  switch (core) {
    case SdtmCore::Req:
      return "Req";
    case SdtmCore::Exp:
      return "Exp";
    case SdtmCore::Perm:
      return "Perm";
  }
  return {};
}

}  // namespace nbra::workflow
