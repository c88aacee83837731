#pragma once

#include <optional>
#include <string>

#include "dicom/volume/Volume.h"
#include "viewer/app/measure/Measurement.h"

namespace nbra::viewer {

// The slice thickness RECIST's "2 × slice thickness" rule is about, and where it came from.
struct SliceThickness {
  double mm = 0;
  std::string source;  // "SliceThickness (0018,0050)" or "slice spacing"
};

// The series' reconstructed SliceThickness (0018,0050) from the headers of its middle image,
// else (no tag, unreadable file) the volume's spacing between slices. The header wins because
// RECIST means the thickness: overlapping reconstructions (3.75 mm thick, 3.27 mm apart) would
// otherwise get a lower, too permissive limit. Reads one file's headers: call once per series.
SliceThickness seriesSliceThickness(const nbra::dicom::Volume& volume);

// The acquired image a point on a plane with `normal` lies on: when the plane is parallel to the
// acquired slices, the slice nearest the point (within half a slice); otherwise a reformatted
// source without a UID. Nothing when the volume has no per-slice records or the point is outside.
std::optional<SourceImage> sourceImageAt(const nbra::dicom::Volume& volume, const Vec3& normal,
                                         const Vec3& pointMm);

// True when a mark drawn on a plane belongs on `plane`: the planes are parallel and the mark is
// within half a slice spacing (along the normal) of it.
bool showsOnPlane(const Measurement& m, const ViewPlane& plane, double sliceSpacingMm);

}  // namespace nbra::viewer
