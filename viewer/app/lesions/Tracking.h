#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scoring/model/Lesion.h"
#include "scoring/model/Tenths.h"
#include "viewer/app/lesions/LesionTable.h"

namespace nbra::viewer {

// A follow-up's table: the baseline lesions, same tracking ids, sites, flags and targets, each
// still to re-measure (no mark). New lesions are added to it as they are found.
LesionTable followUpFrom(const LesionTable& baseline);

// Where to look for a baseline lesion on the follow-up. On the same frame of reference the
// patient coordinates are the same; otherwise the comparison offset (follow-up minus baseline,
// mm: registration or set by the reader) is added, and the note says so.
struct ExpectedPlace {
  Vec3 positionMm{};
  bool sameFrame = true;
  std::string note;
};
Vec3 markCentre(const Measurement& m);  // the middle of the long axis (a point: the point)
ExpectedPlace expectedPlace(const Measurement& baselineMark, const std::string& followUpFrameUid,
                            const Vec3& offsetMm);

// The live comparison: RECIST sum of diameters of the (non-primary) targets and the primary's
// longest diameter, at baseline, now and at the nadir, with the percentage changes.
struct Comparison {
  std::optional<nbra::scoring::Tenths> baselineSum, currentSum, nadirSum;
  std::optional<nbra::scoring::Tenths> baselinePrimary, currentPrimary, nadirPrimary;
  std::string incomplete;  // why the current sums are not there (a lesion still to measure)
};

// `earlierSums` / `earlierPrimaries`: the follow-ups between baseline and now (for the nadir).
Comparison compare(const std::vector<nbra::scoring::Lesion>& baseline,
                   const std::optional<std::vector<nbra::scoring::Lesion>>& current,
                   const std::string& whyNoCurrent,
                   const std::vector<nbra::scoring::Tenths>& earlierSums = {},
                   const std::vector<nbra::scoring::Tenths>& earlierPrimaries = {});

// The RECIST sum of the targets' diameters (node: short axis) and the primary's long axis.
nbra::scoring::Tenths targetSumTenths(const std::vector<nbra::scoring::Lesion>& lesions);
std::optional<nbra::scoring::Tenths> primaryTenths(
    const std::vector<nbra::scoring::Lesion>& lesions);

// Lines for the panel: "Targets (sum of diameters): 17.0 mm at baseline → 9.0 mm (−47.1 %) ...".
std::vector<std::string> comparisonLines(const Comparison& c);

}  // namespace nbra::viewer
