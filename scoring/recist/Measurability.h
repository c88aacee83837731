#pragma once

#include <string_view>

#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// RECIST 1.1 lesion classes (RECIST; clinical-rules.md 4).
enum class Measurability {
  MeasurableLesion,     // non-nodal, long axis >= the minimum measurable size
  NonMeasurableLesion,  // non-nodal, smaller than that
  MeasurableNode,       // short axis >= 15 mm
  PathologicalNode,     // 10 mm <= short axis < 15 mm: non-target only
  NormalNode,           // short axis < 10 mm
};

std::string_view measurabilityName(Measurability measurability);

// Minimum measurable long axis: 10 mm, or twice the slice thickness when slices are thicker than
// 5 mm (RECIST; clinical-rules.md 4, "min_measurable_mm").
Tenths minimumMeasurableTenths(Tenths sliceThicknessTenths);

// Classifies a lesion (all lengths in tenths of mm). Nodes are judged by their short axis, on the
// RECIST assumption of <= 5 mm slices.
Measurability recistMeasurability(bool isLymphNode, Tenths longAxisTenths, Tenths shortAxisTenths,
                                  Tenths sliceThicknessTenths);

bool isMeasurable(Measurability measurability);

}  // namespace nbra::scoring
