#include "dicom/sr/ReferencedImage.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>

#include "dicom/sqlite/Sqlite.h"
#include "dicom/volume/FrameHeaders.h"

namespace nbra::dicom {

namespace {

std::string text(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) {
    return {};
  }
  return value.c_str();
}

}  // namespace

ReferencedImage readReferencedImage(const std::string& path, int frame) {
  std::vector<FrameHeader> frames;
  try {
    frames = readFrameHeaders(path);
  } catch (const std::exception& e) {
    throw SrError(std::string("referenced image: ") + e.what());
  }
  if (frames.empty()) {
    throw SrError(path + ": no image frames");
  }
  const int index = frame <= 1 ? 0 : frame - 1;
  if (index >= static_cast<int>(frames.size())) {
    throw SrError(path + ": has " + std::to_string(frames.size()) + " frame(s), frame " +
                  std::to_string(frame) + " was asked for");
  }
  const FrameHeader& h = frames[static_cast<std::size_t>(index)];
  ReferencedImage out;
  out.path = path;
  out.numberOfFrames = static_cast<int>(frames.size());
  out.plane = imagePlaneOf(h);
  out.sliceThicknessMm = h.sliceThicknessMm;
  out.ref.sopClassUid = h.sopClassUid;
  out.ref.sopInstanceUid = h.sopInstanceUid;
  out.ref.seriesInstanceUid = h.seriesInstanceUid;

  DcmFileFormat file;
  try {
    loadWithoutBulkData(file, path);
  } catch (const std::exception& e) {
    throw SrError(std::string("referenced image: ") + e.what());
  }
  DcmDataset& ds = *file.getDataset();
  SrPatientStudy& p = out.patient;
  p.patientName = text(ds, DCM_PatientName);
  p.patientId = text(ds, DCM_PatientID);
  p.patientBirthDate = text(ds, DCM_PatientBirthDate);
  p.patientSex = text(ds, DCM_PatientSex);
  p.studyInstanceUid = text(ds, DCM_StudyInstanceUID);
  p.studyDate = text(ds, DCM_StudyDate);
  p.studyTime = text(ds, DCM_StudyTime);
  p.studyId = text(ds, DCM_StudyID);
  p.accessionNumber = text(ds, DCM_AccessionNumber);
  p.referringPhysicianName = text(ds, DCM_ReferringPhysicianName);
  out.ref.studyInstanceUid = p.studyInstanceUid;
  if (out.ref.sopInstanceUid.empty() || out.ref.sopClassUid.empty()) {
    throw SrError(path + ": no SOP Class/Instance UID: it cannot be referenced");
  }
  return out;
}

std::optional<std::string> findInstanceFile(const std::string& indexPath,
                                            const std::string& sopInstanceUid) {
  if (!std::filesystem::exists(indexPath)) {
    throw SrError(indexPath + ": no image index here (build one with `nbra-cli index`)");
  }
  try {
    sqlite::Database db(indexPath);
    auto query =
        db.prepare("SELECT file_path FROM instance WHERE sop_instance_uid = ? AND missing = 0");
    query.bind(1, sopInstanceUid);
    if (query.step()) {
      return query.text(0);
    }
    return std::nullopt;
  } catch (const std::exception& e) {
    throw SrError(indexPath + ": cannot read the image index: " + e.what());
  }
}

}  // namespace nbra::dicom
