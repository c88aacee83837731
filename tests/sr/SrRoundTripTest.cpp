// The TID 1500 export and import of dicom/sr: a round trip gives back every lesion, measurement
// and coordinate; dciodvfy finds no error; dsrdump shows the tree; broken input is named.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/codes/dcm.h>
#include <dcmtk/dcmsr/codes/sct.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>

#include "dicom/sr/ImagePlane.h"
#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/ReferencedImage.h"
#include "dicom/sr/SrCodes.h"
#include "tests/sr/SrTestSupport.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

SrLinearMeasurement line(const ReferencedImage& image, SrPixelPoint a, SrPixelPoint b) {
  SrLinearMeasurement m;
  m.image = image.ref;
  m.points = {a, b};
  const Vec3 pa = pixelToPatient(image.plane, a);
  const Vec3 pb = pixelToPatient(image.plane, b);
  m.lengthMm = std::hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
  return m;
}

class SrRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::SyntheticSeries spec;
    spec.patientId = "NBRA-SR-007";
    spec.patientName = "SR^TEST";
    spec.slices = 4;
    spec.rows = 32;
    spec.columns = 32;
    spec.pixelSpacingMm = 0.75;
    files = testing::writeSeries(folder.path() / "ct", spec);
    for (const fs::path& f : files) {
      images.push_back(readReferencedImage(f.string()));
    }
  }

  MeasurementReport sampleReport() {
    MeasurementReport r;
    r.patient = images[0].patient;
    r.observerName = "Okafor^Rita";
    r.timepointLabel = "after injection 3";
    SrLesion primary;
    primary.trackingId = "P1";
    primary.trackingUid = "1.2.826.0.1.3680043.8.498.4242.1";
    primary.organText = "left adrenal";
    primary.findingSite = srcodes::findingSiteFor(primary.organText, false);
    primary.laterality = srcodes::lateralityFor(primary.organText);
    primary.finding = srcodes::primaryNeoplasm();
    primary.isPrimary = true;
    primary.mibgAvid = true;
    primary.sliceThicknessMm = 2.5;
    primary.longAxis = line(images[1], {3.25, 4.5}, {27.75, 20.125});
    primary.shortAxis = line(images[1], {10.5, 18.0}, {18.0, 8.25});
    SrLesion node;
    node.trackingId = "N1";
    node.trackingUid = "1.2.826.0.1.3680043.8.498.4242.2";
    node.organText = "retroperitoneal node";
    node.isLymphNode = true;
    node.isTarget = true;
    node.fdgAvid = true;
    node.findingSite = srcodes::findingSiteFor(node.organText, true);
    node.finding = srcodes::secondaryNeoplasm();
    node.longAxis = line(images[3], {1.5, 1.5}, {30.5, 30.5});
    node.shortAxis = line(images[3], {30.5, 1.5}, {1.5, 30.5});
    SrLesion unmapped;  // no image, no short axis, a site without a code
    unmapped.trackingId = "X9";
    unmapped.trackingUid = "1.2.826.0.1.3680043.8.498.4242.3";
    unmapped.organText = "paravertebral soft tissue";
    unmapped.findingSite = srcodes::findingSiteFor(unmapped.organText, false);
    unmapped.finding = srcodes::secondaryNeoplasm();
    unmapped.isNew = true;
    unmapped.longAxis.lengthMm = 12.3;
    r.lesions = {primary, node, unmapped};
    r.response = SrResponseAssessment{"inrc-2017/1",
                                      {{"overall", "PR"},
                                       {"primary", "PR"},
                                       {"metastatic", "PR"},
                                       {"marrow", "CR"},
                                       {"recist", "PR"}}};
    return r;
  }

  TempFolder folder;
  std::vector<fs::path> files;
  std::vector<ReferencedImage> images;
};

void expectSameMeasurement(const SrLinearMeasurement& a, const SrLinearMeasurement& b,
                           const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_NEAR(a.lengthMm, b.lengthMm, 1e-9);
  ASSERT_EQ(a.image.has_value(), b.image.has_value());
  if (a.image) {
    EXPECT_EQ(a.image->sopClassUid, b.image->sopClassUid);
    EXPECT_EQ(a.image->sopInstanceUid, b.image->sopInstanceUid);
    EXPECT_EQ(a.image->frame, b.image->frame);
  }
  ASSERT_EQ(a.points.size(), b.points.size());
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    // SCOORD Graphic Data is FL (32-bit float).
    EXPECT_NEAR(a.points[i].column, b.points[i].column, 1e-5);
    EXPECT_NEAR(a.points[i].row, b.points[i].row, 1e-5);
  }
}

