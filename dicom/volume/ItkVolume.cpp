#include "dicom/volume/ItkVolume.h"

#include <itkImportImageFilter.h>

#include <stdexcept>

namespace nbra::dicom {
namespace {

template <typename Pixel>
typename itk::Image<Pixel, 3>::Pointer wrap(Volume& volume, Pixel* buffer) {
  using Import = itk::ImportImageFilter<Pixel, 3>;
  auto import = Import::New();
  typename Import::SizeType size;
  typename Import::IndexType start;
  double spacing[3];
  double origin[3];
  for (unsigned i = 0; i < 3; ++i) {
    size[i] = volume.dimensions[i];
    start[i] = 0;
    spacing[i] = volume.spacingMm[i];
    origin[i] = volume.originMm[i];
  }
  typename Import::RegionType region;
  region.SetIndex(start);
  region.SetSize(size);
  import->SetRegion(region);
  import->SetSpacing(spacing);
  import->SetOrigin(origin);
  typename Import::DirectionType direction;
  for (unsigned r = 0; r < 3; ++r) {
    for (unsigned c = 0; c < 3; ++c) direction(r, c) = volume.direction[r * 3 + c];
  }
  import->SetDirection(direction);
  // false: ITK must not free memory the Volume owns.
  import->SetImportPointer(buffer, volume.voxelCount(), false);
  import->Update();
  typename itk::Image<Pixel, 3>::Pointer image = import->GetOutput();
  image->DisconnectPipeline();
  return image;
}

}  // namespace

ItkFloatVolume::Pointer wrapAsItkFloat(Volume& volume) {
  if (volume.pixelType != PixelType::Float32) {
    throw std::invalid_argument("wrapAsItkFloat: the volume holds int16 voxels");
  }
  return wrap<float>(volume, volume.float32Voxels.data());
}

ItkInt16Volume::Pointer wrapAsItkInt16(Volume& volume) {
  if (volume.pixelType != PixelType::Int16) {
    throw std::invalid_argument("wrapAsItkInt16: the volume holds float32 voxels");
  }
  return wrap<std::int16_t>(volume, volume.int16Voxels.data());
}

}  // namespace nbra::dicom
