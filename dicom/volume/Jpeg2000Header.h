#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace nbra::dicom {

// What a JPEG 2000 codestream says of its image, from its SIZ marker segment (ISO 15444-1 A.5.1).
struct Jpeg2000Size {
  std::uint32_t width = 0;   // Xsiz - XOsiz
  std::uint32_t height = 0;  // Ysiz - YOsiz
  int components = 0;        // Csiz
  int precisionBits = 0;     // of the first component: (Ssiz & 0x7F) + 1
  bool isSigned = false;     // Ssiz & 0x80
};

// Finds the codestream (SOC followed by SIZ, bare or inside a JP2 'jp2c' box within the first
// bytes) and reads its size. nullopt when there is none or the SIZ segment is cut short.
std::optional<Jpeg2000Size> readJpeg2000Size(const std::uint8_t* bytes, std::size_t length);

}  // namespace nbra::dicom
