#pragma once

// Reading attribute values out of a DCMTK item without repeating the OFCondition dance. Kept to
// dicom/'s .cpp files: DCMTK types never appear in our public headers.

#include <dcmtk/dcmdata/dcitem.h>

#include <string>

namespace nbra::dicom {

// The value(s) as text, multiple values joined by '\'; empty when absent.
std::string tagText(DcmItem& item, const DcmTagKey& tag);

// `count` numeric values (DS, FD, FL, US ...) into `out`; false when any is missing.
bool tagDecimals(DcmItem& item, const DcmTagKey& tag, double* out, unsigned long count);
double tagDecimal(DcmItem& item, const DcmTagKey& tag, double fallback);

// An integer from US, SS, IS, SL ...; `fallback` when absent.
int tagInteger(DcmItem& item, const DcmTagKey& tag, int fallback);

}  // namespace nbra::dicom