TEST_F(SrRoundTrip, ExportThenImportGivesTheSameLesionsAndMeasurements) {
  MeasurementReport written = sampleReport();
  const std::string path = (folder.path() / "sr.dcm").string();
  writeMeasurementReport(written, path);
  EXPECT_FALSE(written.sopInstanceUid.empty());

  const MeasurementReport read = readMeasurementReport(path);
  EXPECT_EQ(read.sopInstanceUid, written.sopInstanceUid);
  EXPECT_EQ(read.observerName, "Okafor^Rita");
  EXPECT_EQ(read.timepointLabel, "after injection 3");
  EXPECT_EQ(read.patient.patientId, "NBRA-SR-007");
  EXPECT_EQ(read.patient.patientName, "SR^TEST");
  EXPECT_EQ(read.patient.studyInstanceUid, images[0].patient.studyInstanceUid);
  EXPECT_EQ(read.patient.studyDate, "20260115");
  ASSERT_EQ(read.lesions.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const SrLesion& a = written.lesions[i];
    const SrLesion& b = read.lesions[i];
    SCOPED_TRACE(a.trackingId);
    EXPECT_EQ(b.trackingId, a.trackingId);
    EXPECT_EQ(b.trackingUid, a.trackingUid);
    EXPECT_EQ(b.finding, a.finding);
    EXPECT_EQ(b.findingSite, a.findingSite);
    EXPECT_EQ(b.findingSite.meaning, a.findingSite.meaning);
    EXPECT_EQ(b.laterality.has_value(), a.laterality.has_value());
    EXPECT_EQ(b.organText, a.organText);
    EXPECT_EQ(b.isPrimary, a.isPrimary);
    EXPECT_EQ(b.isLymphNode, a.isLymphNode);
    EXPECT_EQ(b.isTarget, a.isTarget);
    EXPECT_EQ(b.mibgAvid, a.mibgAvid);
    EXPECT_EQ(b.fdgAvid, a.fdgAvid);
    EXPECT_EQ(b.isNew, a.isNew);
    EXPECT_EQ(b.sliceThicknessMm, a.sliceThicknessMm);
    expectSameMeasurement(a.longAxis, b.longAxis, "long axis");
    ASSERT_EQ(b.shortAxis.has_value(), a.shortAxis.has_value());
    if (a.shortAxis) {
      expectSameMeasurement(*a.shortAxis, *b.shortAxis, "short axis");
    }
  }
  // The codes themselves, as the standard and cornerstone3D spell them.
  EXPECT_EQ(read.lesions[0].findingSite.value, "23451007");
  EXPECT_EQ(read.lesions[0].laterality->value, "7771000");
  EXPECT_EQ(read.lesions[1].findingSite.value, "59441001");
  EXPECT_EQ(read.lesions[2].findingSite.scheme, "99NBRA");
  ASSERT_TRUE(read.response.has_value());
  EXPECT_EQ(read.response->ruleSetVersion, "inrc-2017/1");
  ASSERT_EQ(read.response->components.size(), 5u);
  EXPECT_EQ(read.response->components[0].component, "overall");
  EXPECT_EQ(read.response->components[0].response, "PR");
  EXPECT_EQ(read.response->components[3].component, "marrow");
  EXPECT_EQ(read.response->components[3].response, "CR");
}

// Someone else's report is checked before it becomes a read: each absurd value is refused with
// the file, the lesion and the attribute in the message.
TEST_F(SrRoundTrip, ImplausibleMeasurementsAreRefusedNamingTheFile) {
  struct Case {
    const char* what;
    std::function<void(SrLesion&)> edit;
    const char* expected;
  };
  const std::vector<Case> cases{
      {"long axis 1e308", [](SrLesion& l) { l.longAxis.lengthMm = 1e308; }, "Long Axis"},
      {"long axis 5 m", [](SrLesion& l) { l.longAxis.lengthMm = 5000; }, "Long Axis"},
      {"short longer than long",
       [](SrLesion& l) { l.shortAxis->lengthMm = l.longAxis.lengthMm + 5; },
       "longer than its Long Axis"},
      {"thickness -5", [](SrLesion& l) { l.sliceThicknessMm = -5; }, "Slice Thickness"},
      {"thickness 0", [](SrLesion& l) { l.sliceThicknessMm = 0; }, "Slice Thickness"},
      {"thickness 1e308", [](SrLesion& l) { l.sliceThicknessMm = 1e308; }, "Slice Thickness"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    MeasurementReport report = sampleReport();
    c.edit(report.lesions[0]);
    const std::string path = (folder.path() / "implausible.dcm").string();
    writeMeasurementReport(report, path);
    try {
      (void)readMeasurementReport(path);
      ADD_FAILURE() << "accepted";
    } catch (const SrError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind(path + ": ", 0), 0u) << what;
      EXPECT_NE(what.find("'P1'"), std::string::npos) << what;
      EXPECT_NE(what.find(c.expected), std::string::npos) << what;
    }
  }
}

