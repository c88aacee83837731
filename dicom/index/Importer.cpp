#include "dicom/index/Importer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "dicom/index/HeaderReader.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

std::string normalPath(const fs::path& p) { return fs::absolute(p).lexically_normal().string(); }

// Size and modification time: together they tell an unchanged file without opening it.
bool stampOf(const std::string& path, FileStamp& stamp) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    return false;
  }
  const auto time = fs::last_write_time(path, ec);
  if (ec) {
    return false;
  }
  stamp.path = path;
  stamp.sizeBytes = size;
  stamp.modifiedNs =
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  return true;
}

bool looksLikeDicomDirName(const fs::path& p) {
  std::string name = p.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name == "DICOMDIR";
}

// Walks a folder without following links to folders (no cycles), skipping what cannot be read.
// Returns false when the walk stopped early: then the files not reached are not known to be gone.
bool collectFiles(const fs::path& root, std::vector<std::string>& files,
                  std::vector<SkippedFile>& skipped) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    skipped.push_back({normalPath(root), "cannot list folder: " + ec.message()});
    return false;
  }
  for (const fs::recursive_directory_iterator end; it != end;) {
    std::error_code typeError;
    if (it->is_regular_file(typeError)) {
      files.push_back(normalPath(it->path()));
    }
    it.increment(ec);
    if (ec) {
      skipped.push_back({normalPath(root), "folder walk stopped early: " + ec.message()});
      return false;
    }
  }
  return true;
}

struct Candidate {
  FileStamp stamp;
  HeaderReadResult result;
};

// Reads the headers of a batch in parallel; each worker takes the next unread file.
void readBatch(std::vector<Candidate>& batch, unsigned threads) {
  if (batch.empty()) {
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < batch.size(); i = next++) {
      batch[i].result = readHeader(batch[i].stamp.path);
    }
  };
  const unsigned helpers =
      std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(batch.size()))) - 1;
  std::vector<std::jthread> pool;
  pool.reserve(helpers);
  for (unsigned t = 0; t < helpers; ++t) {
    pool.emplace_back(work);
  }
  work();
}

class ImportRun {
 public:
  ImportRun(ImageIndex& index, const ImportOptions& options) : index_(index), options_(options) {
    threads_ = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  }

