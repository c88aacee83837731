#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dicom/nm/atlas/AtlasLandmarks.h"

namespace nbra::dicom::atlas {

struct Point2 {
  double x = 0;
  double y = 0;
};
using Polygon = std::vector<Point2>;

enum class AtlasScale { Curie, Siopen };

// One scoring segment drawn on a view: its index in the scale's order (Curie 0-8 = S1-S9, the
// soft-tissue S10 has no outline; SIOPEN 0-11 in clinical-rules.md 2.1 order), a short label
// for the overlay, and its outline (the limbs are two polygons, one per side, for Curie).
struct AtlasSegment {
  int index = 0;
  std::string label;  // "S1", ..., "S9" or "skull", "thorax", "spine", "pelvis", "R prox", "L dist"
  std::vector<Polygon> polygons;
};

// The skeletal segments of a scale as outlines on one view, built from its landmarks. The
// boundaries follow clinical-rules.md 1.1 and 2.1: the sacrum is Curie S4 but SIOPEN pelvis
// (SIOPEN's spine is C1-L5), femoral heads belong to the thighs, humeral heads to the upper
// arms, clavicles and scapulae to the chest (Q3). SIOPEN's limb sides come from the view:
// on an anterior view the patient's right is on the image left.
std::vector<AtlasSegment> segmentOutlines(const AtlasLandmarks& landmarks, AtlasScale scale);

// The segment under an image point, or nothing (no bone segment there: neck soft tissue,
// abdomen, outside the body). Where outlines touch, the spine wins over chest and pelvis.
std::optional<int> segmentAt(const AtlasLandmarks& landmarks, AtlasScale scale, double x, double y);

bool pointInPolygon(const Polygon& polygon, double x, double y);

}  // namespace nbra::dicom::atlas
