#include "dicom/net/InstanceSink.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <unistd.h>

#include <filesystem>

#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"
#include "dicom/net/QueryKeys.h"

namespace fs = std::filesystem;

namespace nbra::dicom::net {
namespace {

constexpr const char* kIncoming = ".incoming";

SinkResult refuse(const std::string& incomingPath, std::string reason) {
  std::error_code ignored;
  fs::remove(incomingPath, ignored);
  return {SinkOutcome::Refused, {}, std::move(reason)};
}

}  // namespace

InstanceSink::InstanceSink(std::string root) : root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(fs::path(root_) / kIncoming, ec);
  if (ec) {
    throw std::runtime_error("cannot create the retrieve folder " + root_ + ": " + ec.message());
  }
}

std::string InstanceSink::reserveIncomingPath() {
  std::lock_guard lock(mutex_);
  // The process id keeps two workstations that share a folder from choosing the same name.
  return (fs::path(root_) / kIncoming /
          (std::to_string(::getpid()) + "-" + std::to_string(nextIncoming_++) + ".part"))
      .string();
}

SinkResult InstanceSink::accept(const std::string& incomingPath,
                                const std::string& expectedSopUid) {
  DcmFileFormat header;
  const OFCondition cond = loadDicomFile(header, incomingPath, EXS_Unknown, DCM_MaxReadLength,
                                         ERM_autoDetect, DCM_PixelData);
  const std::string label =
      expectedSopUid.empty() ? std::string("a received instance") : "instance " + expectedSopUid;
  if (cond.bad()) {
    return refuse(incomingPath, label + " is not readable DICOM: " + cond.text());
  }
  DcmDataset& ds = *header.getDataset();
  const std::string study = tagText(ds, DCM_StudyInstanceUID);
  const std::string series = tagText(ds, DCM_SeriesInstanceUID);
  const std::string sop = tagText(ds, DCM_SOPInstanceUID);
  // The UIDs become folder and file names: anything but a UID (a slash, "..") is refused.
  if (!isValidUid(study) || !isValidUid(series) || !isValidUid(sop)) {
    return refuse(incomingPath, label + " has an invalid Study, Series or SOP Instance UID");
  }
  if (!expectedSopUid.empty() && sop != expectedSopUid) {
    return refuse(incomingPath, label + " arrived holding another instance (" + sop + ")");
  }
  const fs::path target = fs::path(root_) / study / series / (sop + ".dcm");
  std::lock_guard lock(mutex_);
  std::error_code ec;
  if (fs::exists(target, ec)) {
    fs::remove(incomingPath, ec);
    ++duplicates_;
    files_.push_back(target.string());
    return {SinkOutcome::Duplicate, target.string(), {}};
  }
  fs::create_directories(target.parent_path(), ec);
  if (!ec) {
    fs::rename(incomingPath, target, ec);
  }
  if (ec) {
    fs::remove(incomingPath, ec);
    return {SinkOutcome::Refused,
            {},
            label + " cannot be written to " + target.string() + ": " + ec.message()};
  }
  ++stored_;
  files_.push_back(target.string());
  return {SinkOutcome::Stored, target.string(), {}};
}

std::vector<std::string> InstanceSink::files() const {
  std::lock_guard lock(mutex_);
  return files_;
}

std::size_t InstanceSink::storedCount() const {
  std::lock_guard lock(mutex_);
  return stored_;
}

std::size_t InstanceSink::duplicateCount() const {
  std::lock_guard lock(mutex_);
  return duplicates_;
}

void InstanceSink::clearIncoming() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(root_) / kIncoming, ec)) {
    fs::remove(entry.path(), ec);
  }
}

}  // namespace nbra::dicom::net