  ImportSummary run(const std::vector<std::string>& paths) {
    std::vector<std::string> folders;
    std::vector<std::string> files;
    for (const auto& p : paths) {
      std::error_code ec;
      const std::string path = normalPath(p);
      summary_.roots.push_back(path);
      if (fs::is_directory(path, ec)) {
        // Only a folder walked completely can tell which of its indexed files are gone.
        if (collectFiles(path, files, summary_.skipped)) folders.push_back(path);
        // Walk order depends on the file system; sorted, "which of two duplicates is kept"
        // and every report are the same on every machine.
        std::sort(files.begin(), files.end());
      } else if (fs::exists(path, ec)) {
        files.push_back(path);
      } else {
        throw std::runtime_error(p + ": no such file or folder");
      }
    }
    known_ = index_.knownFiles();

    // DICOMDIRs may reference files outside the walked folders: each pass imports what the
    // previous one's DICOMDIRs referenced, until nothing new turns up.
    std::vector<std::string> pending = std::move(files);
    while (!pending.empty() && !cancelled()) {
      std::vector<std::string> next;
      process(pending, next);
      pending = std::move(next);
    }
    if (!cancelled()) {
      markMissing(folders);
    }
    summary_.cancelled = cancelled();
    summary_.found = index_.countInstances(seenInstances_);
    std::sort(summary_.skipped.begin(), summary_.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    return summary_;
  }

 private:
  bool cancelled() const { return options_.cancel && options_.cancel->load(); }

  void process(const std::vector<std::string>& paths, std::vector<std::string>& referenced) {
    std::vector<Candidate> toRead;
    for (const auto& path : paths) {
      if (!seenPaths_.insert(path).second) {
        continue;
      }
      ++summary_.filesSeen;
      Candidate c;
      if (!stampOf(path, c.stamp)) {
        summary_.skipped.push_back({path, "cannot read file (it vanished or access is denied)"});
        continue;
      }
      const auto known = known_.find(path);
      if (known != known_.end() && known->second.stamp == c.stamp &&
          !looksLikeDicomDirName(path)) {
        keepUnchanged(known->second);
        continue;
      }
      toRead.push_back(std::move(c));
    }
    total_ += toRead.size();
    report();
    auto takeBatch = [&](std::size_t start) {
      const std::size_t end = std::min(toRead.size(), start + options_.batchSize);
      return std::vector<Candidate>(
          std::make_move_iterator(toRead.begin() + static_cast<long>(start)),
          std::make_move_iterator(toRead.begin() + static_cast<long>(end)));
    };
    // A pipeline: while one batch is written to the index (one thread: SQLite has one writer),
    // the next is read by the other threads.
    std::vector<Candidate> batch = takeBatch(0);
    readBatch(batch, threads_);
    for (std::size_t start = 0; start < toRead.size() && !cancelled();
         start += options_.batchSize) {
      const std::size_t nextStart = start + options_.batchSize;
      std::vector<Candidate> next;
      std::future<void> reading;
      if (nextStart < toRead.size()) {
        next = takeBatch(nextStart);
        reading = std::async(std::launch::async, [&next, this] {
          readBatch(next, std::max(1u, threads_ - 1));
        });
      }
      store(batch, referenced);
      done_ += batch.size();
      report();
      if (reading.valid()) reading.get();
      batch = std::move(next);
    }
  }

  void keepUnchanged(const KnownFile& file) {
    if (!file.skipReason.empty()) {
      summary_.skipped.push_back({file.stamp.path, file.skipReason});
      return;
    }
    if (file.missing) {
      index_.setMissing(file.instanceId, false);  // it came back
    }
    ++summary_.unchanged;
    seenInstances_.push_back(file.instanceId);
  }

  void store(std::vector<Candidate>& batch, std::vector<std::string>& referenced) {
    index_.beginBatch();
    try {
      for (auto& c : batch) {
        if (auto* header = std::get_if<InstanceHeader>(&c.result)) {
          const StoreOutcome outcome = index_.storeInstance(*header, c.stamp);
          switch (outcome.kind) {
            case StoreKind::New: ++summary_.newInstances; break;
            case StoreKind::Updated: ++summary_.updated; break;
            case StoreKind::Moved: ++summary_.moved; break;
            case StoreKind::Duplicate: {
              const std::string reason =
                  "duplicate: same SOP Instance UID as " + outcome.duplicateOf;
              summary_.skipped.push_back({c.stamp.path, reason});
              index_.storeSkipped(c.stamp, reason);
              continue;
            }
          }
          seenInstances_.push_back(outcome.instanceId);
        } else if (auto* dir = std::get_if<DicomDirContents>(&c.result)) {
          ++summary_.dicomDirs;
          for (const auto& file : dir->referencedFiles) {
            std::error_code ec;
            if (fs::exists(file, ec)) {
              referenced.push_back(file);
            } else if (seenPaths_.insert(file).second) {
              summary_.skipped.push_back(
                  {file, "referenced by DICOMDIR " + c.stamp.path + " but not found"});
            }
          }
        } else {
          const auto& reason = std::get<Unreadable>(c.result).reason;
          summary_.skipped.push_back({c.stamp.path, reason});
          index_.storeSkipped(c.stamp, reason);
        }
      }
      index_.commitBatch();
    } catch (...) {
      index_.rollbackBatch();
      throw;
    }
  }

  // Files indexed below an imported folder that the walk no longer found are gone (deleted, or
  // moved: a moved file is recognised by its SOP Instance UID when its new place is imported).
  void markMissing(const std::vector<std::string>& folders) {
    index_.beginBatch();
    try {
      markMissingIn(folders);
      index_.commitBatch();
    } catch (...) {
      index_.rollbackBatch();
      throw;
    }
  }

  void markMissingIn(const std::vector<std::string>& folders) {
    for (const auto& folder : folders) {
      for (const auto& file : index_.filesUnder(folder)) {
        if (seenPaths_.count(file.stamp.path)) {
          continue;
        }
        if (file.instanceId) {
          index_.setMissing(file.instanceId, true);
          ++summary_.missing;
        } else {
          index_.forgetSkipped(file.stamp.path);
        }
      }
    }
  }

  void report() {
    if (options_.onProgress) {
      options_.onProgress({done_, total_});
    }
  }

  ImageIndex& index_;
  const ImportOptions& options_;
  unsigned threads_ = 1;
  ImportSummary summary_;
  std::unordered_map<std::string, KnownFile> known_;
  std::unordered_set<std::string> seenPaths_;
  std::vector<std::int64_t> seenInstances_;
  std::size_t done_ = 0;
  std::size_t total_ = 0;
};

}  // namespace

ImportSummary importPaths(ImageIndex& index, const std::vector<std::string>& paths,
                          const ImportOptions& options) {
  return ImportRun(index, options).run(paths);
}

}  // namespace nbra::dicom
