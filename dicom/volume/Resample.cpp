#include "dicom/volume/Resample.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dicom/limits/PlausibleValues.h"
#include "dicom/limits/ResourcePolicy.h"
#include "dicom/volume/VolumeLoader.h"

namespace nbra::dicom {
namespace {

double dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Each slice's in-plane offset (a, b) from slice 0 and its position s along the normal.
struct SliceOffsets {
  std::vector<double> a, b, s;
  double minA = 0, maxA = 0, minB = 0, maxB = 0;
};

SliceOffsets offsetsOf(const Volume& stack, const std::vector<FramePlacement>& placements) {
  const Vec3 row{stack.direction[0], stack.direction[3], stack.direction[6]};
  const Vec3 col{stack.direction[1], stack.direction[4], stack.direction[7]};
  const Vec3 normal{stack.direction[2], stack.direction[5], stack.direction[8]};
  const std::size_t nz = placements.size();
  SliceOffsets o;
  o.a.resize(nz);
  o.b.resize(nz);
  o.s.resize(nz);
  const Vec3& p0 = placements.front().positionMm;
  for (std::size_t k = 0; k < nz; ++k) {
    const Vec3& p = placements[k].positionMm;
    const Vec3 d{p[0] - p0[0], p[1] - p0[1], p[2] - p0[2]};
    o.a[k] = dot(d, row);
    o.b[k] = dot(d, col);
    o.s[k] = dot(p, normal);
  }
  o.minA = *std::min_element(o.a.begin(), o.a.end());
  o.maxA = *std::max_element(o.a.begin(), o.a.end());
  o.minB = *std::min_element(o.b.begin(), o.b.end());
  o.maxB = *std::max_element(o.b.begin(), o.b.end());
  return o;
}

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.4g mm", value);
  return text;
}

}  // namespace

ResampledGrid planResampledGrid(const Volume& stack, const std::vector<FramePlacement>& placements,
                                double sliceSpacingMm) {
  const std::size_t nz = stack.dimensions[2];
  if (placements.size() != nz || nz == 0) {
    throw VolumeError("resampling needs one position per slice");
  }
  for (const FramePlacement& p : placements) {
    for (const double c : p.positionMm) {
      if (!std::isfinite(c)) {
        throw VolumeError("series " + stack.seriesInstanceUid + ": a slice position is " +
                          formatValue(c) + "; cannot resample");
      }
    }
  }
  const ResourcePolicy& policy = resourcePolicy();
  const SliceOffsets o = offsetsOf(stack, placements);
  const double dx = stack.spacingMm[0];
  const double dy = stack.spacingMm[1];
  // Sizes in double first: a position far away makes them huge (or infinite), never wrapped.
  const double columns =
      std::round((o.maxA - o.minA) / dx) + static_cast<double>(stack.dimensions[0]);
  const double rows = std::round((o.maxB - o.minB) / dy) + static_cast<double>(stack.dimensions[1]);
  const double range = o.s.back() - o.s.front();
  const double slices = nz > 1 ? std::max(2.0, std::round(range / sliceSpacingMm) + 1) : 1.0;
  const std::string where = "slice positions (ImagePositionPatient) of series " +
                            stack.seriesInstanceUid + " span " + mm(o.maxA - o.minA) + " x " +
                            mm(o.maxB - o.minB) + " in plane and " + mm(range) +
                            " along the normal";
  const double maxSide = static_cast<double>(policy.maxRowsOrColumns);
  if (!(columns <= maxSide && rows <= maxSide)) {
    throw VolumeError(where + ": the resampled grid would be " + formatValue(columns) + " x " +
                      formatValue(rows) + " pixels, more than " + formatValue(maxSide) +
                      " per side; a position is wrong");
  }
  if (!(slices <= policy.maxResampledSlicesPerAcquired * static_cast<double>(nz) + 1)) {
    throw VolumeError(where + ": filling the gaps would need " + formatValue(slices) + " slices " +
                      mm(sliceSpacingMm) + " apart for " + std::to_string(nz) +
                      " acquired, more than " + formatValue(policy.maxResampledSlicesPerAcquired) +
                      " times as many; a position is wrong, not a few slices missing");
  }
  const double bytes = columns * rows * slices * sizeof(float);
  if (!(bytes <= static_cast<double>(policy.maxVolumeBytes))) {
    throw VolumeError(where + ": the resampled volume would need " +
                      formatValue(bytes / (1 << 20)) + " MiB, more than the " +
                      std::to_string(policy.maxVolumeBytes >> 20) + " MiB a volume may use");
  }
  ResampledGrid grid;
  grid.dimensions = {static_cast<std::size_t>(columns), static_cast<std::size_t>(rows),
                     static_cast<std::size_t>(slices)};
  // Whole slices from the first to the last position: the spacing is adjusted slightly so the
  // last slice is not dropped (and recorded, so distances stay true).
  grid.spacingMm = {dx, dy, nz > 1 ? range / (slices - 1) : sliceSpacingMm};
  const Vec3 row{stack.direction[0], stack.direction[3], stack.direction[6]};
  const Vec3 col{stack.direction[1], stack.direction[4], stack.direction[7]};
  const Vec3& p0 = placements.front().positionMm;
  for (std::size_t r = 0; r < 3; ++r) {
    grid.originMm[r] = p0[r] + o.minA * row[r] + o.minB * col[r];
  }
  return grid;
}

