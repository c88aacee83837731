// `nbra-cli sr export|import` run as processes, as a reader's script would: record init, subject,
// timepoints, a read imported with image references, export, dciodvfy, import by a second reader,
// export again (same lesions, same coordinates), import into a follow-up, the response of
// `record assess` in the report, refusals.
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/codes/dcm.h>
#include <dcmtk/dcmsr/codes/sct.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>

#include "dicom/sr/MeasurementReport.h"
#include "tests/sr/SrTestSupport.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

struct CliResult {
  int exitCode = -1;
  QJsonObject json;
  QString text;
  QString message() const { return json.value("error").toObject().value("message").toString(); }
};

class SrCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    testing::SyntheticSeries spec;
    spec.patientId = "NB-SR-001";
    spec.patientName = "SR^CLI";
    spec.slices = 4;
    spec.rows = 32;
    spec.columns = 32;
    spec.pixelSpacingMm = 0.75;  // slices at z = 0, 2.5, 5, 7.5; 24 mm wide
    files = testing::writeSeries(fs::path(dir.path().toStdString()) / "ct", spec);
    index = dir.filePath("index.sqlite");
    const CliResult indexed = run("admin", {"index", dir.filePath("ct"), "--index", index});
    ASSERT_EQ(indexed.exitCode, 0) << indexed.text.toStdString();
    studyUid = QString::fromStdString(tag(files[0], "StudyInstanceUID"));
    sliceUid1 = QString::fromStdString(tag(files[1], "SOPInstanceUID"));
    sliceUid3 = QString::fromStdString(tag(files[3], "SOPInstanceUID"));
  }

  static std::string tag(const fs::path& file, const std::string& name) {
    const testing::ToolOutput out =
        testing::runTool("dcmdump -q +P " + name + " '" + file.string() + "'");
    const auto open = out.text.find('[');
    const auto close = out.text.find(']');
    return open == std::string::npos ? std::string() : out.text.substr(open + 1, close - open - 1);
  }

  CliResult run(const QString& user, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NBRA_RECORD", dir.filePath("trial.sqlite"));
    env.insert("NBRA_USER", user);
    env.insert("NBRA_PASSWORD", "pw-1");
    env.insert("NBRA_SIGN_PASSWORD", "pw-1");
    env.insert("NBRA_NEW_PASSWORD", "pw-1");
    env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
    env.insert("NBRA_TESTING", "1");
    p.setProcessEnvironment(env);
    p.start(NBRA_CLI, args);
    p.waitForFinished(120000);
    CliResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.text = QString::fromUtf8(p.readAllStandardOutput());
    r.json = QJsonDocument::fromJson(r.text.toUtf8()).object();
    return r;
  }

  CliResult ok(const QString& user, const QStringList& args) {
    CliResult r = run(user, args);
    EXPECT_EQ(r.exitCode, 0) << args.join(' ').toStdString() << "\n" << r.text.toStdString();
    return r;
  }

  QString writeCase(const QString& name, const QString& label, const QString& kind,
                    const QString& date, int injections, double p1Long, double p1Short,
                    double n1Long, double n1Short, bool withRefs) {
    QJsonArray lesions{QJsonObject{{"trackingId", "P1"},
                                   {"organ", "left adrenal"},
                                   {"isPrimary", true},
                                   {"longAxisMm", p1Long},
                                   {"shortAxisMm", p1Short},
                                   {"sliceThicknessMm", 2.5},
                                   {"mibgAvid", true}},
                       QJsonObject{{"trackingId", "N1"},
                                   {"organ", "retroperitoneal node"},
                                   {"isLymphNode", true},
                                   {"role", "target"},
                                   {"longAxisMm", n1Long},
                                   {"shortAxisMm", n1Short},
                                   {"sliceThicknessMm", 2.5},
                                   {"fdgAvid", true}}};
    QJsonObject root{{"subject", QJsonObject{{"id", "NB-SR-001"}, {"weightKg", 18.0}}},
                     {"timepoints", QJsonArray{QJsonObject{{"label", label},
                                                           {"kind", kind},
                                                           {"date", date},
                                                           {"injectionsBefore", injections},
                                                           {"lesions", lesions}}}}};
    if (withRefs) {
      // Both lines lie in their slice's plane: 16 x 12 mm -> 20 mm.
      root["imageRefs"] = QJsonObject{{"P1", QJsonObject{{"sopInstanceUid", sliceUid1},
                                                         {"startMm", QJsonArray{2.0, 3.0, 2.5}},
                                                         {"endMm", QJsonArray{18.0, 15.0, 2.5}}}},
                                      {"N1", QJsonObject{{"sopInstanceUid", sliceUid3},
                                                         {"startMm", QJsonArray{4.0, 5.0, 7.5}},
                                                         {"endMm", QJsonArray{16.0, 21.0, 7.5}}}}};
    }
    QFile f(dir.filePath(name));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(root).toJson());
    return f.fileName();
  }

  // reader1's baseline read (P1 on slice 1, N1 on slice 3) imported and exported as an SR.
  QString exportBaselineSr() {
    ok("reader1", {"record", "read", "import", "NB-SR-001", "--timepoint", "baseline",
                   writeCase("b.json", "baseline", "baseline", "2026-01-12", 0, 20.0, 11.0, 20.0,
                             16.0, true)});
    const QString sr = dir.filePath("sr.dcm");
    ok("reader1",
       {"sr", "export", "NB-SR-001", "--timepoint", "baseline", "--out", sr, "--index", index});
    return sr;
  }

  void setUpRecord() {
    ok("admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
    ok("admin",
       {"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"});
    ok("admin", {"record", "user", "add", "reader1", "--role", "reader", "--name", "Rita Okafor"});
    ok("admin", {"record", "user", "add", "reader2", "--role", "reader", "--name", "Sam Second"});
    ok("admin", {"record", "user", "add", "inv", "--role", "investigator", "--name", "Ivan Inv"});
    ok("coord",
       {"record", "subject", "add", "NB-SR-001", "--sex", "F", "--birth-date", "2019-07-01"});
    ok("coord", {"record", "weight", "NB-SR-001", "--date", "2026-01-10", "--weight-kg", "18"});
    ok("coord", {"record", "timepoint", "add", "NB-SR-001", "--label", "baseline", "--kind",
                 "baseline", "--date", "2026-01-12", "--study", studyUid, "--index", index});
    ok("coord", {"record", "timepoint", "add", "NB-SR-001", "--label", "after injection 3",
                 "--kind", "follow-up", "--date", "2026-03-30", "--study", studyUid});
  }

  QTemporaryDir dir;
  std::vector<fs::path> files;
  QString index;
  QString studyUid;
  QString sliceUid1;
  QString sliceUid3;
};

