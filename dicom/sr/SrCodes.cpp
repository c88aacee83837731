#include "dicom/sr/SrCodes.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace nbra::dicom::srcodes {

namespace {

SrCode nbra(const char* value, const char* meaning) {
  return {value, kPrivateScheme, meaning};
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool contains(const std::string& text, const char* word) {
  return text.find(word) != std::string::npos;
}

// `word` where a word of `text` starts: "vertebral" names the spine, "paravertebral" does not.
bool startsWord(const std::string& text, const char* word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    if (at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]))) {
      return true;
    }
  }
  return false;
}

struct SiteRule {
  const char* keyword;
  SrCode code;
};

// First match wins: specific organs before the body regions that contain them. Sources:
// DCMTK's dcmsr/codes/sct.h (liver, lymph node), DICOM CID 4031 Common Anatomic Regions
// (mediastinum, skull, spine, orbit, femur, neck, chest, abdomen, pelvis, head) and SNOMED CT
// body structures used in DICOM segmentation examples (adrenal gland, lung, kidney, spleen,
// bone, bone marrow).
const std::vector<SiteRule>& siteRules() {
  static const std::vector<SiteRule> rules{
      {"adrenal", {"23451007", "SCT", "Adrenal gland"}},
      {"liver", {"10200004", "SCT", "Liver"}},
      {"hepatic", {"10200004", "SCT", "Liver"}},
      {"marrow", {"14016003", "SCT", "Bone marrow"}},
      {"lung", {"39607008", "SCT", "Lung"}},
      {"pulmonary", {"39607008", "SCT", "Lung"}},
      {"kidney", {"64033007", "SCT", "Kidney"}},
      {"renal", {"64033007", "SCT", "Kidney"}},
      {"spleen", {"78961009", "SCT", "Spleen"}},
      {"mediastin", {"72410000", "SCT", "Mediastinum"}},
      {"orbit", {"363654007", "SCT", "Orbital structure"}},
      {"skull", {"89546000", "SCT", "Skull"}},
      {"vertebra", {"421060004", "SCT", "Spine"}},
      {"spine", {"421060004", "SCT", "Spine"}},
      {"femur", {"71341001", "SCT", "Femur"}},
      {"bone", {"272673000", "SCT", "Bone"}},
      {"neck", {"45048000", "SCT", "Neck"}},
      {"chest", {"816094009", "SCT", "Chest"}},
      {"thora", {"816094009", "SCT", "Chest"}},
      {"abdom", {"818981001", "SCT", "Abdomen"}},
      {"pelvi", {"816092008", "SCT", "Pelvis"}},
      {"head", {"69536005", "SCT", "Head"}},
  };
  return rules;
}

const std::vector<std::pair<std::string, SrCode>>& componentConcepts() {
  static const std::vector<std::pair<std::string, SrCode>> concepts{
      {"overall", nbra("INRC-OVERALL", "INRC overall response")},
      {"primary", nbra("INRC-PRIMARY", "INRC primary tumour response")},
      {"metastatic", nbra("INRC-METASTATIC", "INRC metastatic disease response")},
      {"softTissue", nbra("INRC-SOFT-TISSUE", "INRC soft tissue metastases response")},
      {"bone", nbra("INRC-BONE", "INRC bone metastases response")},
      {"marrow", nbra("INRC-MARROW", "INRC bone marrow response")},
      {"recist", nbra("RECIST-1.1", "RECIST 1.1 response (for reference)")},
  };
  return concepts;
}

const std::vector<std::pair<std::string, SrCode>>& responseValues() {
  static const std::vector<std::pair<std::string, SrCode>> values{
      {"CR", nbra("CR", "Complete response")},   {"PR", nbra("PR", "Partial response")},
      {"MR", nbra("MR", "Minor response")},      {"SD", nbra("SD", "Stable disease")},
      {"PD", nbra("PD", "Progressive disease")}, {"MD", nbra("MD", "Minimal disease")},
      {"NI", nbra("NI", "Not involved")},        {"NE", nbra("NE", "Not evaluable")},
  };
  return values;
}

}  // namespace

