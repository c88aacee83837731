#pragma once

// Hand-made DICOM byte streams for the structure walk: the nestings and lengths no DICOM writer
// would produce, built byte by byte so each test says exactly what the file holds.

#include <cstdint>
#include <string>
#include <vector>

namespace nbra::testing {

class DicomBytes {
 public:
  // A Part 10 file: preamble, DICM, a meta group naming `transferSyntax`.
  static DicomBytes part10(const std::string& transferSyntax = "1.2.840.10008.1.2.1") {
    DicomBytes b;
    b.bytes.assign(128, 0);
    b.raw("DICM");
    std::string uid = transferSyntax;
    if (uid.size() % 2)
      uid.push_back('\0');
    b.explicitShort(0x0002, 0x0010, "UI", uid);
    return b;
  }
  static DicomBytes bare() { return {}; }

  DicomBytes& raw(const std::string& s) {
    bytes.insert(bytes.end(), s.begin(), s.end());
    return *this;
  }
  DicomBytes& u16(std::uint16_t v) {
    bytes.push_back(static_cast<std::uint8_t>(v & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(v >> 8));
    return *this;
  }
  DicomBytes& u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
  DicomBytes& tag(std::uint16_t group, std::uint16_t element) { return u16(group).u16(element); }
  // An explicit VR element with a 2-byte length.
  DicomBytes& explicitShort(std::uint16_t g, std::uint16_t e, const char* vr,
                            const std::string& value) {
    tag(g, e).raw(vr).u16(static_cast<std::uint16_t>(value.size()));
    return raw(value);
  }
  // An implicit VR element.
  DicomBytes& implicitElement(std::uint16_t g, std::uint16_t e, const std::string& value) {
    tag(g, e).u32(static_cast<std::uint32_t>(value.size()));
    return raw(value);
  }
  // Explicit VR SQ / UN header with a 4-byte length (0xFFFFFFFF: undefined).
  DicomBytes& longHeader(std::uint16_t g, std::uint16_t e, const char* vr, std::uint32_t length) {
    return tag(g, e).raw(vr).u16(0).u32(length);
  }
  DicomBytes& item(std::uint32_t length = 0xFFFFFFFF) { return tag(0xFFFE, 0xE000).u32(length); }
  DicomBytes& itemEnd() { return tag(0xFFFE, 0xE00D).u32(0); }
  DicomBytes& sequenceEnd() { return tag(0xFFFE, 0xE0DD).u32(0); }

  // `depth` sequences nested with undefined lengths, each in an item, explicit VR.
  DicomBytes& nestedUndefined(int depth, const char* vr = "SQ") {
    for (int i = 0; i < depth; ++i)
      longHeader(0x0040, 0xA730, vr, 0xFFFFFFFF).item();
    explicitShort(0x0008, 0x0100, "SH", "NBRA");
    for (int i = 0; i < depth; ++i)
      itemEnd().sequenceEnd();
    return *this;
  }

  std::vector<std::uint8_t> bytes;
};

// `depth` sequences nested with defined lengths (each length counts what it holds), explicit
// VR little endian: built from the inside out.
inline std::vector<std::uint8_t> nestedDefined(int depth) {
  std::vector<std::uint8_t> inner = DicomBytes().explicitShort(0x0008, 0x0100, "SH", "NBRA").bytes;
  for (int i = 0; i < depth; ++i) {
    DicomBytes item;
    item.item(static_cast<std::uint32_t>(inner.size()));
    item.bytes.insert(item.bytes.end(), inner.begin(), inner.end());
    DicomBytes sequence;
    sequence.longHeader(0x0040, 0xA730, "SQ", static_cast<std::uint32_t>(item.bytes.size()));
    sequence.bytes.insert(sequence.bytes.end(), item.bytes.begin(), item.bytes.end());
    inner = sequence.bytes;
  }
  return inner;
}

}  // namespace nbra::testing