TEST_F(SrCli, ExportImportExportKeepsLesionsAndCoordinates) {
  setUpRecord();
  const QString baseline = writeCase("baseline.json", "baseline", "baseline", "2026-01-12", 0, 20.0,
                                     11.0, 20.0, 16.0, true);
  ok("reader1", {"record", "read", "import", "NB-SR-001", "--timepoint", "baseline", baseline});

  const QString sr1 = dir.filePath("reader1.dcm");
  const CliResult exported = ok("reader1", {"sr", "export", "NB-SR-001", "--timepoint", "baseline",
                                            "--out", sr1, "--index", index});
  EXPECT_EQ(exported.json.value("lesions").toInt(), 2);
  EXPECT_EQ(exported.json.value("measurementsWithCoordinates").toInt(), 2);
  EXPECT_EQ(exported.json.value("readStatus").toString(), "draft");
  EXPECT_EQ(exported.json.value("warnings").toArray().size(), 0);
  EXPECT_TRUE(exported.json.value("patientFrom").toString().contains("/ct/"));
  EXPECT_TRUE(exported.json.value("response").isNull());  // nothing assessed yet

  const testing::ToolOutput verified = testing::runTool("dciodvfy '" + sr1.toStdString() + "'");
  EXPECT_EQ(testing::dciodvfyErrors(verified.text), "") << verified.text;

  // A second reader takes the report as their draft read, and exports it again.
  const CliResult imported = ok("reader2", {"sr", "import", sr1, "--subject", "NB-SR-001",
                                            "--timepoint", "baseline", "--index", index});
  EXPECT_EQ(imported.json.value("status").toString(), "draft");
  EXPECT_EQ(imported.json.value("lesions").toInt(), 2);
  EXPECT_EQ(imported.json.value("reportObserver").toString(), "Okafor^Rita");
  const QString sr2 = dir.filePath("reader2.dcm");
  ok("reader2",
     {"sr", "export", "NB-SR-001", "--timepoint", "baseline", "--out", sr2, "--index", index});

  const MeasurementReport a = readMeasurementReport(sr1.toStdString());
  const MeasurementReport b = readMeasurementReport(sr2.toStdString());
  EXPECT_EQ(a.patient.patientId, "NB-SR-001");
  EXPECT_EQ(a.patient.studyInstanceUid, studyUid.toStdString());
  EXPECT_EQ(b.observerName, "Second^Sam");
  ASSERT_EQ(a.lesions.size(), 2u);
  ASSERT_EQ(b.lesions.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const SrLesion& x = a.lesions[i];
    const SrLesion& y = b.lesions[i];
    SCOPED_TRACE(x.trackingId);
    EXPECT_EQ(y.trackingId, x.trackingId);
    EXPECT_EQ(y.trackingUid, x.trackingUid);  // one UID per subject and lesion
    EXPECT_EQ(y.findingSite, x.findingSite);
    EXPECT_EQ(y.finding, x.finding);
    EXPECT_EQ(y.organText, x.organText);
    EXPECT_EQ(y.isPrimary, x.isPrimary);
    EXPECT_EQ(y.isLymphNode, x.isLymphNode);
    EXPECT_EQ(y.isTarget, x.isTarget);
    EXPECT_EQ(y.mibgAvid, x.mibgAvid);
    EXPECT_EQ(y.fdgAvid, x.fdgAvid);
    EXPECT_EQ(y.sliceThicknessMm, x.sliceThicknessMm);
    EXPECT_DOUBLE_EQ(y.longAxis.lengthMm, x.longAxis.lengthMm);
    ASSERT_TRUE(x.longAxis.image && y.longAxis.image);
    EXPECT_EQ(y.longAxis.image->sopInstanceUid, x.longAxis.image->sopInstanceUid);
    ASSERT_EQ(x.longAxis.points.size(), 2u);
    ASSERT_EQ(y.longAxis.points.size(), 2u);
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_NEAR(y.longAxis.points[k].column, x.longAxis.points[k].column, 1e-3);
      EXPECT_NEAR(y.longAxis.points[k].row, x.longAxis.points[k].row, 1e-3);
    }
    ASSERT_TRUE(x.shortAxis && y.shortAxis);
    EXPECT_DOUBLE_EQ(y.shortAxis->lengthMm, x.shortAxis->lengthMm);
  }
  // The pixel coordinates are the case's millimetres: P1 from (2, 3) mm on slice 1 with
  // 0.75 mm pixels -> (2 / 0.75 + 0.5, 3 / 0.75 + 0.5).
  EXPECT_EQ(a.lesions[0].longAxis.image->sopInstanceUid, sliceUid1.toStdString());
  EXPECT_NEAR(a.lesions[0].longAxis.points[0].column, 2.0 / 0.75 + 0.5, 1e-4);
  EXPECT_NEAR(a.lesions[0].longAxis.points[0].row, 3.0 / 0.75 + 0.5, 1e-4);
  EXPECT_NEAR(a.lesions[0].longAxis.points[1].column, 18.0 / 0.75 + 0.5, 1e-4);
  EXPECT_EQ(a.lesions[1].longAxis.image->sopInstanceUid, sliceUid3.toStdString());
  EXPECT_EQ(a.lesions[1].findingSite.value, "59441001");

  // The same report as a first read of the follow-up by reader1.
  const CliResult followUp = ok("reader1", {"sr", "import", sr1, "--subject", "NB-SR-001",
                                            "--timepoint", "after injection 3", "--index", index});
  EXPECT_EQ(followUp.json.value("timepoint").toString(), "after injection 3");
  const CliResult shown =
      ok("reader1", {"record", "read", "show", "NB-SR-001", "--timepoint", "after injection 3"});
  const QJsonArray reads = shown.json.value("reads").toArray();
  ASSERT_EQ(reads.size(), 1);
  EXPECT_EQ(reads[0].toObject().value("lesions").toArray().size(), 2);
}

