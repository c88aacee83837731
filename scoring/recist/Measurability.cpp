#include "scoring/recist/Measurability.h"

namespace nbra::scoring {

namespace {
constexpr Tenths kTenMm = 100;
constexpr Tenths kFiveMm = 50;
constexpr Tenths kFifteenMm = 150;
}  // namespace

std::string_view measurabilityName(Measurability measurability) {
  switch (measurability) {
    case Measurability::MeasurableLesion:
      return "measurable lesion";
    case Measurability::NonMeasurableLesion:
      return "non-measurable lesion";
    case Measurability::MeasurableNode:
      return "measurable lymph node";
    case Measurability::PathologicalNode:
      return "pathological lymph node (non-target)";
    case Measurability::NormalNode:
      return "normal lymph node";
  }
  return "unknown";
}

Tenths minimumMeasurableTenths(Tenths sliceThicknessTenths) {
  if (sliceThicknessTenths > kFiveMm) {
    const Tenths twice = 2 * sliceThicknessTenths;
    return twice > kTenMm ? twice : kTenMm;
  }
  return kTenMm;
}

Measurability recistMeasurability(bool isLymphNode, Tenths longAxisTenths, Tenths shortAxisTenths,
                                  Tenths sliceThicknessTenths) {
  if (isLymphNode) {
    if (shortAxisTenths >= kFifteenMm) {
      return Measurability::MeasurableNode;
    }
    return shortAxisTenths >= kTenMm ? Measurability::PathologicalNode : Measurability::NormalNode;
  }
  return longAxisTenths >= minimumMeasurableTenths(sliceThicknessTenths)
             ? Measurability::MeasurableLesion
             : Measurability::NonMeasurableLesion;
}

bool isMeasurable(Measurability measurability) {
  return measurability == Measurability::MeasurableLesion ||
         measurability == Measurability::MeasurableNode;
}

}  // namespace nbra::scoring
