// The structure walk that guards DCMTK (dicom/limits/FileStructure) and the JPEG 2000 SIZ reader:
// the two byte parsers NBRA wrote itself.
#include <cstdint>
#include <vector>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/limits/FileStructure.h"
#include "dicom/volume/Jpeg2000Header.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nbra::dicom::ensureDcmtkReady();  // the implicit-VR walk asks DCMTK's dictionary
  (void)nbra::dicom::bytesStructureProblem(std::vector<std::uint8_t>(data, data + size));
  (void)nbra::dicom::readJpeg2000Size(data, size);
  return 0;
}