TEST_F(SrCli, ResponseOfRecordAssessIsInTheReportAndSignedReadsAreNotOverwritten) {
  setUpRecord();
  ok("reader1",
     {"record", "read", "import", "NB-SR-001", "--timepoint", "baseline",
      writeCase("b.json", "baseline", "baseline", "2026-01-12", 0, 20.0, 11.0, 20.0, 16.0, true)});
  ok("reader1", {"record", "read", "import", "NB-SR-001", "--timepoint", "after injection 3",
                 writeCase("f.json", "after injection 3", "follow-up", "2026-03-30", 3, 8.0, 5.0,
                           9.0, 6.0, false)});
  ok("reader1", {"record", "read", "sign", "NB-SR-001", "--timepoint", "baseline"});
  ok("reader1", {"record", "read", "sign", "NB-SR-001", "--timepoint", "after injection 3"});
  const CliResult assessed =
      ok("inv", {"record", "assess", "NB-SR-001", "--timepoint", "after injection 3"});
  QJsonObject expected;
  for (const QJsonValue& t :
       assessed.json.value("assessment").toObject().value("timepoints").toArray()) {
    if (t.toObject().value("label").toString() == "after injection 3") {
      expected = t.toObject().value("response").toObject();
    }
  }
  ASSERT_FALSE(expected.isEmpty()) << assessed.text.toStdString();

  const QString sr = dir.filePath("fu.dcm");
  const CliResult exported = ok("reader1", {"sr", "export", "NB-SR-001", "--timepoint",
                                            "after injection 3", "--out", sr, "--index", index});
  EXPECT_EQ(exported.json.value("readStatus").toString(), "signed");
  const MeasurementReport report = readMeasurementReport(sr.toStdString());
  ASSERT_TRUE(report.response.has_value());
  ASSERT_EQ(report.response->components.size(), 7u);
  for (const SrResponseComponent& c : report.response->components) {
    EXPECT_EQ(
        QString::fromStdString(c.response),
        expected.value(QString::fromStdString(c.component)).toObject().value("response").toString())
        << c.component;
  }
  EXPECT_EQ(QString::fromStdString(report.response->ruleSetVersion),
            assessed.json.value("assessment").toObject().value("ruleSetVersion").toString());

  // reader1's baseline read is signed: an import must not replace it.
  const QString baselineSr = dir.filePath("b.dcm");
  ok("reader1", {"sr", "export", "NB-SR-001", "--timepoint", "baseline", "--out", baselineSr,
                 "--index", index});
  const CliResult refused = run("reader1", {"sr", "import", baselineSr, "--subject", "NB-SR-001",
                                            "--timepoint", "baseline", "--index", index});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_TRUE(refused.message().contains("is signed")) << refused.text.toStdString();
  const CliResult shown =
      ok("reader1", {"record", "read", "show", "NB-SR-001", "--timepoint", "baseline"});
  EXPECT_EQ(shown.json.value("reads").toArray()[0].toObject().value("status").toString(), "signed");
}

