#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dicom/index/InstanceHeader.h"

namespace nbra::dicom {

namespace sqlite {
class Database;
}

// ---- What the browser sees -------------------------------------------------------------------

struct SeriesEntry {
  std::int64_t id = 0;
  std::string seriesInstanceUid;
  std::string modality;
  int seriesNumber = 0;
  std::string description;
  std::string bodyPart;
  std::string seriesDate;
  int instanceCount = 0;  // present on disk
  int frameCount = 0;     // summed NumberOfFrames of present instances
  int missingCount = 0;   // indexed, but the file is gone
};

struct StudyEntry {
  std::int64_t id = 0;
  std::string studyInstanceUid;
  std::string studyDate;
  std::string studyTime;
  std::string description;
  std::string accessionNumber;
  std::vector<SeriesEntry> series;
};

struct PatientEntry {
  std::int64_t id = 0;
  std::string patientId;
  std::string name;
  std::string birthDate;
  std::string sex;
  std::vector<StudyEntry> studies;
};

struct InstanceFile {
  std::string path;
  int instanceNumber = 0;
  int numberOfFrames = 1;
  std::string sopInstanceUid;
};

// ---- What an import works with ---------------------------------------------------------------

struct KnownFile {
  std::int64_t instanceId = 0;  // 0 for a known skipped file
  FileStamp stamp;
  bool missing = false;
  std::string skipReason;  // non-empty for a known skipped file
};

enum class StoreKind { New, Updated, Moved, Duplicate };

struct StoreOutcome {
  StoreKind kind = StoreKind::New;
  std::int64_t instanceId = 0;
  std::string duplicateOf;  // for Duplicate: the file already indexed with this SOP Instance UID
};

struct ModalityCount {
  int series = 0;
  int instances = 0;
};

struct IndexCounts {
  int patients = 0;
  int studies = 0;
  int series = 0;
  int instances = 0;
  std::map<std::string, ModalityCount> byModality;  // "" modality shows as "(none)"
};

// The image index: a rebuildable SQLite cache of what DICOM files exist and what their headers
// say (patient, study, series, instance, file path). Never the record of truth for a reading.
// One ImageIndex is one connection; use one per thread.
class ImageIndex {
 public:
  // Opens or creates the index at `path` (creating its folder). Throws std::runtime_error with
  // the path and the cause when the file cannot be opened or is not an NBRA index.
  explicit ImageIndex(const std::string& path);
  ~ImageIndex();
  ImageIndex(const ImageIndex&) = delete;
  ImageIndex& operator=(const ImageIndex&) = delete;

  const std::string& path() const { return path_; }

  // Every file the index knows (instances and skipped files), by path.
  std::unordered_map<std::string, KnownFile> knownFiles();

  // Batches: one transaction for many stores.
  void beginBatch();
  void commitBatch();
  void rollbackBatch();

  StoreOutcome storeInstance(const InstanceHeader& header, const FileStamp& stamp);
  void storeSkipped(const FileStamp& stamp, const std::string& reason);
  void setMissing(std::int64_t instanceId, bool missing);
  void forgetSkipped(const std::string& path);

  // Instances (not yet marked missing) and skipped files whose path lies below `folder`.
  std::vector<KnownFile> filesUnder(const std::string& folder);

  IndexCounts countInstances(const std::vector<std::int64_t>& instanceIds);
  IndexCounts countAll();

  std::vector<PatientEntry> browse();
  // Present files of one series, by instance number.
  std::vector<InstanceFile> seriesFiles(std::int64_t seriesId);

  // Forget a series, a study or a patient (ids as browse() gives them): their index rows only,
  // never a file on disk, so importing the folder again brings them back. A study or patient
  // left without series goes with its last one. Returns the number of instances forgotten
  // (0 for an unknown id).
  int removeSeries(std::int64_t seriesId);
  int removeStudy(std::int64_t studyId);
  int removePatient(std::int64_t patientId);

 private:
  void createSchema();
  std::int64_t upsertPatient(const InstanceHeader& h);
  std::int64_t upsertStudy(const InstanceHeader& h, std::int64_t patientId);
  std::int64_t upsertSeries(const InstanceHeader& h, std::int64_t studyId);
  IndexCounts countWhere(const std::string& instanceFilter);
  int removeSeriesWhere(const std::string& seriesFilter, std::int64_t id);

  std::string path_;
  std::unique_ptr<sqlite::Database> db_;
  std::unordered_map<std::string, std::int64_t> seriesIds_;  // series UID -> row, this connection
};

// The per-user default: $NBRA_INDEX, else $XDG_DATA_HOME/nbra/index.sqlite, else
// ~/.local/share/nbra/index.sqlite.
std::string defaultIndexPath();

}  // namespace nbra::dicom
