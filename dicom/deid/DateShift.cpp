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
  return *date + std::string(dt.substr(8));
}

}  // namespace nbra::dicom::deid