// A report made by another TID 1500 writer (SNOMED CT Long Axis, no NBRA evaluations): the organ
// comes from the coded site, the slice thickness from the image, and the caliper ends go through
// patient mm and back to the same pixels.
TEST_F(SrCli, ReportOfAnotherWriterBecomesARead) {
  setUpRecord();
  TID1500_MeasurementReport report(CMR_CID7021::ImagingMeasurementReport);
  ASSERT_TRUE(report.addProcedureReported(CMR_CID100::ImagingProcedure).good());
  CMR_TID1501_in_TID1500& group = report.getIndividualMeasurements();
  ASSERT_TRUE(group.setTrackingIdentifier("L7").good());
  ASSERT_TRUE(group.addFindingSite(CODE_SCT_Liver).good());
  // (1.5, 2.5) to (20.5, 9.5) pixels of 0.75 mm: 14.25 x 5.25 mm.
  const double lengthMm = std::hypot(14.25, 5.25);
  ASSERT_TRUE(group
                  .addMeasurement(CMR_CID7469::LongAxis,
                                  CMR_TID1501_in_TID1500::MeasurementValue(
                                      std::to_string(lengthMm).c_str(), CMR_CID7181::Millimeter))
                  .good());
  DSRSpatialCoordinatesValue line(DSRTypes::GT_Polyline);
  line.getGraphicDataList().addItem(1.5f, 2.5f);
  line.getGraphicDataList().addItem(20.5f, 9.5f);
  ASSERT_TRUE(group.getMeasurement()
                  .addSpatialCoordinates(
                      CODE_DCM_SourceOfMeasurement, line,
                      DSRImageReferenceValue(UID_CTImageStorage, sliceUid1.toStdString().c_str()))
                  .good());
  // Short axis (5.5, 10.5) to (9.5, 2.5) pixels: 3 x 6 mm.
  const double shortMm = std::hypot(3.0, 6.0);
  ASSERT_TRUE(group
                  .addMeasurement(CMR_CID7469::ShortAxis,
                                  CMR_TID1501_in_TID1500::MeasurementValue(
                                      std::to_string(shortMm).c_str(), CMR_CID7181::Millimeter))
                  .good());
  DSRSpatialCoordinatesValue shortLine(DSRTypes::GT_Polyline);
  shortLine.getGraphicDataList().addItem(5.5f, 10.5f);
  shortLine.getGraphicDataList().addItem(9.5f, 2.5f);
  ASSERT_TRUE(group.getMeasurement()
                  .addSpatialCoordinates(
                      CODE_DCM_SourceOfMeasurement, shortLine,
                      DSRImageReferenceValue(UID_CTImageStorage, sliceUid1.toStdString().c_str()))
                  .good());
  DSRDocument doc;
  ASSERT_TRUE(doc.setTreeFromRootTemplate(report).good());
  DcmFileFormat file;
  ASSERT_TRUE(doc.write(*file.getDataset()).good());
  const QString foreign = dir.filePath("foreign.dcm");
  ASSERT_TRUE(file.saveFile(foreign.toStdString().c_str(), EXS_LittleEndianExplicit).good());

  ok("reader1", {"sr", "import", foreign, "--subject", "NB-SR-001", "--timepoint", "baseline",
                 "--index", index});
  const CliResult shown =
      ok("reader1", {"record", "read", "show", "NB-SR-001", "--timepoint", "baseline"});
  const QJsonObject lesion =
      shown.json.value("reads").toArray()[0].toObject().value("lesions").toArray()[0].toObject();
  EXPECT_EQ(lesion.value("trackingId").toString(), "L7");
  EXPECT_EQ(lesion.value("organ").toString(), "liver");
  EXPECT_EQ(lesion.value("sopInstanceUid").toString(), sliceUid1);
  EXPECT_NEAR(lesion.value("longAxisMm").toDouble(), lengthMm, 1e-5);

  const QString again = dir.filePath("again.dcm");
  ok("reader1",
     {"sr", "export", "NB-SR-001", "--timepoint", "baseline", "--out", again, "--index", index});
  const MeasurementReport back = readMeasurementReport(again.toStdString());
  ASSERT_EQ(back.lesions.size(), 1u);
  EXPECT_EQ(back.lesions[0].sliceThicknessMm, 2.5);  // the image's Slice Thickness
  EXPECT_EQ(back.lesions[0].findingSite.value, "10200004");
  ASSERT_EQ(back.lesions[0].longAxis.points.size(), 2u);
  EXPECT_NEAR(back.lesions[0].longAxis.points[0].column, 1.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].longAxis.points[0].row, 2.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].longAxis.points[1].column, 20.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].longAxis.points[1].row, 9.5, 1e-4);
  // The short axis's ends are kept by the trial record and drawn again on their image.
  ASSERT_TRUE(back.lesions[0].shortAxis.has_value());
  EXPECT_NEAR(back.lesions[0].shortAxis->lengthMm, shortMm, 1e-5);
  ASSERT_TRUE(back.lesions[0].shortAxis->image.has_value());
  EXPECT_EQ(back.lesions[0].shortAxis->image->sopInstanceUid, sliceUid1.toStdString());
  ASSERT_EQ(back.lesions[0].shortAxis->points.size(), 2u);
  EXPECT_NEAR(back.lesions[0].shortAxis->points[0].column, 5.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].shortAxis->points[0].row, 10.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].shortAxis->points[1].column, 9.5, 1e-4);
  EXPECT_NEAR(back.lesions[0].shortAxis->points[1].row, 2.5, 1e-4);
}