TEST_F(SrRoundTrip, DciodvfyReportsNoError) {
  MeasurementReport report = sampleReport();
  const std::string path = (folder.path() / "sr.dcm").string();
  writeMeasurementReport(report, path);
  const testing::ToolOutput out = testing::runTool("dciodvfy '" + path + "'");
  ASSERT_NE(out.text.find("EnhancedSR"), std::string::npos)
      << "dciodvfy did not recognise the IOD:\n"
      << out.text;
  EXPECT_EQ(testing::dciodvfyErrors(out.text), "") << out.text;
}

TEST_F(SrRoundTrip, DsrdumpShowsTheMeasurementReportTree) {
  MeasurementReport report = sampleReport();
  const std::string path = (folder.path() / "sr.dcm").string();
  writeMeasurementReport(report, path);
  const testing::ToolOutput out = testing::runTool("dsrdump +Pu +Pc +Pt '" + path + "'");
  ASSERT_EQ(out.exitCode, 0) << out.text;
  for (const char* expected :
       {"Enhanced SR Document", "Imaging Measurement Report", "Imaging Measurements",
        "Measurement Group", "Tracking Identifier", "=\"P1\"", "Tracking Unique Identifier",
        "Finding Site", "Adrenal gland", "Long Axis", "Short Axis", "SCOORD", "POLYLINE", "IMAGE",
        "Okafor^Rita", "INRC overall response", "Partial response"}) {
    EXPECT_NE(out.text.find(expected), std::string::npos) << "missing " << expected << "\n"
                                                          << out.text;
  }
  // The referenced image is named in the tree.
  EXPECT_NE(out.text.find(images[1].ref.sopInstanceUid), std::string::npos) << out.text;
}

TEST_F(SrRoundTrip, FrameNumbersOfMultiFrameImagesSurvive) {
  MeasurementReport report = sampleReport();
  report.lesions[0].longAxis.image->frame = 7;
  const std::string path = (folder.path() / "sr.dcm").string();
  writeMeasurementReport(report, path);
  EXPECT_EQ(readMeasurementReport(path).lesions[0].longAxis.image->frame, 7);
}

// --- broken input -------------------------------------------------------------------------

std::string errorOf(const std::string& path) {
  try {
    readMeasurementReport(path);
  } catch (const SrError& e) {
    return e.what();
  }
  return "no error";
}

