#pragma once

// DICOM values as a person reads them, for every view that names its patient.

#include <QString>
#include <string>

namespace nbra::viewer {

// "DOE^JANE" -> "DOE, JANE"; "" -> "(no name)".
QString displayPersonName(const std::string& dicomName);
// "20260115" -> "2026-01-15"; anything else is shown as it is.
QString displayDate(const std::string& dicomDate);

}  // namespace nbra::viewer
