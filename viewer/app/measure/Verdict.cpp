#include "viewer/app/measure/Verdict.h"

#include <cmath>

namespace nbra::viewer {

namespace sc = nbra::scoring;

sc::Tenths roundToTenths(double mm) {
  return static_cast<sc::Tenths>(std::llround(mm * 10));
}

namespace {

std::string mm(sc::Tenths t) {
  return sc::formatTenths(t) + " mm";
}

// Limits read as the rules state them: "10 mm", "12 mm", "6.5 mm".
std::string limit(sc::Tenths t) {
  return (t % 10 == 0 ? std::to_string(t / 10) : sc::formatTenths(t)) + " mm";
}

Verdict lesionVerdict(const std::string& lengths, sc::Tenths longTenths,
                      sc::Tenths thicknessTenths) {
  Verdict v;
  v.measurability = sc::recistMeasurability(false, longTenths, 0, thicknessTenths);
  if (sc::isMeasurable(*v.measurability)) {
    v.tone = VerdictTone::Measurable;
    v.text = lengths + " — measurable";
    return v;
  }
  v.tone = VerdictTone::TooSmall;
  const sc::Tenths minimum = sc::minimumMeasurableTenths(thicknessTenths);
  v.text = lengths + " — too small (< " + limit(minimum);
  // Say why the limit is above 10 mm: it comes from the slices, not from the lesion.
  if (minimum > 100)
    v.text += ": 2 × " + limit(thicknessTenths) + " slices";
  v.text += ")";
  return v;
}

Verdict nodeVerdict(const Measurement& m, sc::Tenths longTenths, sc::Tenths thicknessTenths) {
  Verdict v;
  if (!m.hasShortAxis) {
    v.text = "node, long axis " + mm(longTenths) + " — draw the short axis to judge it";
    return v;
  }
  const sc::Tenths shortTenths = roundToTenths(shortAxisMm(m));
  v.measurability = sc::recistMeasurability(true, longTenths, shortTenths, thicknessTenths);
  const std::string lengths = "node, short axis " + mm(shortTenths);
  switch (*v.measurability) {
    case sc::Measurability::MeasurableNode:
      v.tone = VerdictTone::Measurable;
      v.text = lengths + " — measurable (≥ 15 mm)";
      break;
    case sc::Measurability::PathologicalNode:
      v.tone = VerdictTone::NonTarget;
      v.text = lengths + " — non-target (10–15 mm)";
      break;
    default:
      v.tone = VerdictTone::TooSmall;
      v.text = lengths + " — normal (< 10 mm)";
      break;
  }
  return v;
}

}  // namespace

Verdict judge(const Measurement& m, double sliceThicknessMm) {
  const sc::Tenths thicknessTenths = roundToTenths(sliceThicknessMm);
  const sc::Tenths longTenths = roundToTenths(longAxisMm(m));
  switch (m.kind) {
    case MeasurementKind::Point:
      return Verdict{VerdictTone::Neutral, std::nullopt, "point"};
    case MeasurementKind::Roi:  // ROI (H5): statistics, no RECIST verdict (viewer/app/roi)
      return Verdict{VerdictTone::Neutral, std::nullopt, "ROI"};
    case MeasurementKind::Caliper:
      return lesionVerdict(mm(longTenths), longTenths, thicknessTenths);
    case MeasurementKind::Bidirectional:
      if (m.isLymphNode)
        return nodeVerdict(m, longTenths, thicknessTenths);
      return lesionVerdict(
          m.hasShortAxis ? sc::formatTenths(longTenths) + " × " + mm(roundToTenths(shortAxisMm(m)))
                         : mm(longTenths),
          longTenths, thicknessTenths);
  }
  return {};
}

}  // namespace nbra::viewer
