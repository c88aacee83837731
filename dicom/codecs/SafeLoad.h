#pragma once

#include <dcmtk/dcmdata/dcfilefo.h>

#include <string>

namespace nbra::dicom {

// The one way NBRA hands an untrusted file to DCMTK: the file's structure is walked first
// (dicom/limits/FileStructure) and a file nested too deep for DCMTK's recursive parser is
// refused with the reason in the returned condition's text. Otherwise exactly
// DcmFileFormat::loadFileUntilTag with these arguments. Calls ensureDcmtkReady().
OFCondition loadDicomFile(DcmFileFormat& file, const std::string& path,
                          E_TransferSyntax readXfer = EXS_Unknown,
                          Uint32 maxReadLength = DCM_MaxReadLength,
                          E_FileReadMode readMode = ERM_autoDetect,
                          const DcmTagKey& stopParsingAtElement = DCM_UndefinedTagKey);

// True when `status` is loadDicomFile's own refusal (the structure check), not DCMTK's.
bool isStructureRefusal(const OFCondition& status);

}  // namespace nbra::dicom