Volume resampleToRegularGrid(const Volume& stack, const std::vector<FramePlacement>& placements,
                             double sliceSpacingMm) {
  const ResampledGrid grid = planResampledGrid(stack, placements, sliceSpacingMm);
  const SliceOffsets o = offsetsOf(stack, placements);
  const std::vector<double>& a = o.a;
  const std::vector<double>& b = o.b;
  const std::vector<double>& s = o.s;
  const double minA = o.minA;
  const double minB = o.minB;
  const std::size_t nx = stack.dimensions[0];
  const std::size_t ny = stack.dimensions[1];
  const std::size_t nz = stack.dimensions[2];
  const double dx = stack.spacingMm[0];
  const double dy = stack.spacingMm[1];

  Volume out;
  out.modality = stack.modality;
  out.sopClassUid = stack.sopClassUid;
  out.seriesInstanceUid = stack.seriesInstanceUid;
  out.frameOfReferenceUid = stack.frameOfReferenceUid;
  out.warnings = stack.warnings;
  out.slices = stack.slices;
  out.pixelType = stack.pixelType;
  out.direction = stack.direction;
  out.dimensions = grid.dimensions;
  out.spacingMm = grid.spacingMm;
  out.originMm = grid.originMm;

  double background = 0;
  if (stack.pixelType == PixelType::Int16) {
    background = *std::min_element(stack.int16Voxels.begin(), stack.int16Voxels.end());
    out.int16Voxels.assign(out.voxelCount(), static_cast<std::int16_t>(background));
  } else {
    background = *std::min_element(stack.float32Voxels.begin(), stack.float32Voxels.end());
    out.float32Voxels.assign(out.voxelCount(), static_cast<float>(background));
  }

  // Bilinear sample of slice k at continuous column u, row v; background outside.
  auto sample = [&](std::size_t k, double u, double v) {
    if (u < 0 || v < 0 || u > static_cast<double>(nx - 1) || v > static_cast<double>(ny - 1)) {
      return background;
    }
    const auto u0 = static_cast<std::size_t>(u);
    const auto v0 = static_cast<std::size_t>(v);
    const std::size_t u1 = std::min(u0 + 1, nx - 1);
    const std::size_t v1 = std::min(v0 + 1, ny - 1);
    const double fu = u - static_cast<double>(u0);
    const double fv = v - static_cast<double>(v0);
    return (stack.value(u0, v0, k) * (1 - fu) + stack.value(u1, v0, k) * fu) * (1 - fv) +
           (stack.value(u0, v1, k) * (1 - fu) + stack.value(u1, v1, k) * fu) * fv;
  };

  std::size_t m = 0;
  for (std::size_t z = 0; z < out.dimensions[2]; ++z) {
    const double position = s.front() + static_cast<double>(z) * out.spacingMm[2];
    while (m + 2 < nz && s[m + 1] < position)
      ++m;
    const double span = nz > 1 ? s[m + 1] - s[m] : 1;
    const double t = nz > 1 ? std::clamp((position - s[m]) / span, 0.0, 1.0) : 0;
    const std::size_t m1 = nz > 1 ? m + 1 : m;
    for (std::size_t y = 0; y < out.dimensions[1]; ++y) {
      const double planeB = minB + static_cast<double>(y) * dy;
      for (std::size_t x = 0; x < out.dimensions[0]; ++x) {
        const double planeA = minA + static_cast<double>(x) * dx;
        const double lower = sample(m, (planeA - a[m]) / dx, (planeB - b[m]) / dy);
        const double upper = sample(m1, (planeA - a[m1]) / dx, (planeB - b[m1]) / dy);
        const double value = lower * (1 - t) + upper * t;
        const std::size_t i = x + out.dimensions[0] * (y + out.dimensions[1] * z);
        if (out.pixelType == PixelType::Int16) {
          out.int16Voxels[i] = static_cast<std::int16_t>(std::lround(value));
        } else {
          out.float32Voxels[i] = static_cast<float>(value);
        }
      }
    }
  }
  char text[200];
  std::snprintf(text, sizeof(text),
                "resampled to a regular grid of %zu slices %.3g mm apart along the slice normal "
                "(trilinear): measure distances in mm, but values between slices are interpolated",
                out.dimensions[2], out.spacingMm[2]);
  out.warnings.emplace_back(text);
  // Slices no longer correspond one-to-one with files.
  out.slices.clear();
  return out;
}

}  // namespace nbra::dicom
