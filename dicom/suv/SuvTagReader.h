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

// Reads the SUV attributes of ONE series from its files (headers only: parsing stops at the
// pixel data). Series-level attributes come from the first file; every file adds one
// SuvFrameTags. Throws SuvReadError naming the file for an unreadable file, a file without
// SeriesInstanceUID or a file of another series.
SuvTags readSuvTags(const std::vector<std::string>& files);

}  // namespace nbra::dicom
