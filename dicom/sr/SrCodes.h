#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dicom/sr/MeasurementReport.h"

namespace nbra::dicom::srcodes {

// The codes NBRA writes and accepts (docs/sr.md says where each comes from).
// 99NBRA is NBRA's private coding scheme, for what no standard code expresses.
inline constexpr const char* kPrivateScheme = "99NBRA";

// Long and Short Axis exactly as cornerstone3D (dcmjs TID300 Bidirectional) and dcmqi write
// them; the SNOMED CT equivalents that DCMTK's CID 7469 lists are accepted on import.
SrCode longAxis();
SrCode shortAxis();
bool isLongAxis(const SrCode& code);
bool isShortAxis(const SrCode& code);
bool isFindingSite(const SrCode& conceptName);  // (363698007, SCT) or (G-C0E3, SRT)

SrCode primaryNeoplasm();    // (86049000, SCT, "Neoplasm, Primary")
SrCode secondaryNeoplasm();  // (14799000, SCT, "Neoplasm, Secondary")

// The finding site for a reader's organ text ("left adrenal", "retroperitoneal node"): a
// SNOMED CT structure when a keyword matches, else (SITE-UNCODED, 99NBRA). Lymph-node lesions
// are always "Lymph node".
SrCode findingSiteFor(const std::string& organText, bool isLymphNode);
// (7771000, SCT, Left) / (24028007, SCT, Right) when the text says so.
std::optional<SrCode> lateralityFor(const std::string& organText);

// NBRA qualitative evaluations of a lesion (all 99NBRA): conceptName names and their values.
SrCode organAsRead();  // TEXT
SrCode lesionRole();   // CODE: target / non-target
SrCode targetLesion();
SrCode nonTargetLesion();
SrCode primaryTumour();    // CODE yes/no
SrCode lymphNodeLesion();  // CODE yes/no
SrCode mibgAvid();         // CODE yes/no
SrCode fdgAvid();          // CODE yes/no
SrCode newLesion();        // CODE yes/no
SrCode notEvaluable();     // CODE yes/no: present but not measurable
SrCode yes();              // (373066001, SCT, "Yes")
SrCode no();               // (373067005, SCT, "No")
SrCode sliceThickness();   // (112225, DCM, "Slice Thickness"), a NUM in the group
SrCode ruleSetVersion();   // TEXT, report level

// INRC response components: conceptName names (99NBRA) and the response values (99NBRA).
std::optional<SrCode> responseConcept(const std::string& component);
std::optional<std::string> componentOf(const SrCode& conceptName);
std::optional<SrCode> responseValue(const std::string& response);
std::optional<std::string> responseOf(const SrCode& value);
const std::vector<std::string>& responseComponents();

}  // namespace nbra::dicom::srcodes
