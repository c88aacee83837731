// Reads a TID 1500 Measurement Report back into a MeasurementReport, checking what it must have.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <dcmtk/dcmsr/dsrtypes.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include "dicom/codecs/SafeLoad.h"
#include "dicom/limits/PlausibleValues.h"
#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/SrCodes.h"

namespace nbra::dicom {

namespace {

// Pixel coordinates beyond this are outside any image (the largest are 16384 wide).
constexpr double kMaxPixelCoordinate = 1e5;

SrCode codeOf(const DSRCodedEntryValue& c) {
  return {c.getCodeValue().c_str(), c.getCodingSchemeDesignator().c_str(),
          c.getCodeMeaning().c_str()};
}

bool is(const DSRCodedEntryValue& c, const char* value, const char* scheme) {
  return c.getCodeValue() == value && c.getCodingSchemeDesignator() == scheme;
}

std::string text(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) {
    return {};
  }
  return value.c_str();
}

class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  [[noreturn]] void fail(const std::string& what) const { throw SrError(path_ + ": " + what); }

  // Calls `visit` with the tree's cursor on each child of the current node, and puts the cursor
  // back on the parent afterwards.
  void forEachChild(const std::function<void(DSRContentItem&)>& visit) {
    if (tree_->goDown() == 0) {
      return;
    }
    do {
      visit(tree_->getCurrentContentItem());
    } while (tree_->gotoNext() != 0);
    tree_->goUp();
  }

  SrLinearMeasurement linear(DSRContentItem& num, const std::string& where) {
    SrLinearMeasurement m;
    const DSRNumericMeasurementValue* value = num.getNumericValuePtr();
    if (!value) {
      fail(where + ": not a numeric measurement");
    }
    const std::string unit = value->getMeasurementUnit().getCodeValue().c_str();
    const std::string scheme = value->getMeasurementUnit().getCodingSchemeDesignator().c_str();
    double factor = 1.0;
    if (scheme == "UCUM" && unit == "cm") {
      factor = 10.0;
    } else if (scheme != "UCUM" || unit != "mm") {
      fail(where + ": unit (" + unit + ", " + scheme + ") is not a length in mm or cm");
    }
    char* end = nullptr;
    const std::string number = value->getNumericValue().c_str();
    m.lengthMm = std::strtod(number.c_str(), &end) * factor;
    if (number.empty() || *end != '\0') {
      fail(where + ": the value '" + number + "' is not a number");
    }
    forEachChild([&](DSRContentItem& child) {
      if (child.getValueType() != DSRTypes::VT_SCoord || m.image) {
        return;
      }
      DSRSpatialCoordinatesValue* scoord = child.getSpatialCoordinatesPtr();
      if (scoord->getGraphicType() != DSRTypes::GT_Polyline &&
          scoord->getGraphicType() != DSRTypes::GT_Point) {
        fail(where + ": coordinates are not a POLYLINE or POINT");
      }
      const DSRGraphicDataList& data = scoord->getGraphicDataList();
      for (std::size_t i = 1; i <= data.getNumberOfItems(); ++i) {
        const DSRGraphicDataItem& p = data.getItem(i);
        m.points.push_back({p.Column, p.Row});
      }
      forEachChild([&](DSRContentItem& image) {
        const DSRImageReferenceValue* ref = image.getImageReferencePtr();
        if (image.getValueType() != DSRTypes::VT_Image || !ref || m.image) {
          return;
        }
        SrImageRef r;
        r.sopClassUid = ref->getSOPClassUID().c_str();
        r.sopInstanceUid = ref->getSOPInstanceUID().c_str();
        if (!ref->getFrameList().isEmpty()) {
          r.frame = static_cast<int>(ref->getFrameList().getItem(1));
        }
        m.image = r;
      });
      if (!m.image) {
        fail(where + ": its coordinates name no image (SELECTED FROM IMAGE missing)");
      }
    });
    return m;
  }

