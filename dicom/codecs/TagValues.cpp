#include "dicom/codecs/TagValues.h"

namespace nbra::dicom {

std::string tagText(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) {
    return {};
  }
  return std::string(value.c_str(), value.length());
}

bool tagDecimals(DcmItem& item, const DcmTagKey& tag, double* out, unsigned long count) {
  for (unsigned long i = 0; i < count; ++i) {
    Float64 value = 0;
    if (item.findAndGetFloat64(tag, value, i).bad()) {
      return false;
    }
    out[i] = value;
  }
  return true;
}

double tagDecimal(DcmItem& item, const DcmTagKey& tag, double fallback) {
  double value = fallback;
  return tagDecimals(item, tag, &value, 1) ? value : fallback;
}

int tagInteger(DcmItem& item, const DcmTagKey& tag, int fallback) {
  Uint16 u = 0;
  if (item.findAndGetUint16(tag, u).good()) return u;
  Sint32 s = 0;
  if (item.findAndGetSint32(tag, s).good()) return static_cast<int>(s);
  return fallback;
}

}  // namespace nbra::dicom
