#pragma once

#include <string>
#include <vector>

namespace nbra::dicom {

// Decodes every frame of a file with GDCM through ITK's GDCMImageIO (our JPEG 2000 path; DCMTK
// has no JPEG 2000 decoder). Returns modality values (GDCM applies the rescale), frame after
// frame, row by row. Kept in its own file so ITK's heavy headers stay out of everything else.
// Throws VolumeError naming the file.
std::vector<float> readModalityValuesWithGdcm(const std::string& path);

}  // namespace nbra::dicom
