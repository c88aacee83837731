#pragma once

#include <array>
#include <optional>
#include <utility>

namespace nbra::cli {

// The short-axis caliper ends of a lesion record, in patient mm. records::LesionMeasurement gains
// `shortStartMm`/`shortEndMm` with the reading tools (issue 8); until it has them a read carries
// only the short-axis length. Detected at compile time, so the SR export and import follow the
// record type as it is, without a change here when the fields arrive.
using PointMm = std::array<double, 3>;

template <typename Lesion>
std::optional<std::pair<PointMm, PointMm>> shortAxisEnds(const Lesion& lesion) {
  if constexpr (requires {
                  lesion.shortStartMm;
                  lesion.shortEndMm;
                }) {
    if (lesion.shortStartMm && lesion.shortEndMm) {
      return std::make_pair(PointMm(*lesion.shortStartMm), PointMm(*lesion.shortEndMm));
    }
  }
  return std::nullopt;
}

// Sets the ends when the type has them; returns false when it cannot hold them.
template <typename Lesion>
bool setShortAxisEnds(Lesion& lesion, const PointMm& start, const PointMm& end) {
  if constexpr (requires {
                  lesion.shortStartMm;
                  lesion.shortEndMm;
                }) {
    lesion.shortStartMm = start;
    lesion.shortEndMm = end;
    return true;
  } else {
    (void)lesion;
    (void)start;
    (void)end;
    return false;
  }
}

}  // namespace nbra::cli
