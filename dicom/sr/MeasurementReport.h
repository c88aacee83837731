#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nbra::dicom {

// A DICOM SR TID 1500 "Imaging Measurement Report" as plain values: what NBRA writes and what
// it reads back. No DCMTK types here, so callers (the CLI, the workstation) need no DCMTK.
// docs/sr.md lists every code and where it comes from.

// A coded concept: (code value, coding scheme designator, code meaning).
struct SrCode {
  std::string value;
  std::string scheme;
  std::string meaning;
  bool operator==(const SrCode& o) const { return value == o.value && scheme == o.scheme; }
};

// A point in image pixel coordinates as DICOM SCOORD stores it: (column, row), where (0, 0) is
// the top left corner of the top left pixel, so the centre of pixel index (i, j) is (i + 0.5,
// j + 0.5) (PS3.3 C.18.6.1.2).
struct SrPixelPoint {
  double column = 0;
  double row = 0;
};

// The image a measurement was drawn on. Study and series UIDs fill the evidence sequence.
struct SrImageRef {
  std::string sopClassUid;
  std::string sopInstanceUid;
  int frame = 0;  // 1-based frame of a multi-frame image; 0 when the image has one frame
  std::string seriesInstanceUid;
  std::string studyInstanceUid;
};

// One linear measurement (Long Axis or Short Axis) with the line it was measured along.
struct SrLinearMeasurement {
  double lengthMm = 0;
  std::optional<SrImageRef> image;   // with the points, or neither
  std::vector<SrPixelPoint> points;  // POLYLINE of 2 points (start, end)
};

// One lesion: one TID 1501 measurement group.
struct SrLesion {
  std::string trackingId;   // (112039, DCM) TEXT
  std::string trackingUid;  // (112040, DCM) UIDREF
  SrCode finding;           // (121071, DCM) CODE
  SrCode findingSite;       // (363698007, SCT) CODE
  std::optional<SrCode> laterality;
  // The reading's own words and flags, as NBRA-coded qualitative evaluations (99NBRA).
  std::string organText;
  bool isPrimary = false;
  bool isLymphNode = false;
  bool isTarget = false;
  bool mibgAvid = false;
  bool fdgAvid = false;
  bool isNew = false;
  // Present but not measurable (RECIST not evaluable): the long axis is written as 0 mm and
  // means nothing; this flag says so (99NBRA, as the other flags).
  bool notEvaluable = false;
  std::optional<double> sliceThicknessMm;
  SrLinearMeasurement longAxis;
  std::optional<SrLinearMeasurement> shortAxis;
};

// One component of the INRC response assessment, e.g. {"overall", "PR"}.
struct SrResponseComponent {
  std::string component;  // overall, primary, metastatic, softTissue, bone, marrow, recist
  std::string response;   // CR, PR, MR, SD, PD, MD, NI, NE
};

struct SrResponseAssessment {
  std::string ruleSetVersion;
  std::vector<SrResponseComponent> components;
};

// Patient and study the report belongs to: copied from a referenced image, or given.
struct SrPatientStudy {
  std::string patientName;
  std::string patientId;
  std::string patientBirthDate;  // DA
  std::string patientSex;
  std::string studyInstanceUid;
  std::string studyDate;  // DA
  std::string studyTime;  // TM
  std::string studyId;
  std::string accessionNumber;
  std::string referringPhysicianName;
};

struct MeasurementReport {
  SrPatientStudy patient;
  std::string observerName;    // the reader (DICOM PN, e.g. "Okafor^Rita")
  std::string timepointLabel;  // the trial timepoint, written as TID 1501 "Time Point"
  std::string seriesDescription = "NBRA measurement report";
  std::vector<SrLesion> lesions;
  std::optional<SrResponseAssessment> response;
  // Filled when read back (and by the writer when empty): the SR's own identity.
  std::string sopInstanceUid;
  std::string seriesInstanceUid;
};

// Any problem writing or reading a report; the message names the file and the problem.
class SrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes an Enhanced SR with the TID 1500 tree. Fills report.sopInstanceUid and
// seriesInstanceUid when empty. Throws SrError naming the file and what is wrong (a lesion
// without a tracking id, a measurement without its image, a file that cannot be written).
void writeMeasurementReport(MeasurementReport& report, const std::string& path);

// Reads a file written by NBRA or by another TID 1500 writer (cornerstone3D, dcmqi): Long Axis
// and Short Axis under SRT or SCT codes, NBRA's qualitative evaluations when present. Throws
// SrError naming the file when it is not DICOM, not an SR, not TID 1500, or a measurement group
// lacks its tracking identifier or Long Axis.
MeasurementReport readMeasurementReport(const std::string& path);

}  // namespace nbra::dicom
