#pragma once

#include <cstdint>
#include <string>

namespace nbra::dicom {

// The key tags of one DICOM instance, as the image index stores them. Strings are UTF-8; dates
// and times keep their DICOM form (DA "YYYYMMDD", TM "HHMMSS.FFFFFF") because the index is a
// cache of what the file says; typed dates come from the loaders that need them.
struct InstanceHeader {
  // patient
  std::string patientId;
  std::string issuerOfPatientId;
  std::string patientName;
  std::string patientBirthDate;
  std::string patientSex;
  // study
  std::string studyInstanceUid;
  std::string studyDate;
  std::string studyTime;
  std::string studyDescription;
  std::string accessionNumber;
  // series
  std::string seriesInstanceUid;
  std::string modality;
  int seriesNumber = 0;
  std::string seriesDescription;
  std::string bodyPartExamined;
  std::string seriesDate;
  std::string seriesTime;
  // instance
  std::string sopInstanceUid;
  std::string sopClassUid;
  int instanceNumber = 0;
  int numberOfFrames = 1;
  std::string imageType;  // values joined with '\', as in the file
  std::string acquisitionDate;
  std::string acquisitionTime;
  int rows = 0;
  int columns = 0;
  std::string transferSyntaxUid;
};

// Where a header came from, and the file state used to tell "unchanged" on re-import.
struct FileStamp {
  std::string path;  // absolute, lexically normal
  std::uintmax_t sizeBytes = 0;
  std::int64_t modifiedNs = 0;  // file_time_type ticks since its epoch, as nanoseconds

  bool operator==(const FileStamp&) const = default;
};

}  // namespace nbra::dicom
