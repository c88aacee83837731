#pragma once

#include <string>
#include <vector>

namespace nbra::dicom::deid {

// Clean Descriptors (PS3.15 E.3.5): a free-text description keeps its clinical words and loses
// what identifies. Removed: every occurrence (any case) of the identifying values the dataset
// itself holds (the patient's name parts, ids, accession number, institution, physicians, the
// original dates), dates written in common forms, and runs of five or more digits (record
// numbers). What remains is trimmed; it may be empty.
class TextCleaner {
 public:
  // Values found in the dataset that must never appear in a description (each at least two
  // characters after trimming; shorter ones are ignored as they would remove ordinary text).
  void addIdentifier(const std::string& value);
  std::string clean(const std::string& text) const;

 private:
  std::vector<std::string> identifiers_;  // upper case
};

}  // namespace nbra::dicom::deid
