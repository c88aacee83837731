#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nbra::dicom::deid {

// A private element NBRA keeps (Retain Safe Private Option, PS3.15 E.3.10): identified by its
// group, its private creator and the low byte of its element, as PS3.5 7.8.1 defines a private
// element. Each is kept because SUV needs it, and each holds a number or a date-time, never
// text about a person.
struct SafePrivateElement {
  std::uint16_t group;
  const char* creator;
  std::uint8_t elementLow;
  bool isDateTime;  // shifted with the other dates
  const char* name;
  const char* why;
};

const std::vector<SafePrivateElement>& safePrivateElements();

// The entry for (group, creator, element low byte), or nullptr.
const SafePrivateElement* findSafePrivate(std::uint16_t group, const std::string& creator,
                                          std::uint8_t elementLow);

}  // namespace nbra::dicom::deid