  // A report is someone else's file: its numbers are checked before they become a read.
  void checkPlausible(const SrLesion& l, const std::string& where) const {
    auto check = [&](const std::string& name, double value, const PlausibleRange& range) {
      if (auto problem = implausible(name, value, range))
        fail(where + ": " + *problem);
    };
    check("Long Axis", l.longAxis.lengthMm, plausible::kLesionAxisMm);
    if (l.shortAxis) {
      check("Short Axis", l.shortAxis->lengthMm, plausible::kLesionAxisMm);
      if (l.shortAxis->lengthMm > l.longAxis.lengthMm) {
        fail(where + ": Short Axis " + formatValue(l.shortAxis->lengthMm) +
             " mm is longer than its Long Axis " + formatValue(l.longAxis.lengthMm) + " mm");
      }
    }
    if (l.sliceThicknessMm) {
      check("Slice Thickness", *l.sliceThicknessMm, plausible::kSrSliceThicknessMm);
    }
    for (const SrLinearMeasurement* m : {&l.longAxis, l.shortAxis ? &*l.shortAxis : nullptr}) {
      if (!m)
        continue;
      for (const SrPixelPoint& p : m->points) {
        if (!std::isfinite(p.column) || !std::isfinite(p.row) ||
            std::abs(p.column) > kMaxPixelCoordinate || std::abs(p.row) > kMaxPixelCoordinate) {
          fail(where + ": a drawn point (" + formatValue(p.column) + ", " + formatValue(p.row) +
               ") lies outside any image");
        }
      }
    }
  }

  SrLesion group(int number) {
    SrLesion l;
    const std::string where = "measurement group " + std::to_string(number);
    bool sawSite = false;
    forEachChild([&](DSRContentItem& item) {
      const DSRCodedEntryValue& conceptName = item.getConceptName();
      const SrCode name = codeOf(conceptName);
      if (is(conceptName, "112039", "DCM")) {
        l.trackingId = item.getStringValue().c_str();
      } else if (is(conceptName, "112040", "DCM")) {
        l.trackingUid = item.getStringValue().c_str();
      } else if (is(conceptName, "121071", "DCM")) {
        l.finding = codeOf(item.getCodeValue());
      } else if (is(conceptName, "C2348792", "UMLS")) {
        if (timepoint_.empty()) {
          timepoint_ = item.getStringValue().c_str();
        }
      } else if (srcodes::isFindingSite(name) && !sawSite) {
        sawSite = true;
        l.findingSite = codeOf(item.getCodeValue());
        forEachChild([&](DSRContentItem& mod) {
          if (is(mod.getConceptName(), "272741003", "SCT") ||
              is(mod.getConceptName(), "G-C171", "SRT")) {
            l.laterality = codeOf(mod.getCodeValue());
          }
        });
      } else if (srcodes::isLongAxis(name)) {
        l.longAxis = linear(item, where + ", Long Axis");
        longSeen_ = true;
      } else if (srcodes::isShortAxis(name)) {
        l.shortAxis = linear(item, where + ", Short Axis");
      } else if (name == srcodes::sliceThickness()) {
        l.sliceThicknessMm = linear(item, where + ", Slice Thickness").lengthMm;
      } else if (name == srcodes::organAsRead()) {
        l.organText = item.getStringValue().c_str();
      } else if (name == srcodes::lesionRole()) {
        l.isTarget = codeOf(item.getCodeValue()) == srcodes::targetLesion();
      } else if (item.getValueType() == DSRTypes::VT_Code) {
        const bool yes = codeOf(item.getCodeValue()) == srcodes::yes();
        if (name == srcodes::primaryTumour()) {
          l.isPrimary = yes;
        } else if (name == srcodes::lymphNodeLesion()) {
          l.isLymphNode = yes;
        } else if (name == srcodes::mibgAvid()) {
          l.mibgAvid = yes;
        } else if (name == srcodes::fdgAvid()) {
          l.fdgAvid = yes;
        } else if (name == srcodes::newLesion()) {
          l.isNew = yes;
        } else if (name == srcodes::notEvaluable()) {
          l.notEvaluable = yes;
        }
      }
    });
    if (l.trackingId.empty()) {
      fail(where + " has no Tracking Identifier (112039, DCM)");
    }
    if (!longSeen_) {
      fail(where + " ('" + l.trackingId + "') has no Long Axis (G-A185 SRT or 103339001 SCT)");
    }
    checkPlausible(l, where + " ('" + l.trackingId + "')");
    return l;
  }

  void qualitative(MeasurementReport& report) {
    forEachChild([&](DSRContentItem& item) {
      const SrCode name = codeOf(item.getConceptName());
      if (name == srcodes::ruleSetVersion()) {
        ensureResponse(report).ruleSetVersion = item.getStringValue().c_str();
        return;
      }
      const auto component = srcodes::componentOf(name);
      if (!component || item.getValueType() != DSRTypes::VT_Code) {
        return;
      }
      const SrCode value = codeOf(item.getCodeValue());
      const auto response = srcodes::responseOf(value);
      if (!response) {
        fail("response '" + *component + "': unknown value (" + value.value + ", " + value.scheme +
             ")");
      }
      ensureResponse(report).components.push_back({*component, *response});
    });
  }