TEST_F(SrCli, ImplausibleOrHostileReportsAreRefusedWithTheFile) {
  setUpRecord();
  const QString sr = exportBaselineSr();
  MeasurementReport report = readMeasurementReport(sr.toStdString());
  report.lesions.at(0).longAxis.lengthMm = 5000;  // 5 m
  // The writer needs the UIDs the evidence sequence names (the reader leaves them to the index).
  const std::string seriesUid = tag(files[0], "SeriesInstanceUID");
  for (SrLesion& l : report.lesions) {
    for (SrLinearMeasurement* m : {&l.longAxis, l.shortAxis ? &*l.shortAxis : nullptr}) {
      if (m && m->image) {
        m->image->seriesInstanceUid = seriesUid;
        m->image->studyInstanceUid = studyUid.toStdString();
      }
    }
  }
  const QString absurd = dir.filePath("absurd.dcm");
  writeMeasurementReport(report, absurd.toStdString());
  CliResult r = run("reader2", {"sr", "import", absurd, "--subject", "NB-SR-001", "--timepoint",
                                "baseline", "--index", index});
  EXPECT_EQ(r.exitCode, 2) << r.text.toStdString();
  EXPECT_EQ(r.json.value("error").toObject().value("file").toString(), absurd);
  EXPECT_TRUE(r.message().contains("Long Axis 5000 mm is outside")) << r.text.toStdString();

  const auto hostile = testing::hostileInputsDir();
  if (!hostile) {
    GTEST_SKIP() << "hostile inputs absent (" << testing::hostileInputsExpectedPath() << ")";
  }
  const QString deep =
      QString::fromStdString((*hostile / "deep-sq-7500" / "CT_small.dcm").string());
  r = run("reader2", {"sr", "import", deep, "--subject", "NB-SR-001", "--timepoint", "baseline",
                      "--index", index});
  EXPECT_EQ(r.exitCode, 2) << r.text.toStdString();
  EXPECT_EQ(r.json.value("error").toObject().value("file").toString(), deep);
  EXPECT_TRUE(r.message().contains("nested more than")) << r.text.toStdString();
}

