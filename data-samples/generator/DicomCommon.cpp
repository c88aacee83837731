#include "data-samples/generator/DicomCommon.h"

#include <cstdio>
#include <stdexcept>

#include "data-samples/generator/Uid.h"

namespace nbra::synthetic {

StudyIdentity ctStudy(const Scene& scene) {
  const bool pet = scene.timepoint->pet;
  return {makeUid(scene.seed, scene.uidPrefix + "ct/study"),
          scene.dicomDate,
          scene.timepoint->time,
          pet ? "PETCT1" : "CT1",
          pet ? "FDG PET/CT neck to pelvis" : "CT chest abdomen pelvis with contrast",
          scene.subject->id.substr(9) + scene.dicomDate.substr(2) + (pet ? "P" : "C")};
}

StudyIdentity mibgStudy(const Scene& scene) {
  // MIBG is injected the day before; the whole body is imaged at 24 h, on the CT day here.
  return {makeUid(scene.seed, scene.uidPrefix + "nm/study"),
          scene.dicomDate,
          "140000",
          "NM1",
          "I-123 MIBG whole body 24 h",
          scene.subject->id.substr(9) + scene.dicomDate.substr(2) + "M"};
}

void putPatientAndStudy(DcmDataset& d, const Scene& scene, const StudyIdentity& study) {
  const SubjectSpec& s = *scene.subject;
  d.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 100");
  d.putAndInsertString(DCM_PatientName, s.patientName.c_str());
  d.putAndInsertString(DCM_PatientID, s.id.c_str());
  d.putAndInsertString(DCM_PatientBirthDate, s.birthDate.c_str());
  d.putAndInsertString(DCM_PatientSex, s.sex.c_str());
  char age[8];
  std::snprintf(age, sizeof age, "%03dY", static_cast<int>(s.ageYears));
  d.putAndInsertString(DCM_PatientAge, age);
  d.putAndInsertString(DCM_PatientWeight, ds(s.weightKg).c_str());
  d.putAndInsertString(DCM_PatientSize, ds(s.heightCm / 100.0).c_str());
  d.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
  d.putAndInsertString(DCM_DeidentificationMethod, "Synthetic data: no real patient");
  d.putAndInsertString(DCM_StudyInstanceUID, study.studyUid.c_str());
  d.putAndInsertString(DCM_StudyDate, study.studyDate.c_str());
  d.putAndInsertString(DCM_StudyTime, study.studyTime.c_str());
  d.putAndInsertString(DCM_ReferringPhysicianName, "");
  d.putAndInsertString(DCM_StudyID, study.studyId.c_str());
  d.putAndInsertString(DCM_AccessionNumber, study.accession.c_str());
  d.putAndInsertString(DCM_StudyDescription, study.description.c_str());
  d.putAndInsertString(DCM_ClinicalTrialSponsorName, "NBRA synthetic");
  d.putAndInsertString(DCM_ClinicalTrialProtocolID, "NBRA-NK");
  d.putAndInsertString(DCM_ClinicalTrialProtocolName, "Activated NK cells in neuroblastoma");
  d.putAndInsertString(DCM_ClinicalTrialSiteID, "SYN");
  d.putAndInsertString(DCM_ClinicalTrialSiteName, "Synthetic site");
  d.putAndInsertString(DCM_ClinicalTrialSubjectID, s.id.c_str());
  d.putAndInsertString(DCM_ClinicalTrialTimePointID, scene.timepoint->key.c_str());
}

void putEquipment(DcmDataset& d, const char* manufacturer, const char* model) {
  d.putAndInsertString(DCM_Manufacturer, manufacturer);
  d.putAndInsertString(DCM_ManufacturerModelName, model);
  d.putAndInsertString(DCM_InstitutionName, "NBRA synthetic data");
  d.putAndInsertString(DCM_StationName, "SYNTH");
  d.putAndInsertString(DCM_SoftwareVersions, "nbra-synthetic 1");
}

void putSopCommon(DcmDataset& d, const char* sopClassUid, const std::string& sopInstanceUid) {
  d.putAndInsertString(DCM_SOPClassUID, sopClassUid);
  d.putAndInsertString(DCM_SOPInstanceUID, sopInstanceUid.c_str());
}

std::string ds(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

std::string dsList(const std::vector<double>& values, int digits) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      out += '\\';
    }
    out += ds(values[i], digits);
  }
  return out;
}

void putCode(DcmItem& item, const char* value, const char* scheme, const char* meaning) {
  item.putAndInsertString(DCM_CodeValue, value);
  item.putAndInsertString(DCM_CodingSchemeDesignator, scheme);
  item.putAndInsertString(DCM_CodeMeaning, meaning);
}

void saveDicom(DcmFileFormat& file, const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  const OFCondition status =
      file.saveFile(path.c_str(), EXS_LittleEndianExplicit, EET_ExplicitLength, EGL_recalcGL,
                    EPD_noChange, 0, 0, EWM_fileformat);
  if (status.bad()) {
    throw std::runtime_error("cannot write " + path.string() + ": " + status.text());
  }
}

}  // namespace nbra::synthetic