  static SrResponseAssessment& ensureResponse(MeasurementReport& report) {
    if (!report.response) {
      report.response = SrResponseAssessment{};
    }
    return *report.response;
  }

  MeasurementReport read() {
    if (!std::filesystem::exists(path_)) {
      fail("no such file");
    }
    DcmFileFormat file;
    const OFCondition loaded = loadDicomFile(file, path_);
    if (loaded.bad()) {
      fail(std::string("not a readable DICOM file (") + loaded.text() + ")");
    }
    DcmDataset& ds = *file.getDataset();
    const std::string modality = text(ds, DCM_Modality);
    const std::string sopClass = text(ds, DCM_SOPClassUID);
    if (modality != "SR" ||
        DSRTypes::sopClassUIDToDocumentType(sopClass.c_str()) == DSRTypes::DT_invalid) {
      fail("not a DICOM Structured Report (SOP Class " + sopClass + ", modality " + modality + ")");
    }
    DSRDocument doc;
    const OFCondition status = doc.read(ds, DSRTypes::RF_readDigitalSignatures);
    if (status.bad()) {
      fail(std::string("the SR content tree cannot be read: ") + status.text());
    }
    DSRDocumentTree& tree = doc.getTree();
    tree_ = &tree;
    if (tree.gotoRoot() == 0) {
      fail("the SR has no content");
    }
    const DSRContentItem& root = tree.getCurrentContentItem();
    OFString templateId;
    OFString mappingResource;
    tree.getTemplateIdentification(templateId, mappingResource);
    const bool titled = is(root.getConceptName(), "126000", "DCM");
    if (!(templateId == "1500" && mappingResource == "DCMR") && !titled) {
      fail("not a TID 1500 Measurement Report (template '" + std::string(templateId.c_str()) +
           "', title (" + root.getConceptName().getCodeValue().c_str() + ", " +
           root.getConceptName().getCodingSchemeDesignator().c_str() + "))");
    }

    MeasurementReport report;
    report.patient.patientName = text(ds, DCM_PatientName);
    report.patient.patientId = text(ds, DCM_PatientID);
    report.patient.patientBirthDate = text(ds, DCM_PatientBirthDate);
    report.patient.patientSex = text(ds, DCM_PatientSex);
    report.patient.studyInstanceUid = text(ds, DCM_StudyInstanceUID);
    report.patient.studyDate = text(ds, DCM_StudyDate);
    report.patient.studyTime = text(ds, DCM_StudyTime);
    report.patient.studyId = text(ds, DCM_StudyID);
    report.patient.accessionNumber = text(ds, DCM_AccessionNumber);
    report.patient.referringPhysicianName = text(ds, DCM_ReferringPhysicianName);
    report.seriesDescription = text(ds, DCM_SeriesDescription);
    report.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    report.seriesInstanceUid = text(ds, DCM_SeriesInstanceUID);

    int groups = 0;
    bool measurementsContainer = false;
    forEachChild([&](DSRContentItem& item) {
      const DSRCodedEntryValue& conceptName = item.getConceptName();
      if (is(conceptName, "121008", "DCM") &&
          report.observerName.empty()) {  // Person Observer Name
        report.observerName = item.getStringValue().c_str();
      } else if (is(conceptName, "126010", "DCM")) {
        measurementsContainer = true;
        forEachChild([&](DSRContentItem& g) {
          if (is(g.getConceptName(), "125007", "DCM")) {
            longSeen_ = false;
            report.lesions.push_back(group(++groups));
          }
        });
      } else if (is(conceptName, "C0034375", "UMLS")) {
        qualitative(report);
      }
    });
    if (!measurementsContainer && !report.response) {
      fail(
          "no Imaging Measurements (126010, DCM) and no qualitative evaluations: nothing to "
          "import");
    }
    report.timepointLabel = timepoint_;
    return report;
  }

 private:
  std::string path_;
  DSRDocumentTree* tree_ = nullptr;
  std::string timepoint_;
  bool longSeen_ = false;
};

}  // namespace

MeasurementReport readMeasurementReport(const std::string& path) {
  return Reader(path).read();
}

}  // namespace nbra::dicom
