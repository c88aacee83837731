#include "viewer/app/measure/SeriesGeometry.h"

#include <cmath>

#include "dicom/volume/FrameHeaders.h"
#include "viewer/app/view/VectorMath.h"

namespace nbra::viewer {

namespace {
using vec::dot;
// Planes within ~0.1 degree count as parallel (direction cosines are stored to ~1e-6).
constexpr double kParallel = 0.99999;
}  // namespace

SliceThickness seriesSliceThickness(const nbra::dicom::Volume& volume) {
  if (!volume.slices.empty()) {
    const auto& slice = volume.slices[volume.slices.size() / 2];
    try {
      for (const auto& header : nbra::dicom::readFrameHeaders(slice.path)) {
        if (header.frame == slice.frame && header.sliceThicknessMm > 0) {
          return {header.sliceThicknessMm, "SliceThickness (0018,0050)"};
        }
      }
    } catch (const std::exception&) {
      // The file moved or cannot be read: fall back to the geometry, which is always known.
    }
  }
  return {volume.spacingMm[2], "slice spacing"};
}

std::optional<SourceImage> sourceImageAt(const nbra::dicom::Volume& volume, const Vec3& normal,
                                         const Vec3& pointMm) {
  if (volume.slices.size() != volume.dimensions[2] || volume.slices.empty())
    return std::nullopt;
  const Vec3 sliceAxis{volume.direction[2], volume.direction[5], volume.direction[8]};
  if (std::abs(dot(sliceAxis, normal)) < kParallel)
    return SourceImage{{}, 0, true};
  const double z = volume.toVoxel(pointMm)[2];
  const long k = std::lround(z);
  if (k < 0 || static_cast<std::size_t>(k) >= volume.slices.size())
    return std::nullopt;
  const auto& slice = volume.slices[static_cast<std::size_t>(k)];
  if (slice.sopInstanceUid.empty())
    return std::nullopt;
  return SourceImage{slice.sopInstanceUid, slice.frame, false};
}

bool showsOnPlane(const Measurement& m, const ViewPlane& plane, double sliceSpacingMm) {
  if (std::abs(dot(m.planeNormal, plane.normal)) < kParallel)
    return false;
  return std::abs(plane.distanceMm(m.longStartMm)) <= sliceSpacingMm / 2 + 1e-6;
}

}  // namespace nbra::viewer
