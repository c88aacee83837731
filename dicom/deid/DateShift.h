#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nbra::dicom::deid {

// One DA value (YYYYMMDD) moved by `days`; nullopt when it is not a valid calendar date.
std::optional<std::string> shiftDate(std::string_view da, int days);

// One DT value (YYYYMMDD[HH[MM[SS[.F]]]][&ZZXX]) with its date moved by `days` and the rest as
// it was; nullopt when it does not start with a valid YYYYMMDD (a year or a month alone cannot
// be moved by days without inventing the rest).
std::optional<std::string> shiftDateTime(std::string_view dt, int days);

}  // namespace nbra::dicom::deid