SrCode longAxis() {
  return {"G-A185", "SRT", "Long Axis"};
}
SrCode shortAxis() {
  return {"G-A186", "SRT", "Short Axis"};
}
bool isLongAxis(const SrCode& c) {
  return c == longAxis() || c == SrCode{"103339001", "SCT", ""};
}
bool isShortAxis(const SrCode& c) {
  return c == shortAxis() || c == SrCode{"103340004", "SCT", ""};
}
bool isFindingSite(const SrCode& c) {
  return c == SrCode{"363698007", "SCT", ""} || c == SrCode{"G-C0E3", "SRT", ""};
}

SrCode primaryNeoplasm() {
  return {"86049000", "SCT", "Neoplasm, Primary"};
}
SrCode secondaryNeoplasm() {
  return {"14799000", "SCT", "Neoplasm, Secondary"};
}

SrCode findingSiteFor(const std::string& organText, bool isLymphNode) {
  const std::string text = lower(organText);
  if (isLymphNode || contains(text, "node") || contains(text, "lymph")) {
    return {"59441001", "SCT", "Lymph node"};
  }
  for (const SiteRule& rule : siteRules()) {
    if (startsWord(text, rule.keyword)) {
      return rule.code;
    }
  }
  return nbra("SITE-UNCODED", "Site without a standard code (see Organ as read)");
}

std::optional<SrCode> lateralityFor(const std::string& organText) {
  const std::string text = lower(organText);
  const auto word = [&](const char* w) {
    const std::size_t at = text.find(w);
    const std::size_t n = std::char_traits<char>::length(w);
    return at != std::string::npos &&
           (at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]))) &&
           (at + n == text.size() || !std::isalpha(static_cast<unsigned char>(text[at + n])));
  };
  if (word("left")) {
    return SrCode{"7771000", "SCT", "Left"};
  }
  if (word("right")) {
    return SrCode{"24028007", "SCT", "Right"};
  }
  return std::nullopt;
}

SrCode organAsRead() {
  return nbra("ORGAN", "Organ as read");
}
SrCode lesionRole() {
  return nbra("LESION-ROLE", "Lesion role");
}
SrCode targetLesion() {
  return nbra("TARGET", "Target lesion");
}
SrCode nonTargetLesion() {
  return nbra("NON-TARGET", "Non-target lesion");
}
SrCode primaryTumour() {
  return nbra("PRIMARY", "Primary tumour");
}
SrCode lymphNodeLesion() {
  return nbra("LYMPH-NODE", "Lymph node lesion");
}
SrCode mibgAvid() {
  return nbra("MIBG-AVID", "MIBG-avid");
}
SrCode fdgAvid() {
  return nbra("FDG-AVID", "FDG-avid");
}
SrCode newLesion() {
  return nbra("NEW-LESION", "New lesion");
}
SrCode notEvaluable() {
  return nbra("NOT-EVALUABLE", "Not evaluable (present, not measurable)");
}
SrCode yes() {
  return {"373066001", "SCT", "Yes"};
}
SrCode no() {
  return {"373067005", "SCT", "No"};
}
SrCode sliceThickness() {
  return {"112225", "DCM", "Slice Thickness"};
}
SrCode ruleSetVersion() {
  return nbra("RULE-SET", "Rule set version");
}

std::optional<SrCode> responseConcept(const std::string& component) {
  for (const auto& [name, code] : componentConcepts()) {
    if (name == component) {
      return code;
    }
  }
  return std::nullopt;
}

std::optional<std::string> componentOf(const SrCode& conceptName) {
  for (const auto& [name, code] : componentConcepts()) {
    if (code == conceptName) {
      return name;
    }
  }
  return std::nullopt;
}

std::optional<SrCode> responseValue(const std::string& response) {
  for (const auto& [name, code] : responseValues()) {
    if (name == response) {
      return code;
    }
  }
  return std::nullopt;
}

std::optional<std::string> responseOf(const SrCode& value) {
  for (const auto& [name, code] : responseValues()) {
    if (code == value) {
      return name;
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& responseComponents() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& [name, code] : componentConcepts()) {
      n.push_back(name);
    }
    return n;
  }();
  return names;
}

}  // namespace nbra::dicom::srcodes
