#include "viewer/vtk/VtkVolume.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>

namespace nbra::viewer {

vtkSmartPointer<vtkImageData> wrapAsVtkImage(nbra::dicom::Volume& volume) {
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->SetDimensions(static_cast<int>(volume.dimensions[0]), static_cast<int>(volume.dimensions[1]),
                       static_cast<int>(volume.dimensions[2]));
  image->SetSpacing(volume.spacingMm.data());
  image->SetOrigin(volume.originMm.data());
  image->SetDirectionMatrix(volume.direction.data());
  const auto count = static_cast<vtkIdType>(volume.voxelCount());
  // save = 1: VTK must not free memory the Volume owns.
  if (volume.pixelType == nbra::dicom::PixelType::Int16) {
    auto scalars = vtkSmartPointer<vtkShortArray>::New();
    scalars->SetArray(volume.int16Voxels.data(), count, 1);
    image->GetPointData()->SetScalars(scalars);
  } else {
    auto scalars = vtkSmartPointer<vtkFloatArray>::New();
    scalars->SetArray(volume.float32Voxels.data(), count, 1);
    image->GetPointData()->SetScalars(scalars);
  }
  return image;
}

}  // namespace nbra::viewer