// Rewrites `path` without the first content item named `name`.
void removeItem(const std::string& path, const DSRCodedEntryValue& name) {
  DcmFileFormat file;
  ASSERT_TRUE(file.loadFile(path.c_str()).good());
  DSRDocument doc;
  ASSERT_TRUE(doc.read(*file.getDataset()).good());
  ASSERT_NE(doc.getTree().gotoNamedNode(name), 0u);
  ASSERT_TRUE(doc.getTree().removeSubTree().good());
  DcmFileFormat out;
  ASSERT_TRUE(doc.write(*out.getDataset()).good());
  ASSERT_TRUE(out.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
}

TEST_F(SrRoundTrip, BrokenInputIsNamedWithTheFileAndTheProblem) {
  const std::string missing = (folder.path() / "absent.dcm").string();
  EXPECT_EQ(errorOf(missing), missing + ": no such file");

  const std::string text = (folder.path() / "notes.txt").string();
  std::ofstream(text) << "not DICOM at all";
  EXPECT_NE(errorOf(text).find(text + ": not a readable DICOM file"), std::string::npos);

  const std::string ct = files[0].string();
  EXPECT_NE(errorOf(ct).find(ct + ": not a DICOM Structured Report"), std::string::npos)
      << errorOf(ct);

  // A valid SR that is not a measurement report.
  const std::string basic = (folder.path() / "basic.dcm").string();
  {
    DSRDocument doc(DSRTypes::DT_BasicTextSR);
    doc.getTree().addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
    doc.getTree().getCurrentContentItem().setConceptName(CODE_DCM_Finding);
    doc.getTree().addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Text,
                                 DSRTypes::AM_belowCurrent);
    doc.getTree().getCurrentContentItem().setConceptName(CODE_DCM_Finding);
    doc.getTree().getCurrentContentItem().setStringValue("nothing");
    DcmFileFormat file;
    ASSERT_TRUE(doc.write(*file.getDataset()).good());
    ASSERT_TRUE(file.saveFile(basic.c_str(), EXS_LittleEndianExplicit).good());
  }
  EXPECT_NE(errorOf(basic).find(basic + ": not a TID 1500 Measurement Report"), std::string::npos)
      << errorOf(basic);

  MeasurementReport report = sampleReport();
  const std::string noId = (folder.path() / "no-id.dcm").string();
  writeMeasurementReport(report, noId);
  removeItem(noId, CODE_DCM_TrackingIdentifier);
  EXPECT_EQ(errorOf(noId), noId + ": measurement group 1 has no Tracking Identifier (112039, DCM)");

  const std::string noLong = (folder.path() / "no-long.dcm").string();
  writeMeasurementReport(report, noLong);
  removeItem(noLong, DSRCodedEntryValue("G-A185", "SRT", "Long Axis"));
  EXPECT_EQ(errorOf(noLong), noLong +
                                 ": measurement group 1 ('P1') has no Long Axis (G-A185 SRT or "
                                 "103339001 SCT)");
}

TEST_F(SrRoundTrip, WriterRefusesLesionsItCannotEncode) {
  const std::string path = (folder.path() / "out.dcm").string();
  MeasurementReport report = sampleReport();
  report.lesions[1].trackingId.clear();
  try {
    writeMeasurementReport(report, path);
    FAIL() << "written";
  } catch (const SrError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": lesion 2 has no tracking identifier");
  }
  report = sampleReport();
  report.lesions[2].trackingId = "P1";
  EXPECT_THROW(writeMeasurementReport(report, path), SrError);
  report = sampleReport();
  report.lesions[1].shortAxis->lengthMm = std::nan("");
  EXPECT_THROW(writeMeasurementReport(report, path), SrError);
  report = sampleReport();
  report.lesions[0].longAxis.points.clear();
  EXPECT_THROW(writeMeasurementReport(report, path), SrError);
  EXPECT_FALSE(fs::exists(path));
}

// A report as another TID 1500 writer makes it: SNOMED CT axis codes from DCMTK's CID 7469,
// no NBRA evaluations. Its tracking id, site, lengths and image coordinates are read.
TEST_F(SrRoundTrip, ReportsOfOtherWritersWithSnomedAxesAreRead) {
  TID1500_MeasurementReport report(CMR_CID7021::ImagingMeasurementReport);
  ASSERT_TRUE(report.addProcedureReported(CMR_CID100::ImagingProcedure).good());
  CMR_TID1501_in_TID1500& group = report.getIndividualMeasurements();
  ASSERT_TRUE(group.setTrackingIdentifier("lesion-7").good());
  ASSERT_TRUE(group.setTrackingUniqueIdentifier("1.2.826.0.1.3680043.8.498.99.7").good());
  ASSERT_TRUE(group.addFindingSite(CODE_SCT_Liver).good());
  ASSERT_TRUE(group
                  .addMeasurement(CMR_CID7469::LongAxis,
                                  CMR_TID1501_in_TID1500::MeasurementValue(
                                      "2.5", DSRCodedEntryValue("cm", "UCUM", "centimeter")))
                  .good());
  DSRSpatialCoordinatesValue line(DSRTypes::GT_Polyline);
  line.getGraphicDataList().addItem(1.5f, 2.5f);
  line.getGraphicDataList().addItem(20.5f, 9.5f);
  ASSERT_TRUE(group.getMeasurement()
                  .addSpatialCoordinates(CODE_DCM_SourceOfMeasurement, line,
                                         DSRImageReferenceValue(images[2].ref.sopClassUid,
                                                                images[2].ref.sopInstanceUid))
                  .good());
  DSRDocument doc;
  ASSERT_TRUE(doc.setTreeFromRootTemplate(report).good());
  DcmFileFormat file;
  ASSERT_TRUE(doc.write(*file.getDataset()).good());
  const std::string path = (folder.path() / "foreign.dcm").string();
  ASSERT_TRUE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());

  const MeasurementReport read = readMeasurementReport(path);
  ASSERT_EQ(read.lesions.size(), 1u);
  const SrLesion& l = read.lesions[0];
  EXPECT_EQ(l.trackingId, "lesion-7");
  EXPECT_EQ(l.trackingUid, "1.2.826.0.1.3680043.8.498.99.7");
  EXPECT_EQ(l.findingSite.value, "10200004");
  EXPECT_DOUBLE_EQ(l.longAxis.lengthMm, 25.0);  // 2.5 cm
  ASSERT_TRUE(l.longAxis.image.has_value());
  EXPECT_EQ(l.longAxis.image->sopInstanceUid, images[2].ref.sopInstanceUid);
  ASSERT_EQ(l.longAxis.points.size(), 2u);
  EXPECT_FLOAT_EQ(static_cast<float>(l.longAxis.points[1].column), 20.5f);
  EXPECT_FALSE(l.shortAxis.has_value());
  EXPECT_TRUE(l.organText.empty());
  EXPECT_FALSE(l.sliceThicknessMm.has_value());
}

