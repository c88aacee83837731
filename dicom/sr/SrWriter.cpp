// Writes a MeasurementReport as an Enhanced SR with DCMTK's TID 1500 classes (dcmsr/cmr).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/codes/dcm.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/SrCodes.h"

namespace nbra::dicom {

namespace {

DSRCodedEntryValue coded(const SrCode& c) {
  // No value check: 99NBRA codes are ours and SRT codes are the cornerstone3D/dcmqi spelling.
  return DSRCodedEntryValue(c.value.c_str(), c.scheme.c_str(), c.meaning.c_str(),
                            DSRTypes::CVT_auto, OFExplicitBool(OFFalse));
}

// The shortest decimal that reads back as the same double, within DS's 16 characters.
std::string decimal(double value) {
  char buffer[32];
  for (int precision = 6; precision <= 15; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) {
      break;
    }
  }
  return buffer;
}

class Writer {
 public:
  Writer(const MeasurementReport& report, const std::string& path) : r_(report), path_(path) {}

  void fail(const std::string& what) const { throw SrError(path_ + ": " + what); }

  void check(const OFCondition& status, const std::string& what) const {
    if (status.bad()) {
      fail(what + ": " + status.text());
    }
  }

  std::string lesionName(std::size_t i) const {
    const std::string& id = r_.lesions[i].trackingId;
    return id.empty() ? "lesion " + std::to_string(i + 1) : "lesion '" + id + "'";
  }

  void validate() const {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < r_.lesions.size(); ++i) {
      const SrLesion& l = r_.lesions[i];
      if (l.trackingId.empty()) {
        fail(lesionName(i) + " has no tracking identifier");
      }
      if (!ids.insert(l.trackingId).second) {
        fail("two lesions share the tracking identifier '" + l.trackingId + "'");
      }
      if (!(l.longAxis.lengthMm >= 0) || !std::isfinite(l.longAxis.lengthMm)) {
        fail(lesionName(i) + ": the long axis is not a length");
      }
      if (l.shortAxis && (!(l.shortAxis->lengthMm >= 0) || !std::isfinite(l.shortAxis->lengthMm))) {
        fail(lesionName(i) + ": the short axis is not a length");
      }
      for (const SrLinearMeasurement* m : {&l.longAxis, l.shortAxis ? &*l.shortAxis : nullptr}) {
        if (m && m->image.has_value() != !m->points.empty()) {
          fail(lesionName(i) +
               ": a measurement has image coordinates without its image, or an "
               "image without coordinates");
        }
        if (m && m->image && (m->image->sopClassUid.empty() || m->image->sopInstanceUid.empty())) {
          fail(lesionName(i) + ": the referenced image has no SOP Class or Instance UID");
        }
      }
    }
  }

  void addLinear(CMR_TID1501_in_TID1500& group, const SrCode& conceptName,
                 const SrLinearMeasurement& m, const std::string& lesion) {
    const CMR_TID1501_in_TID1500::MeasurementValue value(decimal(m.lengthMm).c_str(),
                                                         CMR_CID7181::Millimeter, OFFalse);
    check(group.addMeasurement(CMR_CID7469(coded(conceptName)), value, OFFalse, OFFalse),
          lesion + ": " + conceptName.meaning);
    if (!m.image) {
      return;
    }
    if (m.image->seriesInstanceUid.empty()) {
      fail(lesion + ": " + conceptName.meaning + ": the referenced image " +
           m.image->sopInstanceUid +
           " has no Series Instance UID (needed for the evidence sequence)");
    }
    DSRSpatialCoordinatesValue scoord(DSRTypes::GT_Polyline);
    for (const SrPixelPoint& p : m.points) {
      scoord.getGraphicDataList().addItem(static_cast<float>(p.column), static_cast<float>(p.row));
    }
    DSRImageReferenceValue image(m.image->sopClassUid.c_str(), m.image->sopInstanceUid.c_str(),
                                 OFFalse);
    if (m.image->frame > 0) {
      image.getFrameList().addItem(m.image->frame);
    }
    check(group.getMeasurement().addSpatialCoordinates(CODE_DCM_SourceOfMeasurement, scoord, image,
                                                       OFFalse),
          lesion + ": " + conceptName.meaning + " coordinates");
    evidence_.insert({m.image->studyInstanceUid.empty() ? r_.patient.studyInstanceUid
                                                        : m.image->studyInstanceUid,
                      m.image->seriesInstanceUid, m.image->sopClassUid, m.image->sopInstanceUid});
  }

