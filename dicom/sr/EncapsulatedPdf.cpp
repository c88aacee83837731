#include "dicom/sr/EncapsulatedPdf.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/ofstd/ofdatime.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"

namespace nbra::dicom {
namespace {

std::vector<Uint8> readPdf(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    throw EncapsulatedPdfError(path + ": cannot be read");
  }
  const std::streamoff size = in.tellg();
  if (size <= 0 || static_cast<std::uint64_t>(size) > kMaxEncapsulatedPdfBytes) {
    throw EncapsulatedPdfError(
        path + ": " +
        (size <= 0 ? std::string("is empty")
                   : "is larger than " + std::to_string(kMaxEncapsulatedPdfBytes >> 20) + " MiB"));
  }
  in.seekg(0);
  std::vector<Uint8> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), size);
  static const char kMagic[] = "%PDF-";
  if (!in || bytes.size() < 5 || !std::equal(kMagic, kMagic + 5, bytes.begin())) {
    throw EncapsulatedPdfError(path + ": is not a PDF (no %PDF- header)");
  }
  return bytes;
}

}  // namespace

std::string writeEncapsulatedPdf(const std::string& pdfPath, const std::string& referencePath,
                                 const std::string& documentTitle, const std::string& outPath) {
  std::vector<Uint8> pdf = readPdf(pdfPath);
  const std::size_t pdfLength = pdf.size();
  if (pdf.size() % 2 != 0) {
    pdf.push_back(0);  // OB values have even length; the length attribute keeps the true size
  }
  DcmFileFormat reference;
  if (const OFCondition read = loadDicomFile(reference, referencePath, EXS_Unknown,
                                             DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
      read.bad()) {
    throw EncapsulatedPdfError(referencePath + ": not a readable DICOM file (" +
                               std::string(read.text()) + ")");
  }
  DcmDataset& ref = *reference.getDataset();
  if (tagText(ref, DCM_StudyInstanceUID).empty()) {
    throw EncapsulatedPdfError(referencePath + ": has no Study Instance UID to file the report in");
  }

  DcmFileFormat file;
  DcmDataset& ds = *file.getDataset();
  // Patient, General Study and Clinical Trial modules: copied, so the report joins the images'
  // study (and trial). Type 2 attributes are written empty when the reference lacks them.
  const DcmTagKey type2[] = {DCM_PatientName, DCM_PatientID,       DCM_PatientBirthDate,
                             DCM_PatientSex,  DCM_StudyDate,       DCM_StudyTime,
                             DCM_StudyID,     DCM_AccessionNumber, DCM_ReferringPhysicianName};
  const DcmTagKey copied[] = {DCM_SpecificCharacterSet,     DCM_StudyInstanceUID,
                              DCM_StudyDescription,         DCM_ClinicalTrialSponsorName,
                              DCM_ClinicalTrialProtocolID,  DCM_ClinicalTrialProtocolName,
                              DCM_ClinicalTrialSiteID,      DCM_ClinicalTrialSiteName,
                              DCM_ClinicalTrialSubjectID,   DCM_ClinicalTrialSubjectReadingID,
                              DCM_ClinicalTrialTimePointID, DCM_ClinicalTrialTimePointDescription,
                              DCM_PatientIdentityRemoved,   DCM_DeidentificationMethod};
  for (const DcmTagKey& tag : type2) {
    ds.putAndInsertString(tag, tagText(ref, tag).c_str());
  }
  for (const DcmTagKey& tag : copied) {
    if (ref.tagExists(tag)) {
      ds.putAndInsertString(tag, tagText(ref, tag).c_str());
    }
  }
  char uid[100];
  const std::string sopUid = dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
  OFDateTime now;
  now.setCurrentDateTime();
  OFString date, time;
  now.getDate().getISOFormattedDate(date, false);
  now.getTime().getISOFormattedTime(time, true, false, false, false);
  ds.putAndInsertString(DCM_SOPClassUID, UID_EncapsulatedPDFStorage);
  ds.putAndInsertString(DCM_SOPInstanceUID, sopUid.c_str());
  ds.putAndInsertString(DCM_SeriesInstanceUID,
                        dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT));
  ds.putAndInsertString(DCM_Modality, "DOC");
  ds.putAndInsertString(DCM_SeriesNumber, "9901");
  ds.putAndInsertString(DCM_SeriesDescription, "NBRA report");
  ds.putAndInsertString(DCM_InstanceNumber, "1");
  ds.putAndInsertString(DCM_ContentDate, date.c_str());
  ds.putAndInsertString(DCM_ContentTime, time.c_str());
  ds.putAndInsertString(DCM_AcquisitionDateTime, (date + time).c_str());
  ds.putAndInsertString(DCM_InstanceCreationDate, date.c_str());
  ds.putAndInsertString(DCM_InstanceCreationTime, time.c_str());
  ds.putAndInsertString(DCM_ConversionType, "WSD");
  ds.putAndInsertString(DCM_Manufacturer, "NBRA");
  ds.putAndInsertString(DCM_BurnedInAnnotation, "YES");
  ds.putAndInsertString(DCM_DocumentTitle, documentTitle.c_str());
  ds.insertEmptyElement(DCM_ConceptNameCodeSequence);
  ds.putAndInsertString(DCM_MIMETypeOfEncapsulatedDocument, "application/pdf");
  ds.putAndInsertUint32(DCM_EncapsulatedDocumentLength, static_cast<Uint32>(pdfLength));
  ds.putAndInsertUint8Array(DCM_EncapsulatedDocument, pdf.data(),
                            static_cast<unsigned long>(pdf.size()));
  const OFCondition saved = file.saveFile(outPath.c_str(), EXS_LittleEndianExplicit);
  if (saved.bad()) {
    throw EncapsulatedPdfError(outPath + ": cannot be written (" + std::string(saved.text()) + ")");
  }
  return sopUid;
}

}  // namespace nbra::dicom
