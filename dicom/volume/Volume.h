#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nbra::dicom {

enum class PixelType { Int16, Float32 };

// Where one slice of a volume came from: the file, the frame in it, and what a quantitative
// reader needs per slice (PET frames carry their own timing).
struct SliceSource {
  std::string path;
  int frame = 0;  // 0-based frame in a multi-frame file
  std::string sopInstanceUid;
  std::string acquisitionDate;      // DA
  std::string acquisitionTime;      // TM
  std::string acquisitionDateTime;  // DT, when the file has one
  double frameReferenceTimeMs = 0;  // (0054,1300)
  double actualFrameDurationMs = 0; // (0018,1242)
};

// One regular 3-D grid of modality values (rescale slope and intercept applied), in DICOM
// patient coordinates (LPS, mm). Voxels are stored x fastest, then y, then z:
//   index = x + dimensions[0] * (y + dimensions[1] * z)
// CT and most MR fit int16 exactly; anything with fractional or per-slice rescale (PET) is
// float32. Exactly one of int16Voxels / float32Voxels is filled.
struct Volume {
  std::array<std::size_t, 3> dimensions{};  // columns, rows, slices
  std::array<double, 3> spacingMm{};        // column spacing, row spacing, slice spacing
  std::array<double, 3> originMm{};         // centre of voxel (0,0,0)
  // Direction cosines, row-major 3x3 with the axes as COLUMNS (ITK's convention):
  // direction[r * 3 + c] is component r of axis c. Axis 2 is the stacking direction actually
  // observed (after resampling a tilted series it is the slice normal).
  std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};
  PixelType pixelType = PixelType::Int16;
  std::vector<std::int16_t> int16Voxels;
  std::vector<float> float32Voxels;

  std::string modality;
  std::string sopClassUid;
  std::string seriesInstanceUid;
  std::string frameOfReferenceUid;
  std::vector<SliceSource> slices;    // one per z, in z order
  std::vector<std::string> warnings;  // resampling, gaps, anything a reader should know

  std::size_t voxelCount() const { return dimensions[0] * dimensions[1] * dimensions[2]; }
  std::size_t voxelBytes() const {
    return voxelCount() * (pixelType == PixelType::Int16 ? sizeof(std::int16_t) : sizeof(float));
  }
  double value(std::size_t x, std::size_t y, std::size_t z) const {
    const std::size_t i = x + dimensions[0] * (y + dimensions[1] * z);
    return pixelType == PixelType::Int16 ? int16Voxels[i] : float32Voxels[i];
  }
  // Patient position (mm) of a continuous voxel index.
  std::array<double, 3> toPatientMm(double x, double y, double z) const {
    const double ix[3] = {x * spacingMm[0], y * spacingMm[1], z * spacingMm[2]};
    std::array<double, 3> p = originMm;
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) {
        p[static_cast<std::size_t>(r)] += direction[static_cast<std::size_t>(r * 3 + c)] * ix[c];
      }
    }
    return p;
  }
  // Continuous voxel index of a patient position (inverse of toPatientMm; axes orthonormal).
  std::array<double, 3> toVoxel(const std::array<double, 3>& patientMm) const {
    const double d[3] = {patientMm[0] - originMm[0], patientMm[1] - originMm[1],
                         patientMm[2] - originMm[2]};
    std::array<double, 3> v{};
    for (int c = 0; c < 3; ++c) {
      double along = 0;
      for (int r = 0; r < 3; ++r) {
        along += direction[static_cast<std::size_t>(r * 3 + c)] * d[r];
      }
      v[static_cast<std::size_t>(c)] = along / spacingMm[static_cast<std::size_t>(c)];
    }
    return v;
  }
};

}  // namespace nbra::dicom
