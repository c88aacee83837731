#pragma once

#include <vtkSmartPointer.h>

#include <vector>

#include "dicom/volume/Volume.h"
#include "viewer/app/view/ViewPlane.h"

class vtkImageData;

namespace nbra::viewer {

enum class SlabMode { None, Max, Min, Mean };

// What to sample: a plane, an output raster (pixels at `mmPerPixel`), and an optional slab of
// `slabThicknessMm` along the normal combined by `slabMode`.
struct SampleRequest {
  ViewPlane plane;
  int widthPx = 0;
  int heightPx = 0;
  double mmPerPixel = 1;
  SlabMode slabMode = SlabMode::None;
  double slabThicknessMm = 0;
  bool nearest = false;  // nearest neighbour (fast previews, planar counts)
};

// Values on the plane, row by row (row 0 at the top of the screen); `inside[i]` is false where the
// plane leaves the volume.
struct SampledSlice {
  int widthPx = 0;
  int heightPx = 0;
  std::vector<float> values;
  std::vector<unsigned char> inside;
};

// Reslices one volume on the CPU with vtkImageReslice. The volume's voxels are shared, not
// copied; the sampler keeps a view of them, so the Volume must outlive it. Patient geometry
// (origin, direction) is applied here, so VTK only sees an axis-aligned grid of the volume's
// spacing: nothing depends on how a VTK version treats direction matrices.
class SliceSampler {
 public:
  explicit SliceSampler(nbra::dicom::Volume& volume);
  ~SliceSampler();
  SliceSampler(const SliceSampler&) = delete;
  SliceSampler& operator=(const SliceSampler&) = delete;

  SampledSlice sample(const SampleRequest& request) const;
  // Trilinear value at a patient point; false outside the volume.
  bool valueAt(const Vec3& patientMm, double& value) const;

  const nbra::dicom::Volume& volume() const { return volume_; }

 private:
  nbra::dicom::Volume& volume_;
  vtkSmartPointer<vtkImageData> image_;  // index space scaled by spacing; shares the voxels
};

}  // namespace nbra::viewer
