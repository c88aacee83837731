#pragma once

#include <string>
#include <vector>

namespace nbra::dicom::net {

// Study Root query levels (PS3.4 C.6.2). PATIENT is answered from study-level keys, because a
// Study Root SCP need not support the Patient Root model.
enum class QueryLevel { Patient, Study, Series, Image };

const char* queryLevelName(QueryLevel level);  // "PATIENT", "STUDY", "SERIES", "IMAGE"

// What a reader filters by. Empty fields are universal matches. Name and description allow the
// standard's wildcards (* and ?); dates are YYYYMMDD; either end of the range may be empty.
struct QueryFilter {
  std::string patientId;
  std::string patientName;
  std::string studyDateFrom;
  std::string studyDateTo;
  std::string modality;
  std::string accessionNumber;
  std::string studyDescription;
  std::string studyInstanceUid;   // narrows a series or image query to one study
  std::string seriesInstanceUid;  // narrows an image query to one series
};

// One answer. Fields of a level above the query level are filled when the peer returned them.
struct QueryMatch {
  QueryLevel level = QueryLevel::Study;
  std::string patientId;
  std::string patientName;
  std::string patientBirthDate;
  std::string studyInstanceUid;
  std::string studyDate;
  std::string studyTime;
  std::string studyDescription;
  std::string accessionNumber;
  std::string modalitiesInStudy;  // backslash-separated, as DICOM sends it
  int studyRelatedSeries = -1;    // -1: not given
  int studyRelatedInstances = -1;
  std::string seriesInstanceUid;
  std::string seriesNumber;
  std::string modality;
  std::string seriesDescription;
  int seriesRelatedInstances = -1;
  std::string sopInstanceUid;
  std::string sopClassUid;
  std::string instanceNumber;
};

// Empty when the filter can be sent, otherwise what is wrong (a date that is not YYYYMMDD, a
// range that ends before it starts, a UID that is not a UID, a backslash in a value).
std::string checkFilter(const QueryFilter& filter, QueryLevel level);

// True for 1-64 characters of digits and dots, no empty component, no leading zero (PS3.5 9.1).
bool isValidUid(const std::string& uid);

}  // namespace nbra::dicom::net
