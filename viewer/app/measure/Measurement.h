#pragma once

#include <optional>
#include <string>

#include "viewer/app/view/ViewPlane.h"

namespace nbra::viewer {

enum class MeasurementKind { Caliper, Bidirectional, Point, Roi };

// What a left drag does in a slice view. Navigate keeps the crosshair click.
enum class MeasureTool { Navigate, Caliper, Bidirectional, Point, Roi };

// The image a mark was drawn on. A reformatted (oblique to the acquisition) plane cuts through
// many images and has none: then `sopInstanceUid` is empty and `reformatted` is true, so a later
// DICOM SR export can say so instead of referencing the wrong image.
struct SourceImage {
  std::string sopInstanceUid;
  int frame = 0;  // 0-based frame in a multi-frame file
  bool reformatted = false;
};

// Which point of a mark a drag moves: the line (long axis) ends, then the short axis ends.
enum class Handle {
  LongStart = 0,
  LongEnd = 1,
  ShortStart = 2,
  ShortEnd = 3,
  // An ROI's (viewer/app/roi/RoiGeometry.h): its centre (moves it), the ends of its two in-plane
  // semi-axes (+A, -A, +B, -B: resize, the opposite end stays), and the corner a drawing drag
  // pulls (the ellipse fills the box from the press point to it).
  RoiCentre = 4,
  RoiAxisA = 5,
  RoiAxisAOpposite = 6,
  RoiAxisB = 7,
  RoiAxisBOpposite = 8,
  RoiCorner = 9,
};

// One mark, stored in patient coordinates (LPS, mm) so it does not depend on zoom, pan or the
// view it was drawn in. A caliper uses the long axis ends only, a point `longStartMm` only.
struct Measurement {
  int id = 0;
  MeasurementKind kind = MeasurementKind::Caliper;
  Vec3 longStartMm{}, longEndMm{};
  Vec3 shortStartMm{}, shortEndMm{};
  bool hasShortAxis = false;  // a bidirectional mark gets its short axis in a second drag
  // The normal of the plane drawn on: the short axis stays perpendicular to the long axis in
  // that plane, and the mark shows only on planes parallel to it.
  Vec3 planeNormal{0, 0, 1};
  std::optional<SourceImage> source;  // unknown when the series has no per-slice UIDs
  bool isLymphNode = false;           // judged by short axis (RECIST)
  // The series' frame of reference: marks show only on series sharing it (another study of the
  // same patient has other coordinates), and follow-up tracking knows when an offset applies.
  std::string frameOfReferenceUid;
  // An ROI (kind Roi) is an ellipsoid: centre, two perpendicular semi-axis vectors in the plane
  // drawn on (mm; along the view's right and down when drawn), and through the plane a third
  // semi-axis as long as the shorter of the two (docs/roi.md). `roiSphere` keeps the three equal
  // while it is edited (drawn with Shift).
  Vec3 roiCentreMm{};
  Vec3 roiSemiAxisAMm{}, roiSemiAxisBMm{};
  bool roiSphere = false;

  Vec3 point(Handle handle) const;
  void setPoint(Handle handle, const Vec3& mm);
};

double distanceMm(const Vec3& a, const Vec3& b);
// Long axis (caliper: its length; point: 0) and short axis (0 until drawn), in patient space.
double longAxisMm(const Measurement& m);
double shortAxisMm(const Measurement& m);

// The in-plane direction perpendicular to the long axis (unit; the long axis must be non-zero).
Vec3 perpendicularDirection(const Measurement& m);
// Where `dragged` lands when the short axis end is constrained to the line through `fixed`
// perpendicular to the long axis: its projection onto that line.
Vec3 constrainToPerpendicular(const Measurement& m, const Vec3& fixed, const Vec3& dragged);
// After the long axis moved: turns the short axis about its midpoint, keeping its length, back
// to perpendicular.
void restorePerpendicular(Measurement& m);

}  // namespace nbra::viewer