  void addFlag(CMR_TID1501_in_TID1500& group, const SrCode& conceptName, bool value,
               const std::string& lesion) {
    check(group.addQualitativeEvaluation(coded(conceptName),
                                         coded(value ? srcodes::yes() : srcodes::no()), OFFalse),
          lesion + ": " + conceptName.meaning);
  }

  void addLesion(TID1500_MeasurementReport& report, std::size_t i) {
    const SrLesion& l = r_.lesions[i];
    const std::string name = lesionName(i);
    if (i > 0) {
      check(report.addIndividualMeasurements(OFFalse), name + ": measurement group");
    }
    CMR_TID1501_in_TID1500& group = report.getIndividualMeasurements();
    check(group.setTrackingIdentifier(l.trackingId.c_str(), OFFalse), name + ": tracking id");
    std::string uid = l.trackingUid;
    if (uid.empty()) {
      char buffer[100];
      uid = dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT);
    }
    check(group.setTrackingUniqueIdentifier(uid.c_str(), OFFalse), name + ": tracking UID");
    if (!l.finding.value.empty()) {
      check(group.setFinding(coded(l.finding), OFFalse), name + ": finding");
    }
    if (!r_.timepointLabel.empty()) {
      check(group.setTimePoint(r_.timepointLabel.c_str(), OFFalse), name + ": time point");
    }
    if (!l.findingSite.value.empty()) {
      const CID244e_Laterality laterality =
          l.laterality ? CID244e_Laterality(coded(*l.laterality)) : CID244e_Laterality();
      check(group.addFindingSite(coded(l.findingSite), laterality, DSRCodedEntryValue(), OFFalse),
            name + ": finding site");
    }
    addLinear(group, srcodes::longAxis(), l.longAxis, name);
    if (l.shortAxis) {
      addLinear(group, srcodes::shortAxis(), *l.shortAxis, name);
    }
    if (l.sliceThicknessMm) {
      check(group.addMeasurement(
                CMR_CID7469(coded(srcodes::sliceThickness())),
                CMR_TID1501_in_TID1500::MeasurementValue(decimal(*l.sliceThicknessMm).c_str(),
                                                         CMR_CID7181::Millimeter, OFFalse),
                OFFalse, OFFalse),
            name + ": slice thickness");
    }
    if (!l.organText.empty()) {
      check(group.addQualitativeEvaluation(coded(srcodes::organAsRead()), l.organText.c_str(),
                                           OFFalse),
            name + ": organ");
    }
    check(group.addQualitativeEvaluation(
              coded(srcodes::lesionRole()),
              coded(l.isTarget ? srcodes::targetLesion() : srcodes::nonTargetLesion()), OFFalse),
          name + ": role");
    addFlag(group, srcodes::primaryTumour(), l.isPrimary, name);
    addFlag(group, srcodes::lymphNodeLesion(), l.isLymphNode, name);
    addFlag(group, srcodes::mibgAvid(), l.mibgAvid, name);
    addFlag(group, srcodes::fdgAvid(), l.fdgAvid, name);
    addFlag(group, srcodes::newLesion(), l.isNew, name);
    addFlag(group, srcodes::notEvaluable(), l.notEvaluable, name);
  }

  void addResponse(TID1500_MeasurementReport& report) {
    if (!r_.response) {
      return;
    }
    if (!r_.response->ruleSetVersion.empty()) {
      check(report.addQualitativeEvaluation(coded(srcodes::ruleSetVersion()),
                                            r_.response->ruleSetVersion.c_str(), OFFalse),
            "response: rule set");
    }
    for (const SrResponseComponent& c : r_.response->components) {
      const auto conceptName = srcodes::responseConcept(c.component);
      const auto value = srcodes::responseValue(c.response);
      if (!conceptName) {
        fail("response: unknown component '" + c.component + "'");
      }
      if (!value) {
        fail("response: " + c.component + ": unknown response '" + c.response + "'");
      }
      check(report.addQualitativeEvaluation(coded(*conceptName), coded(*value), OFFalse),
            "response: " + c.component);
    }
  }

  void write(MeasurementReport& out) {
    validate();
    if (r_.lesions.empty() && !r_.response) {
      fail("nothing to report: no lesion and no response assessment");
    }
    TID1500_MeasurementReport report(CMR_CID7021::ImagingMeasurementReport);
    check(report.setLanguage(CID5000_Languages::English), "language");
    if (!r_.observerName.empty()) {
      check(report.getObservationContext().addPersonObserver(r_.observerName.c_str(), "",
                                                             CID7452_OrganizationalRoles(),
                                                             CID7453_PerformingRoles(), OFFalse),
            "observer");
    }
    check(report.addProcedureReported(CMR_CID100::ImagingProcedure), "procedure reported");
    for (std::size_t i = 0; i < r_.lesions.size(); ++i) {
      addLesion(report, i);
    }
    addResponse(report);

    // DCMTK's TID 1500 tree asks for Enhanced SR (SCOORD with image references, no SCOORD3D and
    // no by-reference relations), the SOP class dcmqi writes too; setTreeFromRootTemplate sets it.
    DSRDocument doc;
    check(doc.setTreeFromRootTemplate(report, OFTrue), "TID 1500 tree");
    const SrPatientStudy& p = r_.patient;
    if (!p.studyInstanceUid.empty()) {
      check(doc.createNewSeriesInStudy(p.studyInstanceUid.c_str(), OFFalse), "study UID");
    }
    doc.setPatientName(p.patientName.c_str(), OFFalse);
    doc.setPatientID(p.patientId.c_str(), OFFalse);
    doc.setPatientBirthDate(p.patientBirthDate.c_str(), OFFalse);
    doc.setPatientSex(p.patientSex.c_str(), OFFalse);
    if (!p.studyDate.empty()) {
      doc.setStudyDate(p.studyDate.c_str(), OFFalse);
    }
    if (!p.studyTime.empty()) {
      doc.setStudyTime(p.studyTime.c_str(), OFFalse);
    }
    doc.setStudyID(p.studyId.c_str(), OFFalse);
    doc.setAccessionNumber(p.accessionNumber.c_str(), OFFalse);
    doc.setReferringPhysicianName(p.referringPhysicianName.c_str(), OFFalse);
    doc.setSeriesDescription(r_.seriesDescription.c_str(), OFFalse);
    doc.setManufacturer("NBRA", OFFalse);
    doc.setSeriesNumber("9001", OFFalse);
    doc.setInstanceNumber("1", OFFalse);
    for (const auto& [study, series, sopClass, sopInstance] : evidence_) {
      check(doc.getCurrentRequestedProcedureEvidence().addItem(
                study.c_str(), series.c_str(), sopClass.c_str(), sopInstance.c_str(), OFFalse),
            "evidence for " + sopInstance);
    }
    // The private scheme is declared in the file itself (PS3.3 C.12.1.1.2 Coding Scheme
    // Identification Sequence), so a reader meeting 99NBRA knows whose codes they are.
    check(doc.getCodingSchemeIdentification().addItem(srcodes::kPrivateScheme, "",
                                                      "NBRA reading attributes and INRC responses",
                                                      "NBRA trial workstation (docs/sr.md)"),
          "coding scheme identification");
    check(doc.completeDocument(), "completion flag");

    DcmFileFormat file;
    check(doc.write(*file.getDataset()), "encoding the SR");
    OFString sop;
    OFString series;
    file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop);
    file.getDataset()->findAndGetOFString(DCM_SeriesInstanceUID, series);
    const OFCondition saved = file.saveFile(path_.c_str(), EXS_LittleEndianExplicit);
    if (saved.bad()) {
      fail(std::string("cannot write the file: ") + saved.text());
    }
    out.sopInstanceUid = sop.c_str();
    out.seriesInstanceUid = series.c_str();
  }

 private:
  const MeasurementReport& r_;
  std::string path_;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> evidence_;
};

}  // namespace

void writeMeasurementReport(MeasurementReport& report, const std::string& path) {
  Writer(report, path).write(report);
}

}  // namespace nbra::dicom
