#include "dicom/suv/DicomDateTime.h"

#include <cstdio>

namespace nbra::dicom {
namespace {

using std::chrono::microseconds;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\0')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) {
    s.remove_suffix(1);
  }
  return s;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos`; advances pos.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t count) {
  if (pos + count > s.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (!isDigit(c)) {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

// ".F" with 1..6 digits (more are accepted and truncated: some exporters write 7+).
std::optional<microseconds> fraction(std::string_view s, std::size_t& pos) {
  if (pos >= s.size() || s[pos] != '.') {
    return microseconds{0};
  }
  ++pos;
  long long value = 0;
  std::size_t n = 0;
  while (pos < s.size() && isDigit(s[pos])) {
    if (n < 6) {
      value = value * 10 + (s[pos] - '0');
    }
    ++n;
    ++pos;
  }
  if (n == 0) {
    return microseconds{0};  // "HHMMSS." seen in the wild: no fraction
  }
  for (std::size_t i = n; i < 6; ++i) {
    value *= 10;
  }
  return microseconds{value};
}

std::optional<std::chrono::sys_days> makeDate(int y, int m, int d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return std::chrono::sys_days{ymd};
}

std::optional<microseconds> makeTime(int h, int m, int s, microseconds frac) {
  if (h > 23 || m > 59 || s > 60) {
    return std::nullopt;
  }
  return std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s} + frac;
}

}  // namespace

std::optional<std::chrono::sys_days> parseDicomDate(std::string_view da) {
  const std::string_view s = trimmed(da);
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y) {
    return std::nullopt;
  }
  const bool dotted = pos < s.size() && s[pos] == '.';  // ACR-NEMA "YYYY.MM.DD"
  if (dotted) {
    ++pos;
  }
  const auto m = digits(s, pos, 2);
  if (dotted && (pos >= s.size() || s[pos] != '.')) {
    return std::nullopt;
  }
  if (dotted) {
    ++pos;
  }
  const auto d = digits(s, pos, 2);
  if (!m || !d || pos != s.size()) {
    return std::nullopt;
  }
  return makeDate(*y, *m, *d);
}

std::optional<microseconds> parseDicomTime(std::string_view tm) {
  const std::string_view s = trimmed(tm);
  std::size_t pos = 0;
  const bool colons = s.find(':') != std::string_view::npos;  // ACR-NEMA "HH:MM:SS"
  const auto h = digits(s, pos, 2);
  if (!h) {
    return std::nullopt;
  }
  int m = 0;
  int sec = 0;
  auto component = [&](int& out) -> bool {
    if (pos >= s.size() || s[pos] == '.') {
      return true;  // shorter forms are allowed
    }
    if (colons) {
      if (s[pos] != ':') {
        return false;
      }
      ++pos;
    }
    const auto v = digits(s, pos, 2);
    if (!v) {
      return false;
    }
    out = *v;
    return true;
  };
  if (!component(m) || !component(sec)) {
    return std::nullopt;
  }
  const auto frac = fraction(s, pos);
  if (!frac || pos != s.size()) {
    return std::nullopt;
  }
  return makeTime(*h, m, sec, *frac);
}

std::optional<DicomDateTime> parseDicomDateTime(std::string_view dt) {
  std::string_view s = trimmed(dt);
  DicomDateTime result;
  // The offset is the last five characters when they are "+HHMM"/"-HHMM".
  if (s.size() >= 5 && (s[s.size() - 5] == '+' || s[s.size() - 5] == '-')) {
    std::size_t pos = s.size() - 4;
    const auto oh = digits(s, pos, 2);
    const auto om = digits(s, pos, 2);
    if (!oh || !om || *oh > 14 || *om > 59) {
      return std::nullopt;
    }
    const int sign = s[s.size() - 5] == '-' ? -1 : 1;
    result.utcOffset = std::chrono::minutes{sign * (*oh * 60 + *om)};
    s.remove_suffix(5);
  }
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y) {
    return std::nullopt;
  }
  int parts[5] = {1, 1, 0, 0, 0};  // month, day, hour, minute, second
  for (int& part : parts) {
    if (pos >= s.size() || s[pos] == '.') {
      break;
    }
    const auto v = digits(s, pos, 2);
    if (!v) {
      return std::nullopt;
    }
    part = *v;
  }
  const auto frac = fraction(s, pos);
  if (!frac || pos != s.size()) {
    return std::nullopt;
  }
  const auto date = makeDate(*y, parts[0], parts[1]);
  const auto time = makeTime(parts[2], parts[3], parts[4], *frac);
  if (!date || !time) {
    return std::nullopt;
  }
  result.wallClock = DicomTimePoint{*date} + *time;
  return result;
}

DicomDateTime combineDateTime(std::chrono::sys_days date, microseconds timeOfDay) {
  return DicomDateTime{DicomTimePoint{date} + timeOfDay, std::nullopt};
}

microseconds elapsed(const DicomDateTime& earlier, const DicomDateTime& later) {
  if (earlier.utcOffset && later.utcOffset) {
    return (later.wallClock - *later.utcOffset) - (earlier.wallClock - *earlier.utcOffset);
  }
  return later.wallClock - earlier.wallClock;
}

std::string toIso8601(const DicomDateTime& value) {
  const auto days = std::chrono::floor<std::chrono::days>(value.wallClock);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss<microseconds> hms{value.wallClock - days};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  std::string out = text;
  if (const long long us = hms.subseconds().count(); us != 0) {
    std::snprintf(text, sizeof text, ".%06lld", us);
    out += text;
  }
  if (value.utcOffset) {
    const long long total = value.utcOffset->count();
    const long long magnitude = total < 0 ? -total : total;
    std::snprintf(text, sizeof text, "%c%02lld:%02lld", total < 0 ? '-' : '+', magnitude / 60,
                  magnitude % 60);
    out += text;
  }
  return out;
}

}  // namespace nbra::dicom
