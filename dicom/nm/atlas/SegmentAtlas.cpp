#include "dicom/nm/atlas/SegmentAtlas.h"

#include <algorithm>

namespace nbra::dicom::atlas {
namespace {

Polygon rect(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

// Shared pieces of both scales. "Image left/right" are as stored; side names come later.
struct Pieces {
  double m, s;  // midline, spine half width
  double bodyL, bodyR;
  double innerCrotchL, innerCrotchR;  // medial ends of the pelvis floor at the crotch
  const AtlasLandmarks* l;
};

Pieces pieces(const AtlasLandmarks& l) {
  Pieces p{};
  p.l = &l;
  p.m = l.midlineX;
  p.s = l.spineHalfWidth;
  // A little margin outside the outline so a focus at the skin edge still has its segment.
  p.bodyL = std::min(l.leftBodyX, std::min(l.leftArmTopX, l.leftArmBottomX)) - 6;
  p.bodyR = std::max(l.rightBodyX, std::max(l.rightArmTopX, l.rightArmBottomX)) + 6;
  const double halfL = l.midlineX - l.leftArmX(l.hipY);
  const double halfR = l.rightArmX(l.hipY) - l.midlineX;
  p.innerCrotchL = p.m - 0.4 * halfL;
  p.innerCrotchR = p.m + 0.4 * halfR;
  return p;
}

Polygon head(const AtlasLandmarks& l) {
  return rect(l.midlineX - l.headHalfWidth, l.vertexY - 6, l.midlineX + l.headHalfWidth,
              l.headBottomY);
}

Polygon chestSide(const Pieces& p, bool imageLeft) {
  const AtlasLandmarks& l = *p.l;
  if (imageLeft) {
    return {{l.leftArmX(l.shoulderY), l.shoulderY},
            {p.m - p.s, l.shoulderY},
            {p.m - p.s, l.thoracolumbarY},
            {l.leftArmX(l.thoracolumbarY), l.thoracolumbarY}};
  }
  return {{p.m + p.s, l.shoulderY},
          {l.rightArmX(l.shoulderY), l.shoulderY},
          {l.rightArmX(l.thoracolumbarY), l.thoracolumbarY},
          {p.m + p.s, l.thoracolumbarY}};
}

// Pelvis: from the lumbosacral row down to the hips laterally and the crotch medially; with a
// notch for Curie's sacrum (S4) when `aroundSacrum`.
Polygon pelvis(const Pieces& p, bool aroundSacrum) {
  const AtlasLandmarks& l = *p.l;
  Polygon poly{{l.leftArmX(l.lumbosacralY), l.lumbosacralY}};
  if (aroundSacrum) {
    poly.push_back({p.m - p.s, l.lumbosacralY});
    poly.push_back({p.m - p.s, l.hipY});
    poly.push_back({p.m + p.s, l.hipY});
    poly.push_back({p.m + p.s, l.lumbosacralY});
  }
  poly.push_back({l.rightArmX(l.lumbosacralY), l.lumbosacralY});
  poly.push_back({l.rightArmX(l.hipY), l.hipY});
  poly.push_back({p.innerCrotchR, l.crotchY});
  poly.push_back({p.innerCrotchL, l.crotchY});
  poly.push_back({l.leftArmX(l.hipY), l.hipY});
  return poly;
}

Polygon upperArm(const Pieces& p, bool imageLeft) {
  const AtlasLandmarks& l = *p.l;
  if (imageLeft) {
    return {{p.bodyL, l.shoulderY - 4},
            {l.leftArmX(l.shoulderY), l.shoulderY - 4},
            {l.leftArmX(l.elbowY), l.elbowY},
            {p.bodyL, l.elbowY}};
  }
  return {{l.rightArmX(l.shoulderY), l.shoulderY - 4},
          {p.bodyR, l.shoulderY - 4},
          {p.bodyR, l.elbowY},
          {l.rightArmX(l.elbowY), l.elbowY}};
}

Polygon forearm(const Pieces& p, bool imageLeft) {
  const AtlasLandmarks& l = *p.l;
  if (imageLeft) {
    return {{p.bodyL, l.elbowY},
            {l.leftArmX(l.elbowY), l.elbowY},
            {l.leftArmX(l.fingertipY), l.fingertipY + 6},
            {p.bodyL, l.fingertipY + 6}};
  }
  return {{l.rightArmX(l.elbowY), l.elbowY},
          {p.bodyR, l.elbowY},
          {p.bodyR, l.fingertipY + 6},
          {l.rightArmX(l.fingertipY), l.fingertipY + 6}};
}

// Thigh of one image side (or both when side == 0): from the pelvis floor to the knees.
Polygon thigh(const Pieces& p, int side) {
  const AtlasLandmarks& l = *p.l;
  const double xl = l.leftArmX(l.kneeY);
  const double xr = l.rightArmX(l.kneeY);
  if (side < 0) {
    return {{l.leftArmX(l.hipY), l.hipY},
            {p.innerCrotchL, l.crotchY},
            {p.m, l.crotchY},
            {p.m, l.kneeY},
            {xl, l.kneeY}};
  }
  if (side > 0) {
    return {{p.m, l.crotchY},
            {p.innerCrotchR, l.crotchY},
            {l.rightArmX(l.hipY), l.hipY},
            {xr, l.kneeY},
            {p.m, l.kneeY}};
  }
  return {{l.leftArmX(l.hipY), l.hipY},
          {p.innerCrotchL, l.crotchY},
          {p.innerCrotchR, l.crotchY},
          {l.rightArmX(l.hipY), l.hipY},
          {xr, l.kneeY},
          {xl, l.kneeY}};
}

Polygon leg(const Pieces& p, int side) {
  const AtlasLandmarks& l = *p.l;
  const double xl = l.leftArmX(l.kneeY);
  const double xr = l.rightArmX(l.kneeY);
  const double bottom = l.soleY + 8;
  if (side < 0) {
    return rect(xl, l.kneeY, p.m, bottom);
  }
  if (side > 0) {
    return rect(p.m, l.kneeY, xr, bottom);
  }
  return rect(xl, l.kneeY, xr, bottom);
}

}  // namespace

bool pointInPolygon(const Polygon& poly, double x, double y) {
  bool inside = false;
  const std::size_t n = poly.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Point2& a = poly[i];
    const Point2& b = poly[j];
    if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) {
      inside = !inside;
    }
  }
  return inside;
}

