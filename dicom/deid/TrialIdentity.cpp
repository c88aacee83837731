#include "dicom/deid/TrialIdentity.h"

#include <utility>

namespace nbra::dicom::deid {

std::optional<std::string> trialIdentityProblem(const TrialIdentity& identity) {
  if (identity.sponsorName.empty() || identity.protocolId.empty()) {
    return "the sponsor name and the protocol id are required (Clinical Trial Subject module)";
  }
  if (identity.subjectId.empty()) {
    return "the trial subject id is missing; it replaces the patient's name and id";
  }
  const std::pair<const char*, const std::string*> fields[] = {
      {"sponsor name", &identity.sponsorName},
      {"protocol id", &identity.protocolId},
      {"protocol name", &identity.protocolName},
      {"site id", &identity.siteId},
      {"site name", &identity.siteName},
      {"subject id", &identity.subjectId},
      {"timepoint id", &identity.timepointId},
      {"timepoint description", &identity.timepointDescription},
  };
  for (const auto& [name, value] : fields) {
    if (value->size() > 64) {
      return std::string(name) + " is longer than 64 characters (DICOM LO)";
    }
    for (unsigned char c : *value) {
      if (c == '\\' || c < 0x20 || c == 0x7F) {
        return std::string(name) +
               " holds a backslash or a control character, which DICOM LO "
               "does not allow";
      }
    }
  }
  // The subject id also names folders: keep it to letters, digits and - _ .
  for (char c : identity.subjectId) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return "subject id '" + identity.subjectId +
             "' may hold only letters, digits, '-', '_' and '.'";
    }
  }
  if (identity.subjectId == "." || identity.subjectId == "..") {
    return "subject id '" + identity.subjectId + "' is not a name";
  }
  return std::nullopt;
}

}  // namespace nbra::dicom::deid
