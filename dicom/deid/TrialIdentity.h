#pragma once

#include <optional>
#include <string>

namespace nbra::dicom::deid {

// What the pseudonymised objects say about the trial (Clinical Trial Subject and Series
// modules, PS3.3 C.7.1.3 and C.7.3.2). The subject id also becomes Patient's Name and ID.
struct TrialIdentity {
  std::string sponsorName = "NBRA NK-cell trial";  // (0012,0010), type 1
  std::string protocolId = "NBRA-NK";              // (0012,0020), type 1
  std::string protocolName;                        // (0012,0021)
  std::string siteId;                              // (0012,0030)
  std::string siteName;                            // (0012,0031)
  std::string subjectId;                           // (0012,0040), required
  std::string timepointId;                         // (0012,0050)
  std::string timepointDescription;                // (0012,0051)
};

// nullopt when every value fits its VR (LO: at most 64 characters, no backslash, no control
// character) and the subject id is present; else the problem, naming the field.
std::optional<std::string> trialIdentityProblem(const TrialIdentity& identity);

}  // namespace nbra::dicom::deid
