#include "dicom/codecs/SafeLoad.h"

#include <pthread.h>

#include <condition_variable>
#include <functional>
#include <mutex>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/limits/FileStructure.h"
#include "dicom/limits/ResourcePolicy.h"

namespace nbra::dicom {
namespace {
// A dynamic condition carries our text; this module number is outside DCMTK's own range.
constexpr unsigned short kStructureModule = 0x8000;

// Runs work on a thread of its own with the policy's stack. One per calling thread, started on
// first use and kept: a thread with a 128 MiB stack costs a quarter of a millisecond to create,
// as much as parsing a header, while handing work to a waiting one costs a few microseconds.
class LargeStackRunner {
 public:
  LargeStackRunner() {
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, resourcePolicy().parserStackBytes);
    started_ = pthread_create(&thread_, &attributes, &LargeStackRunner::main, this) == 0;
    pthread_attr_destroy(&attributes);
  }
  ~LargeStackRunner() {
    if (!started_)
      return;
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    pthread_join(thread_, nullptr);
  }
  LargeStackRunner(const LargeStackRunner&) = delete;
  LargeStackRunner& operator=(const LargeStackRunner&) = delete;

  // False when the thread could not be started (no memory for its stack).
  bool run(const std::function<void()>& work) {
    if (!started_)
      return false;
    std::unique_lock lock(mutex_);
    work_ = &work;
    changed_.notify_all();
    changed_.wait(lock, [&] { return work_ == nullptr; });
    return true;
  }

 private:
  static void* main(void* self) {
    static_cast<LargeStackRunner*>(self)->loop();
    return nullptr;
  }
  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return stop_ || work_ != nullptr; });
      if (stop_)
        return;
      const std::function<void()>* work = work_;
      lock.unlock();
      (*work)();  // never throws: the caller's work catches everything
      lock.lock();
      work_ = nullptr;
      changed_.notify_all();
    }
  }

  pthread_t thread_{};
  bool started_ = false;
  std::mutex mutex_;
  std::condition_variable changed_;
  const std::function<void()>* work_ = nullptr;
  bool stop_ = false;
};

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
  OFCondition result = EC_Normal;
  const std::function<void()> parse = [&] {
    try {
      result = file.loadFileUntilTag(path.c_str(), readXfer, EGL_noChange, maxReadLength, readMode,
                                     stopParsingAtElement);
    } catch (...) {  // nothing may leave the parser's thread
      result = makeOFCondition(kStructureModule, 3, OF_error, "the DICOM parser ran out of memory");
    }
  };
  thread_local LargeStackRunner runner;
  if (!runner.run(parse)) {
    return makeOFCondition(kStructureModule, 2, OF_error,
                           "cannot start the DICOM parser (no memory for its stack)");
  }
  return result;
}

}  // namespace nbra::dicom