TEST_F(SrCli, BrokenInputGetsAClearError) {
  setUpRecord();
  const QString ct = QString::fromStdString(files[0].string());
  CliResult r = run("reader1", {"sr", "import", ct, "--subject", "NB-SR-001", "--timepoint",
                                "baseline", "--index", index});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.message().startsWith(ct + ": not a DICOM Structured Report"))
      << r.text.toStdString();

  // A report whose images are not in the index given.
  const QString sr = exportBaselineSr();
  const QString empty = dir.filePath("empty-index.sqlite");
  ASSERT_TRUE(QDir().mkpath(dir.filePath("nothing")));
  ok("admin", {"index", dir.filePath("nothing"), "--index", empty});
  r = run("reader2", {"sr", "import", sr, "--subject", "NB-SR-001", "--timepoint", "baseline",
                      "--index", empty});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.message().contains(sr + ": lesion 'P1'")) << r.text.toStdString();
  EXPECT_TRUE(r.message().contains("not in the image index")) << r.text.toStdString();

  r = run("reader1", {"sr", "export", "NB-SR-001", "--timepoint", "no such", "--out", sr});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.message().contains("no timepoint 'no such'")) << r.text.toStdString();

  r = run("reader1", {"sr", "import", sr});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.message().contains("--subject")) << r.text.toStdString();

  r = run("reader1", {"sr", "frobnicate"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.message().contains("one of: export, import")) << r.text.toStdString();
}

}  // namespace
}  // namespace nbra::dicom
