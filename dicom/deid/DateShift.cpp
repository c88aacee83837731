#include "dicom/deid/DateShift.h"

#include <chrono>
#include <cstdio>

namespace nbra::dicom::deid {

std::optional<std::string> shiftDate(std::string_view da, int days) {
  if (da.size() != 8) {
    return std::nullopt;
  }
  int parts[3] = {0, 0, 0};
  const std::size_t widths[3] = {4, 2, 2};
  std::size_t at = 0;
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = 0; i < widths[k]; ++i, ++at) {
      const char c = da[at];
      if (c < '0' || c > '9')
        return std::nullopt;
      parts[k] = parts[k] * 10 + (c - '0');
    }
  }
  using namespace std::chrono;
  const year_month_day date{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                            day{static_cast<unsigned>(parts[2])}};
  if (!date.ok()) {
    return std::nullopt;
  }
  const year_month_day moved{sys_days{date} + std::chrono::days{days}};
  if (!moved.ok() || int(moved.year()) < 1 || int(moved.year()) > 9999) {
    return std::nullopt;
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02u%02u", int(moved.year()), unsigned(moved.month()),
                unsigned(moved.day()));
  return std::string(text);
}

std::optional<std::string> shiftDateTime(std::string_view dt, int days) {
  if (dt.size() < 8) {
    return std::nullopt;
  }
  const auto date = shiftDate(dt.substr(0, 8), days);
  if (!date) {
    return std::nullopt;
  }
  // The rest is a time and an offset (HHMMSS.FFFFFF&ZZXX): digits, point, sign. Anything else
  // is not a DT and may be text about a person.
  std::string_view rest = dt.substr(8);
  while (!rest.empty() && rest.back() == ' ')
    rest.remove_suffix(1);
  for (char c : rest) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-')) {
      return std::nullopt;
    }
  }
  return *date + std::string(rest);
}

}  // namespace nbra::dicom::deid
