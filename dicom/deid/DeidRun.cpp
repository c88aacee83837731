#include "dicom/deid/DeidRun.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"
#include "dicom/deid/PixelScreen.h"

namespace nbra::dicom::deid {
namespace {

namespace fs = std::filesystem;

// DCMTK's value as text, trailing padding already removed (dicom/codecs/TagValues).
std::string text(DcmItem& item, const DcmTagKey& tag) {
  return dicom::tagText(item, tag);
}

// Every regular file under the inputs, sorted, links not followed.
std::vector<std::string> listFiles(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(input, ec);
    if (ec || !fs::exists(status)) {
      throw DeidError(input, "does not exist");
    }
    if (fs::is_regular_file(status)) {
      files.push_back(input);
      continue;
    }
    if (!fs::is_directory(status)) {
      throw DeidError(input, "is neither a file nor a folder");
    }
    for (fs::recursive_directory_iterator
             it(input, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
        files.push_back(it->path().string());
      }
    }
    if (ec) {
      throw DeidError(input, "cannot be listed: " + ec.message());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

class Staging {
 public:
  explicit Staging(const std::string& outputDir) : outputDir_(outputDir) {
    std::error_code ec;
    fs::create_directories(outputDir_, ec);
    if (ec) {
      throw DeidError(outputDir, "the output folder cannot be created: " + ec.message());
    }
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    dir_ = fs::path(outputDir_) /
           (".nbra-deid-staging-" + std::to_string(::getpid()) + "-" + std::to_string(stamp));
    fs::create_directory(dir_, ec);
    if (ec) {
      throw DeidError(outputDir, "the output folder cannot be written: " + ec.message());
    }
  }
  ~Staging() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  fs::path stagedPath(const fs::path& relative) const { return dir_ / relative; }

  // Moves every staged file into place. A file already there (an earlier upload of the same
  // instance) is first moved aside into the staging folder. On a failure, everything moved is
  // moved back, the earlier files included, and DeidError is thrown.
  std::vector<std::string> commit(const std::vector<fs::path>& relatives) {
    struct Move {
      fs::path staged, target, replaced;  // replaced: empty when nothing was there
    };
    std::vector<Move> moves;
    std::vector<std::string> written;
    fs::path lastFolder;
    const fs::path aside = dir_ / ".replaced";
    auto rollBack = [&] {
      for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
        std::error_code ignored;
        fs::rename(it->target, it->staged, ignored);
        if (!it->replaced.empty())
          fs::rename(it->replaced, it->target, ignored);
      }
    };
    for (const fs::path& relative : relatives) {
      Move move{dir_ / relative, fs::path(outputDir_) / relative, {}};
      std::error_code ec;
      if (move.target.parent_path() != lastFolder) {
        fs::create_directories(move.target.parent_path(), ec);
        lastFolder = move.target.parent_path();
      }
      if (!ec && fs::exists(move.target, ec)) {
        const fs::path replaced = aside / relative;
        fs::create_directories(replaced.parent_path(), ec);
        if (!ec)
          fs::rename(move.target, replaced, ec);
        if (!ec)
          move.replaced = replaced;
      }
      if (!ec)
        fs::rename(move.staged, move.target, ec);
      if (ec) {
        if (!move.replaced.empty()) {
          std::error_code ignored;
          fs::rename(move.replaced, move.target, ignored);
        }
        rollBack();
        throw DeidError(move.target.string(),
                        "cannot be moved into the output folder: " + ec.message() +
                            "; the output folder is as it was");
      }
      moves.push_back(move);
      written.push_back(move.target.string());
    }
    return written;
  }

 private:
  std::string outputDir_;
  fs::path dir_;
};

DeidReport run(const DeidRequest& request, bool write) {
  if (request.key == nullptr) {
    throw DeidError({}, "no trial key was given");
  }
  if (const auto problem = trialIdentityProblem(request.identity)) {
    throw DeidError({}, *problem);
  }
  if (write && request.outputDir.empty()) {
    throw DeidError({}, "no output folder was given");
  }
  DeidReport report;
  report.outputDir = request.outputDir;
  report.keyFingerprint = request.key->fingerprint();
  report.dateOffsetDays = request.key->dateOffsetDaysFor(request.identity.subjectId);

  const std::vector<std::string> files = listFiles(request.inputs);
  report.filesFound = files.size();
  if (files.empty()) {
    throw DeidError(request.inputs.empty() ? std::string() : request.inputs.front(),
                    "holds no file to de-identify");
  }
  // The output must not be inside an input: the run would read its own output next time.
  if (write) {
    const fs::path out = fs::weakly_canonical(request.outputDir);
    for (const std::string& input : request.inputs) {
      const fs::path in = fs::weakly_canonical(input);
      const auto mismatch = std::mismatch(in.begin(), in.end(), out.begin(), out.end());
      if (mismatch.first == in.end()) {
        throw DeidError(request.outputDir,
                        "is inside the input " + input + "; choose an output folder elsewhere");
      }
    }
  }
  std::unique_ptr<Staging> staging;
  if (write)
    staging = std::make_unique<Staging>(request.outputDir);

  const DatasetDeidentifier deidentifier(*request.key, request.identity, report.dateOffsetDays);
  std::map<AttributeKey, AttributeCount> attributes;
  std::map<std::string, SeriesSummary> series;
  std::map<std::string, std::string> studies;  // original -> pseudonymised
  std::set<std::string> warnedSeries;
  std::vector<fs::path> staged;
  fs::path lastFolder;
  std::map<std::string, std::string> firstFileOfInstance;  // original SOP Instance UID -> file

  for (std::size_t index = 0; index < files.size(); ++index) {
    if (request.cancelled && request.cancelled()) {
      report.cancelled = true;
      break;
    }
    if (request.progress)
      request.progress(index, files.size());
    const std::string& file = files[index];
    DcmFileFormat fileFormat;
    const OFCondition loaded = loadDicomFile(fileFormat, file);
    if (loaded.bad()) {
      report.refused.push_back({file, std::string("not a readable DICOM file: ") + loaded.text()});
      continue;
    }
    DcmDataset& dataset = *fileFormat.getDataset();
    const std::string mediaClass = text(*fileFormat.getMetaInfo(), DCM_MediaStorageSOPClassUID);
    if (mediaClass == UID_MediaStorageDirectoryStorage) {
      report.skipped.push_back({file,
                                "a DICOMDIR (an index of the media, naming the patient): "
                                "not copied; the images it lists are"});
      continue;
    }
    if (text(dataset, DCM_SOPInstanceUID).empty() || text(dataset, DCM_StudyInstanceUID).empty() ||
        text(dataset, DCM_SeriesInstanceUID).empty()) {
      report.refused.push_back({file,
                                "SOP Instance, Study Instance or Series Instance UID is "
                                "missing: not a storable DICOM object"});
      continue;
    }
    const PixelScreen screen = screenPixels(dataset);
    if (screen.risk == PixelRisk::NoPixels) {
      report.skipped.push_back({file, screen.reason});
      continue;
    }
    if (screen.risk == PixelRisk::Refused) {
      report.refused.push_back({file, screen.reason});
      continue;
    }
    if (screen.risk == PixelRisk::Held) {
      if (!request.pixelsReviewed) {
        report.held.push_back({file, screen.reason});
        continue;
      }
      report.warnings.push_back({file,
                                 "passed on the reviewer's confirmation that its pixels "
                                 "carry no identity (" +
                                     screen.reason + ")"});
    }
    // The same instance twice (a study exported twice into the source): copied once.
    const std::string originalSop = text(dataset, DCM_SOPInstanceUID);
    if (const auto [first, isNew] = firstFileOfInstance.emplace(originalSop, file); !isNew) {
      report.skipped.push_back(
          {file, "the same SOP Instance UID as " + first->second + ": one instance, copied once"});
      continue;
    }
    const std::string modality = text(dataset, DCM_Modality);
    const std::string originalSeries = text(dataset, DCM_SeriesInstanceUID);
    const std::string originalStudy = text(dataset, DCM_StudyInstanceUID);
    if (modality == "PT" && warnedSeries.insert(originalSeries).second) {
      OFString weight;
      if (dataset.findAndGetOFString(DCM_PatientWeight, weight).bad() || weight.empty()) {
        report.warnings.push_back({file,
                                   "Patient's Weight (0010,1030) is absent: SUV will not be "
                                   "possible for this PET series"});
      }
    }

    DatasetOutcome outcome;
    try {
      outcome = deidentifier.apply(dataset);
    } catch (const std::exception& e) {
      report.refused.push_back({file, std::string("cannot be de-identified: ") + e.what()});
      continue;
    }
    for (const std::string& warning : outcome.warnings) {
      report.warnings.push_back({file, warning});
    }
    for (auto& [key, entry] : outcome.attributes) {
      auto& total = attributes[key];
      if (total.count == 0)
        total.name = std::move(entry.name);
      total.count += entry.count;
    }
    const std::string studyUid = text(dataset, DCM_StudyInstanceUID);
    const std::string seriesUid = text(dataset, DCM_SeriesInstanceUID);
    const std::string sopUid = text(dataset, DCM_SOPInstanceUID);
    studies.emplace(originalStudy, studyUid);
    auto& summary = series[seriesUid];
    summary.modality = modality;
    summary.pseudoStudyUid = studyUid;
    summary.pseudoSeriesUid = seriesUid;
    summary.description = text(dataset, DCM_SeriesDescription);
    ++summary.files;

    if (!write || !report.refused.empty() || !report.held.empty()) {
      continue;  // a preview, or a run that will write nothing: keep screening
    }
    const fs::path relative =
        fs::path(request.identity.subjectId) / studyUid / seriesUid / (sopUid + ".dcm");
    const fs::path target = staging->stagedPath(relative);
    std::error_code ec;
    if (target.parent_path() != lastFolder) {  // a series' files share one folder
      fs::create_directories(target.parent_path(), ec);
      lastFolder = target.parent_path();
    }
    // The file meta information and the 128-byte preamble are replaced by a new, empty meta
    // information (DcmMetaInfo's assignment copies the zeroed preamble too) and written afresh:
    // no original UID, AE title, private meta element or vendor preamble survives.
    const E_TransferSyntax xfer = dataset.getCurrentXfer();
    *fileFormat.getMetaInfo() = DcmMetaInfo();
    DcmFileFormat& fresh = fileFormat;
    const OFCondition saved =
        ec ? OFCondition(EC_InvalidStream)
           : fresh.saveFile(target.string().c_str(), xfer, EET_ExplicitLength, EGL_recalcGL,
                            EPD_noChange, 0, 0, EWM_createNewMeta);
    if (saved.bad()) {
      throw DeidError(target.string(), std::string("cannot be written: ") +
                                           (ec ? ec.message() : std::string(saved.text())) +
                                           "; nothing was left in the output folder");
    }
    staged.push_back(relative);
  }
  if (request.progress)
    request.progress(files.size(), files.size());

  for (auto& [key, entry] : attributes) {
    report.attributes.push_back(
        {tagText(key.first), entry.name, std::string(key.second), entry.count});
  }
  for (auto& [key, entry] : series)
    report.series.push_back(entry);
  for (auto& [original, pseudo] : studies) {
    report.studies.push_back({original, pseudo, request.identity.subjectId, report.dateOffsetDays});
  }
  if (write && report.complete()) {
    // The mapping first: a line for images that then fail to move is harmless (the same key
    // gives the same line again), images without their line would be a loss for the site.
    if (!request.mappingFile.empty()) {
      appendStudyMappings(request.mappingFile, report);
    }
    report.written = staging->commit(staged);
  }
  return report;
}

std::string jsonString(const std::string& value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

DeidReport previewDeidentification(const DeidRequest& request) {
  return run(request, false);
}

DeidReport deidentify(const DeidRequest& request) {
  return run(request, true);
}

void appendStudyMappings(const std::string& mappingFile, const DeidReport& report) {
  // Created readable by its owner only: it links the pseudonyms to the original study UIDs.
  const int fd = ::open(mappingFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw DeidError(mappingFile, std::string("the mapping file cannot be opened for writing: ") +
                                     std::strerror(errno));
  }
  ::close(fd);
  std::ofstream out(mappingFile, std::ios::app);
  if (!out) {
    throw DeidError(mappingFile, "the mapping file cannot be opened for writing");
  }
  for (const StudyMapping& study : report.studies) {
    out << "{\"subjectId\":" << jsonString(study.subjectId)
        << ",\"originalStudyInstanceUid\":" << jsonString(study.originalStudyUid)
        << ",\"pseudonymisedStudyInstanceUid\":" << jsonString(study.pseudoStudyUid)
        << ",\"dateOffsetDays\":" << study.dateOffsetDays
        << ",\"keyFingerprint\":" << jsonString(report.keyFingerprint) << "}\n";
  }
  out.flush();
  if (!out) {
    throw DeidError(mappingFile, "the mapping file cannot be written");
  }
}

}  // namespace nbra::dicom::deid
