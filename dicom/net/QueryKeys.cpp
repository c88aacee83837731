#include "dicom/net/QueryKeys.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <string_view>

#include "dicom/codecs/TagValues.h"
#include "dicom/net/DimseNode.h"
#include "dicom/net/DimseQueryDataset.h"

namespace nbra::dicom::net {
namespace {

bool isDate(std::string_view s) {
  if (s.size() != 8) {
    return false;
  }
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  const int month = std::stoi(std::string(s.substr(4, 2)));
  const int day = std::stoi(std::string(s.substr(6, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Printable characters without the backslash (DICOM's value separator) and no control codes:
// a query value can never smuggle a second value or a line break into the identifier.
bool isPlainValue(std::string_view s, std::size_t maxLength) {
  if (s.size() > maxLength) {
    return false;
  }
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || u < 0x20 || u == 0x7F) {
      return false;
    }
  }
  return true;
}

bool isAeTitle(std::string_view s) {
  return !s.empty() && isPlainValue(s, 16);
}

void put(DcmDataset& ds, const DcmTagKey& tag, const std::string& value) {
  ds.putAndInsertString(tag, value.c_str());
}

int countOrUnknown(DcmDataset& ds, const DcmTagKey& tag) {
  return tagText(ds, tag).empty() ? -1 : tagInteger(ds, tag, -1);
}

}  // namespace

const char* queryLevelName(QueryLevel level) {
  switch (level) {
    case QueryLevel::Patient:
      return "PATIENT";
    case QueryLevel::Study:
      return "STUDY";
    case QueryLevel::Series:
      return "SERIES";
    case QueryLevel::Image:
      return "IMAGE";
  }
  return "STUDY";
}

bool isValidUid(const std::string& uid) {
  if (uid.empty() || uid.size() > 64) {
    return false;
  }
  std::size_t componentStart = 0;
  for (std::size_t i = 0; i <= uid.size(); ++i) {
    if (i == uid.size() || uid[i] == '.') {
      const std::size_t length = i - componentStart;
      if (length == 0 || (length > 1 && uid[componentStart] == '0')) {
        return false;
      }
      componentStart = i + 1;
    } else if (!std::isdigit(static_cast<unsigned char>(uid[i]))) {
      return false;
    }
  }
  return true;
}

std::string checkFilter(const QueryFilter& f, QueryLevel level) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"patient ID", &f.patientId},
      {"patient name", &f.patientName},
      {"modality", &f.modality},
      {"accession number", &f.accessionNumber},
      {"study description", &f.studyDescription}};
  for (const auto& [name, value] : texts) {
    if (!isPlainValue(*value, 64)) {
      return std::string("the ") + name + " '" + *value +
             "' cannot be sent (at most 64 characters, no backslash or control characters)";
    }
  }
  if (!f.studyDateFrom.empty() && !isDate(f.studyDateFrom)) {
    return "the study date '" + f.studyDateFrom + "' is not a date (YYYYMMDD)";
  }
  if (!f.studyDateTo.empty() && !isDate(f.studyDateTo)) {
    return "the study date '" + f.studyDateTo + "' is not a date (YYYYMMDD)";
  }
  if (!f.studyDateFrom.empty() && !f.studyDateTo.empty() && f.studyDateTo < f.studyDateFrom) {
    return "the study date range ends (" + f.studyDateTo + ") before it starts (" +
           f.studyDateFrom + ")";
  }
  if (!f.studyInstanceUid.empty() && !isValidUid(f.studyInstanceUid)) {
    return "'" + f.studyInstanceUid + "' is not a Study Instance UID";
  }
  if (!f.seriesInstanceUid.empty() && !isValidUid(f.seriesInstanceUid)) {
    return "'" + f.seriesInstanceUid + "' is not a Series Instance UID";
  }
  if ((level == QueryLevel::Series || level == QueryLevel::Image) && f.studyInstanceUid.empty()) {
    return std::string("a ") + queryLevelName(level) +
           " query needs the Study Instance UID (Study Root hierarchy)";
  }
  if (level == QueryLevel::Image && f.seriesInstanceUid.empty()) {
    return "an IMAGE query needs the Series Instance UID";
  }
  return {};
}

void preferLowLatencyTcp() {
  static std::once_flag once;
  std::call_once(once, [] { ::setenv("TCP_NODELAY", "1", /*overwrite=*/0); });
}

std::string describeNode(const DimseNode& node) {
  const std::string address =
      node.calledAeTitle + "@" + node.host + ":" + std::to_string(node.port);
  return node.name.empty() ? address : "'" + node.name + "' (" + address + ")";
}

std::string checkNode(const DimseNode& node) {
  const std::string label = node.name.empty() ? "the node" : "node '" + node.name + "'";
  if (!isAeTitle(node.calledAeTitle)) {
    return label + ": the called AE title '" + node.calledAeTitle +
           "' must be 1-16 characters without backslash";
  }
  if (!isAeTitle(node.callingAeTitle)) {
    return label + ": the calling AE title '" + node.callingAeTitle +
           "' must be 1-16 characters without backslash";
  }
  if (node.host.empty() || !isPlainValue(node.host, 253)) {
    return label + ": no usable host name";
  }
  if (node.port == 0) {
    return label + ": port 0 is not a port";
  }
  if (node.connectTimeout.count() <= 0 || node.dimseTimeout.count() <= 0 ||
      node.acseTimeout.count() <= 0) {
    return label + ": timeouts must be at least one second";
  }
  if (node.tls.enabled && node.tls.trustedCertificatesFile.empty()) {
    return label +
           ": TLS needs the peer's certificate or its CA (trusted certificates) to verify "
           "it";
  }
  return {};
}

void fillQueryKeys(DcmDataset& keys, QueryLevel level, const QueryFilter& f) {
  // A patient-level question is asked at study level (Study Root) and folded by patient.
  const QueryLevel asked = level == QueryLevel::Patient ? QueryLevel::Study : level;
  put(keys, DCM_QueryRetrieveLevel, queryLevelName(asked));
  put(keys, DCM_SpecificCharacterSet, "");
  put(keys, DCM_PatientID, f.patientId);
  put(keys, DCM_PatientName, f.patientName);
  put(keys, DCM_PatientBirthDate, "");
  std::string range;
  if (!f.studyDateFrom.empty() || !f.studyDateTo.empty()) {
    range =
        f.studyDateFrom == f.studyDateTo ? f.studyDateFrom : f.studyDateFrom + "-" + f.studyDateTo;
  }
  put(keys, DCM_StudyDate, range);
  put(keys, DCM_StudyTime, "");
  put(keys, DCM_AccessionNumber, f.accessionNumber);
  put(keys, DCM_StudyDescription, f.studyDescription);
  put(keys, DCM_StudyInstanceUID, f.studyInstanceUid);
  if (asked == QueryLevel::Study) {
    put(keys, DCM_ModalitiesInStudy, f.modality);
    put(keys, DCM_NumberOfStudyRelatedSeries, "");
    put(keys, DCM_NumberOfStudyRelatedInstances, "");
  }
  if (asked == QueryLevel::Series || asked == QueryLevel::Image) {
    put(keys, DCM_SeriesInstanceUID, f.seriesInstanceUid);
    put(keys, DCM_Modality, f.modality);
    put(keys, DCM_SeriesNumber, "");
    put(keys, DCM_SeriesDescription, "");
  }
  if (asked == QueryLevel::Series) {
    put(keys, DCM_NumberOfSeriesRelatedInstances, "");
  }
  if (asked == QueryLevel::Image) {
    put(keys, DCM_SOPInstanceUID, "");
    put(keys, DCM_SOPClassUID, "");
    put(keys, DCM_InstanceNumber, "");
  }
}

void fillRetrieveKeys(DcmDataset& keys, const std::string& studyUid, const std::string& seriesUid) {
  put(keys, DCM_QueryRetrieveLevel, seriesUid.empty() ? "STUDY" : "SERIES");
  put(keys, DCM_StudyInstanceUID, studyUid);
  if (!seriesUid.empty()) {
    put(keys, DCM_SeriesInstanceUID, seriesUid);
  }
}

QueryMatch matchFromDataset(DcmDataset& ds, QueryLevel level) {
  QueryMatch m;
  m.level = level;
  m.patientId = tagText(ds, DCM_PatientID);
  m.patientName = tagText(ds, DCM_PatientName);
  m.patientBirthDate = tagText(ds, DCM_PatientBirthDate);
  m.studyInstanceUid = tagText(ds, DCM_StudyInstanceUID);
  m.studyDate = tagText(ds, DCM_StudyDate);
  m.studyTime = tagText(ds, DCM_StudyTime);
  m.studyDescription = tagText(ds, DCM_StudyDescription);
  m.accessionNumber = tagText(ds, DCM_AccessionNumber);
  m.modalitiesInStudy = tagText(ds, DCM_ModalitiesInStudy);
  m.studyRelatedSeries = countOrUnknown(ds, DCM_NumberOfStudyRelatedSeries);
  m.studyRelatedInstances = countOrUnknown(ds, DCM_NumberOfStudyRelatedInstances);
  m.seriesInstanceUid = tagText(ds, DCM_SeriesInstanceUID);
  m.seriesNumber = tagText(ds, DCM_SeriesNumber);
  m.modality = tagText(ds, DCM_Modality);
  m.seriesDescription = tagText(ds, DCM_SeriesDescription);
  m.seriesRelatedInstances = countOrUnknown(ds, DCM_NumberOfSeriesRelatedInstances);
  m.sopInstanceUid = tagText(ds, DCM_SOPInstanceUID);
  m.sopClassUid = tagText(ds, DCM_SOPClassUID);
  m.instanceNumber = tagText(ds, DCM_InstanceNumber);
  return m;
}

}  // namespace nbra::dicom::net