std::vector<AtlasSegment> segmentOutlines(const AtlasLandmarks& l, AtlasScale scale) {
  const Pieces p = pieces(l);
  std::vector<AtlasSegment> out;
  if (scale == AtlasScale::Curie) {
    out.push_back({0, "S1", {head(l)}});
    out.push_back({1, "S2", {rect(p.m - p.s, l.headBottomY, p.m + p.s, l.thoracolumbarY)}});
    out.push_back({2, "S3", {chestSide(p, true), chestSide(p, false)}});
    out.push_back({3, "S4", {rect(p.m - p.s, l.thoracolumbarY, p.m + p.s, l.hipY)}});
    out.push_back({4, "S5", {pelvis(p, true)}});
    out.push_back({5, "S6", {upperArm(p, true), upperArm(p, false)}});
    out.push_back({6, "S7", {forearm(p, true), forearm(p, false)}});
    out.push_back({7, "S8", {thigh(p, 0)}});
    out.push_back({8, "S9", {leg(p, 0)}});
    return out;
  }
  // SIOPEN limbs carry the patient's side: image left is the patient's right when seen from
  // the front (anterior), the patient's left when seen from behind (posterior as stored).
  const bool leftIsRight = l.seenFromFront;
  auto sideIndex = [&](bool imageLeft, int rightIndex, int leftIndex) {
    return (imageLeft == leftIsRight) ? rightIndex : leftIndex;
  };
  auto sideLabel = [&](bool imageLeft) { return (imageLeft == leftIsRight) ? "R" : "L"; };
  out.push_back({0, "skull", {head(l)}});
  out.push_back({1, "thorax", {chestSide(p, true), chestSide(p, false)}});
  out.push_back({2, "spine", {rect(p.m - p.s, l.headBottomY, p.m + p.s, l.lumbosacralY)}});
  out.push_back({3, "pelvis", {pelvis(p, false)}});
  for (const bool imageLeft : {true, false}) {
    const std::string side = sideLabel(imageLeft);
    // Short labels that fit the narrow limb outlines; the table spells the names out.
    out.push_back({sideIndex(imageLeft, 4, 6), side + " prox", {upperArm(p, imageLeft)}});
    out.push_back({sideIndex(imageLeft, 5, 7), side + " dist", {forearm(p, imageLeft)}});
    out.push_back({sideIndex(imageLeft, 8, 10), side + " prox", {thigh(p, imageLeft ? -1 : 1)}});
    out.push_back({sideIndex(imageLeft, 9, 11), side + " dist", {leg(p, imageLeft ? -1 : 1)}});
  }
  std::sort(out.begin(), out.end(),
            [](const AtlasSegment& a, const AtlasSegment& b) { return a.index < b.index; });
  return out;
}

std::optional<int> segmentAt(const AtlasLandmarks& l, AtlasScale scale, double x, double y) {
  const std::vector<AtlasSegment> segments = segmentOutlines(l, scale);
  // Spine strips first (they sit on top of chest and pelvis), then the rest in order.
  const int spine = scale == AtlasScale::Curie ? 1 : 2;
  std::vector<int> order;
  order.push_back(spine);
  if (scale == AtlasScale::Curie) {
    order.push_back(3);
  }
  for (const AtlasSegment& s : segments) {
    if (std::find(order.begin(), order.end(), s.index) == order.end()) {
      order.push_back(s.index);
    }
  }
  for (const int index : order) {
    for (const AtlasSegment& s : segments) {
      if (s.index != index) {
        continue;
      }
      for (const Polygon& poly : s.polygons) {
        if (pointInPolygon(poly, x, y)) {
          return index;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace nbra::dicom::atlas
