#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dicom/limits/ResourcePolicy.h"

namespace nbra::dicom {

// Walks a DICOM file's element structure without recursion and without reading values (they
// are skipped on disk), and says what would make DCMTK's recursive parser unsafe: sequences
// nested deeper than the policy allows, or a structure it cannot follow (a length past the end
// of its container or of the file, an item outside a sequence, a deflated dataset that inflates
// beyond the policy). Returns the problem, or nullopt when the file may be handed to DCMTK.
// A file that is not DICOM at all (no preamble, no recognisable first element) is left to the
// caller: nullopt.
std::optional<std::string> fileStructureProblem(const std::string& path,
                                                const ResourcePolicy& policy = resourcePolicy());

// The same walk over bytes in memory (tests, fuzzing).
std::optional<std::string> bytesStructureProblem(const std::vector<std::uint8_t>& bytes,
                                                 const ResourcePolicy& policy = resourcePolicy());

}  // namespace nbra::dicom
