#pragma once

#include <string>
#include <variant>
#include <vector>

#include "dicom/index/InstanceHeader.h"

namespace nbra::dicom {

// A DICOMDIR (media storage directory): not an image, but a list of files to import.
struct DicomDirContents {
  std::vector<std::string> referencedFiles;  // absolute paths, existing or not
};

// A file that cannot be indexed, with a reason a person can act on.
struct Unreadable {
  std::string reason;
};

using HeaderReadResult = std::variant<InstanceHeader, DicomDirContents, Unreadable>;

// Reads the header of one file (stops before the pixel data). Never throws for bad input: a
// non-DICOM, truncated or incomplete file comes back as Unreadable with the reason.
HeaderReadResult readHeader(const std::string& path);

}  // namespace nbra::dicom
