#pragma once

#include <vtkSmartPointer.h>

#include "dicom/volume/Volume.h"

class vtkImageData;

namespace nbra::viewer {

// Hands a loaded volume to VTK without copying voxels: the vtkImageData's scalars are the
// Volume's own buffer (the Volume must outlive it). Origin, spacing and the direction matrix
// are set, so index-to-patient mapping matches Volume::toPatientMm.
vtkSmartPointer<vtkImageData> wrapAsVtkImage(nbra::dicom::Volume& volume);

}  // namespace nbra::viewer
