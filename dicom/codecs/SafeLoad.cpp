#include "dicom/codecs/SafeLoad.h"

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/limits/FileStructure.h"

namespace nbra::dicom {
namespace {
// A dynamic condition carries our text; this module number is outside DCMTK's own range.
constexpr unsigned short kStructureModule = 0x8000;
}  // namespace

bool isStructureRefusal(const OFCondition& status) {
  return status.bad() && status.module() == kStructureModule;
}

OFCondition loadDicomFile(DcmFileFormat& file, const std::string& path, E_TransferSyntax readXfer,
                          Uint32 maxReadLength, E_FileReadMode readMode,
                          const DcmTagKey& stopParsingAtElement) {
  ensureDcmtkReady();
  if (const auto problem = fileStructureProblem(path)) {
    return makeOFCondition(kStructureModule, 1, OF_error, problem->c_str());
  }
  return file.loadFileUntilTag(path.c_str(), readXfer, EGL_noChange, maxReadLength, readMode,
                               stopParsingAtElement);
}

}  // namespace nbra::dicom
