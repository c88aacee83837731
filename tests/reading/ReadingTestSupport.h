#pragma once

// Marks as a reader would draw them, for the reading tests without a window.
#include "viewer/app/measure/MeasurementSet.h"

namespace nbra::viewer::testing {

// A caliper `lengthMm` long along x, centred on (x, y, z).
inline int caliper(MeasurementSet& set, double lengthMm, double x = 0, double y = 0, double z = 0) {
  Measurement m;
  m.kind = MeasurementKind::Caliper;
  m.longStartMm = {x - lengthMm / 2, y, z};
  m.longEndMm = {x + lengthMm / 2, y, z};
  m.frameOfReferenceUid = "1.2.3.4";
  return set.add(m);
}

// A bidirectional mark: long axis along x, short axis along y, both centred on (x, y, z).
inline int bidirectional(MeasurementSet& set, double longMm, double shortMm, bool node = false,
                         double x = 0, double y = 0, double z = 0) {
  Measurement m;
  m.kind = MeasurementKind::Bidirectional;
  m.longStartMm = {x - longMm / 2, y, z};
  m.longEndMm = {x + longMm / 2, y, z};
  m.shortStartMm = {x, y - shortMm / 2, z};
  m.shortEndMm = {x, y + shortMm / 2, z};
  m.hasShortAxis = true;
  m.isLymphNode = node;
  m.frameOfReferenceUid = "1.2.3.4";
  return set.add(m);
}

}  // namespace nbra::viewer::testing
