#include "viewer/app/lesions/Tracking.h"

#include <algorithm>

#include "scoring/recist/SumOfDiameters.h"

namespace nbra::viewer {

namespace sc = nbra::scoring;

LesionTable followUpFrom(const LesionTable& baseline) {
  LesionTable out(LesionTable::Kind::FollowUp);
  std::vector<TrackedLesion> rows;
  for (TrackedLesion l : baseline.lesions()) {
    if (l.isNew)
      continue;  // only what the baseline defined is tracked from it
    l.markId.reset();
    l.status = LesionStatus::Pending;
    rows.push_back(std::move(l));
  }
  out.restore(std::move(rows));
  out.setSliceThicknessMm(baseline.sliceThicknessMm());
  return out;
}

Vec3 markCentre(const Measurement& m) {
  if (m.kind == MeasurementKind::Point)
    return m.longStartMm;
  return {(m.longStartMm[0] + m.longEndMm[0]) / 2, (m.longStartMm[1] + m.longEndMm[1]) / 2,
          (m.longStartMm[2] + m.longEndMm[2]) / 2};
}

ExpectedPlace expectedPlace(const Measurement& baselineMark, const std::string& followUpFrameUid,
                            const Vec3& offsetMm) {
  ExpectedPlace p;
  p.positionMm = markCentre(baselineMark);
  p.sameFrame = !baselineMark.frameOfReferenceUid.empty() &&
                baselineMark.frameOfReferenceUid == followUpFrameUid;
  if (p.sameFrame) {
    p.note = "same frame of reference: same patient position";
    return p;
  }
  for (std::size_t i = 0; i < 3; ++i)
    p.positionMm[i] += offsetMm[i];
  p.note = "other frame of reference: baseline position + comparison offset (" +
           sc::formatTenths(roundToTenths(offsetMm[0])) + ", " +
           sc::formatTenths(roundToTenths(offsetMm[1])) + ", " +
           sc::formatTenths(roundToTenths(offsetMm[2])) + ") mm — check the anatomy";
  return p;
}

sc::Tenths targetSumTenths(const std::vector<sc::Lesion>& lesions) {
  std::vector<sc::Tenths> diameters;
  for (const sc::Lesion& l : lesions) {
    if (l.isPrimary || l.role != sc::LesionRole::Target)
      continue;
    diameters.push_back(sc::recistDiameterTenths(l.isLymphNode, sc::toTenths(l.longAxisMm),
                                                 sc::toTenths(l.shortAxisMm.value_or(0.0))));
  }
  return sc::sumOfDiameters(diameters);
}

std::optional<sc::Tenths> primaryTenths(const std::vector<sc::Lesion>& lesions) {
  std::optional<sc::Tenths> out;
  for (const sc::Lesion& l : lesions) {
    if (l.isPrimary)
      out = out.value_or(0) + sc::toTenths(l.longAxisMm);
  }
  return out;
}

Comparison compare(const std::vector<sc::Lesion>& baseline,
                   const std::optional<std::vector<sc::Lesion>>& current,
                   const std::string& whyNoCurrent, const std::vector<sc::Tenths>& earlierSums,
                   const std::vector<sc::Tenths>& earlierPrimaries) {
  Comparison c;
  const bool anyTarget = std::any_of(baseline.begin(), baseline.end(), [](const sc::Lesion& l) {
    return !l.isPrimary && l.role == sc::LesionRole::Target;
  });
  if (anyTarget)
    c.baselineSum = targetSumTenths(baseline);  // no targets: no sum to follow
  c.baselinePrimary = primaryTenths(baseline);
  std::vector<sc::Tenths> sums;
  if (c.baselineSum)
    sums.push_back(*c.baselineSum);
  sums.insert(sums.end(), earlierSums.begin(), earlierSums.end());
  std::vector<sc::Tenths> primaries;
  if (c.baselinePrimary)
    primaries.push_back(*c.baselinePrimary);
  primaries.insert(primaries.end(), earlierPrimaries.begin(), earlierPrimaries.end());
  if (current) {
    if (c.baselineSum)
      c.currentSum = targetSumTenths(*current);
    c.currentPrimary = primaryTenths(*current);
  } else {
    c.incomplete = whyNoCurrent;
  }
  // The nadir is the smallest on study before now (RECIST's reference for progression).
  c.nadirSum = sc::nadir(sums);
  c.nadirPrimary = sc::nadir(primaries);
  return c;
}

std::vector<std::string> comparisonLines(const Comparison& c) {
  auto mm = [](sc::Tenths t) { return sc::formatTenths(t) + " mm"; };
  std::vector<std::string> lines;
  auto line = [&](const std::string& what, const std::optional<sc::Tenths>& base,
                  const std::optional<sc::Tenths>& now, const std::optional<sc::Tenths>& nadir) {
    if (!base)
      return;
    std::string text = what + ": baseline " + mm(*base);
    if (now) {
      text += ", now " + mm(*now);
      text +=
          *base > 0 ? " (" + sc::formatPercentChange(*base, *now) + " vs baseline" : " (baseline 0";
      if (nadir) {
        text += "; nadir " + mm(*nadir);
        if (*nadir > 0)
          text += ", " + sc::formatPercentChange(*nadir, *now) + " vs nadir";
      }
      text += ")";
    } else {
      text += ", now not yet known";
    }
    lines.push_back(text);
  };
  line("Primary (longest diameter)", c.baselinePrimary, c.currentPrimary, c.nadirPrimary);
  line("Targets (sum of diameters)", c.baselineSum, c.currentSum, c.nadirSum);
  if (!c.baselinePrimary && !c.baselineSum)
    lines.push_back("No primary and no target lesions at baseline: nothing to compare.");
  if (!c.incomplete.empty())
    lines.push_back(c.incomplete);
  return lines;
}

}  // namespace nbra::viewer
