#include "dicom/index/HeaderReader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

// Part 10 files carry "DICM" after a 128-byte preamble. Files without it may still be bare
// datasets (old or broken exporters), which DCMTK can read in auto-detect mode.
bool hasPart10Preamble(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.seekg(128);
  in.read(magic, 4);
  return in.gcount() == 4 && std::equal(magic, magic + 4, "DICM");
}

std::string tagLabel(const DcmTagKey& key) {
  DcmTag tag(key);
  return std::string(tag.getTagName()) + " " + key.toString().c_str();
}

// DICOMDIR ReferencedFileID components are relative to the DICOMDIR's folder. Media are often
// written upper-case (ISO 9660) and copied to a case-sensitive disk lower-case: try both.
std::string resolveReferencedFile(const fs::path& base, const std::string& fileId) {
  fs::path exact = base;
  fs::path lower = base;
  std::string component;
  auto append = [&](const std::string& part) {
    // "..", "." and separators could point outside the medium: such components are dropped.
    if (part.empty() || part == "." || part == ".." || part.find('/') != std::string::npos) {
      return;
    }
    exact /= part;
    std::string lowered = part;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    lower /= lowered;
  };
  for (char c : fileId) {
    if (c == '\\') {
      append(component);
      component.clear();
    } else if (c != ' ') {
      component.push_back(c);
    }
  }
  append(component);
  std::error_code ec;
  if (!fs::exists(exact, ec) && fs::exists(lower, ec)) {
    return lower.lexically_normal().string();
  }
  return exact.lexically_normal().string();
}

DicomDirContents readDicomDir(const std::string& path, DcmDataset& dataset) {
  DicomDirContents contents;
  const fs::path base = fs::absolute(fs::path(path)).parent_path();
  DcmSequenceOfItems* records = nullptr;
  if (dataset.findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records) {
    return contents;
  }
  for (unsigned long i = 0; i < records->card(); ++i) {
    DcmItem* record = records->getItem(i);
    const std::string fileId = record ? tagText(*record, DCM_ReferencedFileID) : std::string();
    if (!fileId.empty()) {
      contents.referencedFiles.push_back(resolveReferencedFile(base, fileId));
    }
  }
  return contents;
}

}  // namespace

HeaderReadResult readHeader(const std::string& path) {
  ensureDcmtkReady();
  const bool part10 = hasPart10Preamble(path);
  // The whole structure is parsed, so a file cut short anywhere is caught here, but values
  // longer than 4 KiB (pixel data above all) are skipped on disk rather than read.
  DcmFileFormat file;
  OFCondition status = loadDicomFile(file, path, EXS_Unknown, DCM_MaxReadLength, ERM_autoDetect);
  if (isStructureRefusal(status)) {
    return Unreadable{std::string("broken DICOM file, refused before parsing: ") + status.text()};
  }
  if (status.bad() && !part10) {
    // Some exporters write a bare dataset that auto-detection misjudges; try it as one.
    DcmFileFormat bare;
    if (loadDicomFile(bare, path, EXS_LittleEndianImplicit, DCM_MaxReadLength, ERM_dataset)
            .good() &&
        bare.getDataset()->tagExists(DCM_SOPInstanceUID)) {
      file = bare;
      status = EC_Normal;
    }
  }
  if (status.bad()) {
    return Unreadable{part10
                          ? std::string("broken DICOM file: ") + status.text()
                          : std::string("not a DICOM file (no DICM header, no readable dataset)")};
  }
  DcmDataset& data = *file.getDataset();
  DcmMetaInfo& meta = *file.getMetaInfo();

  const std::string mediaClass = tagText(meta, DCM_MediaStorageSOPClassUID);
  if (mediaClass == UID_MediaStorageDirectoryStorage ||
      data.tagExists(DCM_DirectoryRecordSequence)) {
    return readDicomDir(path, data);
  }

  // Names and descriptions may be in any DICOM character set; the index holds UTF-8. A failed
  // conversion (unknown charset) keeps the raw bytes rather than losing the file.
  const std::string charset = tagText(data, DCM_SpecificCharacterSet);
  if (!charset.empty() && charset != "ISO_IR 192" && charset != "ISO_IR 6") {
    (void)data.convertToUTF8();
  }

  InstanceHeader h;
  h.sopInstanceUid = tagText(data, DCM_SOPInstanceUID);
  if (h.sopInstanceUid.empty()) {
    h.sopInstanceUid = tagText(meta, DCM_MediaStorageSOPInstanceUID);
  }
  h.studyInstanceUid = tagText(data, DCM_StudyInstanceUID);
  h.seriesInstanceUid = tagText(data, DCM_SeriesInstanceUID);
  for (const auto& [value, tag] : {std::pair{&h.sopInstanceUid, DCM_SOPInstanceUID},
                                   std::pair{&h.studyInstanceUid, DCM_StudyInstanceUID},
                                   std::pair{&h.seriesInstanceUid, DCM_SeriesInstanceUID}}) {
    if (value->empty()) {
      if (!part10) {
        return Unreadable{"not a DICOM file (no DICM preamble, no " + tagLabel(tag) + ")"};
      }
      return Unreadable{"incomplete DICOM header: missing " + tagLabel(tag)};
    }
  }

  h.patientId = tagText(data, DCM_PatientID);
  h.issuerOfPatientId = tagText(data, DCM_IssuerOfPatientID);
  h.patientName = tagText(data, DCM_PatientName);
  h.patientBirthDate = tagText(data, DCM_PatientBirthDate);
  h.patientSex = tagText(data, DCM_PatientSex);
  h.studyDate = tagText(data, DCM_StudyDate);
  h.studyTime = tagText(data, DCM_StudyTime);
  h.studyDescription = tagText(data, DCM_StudyDescription);
  h.accessionNumber = tagText(data, DCM_AccessionNumber);
  h.modality = tagText(data, DCM_Modality);
  h.seriesNumber = tagInteger(data, DCM_SeriesNumber, 0);
  h.seriesDescription = tagText(data, DCM_SeriesDescription);
  h.bodyPartExamined = tagText(data, DCM_BodyPartExamined);
  h.seriesDate = tagText(data, DCM_SeriesDate);
  h.seriesTime = tagText(data, DCM_SeriesTime);
  h.sopClassUid = tagText(data, DCM_SOPClassUID);
  if (h.sopClassUid.empty()) {
    h.sopClassUid = tagText(meta, DCM_MediaStorageSOPClassUID);
  }
  h.instanceNumber = tagInteger(data, DCM_InstanceNumber, 0);
  h.numberOfFrames = tagInteger(data, DCM_NumberOfFrames, 1);
  h.imageType = tagText(data, DCM_ImageType);
  h.acquisitionDate = tagText(data, DCM_AcquisitionDate);
  h.acquisitionTime = tagText(data, DCM_AcquisitionTime);
  h.rows = tagInteger(data, DCM_Rows, 0);
  h.columns = tagInteger(data, DCM_Columns, 0);
  h.transferSyntaxUid = tagText(meta, DCM_TransferSyntaxUID);
  if (h.transferSyntaxUid.empty()) {
    h.transferSyntaxUid = DcmXfer(data.getOriginalXfer()).getXferID();
  }
  return h;
}

}  // namespace nbra::dicom
