// The trial key file: comments, blank lines, one line of 64 hexadecimal digits.
#include <stdexcept>
#include <string_view>

#include "dicom/deid/TrialKey.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto key = nbra::dicom::deid::TrialKey::parse(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    (void)key.uidFor("1.2.3");
  } catch (const std::runtime_error&) {
  }
  return 0;
}
