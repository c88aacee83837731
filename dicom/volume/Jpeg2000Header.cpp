#include "dicom/volume/Jpeg2000Header.h"

namespace nbra::dicom {
namespace {

// A JP2 file puts a few boxes before the codestream; the SOC+SIZ markers are searched within
// this many bytes.
constexpr std::size_t kSearchBytes = 4096;

std::uint32_t big32(const std::uint8_t* b) {
  return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
}
std::uint16_t big16(const std::uint8_t* b) {
  return static_cast<std::uint16_t>(b[0] << 8 | b[1]);
}

}  // namespace

std::optional<Jpeg2000Size> readJpeg2000Size(const std::uint8_t* bytes, std::size_t length) {
  if (!bytes)
    return std::nullopt;
  const std::size_t searchEnd = length < kSearchBytes ? length : kSearchBytes;
  for (std::size_t at = 0; at + 4 <= searchEnd; ++at) {
    if (bytes[at] != 0xFF || bytes[at + 1] != 0x4F || bytes[at + 2] != 0xFF ||
        bytes[at + 3] != 0x51) {
      continue;
    }
    // SIZ: Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz Csiz, then 3 bytes per
    // component.
    const std::size_t siz = at + 4;
    constexpr std::size_t kFixed = 2 + 2 + 8 * 4 + 2;
    if (length - siz < kFixed + 3)
      return std::nullopt;
    const std::uint8_t* p = bytes + siz;
    const std::uint32_t xsiz = big32(p + 4);
    const std::uint32_t ysiz = big32(p + 8);
    const std::uint32_t xosiz = big32(p + 12);
    const std::uint32_t yosiz = big32(p + 16);
    if (xosiz >= xsiz || yosiz >= ysiz)
      return std::nullopt;
    Jpeg2000Size size;
    size.width = xsiz - xosiz;
    size.height = ysiz - yosiz;
    size.components = big16(p + 36);
    const std::uint8_t ssiz = p[38];
    size.precisionBits = (ssiz & 0x7F) + 1;
    size.isSigned = (ssiz & 0x80) != 0;
    return size;
  }
  return std::nullopt;
}

}  // namespace nbra::dicom
