#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "dicom/suv/SuvTags.h"

namespace nbra::dicom {

// A file that cannot give its SUV attributes; the message names the file.
class SuvReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One series found in a folder, with its files (path order) and its SUV attributes.
struct SuvSeries {
  std::string seriesInstanceUid;
  std::string modality;
  std::string seriesDescription;
  std::vector<std::string> files;
  SuvTags tags;
};

// Reads the SUV attributes of ONE series from its files (headers only: parsing stops at the
// pixel data). Series-level attributes come from the first file; every file adds one
// SuvFrameTags. Throws SuvReadError naming the file for an unreadable file, a file without
// SeriesInstanceUID or a file of another series.
SuvTags readSuvTags(const std::vector<std::string>& files);

// Every series below `folder` (recursive). Files without the DICOM preamble that DCMTK cannot
// parse are not DICOM and are skipped; a file WITH the preamble that cannot be parsed (truncated,
// corrupt) throws SuvReadError naming it. Throws when the folder does not exist.
std::vector<SuvSeries> readSuvSeries(const std::string& folder);

}  // namespace nbra::dicom
