#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dicom/deid/DatasetDeidentifier.h"
#include "dicom/deid/TrialIdentity.h"
#include "dicom/deid/TrialKey.h"

namespace nbra::dicom::deid {

// A problem with the run itself (the output folder, the key, the identity), naming the path.
class DeidError : public std::runtime_error {
 public:
  DeidError(std::string path, const std::string& message)
      : std::runtime_error(path.empty() ? message : path + ": " + message),
        path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct DeidRequest {
  std::vector<std::string> inputs;  // files and folders (folders are walked, links not followed)
  std::string outputDir;            // the pseudonymised files go to OUT/<subject>/<study>/<series>/
  TrialIdentity identity;
  const TrialKey* key = nullptr;
  // A person looked at the pixels of the held images (secondary captures and the like) and
  // confirms they carry no identity. Images with Burned In Annotation YES are refused anyway.
  bool pixelsReviewed = false;
  // Where the study mapping is appended (JSON lines, mode 0600), just before the files are moved
  // into place; empty: not written.
  std::string mappingFile;
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<bool()> cancelled;
};

struct FileIssue {
  std::string file;
  std::string problem;
};

struct SeriesSummary {
  std::string modality;
  std::string pseudoStudyUid;
  std::string pseudoSeriesUid;
  std::string description;  // after cleaning
  std::size_t files = 0;
};

struct StudyMapping {
  std::string originalStudyUid;
  std::string pseudoStudyUid;
  std::string subjectId;
  int dateOffsetDays = 0;
};

struct DeidReport {
  std::size_t filesFound = 0;
  std::vector<std::string> written;          // output files (empty for a preview or a refused run)
  std::vector<FileIssue> skipped;            // not images, DICOMDIRs: not copied, not an error
  std::vector<FileIssue> held;               // need a person to confirm the pixels (pixelsReviewed)
  std::vector<FileIssue> refused;            // unreadable, burned-in: the run writes nothing
  std::vector<FileIssue> warnings;           // written, with something the user must know
  std::vector<AttributeOutcome> attributes;  // what was removed, changed and kept, by tag
  std::vector<SeriesSummary> series;
  std::vector<StudyMapping> studies;
  int dateOffsetDays = 0;
  std::string keyFingerprint;
  std::string outputDir;
  bool cancelled = false;

  // True when the run wrote (or, for a preview, would write) its images.
  bool complete() const { return refused.empty() && held.empty() && !cancelled; }
};

// Reads and de-identifies every input in memory and reports what would happen; writes nothing.
DeidReport previewDeidentification(const DeidRequest& request);

// De-identifies every input into request.outputDir, all or nothing: files are written into a
// staging folder inside the output folder and moved into place only when every input was
// de-identified; if any input is refused or held (or the run is cancelled, or a write or a move
// fails), the output is left as it was. Throws DeidError for a problem with the run itself.
DeidReport deidentify(const DeidRequest& request);

// Appends the run's study mappings (original -> pseudonymised study UID, date offset) to
// `mappingFile` as JSON lines. The site keeps this file; it never goes into the trial record.
void appendStudyMappings(const std::string& mappingFile, const DeidReport& report);

}  // namespace nbra::dicom::deid
