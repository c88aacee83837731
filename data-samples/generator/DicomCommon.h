#pragma once

#include <dcmtk/dcmdata/dctk.h>

#include <filesystem>
#include <string>
#include <vector>

#include "data-samples/generator/Scene.h"

namespace nbra::synthetic {

// The study an object belongs to: CT (or PET/CT) and MIBG are separate studies, as they are
// separate examinations on separate days in practice.
struct StudyIdentity {
  std::string studyUid;
  std::string studyDate;  // YYYYMMDD
  std::string studyTime;  // HHMMSS
  std::string studyId;
  std::string description;
  std::string accession;
};

StudyIdentity ctStudy(const Scene& scene);
StudyIdentity mibgStudy(const Scene& scene);

// Patient, General Study, Patient Study and General Equipment modules, and SOP Common.
void putPatientAndStudy(DcmDataset& d, const Scene& scene, const StudyIdentity& study);
void putEquipment(DcmDataset& d, const char* manufacturer, const char* model);
void putSopCommon(DcmDataset& d, const char* sopClassUid, const std::string& sopInstanceUid);

// "%.*g" of a value, as a DICOM DS (at most 16 characters).
std::string ds(double value, int digits = 6);
// Values joined by backslashes.
std::string dsList(const std::vector<double>& values, int digits = 6);

// A coded entry in a sequence item.
void putCode(DcmItem& item, const char* value, const char* scheme, const char* meaning);

// Writes the dataset as Explicit VR Little Endian with a meta header (no timestamps, so the
// bytes depend only on the dataset). Throws std::runtime_error on failure.
void saveDicom(DcmFileFormat& file, const std::filesystem::path& path);

}  // namespace nbra::synthetic
