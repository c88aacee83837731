#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nbra::dicom {

// A DICOM date-time as written (wall clock, microsecond resolution), with its UTC offset when
// the value carried one (&ZZXX suffix of DT).
using DicomTimePoint = std::chrono::sys_time<std::chrono::microseconds>;

struct DicomDateTime {
  DicomTimePoint wallClock;                       // the local time exactly as written
  std::optional<std::chrono::minutes> utcOffset;  // from "+HHMM"/"-HHMM", when present
};

// DA: "YYYYMMDD" (also the pre-1993 "YYYY.MM.DD"), surrounding spaces ignored. Checks the
// calendar (no 30 February).
std::optional<std::chrono::sys_days> parseDicomDate(std::string_view da);

// TM: "HH", "HHMM", "HHMMSS", "HHMMSS.F" up to 6 fraction digits, and the old "HH:MM:SS[.F]"
// form; trailing/leading spaces ignored. Returns the time since midnight. SS may be 60 (leap
// second, allowed by PS3.5).
std::optional<std::chrono::microseconds> parseDicomTime(std::string_view tm);

// DT: "YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]", trailing spaces ignored (the GE sample value
// "20201217084500.00 " parses). Missing components default to the start of the period.
std::optional<DicomDateTime> parseDicomDateTime(std::string_view dt);

// A DA and a TM combined into one local date-time (no offset).
DicomDateTime combineDateTime(std::chrono::sys_days date, std::chrono::microseconds timeOfDay);

// later - earlier. Offsets are applied only when BOTH values carry one (then both are converted
// to UTC); otherwise both are taken as local times of the same clock. A DICOM series normally
// has no offsets at all (TimezoneOffsetFromUTC (0008,0201) is rare and applies to every value
// alike), and mixing one offset-bearing value with a local one would invent a shift out of
// nothing.
std::chrono::microseconds elapsed(const DicomDateTime& earlier, const DicomDateTime& later);

// ISO 8601 "YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]" (fraction only when non-zero).
std::string toIso8601(const DicomDateTime& value);

}  // namespace nbra::dicom
