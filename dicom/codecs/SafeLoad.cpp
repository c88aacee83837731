#include "dicom/codecs/SafeLoad.h"

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/limits/FileStructure.h"
#include "dicom/limits/ResourcePolicy.h"

#include <pthread.h>

namespace nbra::dicom {
namespace {
// A dynamic condition carries our text; this module number is outside DCMTK's own range.
constexpr unsigned short kStructureModule = 0x8000;
}  // namespace

namespace {

// DCMTK's parse, run on a thread of its own so that it has the policy's stack.
struct ParseJob {
  DcmFileFormat* file;
  const std::string* path;
  E_TransferSyntax readXfer;
  Uint32 maxReadLength;
  E_FileReadMode readMode;
  const DcmTagKey* stopParsingAtElement;
  OFCondition result;
};

void* parseOnThread(void* argument) {
  auto* job = static_cast<ParseJob*>(argument);
  try {
    job->result = job->file->loadFileUntilTag(job->path->c_str(), job->readXfer, EGL_noChange,
                                              job->maxReadLength, job->readMode,
                                              *job->stopParsingAtElement);
  } catch (...) {  // nothing may leave a thread's start routine
    job->result = makeOFCondition(kStructureModule, 3, OF_error,
                                  "the DICOM parser ran out of memory");
  }
  return nullptr;
}

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
  ParseJob job{&file, &path, readXfer, maxReadLength, readMode, &stopParsingAtElement, EC_Normal};
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, resourcePolicy().parserStackBytes);
  pthread_t thread;
  const int started = pthread_create(&thread, &attributes, parseOnThread, &job);
  pthread_attr_destroy(&attributes);
  if (started != 0) {
    return makeOFCondition(kStructureModule, 2, OF_error,
                           "cannot start the DICOM parser (no memory for its stack)");
  }
  pthread_join(thread, nullptr);
  return job.result;
}

}  // namespace nbra::dicom
