#include "viewer/app/view/SliceSampler.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>

#include <algorithm>
#include <cmath>

namespace nbra::viewer {
namespace {

// Patient direction -> the volume's scaled index space: D^T d (D orthonormal, axes as columns).
Vec3 toIndexSpace(const nbra::dicom::Volume& v, const Vec3& d) {
  Vec3 out{};
  for (std::size_t c = 0; c < 3; ++c) {
    out[c] = v.direction[c] * d[0] + v.direction[3 + c] * d[1] + v.direction[6 + c] * d[2];
  }
  return out;
}

}  // namespace

SliceSampler::SliceSampler(nbra::dicom::Volume& volume) : volume_(volume) {
  image_ = vtkSmartPointer<vtkImageData>::New();
  image_->SetDimensions(static_cast<int>(volume.dimensions[0]), static_cast<int>(volume.dimensions[1]),
                        static_cast<int>(volume.dimensions[2]));
  image_->SetSpacing(volume.spacingMm.data());
  image_->SetOrigin(0, 0, 0);
  const auto count = static_cast<vtkIdType>(volume.voxelCount());
  if (volume.pixelType == nbra::dicom::PixelType::Int16) {
    auto scalars = vtkSmartPointer<vtkShortArray>::New();
    scalars->SetArray(volume.int16Voxels.data(), count, 1);  // 1: VTK never frees it
    image_->GetPointData()->SetScalars(scalars);
  } else {
    auto scalars = vtkSmartPointer<vtkFloatArray>::New();
    scalars->SetArray(volume.float32Voxels.data(), count, 1);
    image_->GetPointData()->SetScalars(scalars);
  }
}

SliceSampler::~SliceSampler() = default;

SampledSlice SliceSampler::sample(const SampleRequest& r) const {
  SampledSlice out;
  out.widthPx = r.widthPx;
  out.heightPx = r.heightPx;
  if (r.widthPx <= 0 || r.heightPx <= 0) return out;

  const Vec3 offset{r.plane.centreMm[0] - volume_.originMm[0], r.plane.centreMm[1] - volume_.originMm[1],
                    r.plane.centreMm[2] - volume_.originMm[2]};
  const Vec3 origin = toIndexSpace(volume_, offset);
  const Vec3 x = toIndexSpace(volume_, r.plane.right);
  const Vec3 y = toIndexSpace(volume_, r.plane.down);
  const Vec3 z = toIndexSpace(volume_, r.plane.normal);

  // A fresh image object per call, sharing the one scalar array: the pipeline writes bookkeeping
  // into its input, and the GUI thread and a MIP worker may sample the same series at once.
  auto input = vtkSmartPointer<vtkImageData>::New();
  input->SetDimensions(image_->GetDimensions());
  input->SetSpacing(image_->GetSpacing());
  input->SetOrigin(0, 0, 0);
  input->GetPointData()->SetScalars(image_->GetPointData()->GetScalars());
  auto reslice = vtkSmartPointer<vtkImageReslice>::New();
  reslice->SetInputData(input);
  reslice->SetResliceAxesDirectionCosines(x.data(), y.data(), z.data());
  reslice->SetResliceAxesOrigin(origin.data());
  reslice->SetOutputDimensionality(2);
  const double stepMm = std::min({volume_.spacingMm[0], volume_.spacingMm[1], volume_.spacingMm[2]});
  reslice->SetOutputSpacing(r.mmPerPixel, r.mmPerPixel, stepMm);
  reslice->SetOutputOrigin(-0.5 * (r.widthPx - 1) * r.mmPerPixel, -0.5 * (r.heightPx - 1) * r.mmPerPixel, 0);
  reslice->SetOutputExtent(0, r.widthPx - 1, 0, r.heightPx - 1, 0, 0);
  if (r.nearest) {
    reslice->SetInterpolationModeToNearestNeighbor();
  } else {
    reslice->SetInterpolationModeToLinear();
  }
  // A value no image holds marks "outside"; it survives the cast to float below.
  reslice->SetBackgroundLevel(volume_.pixelType == nbra::dicom::PixelType::Int16 ? -32768 : -1e30);
  if (r.slabMode != SlabMode::None && r.slabThicknessMm > stepMm) {
    reslice->SetSlabNumberOfSlices(std::max(1, static_cast<int>(std::lround(r.slabThicknessMm / stepMm))));
    switch (r.slabMode) {
      case SlabMode::Max: reslice->SetSlabModeToMax(); break;
      case SlabMode::Min: reslice->SetSlabModeToMin(); break;
      default: reslice->SetSlabModeToMean(); break;
    }
  }
  reslice->Update();
  vtkImageData* result = reslice->GetOutput();
  const std::size_t n = static_cast<std::size_t>(r.widthPx) * static_cast<std::size_t>(r.heightPx);
  out.values.resize(n);
  out.inside.resize(n);
  const float outside = volume_.pixelType == nbra::dicom::PixelType::Int16 ? -32768.0f : -1e30f;
  if (volume_.pixelType == nbra::dicom::PixelType::Int16) {
    const auto* data = static_cast<const short*>(result->GetScalarPointer());
    for (std::size_t i = 0; i < n; ++i) out.values[i] = data[i];
  } else {
    const auto* data = static_cast<const float*>(result->GetScalarPointer());
    std::copy(data, data + n, out.values.begin());
  }
  for (std::size_t i = 0; i < n; ++i) {
    out.inside[i] = out.values[i] > outside * 0.999f ? 1 : 0;
  }
  return out;
}

bool SliceSampler::valueAt(const Vec3& patientMm, double& value) const {
  const auto v = volume_.toVoxel(patientMm);
  for (std::size_t i = 0; i < 3; ++i) {
    if (v[i] < -0.5 || v[i] > static_cast<double>(volume_.dimensions[i]) - 0.5) return false;
  }
  // Trilinear, clamped at the borders.
  std::size_t i0[3], i1[3];
  double f[3];
  for (std::size_t a = 0; a < 3; ++a) {
    const double c = std::clamp(v[a], 0.0, static_cast<double>(volume_.dimensions[a] - 1));
    i0[a] = static_cast<std::size_t>(std::floor(c));
    i1[a] = std::min(i0[a] + 1, volume_.dimensions[a] - 1);
    f[a] = c - static_cast<double>(i0[a]);
  }
  value = 0;
  for (int corner = 0; corner < 8; ++corner) {
    const std::size_t x = corner & 1 ? i1[0] : i0[0];
    const std::size_t y = corner & 2 ? i1[1] : i0[1];
    const std::size_t z = corner & 4 ? i1[2] : i0[2];
    const double w = (corner & 1 ? f[0] : 1 - f[0]) * (corner & 2 ? f[1] : 1 - f[1]) *
                     (corner & 4 ? f[2] : 1 - f[2]);
    value += w * volume_.value(x, y, z);
  }
  return true;
}

}  // namespace nbra::viewer
