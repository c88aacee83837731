#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "dicom/index/ImageIndex.h"

namespace nbra::dicom {

struct SkippedFile {
  std::string path;
  std::string reason;
};

// What one import found. Counts of files are for this run; `found` describes everything indexed
// below the imported paths (including files that were already indexed and unchanged).
struct ImportSummary {
  std::vector<std::string> roots;
  int filesSeen = 0;      // candidate files (walked, or referenced by a DICOMDIR)
  int dicomDirs = 0;      // DICOMDIR files read for their references
  int newInstances = 0;   // indexed for the first time
  int updated = 0;        // known file, changed on disk, re-read
  int moved = 0;          // known instance found at a new path (old path gone)
  int unchanged = 0;      // known file, same size and time: not re-read
  int missing = 0;        // indexed below a root, now gone from disk
  std::vector<SkippedFile> skipped;  // not DICOM, broken, duplicates: all with a reason
  IndexCounts found;
  bool cancelled = false;
};

struct ImportProgress {
  std::size_t done = 0;
  std::size_t total = 0;
};

struct ImportOptions {
  unsigned threads = 0;  // header readers (0: one per core); writing the index overlaps them
  std::size_t batchSize = 256;   // files per read/commit cycle (one transaction each)
  std::function<void(const ImportProgress&)> onProgress;  // called on the importing thread
  const std::atomic<bool>* cancel = nullptr;               // set to stop after the current batch
};

// Imports folders (recursively), DICOMDIR files and single files into the index. Headers only
// are read, in parallel; files whose size and modification time are unchanged are not read
// again. Bad files are skipped and reported, never fatal. Throws std::runtime_error only when a
// root does not exist or the index itself fails.
ImportSummary importPaths(ImageIndex& index, const std::vector<std::string>& paths,
                          const ImportOptions& options = {});

}  // namespace nbra::dicom
