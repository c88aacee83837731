#pragma once

// Hands a loaded volume to ITK without copying voxels. Include only where ITK is used: ITK's
// headers are heavy, and this header pulls them in.

#include <itkImage.h>

#include "dicom/volume/Volume.h"

namespace nbra::dicom {

using ItkFloatVolume = itk::Image<float, 3>;
using ItkInt16Volume = itk::Image<std::int16_t, 3>;

// The returned image reads and writes the Volume's own buffer (the Volume must outlive it and
// keep its pixel type). Spacing, origin and direction are the Volume's. Throws
// std::invalid_argument when the Volume holds the other pixel type.
ItkFloatVolume::Pointer wrapAsItkFloat(Volume& volume);
ItkInt16Volume::Pointer wrapAsItkInt16(Volume& volume);

}  // namespace nbra::dicom