TEST(SrImagePlane, PixelCentresFollowTheScoordConvention) {
  ImagePlane plane;
  plane.placement.positionMm = {10, 20, 30};
  plane.rowSpacingMm = 0.5;
  plane.columnSpacingMm = 0.25;
  // The first pixel's centre is (0.5, 0.5); one column is 0.25 mm along x, one row 0.5 mm along y.
  SrPixelPoint p = patientToPixel(plane, {10, 20, 30});
  EXPECT_DOUBLE_EQ(p.column, 0.5);
  EXPECT_DOUBLE_EQ(p.row, 0.5);
  double off = -1;
  p = patientToPixel(plane, {11, 21, 33}, &off);
  EXPECT_DOUBLE_EQ(p.column, 4.5);
  EXPECT_DOUBLE_EQ(p.row, 2.5);
  EXPECT_DOUBLE_EQ(off, 3.0);
}

TEST(SrImagePlane, ObliquePlanesConvertBothWays) {
  ImagePlane plane;
  const double c = std::cos(0.4);
  const double s = std::sin(0.4);
  plane.placement.positionMm = {-120.5, 33.0, 410.25};
  plane.placement.rowDirection = {c, s, 0};
  plane.placement.columnDirection = {0, 0, -1};  // a coronal-ish, rotated plane
  plane.rowSpacingMm = 0.7;
  plane.columnSpacingMm = 0.9;
  const Vec3 back = pixelToPatient(plane, {100.25, 37.5});
  double off = -1;
  const SrPixelPoint again = patientToPixel(plane, back, &off);
  EXPECT_NEAR(again.column, 100.25, 1e-9);
  EXPECT_NEAR(again.row, 37.5, 1e-9);
  EXPECT_NEAR(off, 0.0, 1e-9);
  // 99.75 columns of 0.9 mm along (cos, sin, 0), 37 rows of 0.7 mm down.
  EXPECT_NEAR(back[0], -120.5 + 99.75 * 0.9 * c, 1e-9);
  EXPECT_NEAR(back[2], 410.25 - 37 * 0.7, 1e-9);
}

TEST(SrCodes, SitesAndLateralityFromTheReadersWords) {
  EXPECT_EQ(srcodes::findingSiteFor("Left adrenal", false).value, "23451007");
  EXPECT_EQ(srcodes::findingSiteFor("retroperitoneal node", false).value, "59441001");
  EXPECT_EQ(srcodes::findingSiteFor("liver segment 7", false).value, "10200004");
  EXPECT_EQ(srcodes::findingSiteFor("mass", true).value, "59441001");
  EXPECT_EQ(srcodes::findingSiteFor("paravertebral soft tissue", false).scheme, "99NBRA");
  EXPECT_EQ(srcodes::lateralityFor("left adrenal")->value, "7771000");
  EXPECT_EQ(srcodes::lateralityFor("RIGHT kidney")->value, "24028007");
  EXPECT_FALSE(srcodes::lateralityFor("leftover mass").has_value());
  EXPECT_TRUE(srcodes::isLongAxis({"103339001", "SCT", "Long Axis"}));
  EXPECT_TRUE(srcodes::isShortAxis({"G-A186", "SRT", "Short Axis"}));
  EXPECT_FALSE(srcodes::isLongAxis({"G-A186", "SRT", "Short Axis"}));
}

}  // namespace
}  // namespace nbra::dicom
