// The structure walk that guards DCMTK (dicom/limits/FileStructure) and the JPEG 2000 SIZ reader:
// the two byte parsers NBRA wrote itself. Differential too: whatever the walk lets through is
// parsed by DCMTK (on the guarded loader's large stack) and its real nesting measured; deeper
// than the policy means the walk was fooled, and the fuzzer stops there.
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcstack.h>

#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/limits/FileStructure.h"
#include "dicom/volume/Jpeg2000Header.h"
#include "tests/fuzz/FuzzFiles.h"

namespace {

// The deepest chain of sequences in the parsed file, walked with DCMTK's own explicit stack.
int sequenceDepth(DcmObject& root) {
  int deepest = 0;
  DcmStack stack;
  while (root.nextObject(stack, OFTrue).good()) {
    int depth = 0;
    for (unsigned long i = 0; i < stack.card(); ++i) {
      if (stack.elem(i)->ident() == EVR_SQ || stack.elem(i)->ident() == EVR_UN)
        ++depth;
    }
    deepest = std::max(deepest, depth);
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nbra::dicom::ensureDcmtkReady();  // the implicit-VR walk asks DCMTK's dictionary
  const std::vector<std::uint8_t> bytes(data, data + size);
  const auto problem = nbra::dicom::bytesStructureProblem(bytes);
  (void)nbra::dicom::readJpeg2000Size(data, size);
  if (problem)
    return 0;
  DcmFileFormat file;
  const std::string path = nbra::fuzz::writeInput(data, size);
  // As the loaders read files: auto-detected, and (the header reader's retry) a bare dataset
  // forced to implicit little endian.
  const std::pair<E_TransferSyntax, E_FileReadMode> readings[] = {
      {EXS_Unknown, ERM_autoDetect}, {EXS_LittleEndianImplicit, ERM_dataset}};
  for (const auto& [xfer, mode] : readings) {
    if (nbra::dicom::loadDicomFile(file, path, xfer, DCM_MaxReadLength, mode).good() &&
        sequenceDepth(file) > nbra::dicom::resourcePolicy().maxSequenceDepth) {
      std::abort();  // the walk accepted a file DCMTK nests deeper than the policy allows
    }
  }
  return 0;
}
