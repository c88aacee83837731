#include "dicom/volume/GdcmFallback.h"

#include <gdcmTrace.h>
#include <itkGDCMImageIO.h>
#include <itkImage.h>
#include <itkImageFileReader.h>

#include "dicom/volume/VolumeLoader.h"

namespace nbra::dicom {

std::vector<float> readModalityValuesWithGdcm(const std::string& path) {
  // GDCM reports repairs it makes ("more bits actually stored...") on stderr; our callers get
  // errors as exceptions, so its chatter is turned off.
  gdcm::Trace::WarningOff();
  gdcm::Trace::DebugOff();
  using Image = itk::Image<float, 3>;
  auto reader = itk::ImageFileReader<Image>::New();
  auto io = itk::GDCMImageIO::New();  // set directly: no IO factory registration needed
  reader->SetImageIO(io);
  reader->SetFileName(path);
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw VolumeError(path + ": GDCM cannot decode it: " + e.GetDescription());
  }
  const Image* image = reader->GetOutput();
  const auto count = image->GetLargestPossibleRegion().GetNumberOfPixels();
  const float* data = image->GetBufferPointer();
  return std::vector<float>(data, data + count);
}

}  // namespace nbra::dicom
