// A read has one source of truth, its rows: the rules, the CSV for the statistician, the PDF
// report and the DICOM SR all derive from them, so a lesion that is present but not measurable
// reaches all four as "not evaluable" (never as a 0 mm that reads as resolved). And a read whose
// kept forms were made to disagree is named by `audit verify`.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <random>

#include "dicom/index/ImageIndex.h"
#include "dicom/sr/MeasurementReport.h"
#include "tests/records/RecordTestSupport.h"
#include "workflow/assessment/CaseAssembly.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/export/CsvExport.h"
#include "workflow/export/ReportData.h"
#include "workflow/export/ReportHtml.h"
#include "workflow/reads/ReadConsistency.h"
#include "workflow/sr/ReadReportMapping.h"
#include "workflow/subjects/StudiesInIndex.h"

namespace nbra::workflow {
namespace {

using records::testing::kPassword;
using records::testing::TestTrial;

// The follow-up read of the example subject with the liver target L1 present but not measurable.
records::ReadContent followUpWithUnmeasurableL1() {
  records::ReadContent c = records::testing::followUpRead();
  for (records::LesionMeasurement& l : c.lesions) {
    if (l.trackingId == "L1") {
      l.notEvaluable = true;
      l.longAxisMm = 0.0;
      l.shortAxisMm.reset();
    }
  }
  return c;
}

class ReadTruth : public ::testing::Test {
 protected:
  void SetUp() override {
    t.populate();
    t.as("reader1");
    t.record->saveRead("NB-001", "baseline", records::testing::baselineRead());
    t.record->signRead("NB-001", "baseline", kPassword);
    t.record->saveRead("NB-001", "after injection 3", followUpWithUnmeasurableL1());
    t.record->signRead("NB-001", "after injection 3", kPassword);
    t.as("inv");
  }
  TestTrial t;
};

TEST_F(ReadTruth, TheRulesSeeTheLesionNotEvaluable) {
  const AssembledCase assembled = assembleCase(*t.record, "NB-001", "after injection 3", {});
  const QJsonObject kase = caseToJson(assembled.kase);
  const QJsonArray lesions =
      kase.value("timepoints").toArray().last().toObject().value("lesions").toArray();
  bool seen = false;
  for (const QJsonValue& v : lesions) {
    if (v.toObject().value("trackingId").toString() == "L1") {
      seen = true;
      EXPECT_TRUE(v.toObject().value("notEvaluable").toBool());
      EXPECT_FALSE(v.toObject().contains("longAxisMm")) << "a length the rules would use";
    }
  }
  EXPECT_TRUE(seen);
  // The soft-tissue response needs L1: not evaluable, never computed as if L1 had gone.
  const RecordedAssessment a =
      assessAndRecord(*t.record, "NB-001", "after injection 3", {}, std::nullopt);
  const QJsonObject response =
      a.output.value("timepoints").toArray().last().toObject().value("response").toObject();
  EXPECT_EQ(response.value("softTissue").toObject().value("response").toString(), "NE")
      << QJsonDocument(response).toJson().toStdString();
}

TEST_F(ReadTruth, TheStoredOutputWithTheMarrowEntryMatchesTheSchema) {
  const RecordedAssessment a =
      assessAndRecord(*t.record, "NB-001", "after injection 3", {},
                      parseMarrowSamples("aspirate:0,aspirate:0,biopsy:0,biopsy:0", true));
  const std::vector<records::AssessmentRecord> stored = t.record->assessments("NB-001");
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(readStoredAssessment(stored.back().outputJson).marrowEntry->samples.size(), 4u);
  QTemporaryDir out;
  QFile f(out.filePath("stored.json"));
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(stored.back().outputJson.toUtf8());
  f.close();
  QProcess p;
  p.start(NBRA_PYTHON,
          {NBRA_VALIDATE_JSON, NBRA_SCHEMA_DIR "/assessment.schema.json", f.fileName()});
  ASSERT_TRUE(p.waitForFinished(120000));
  EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardOutput().toStdString();
}

TEST_F(ReadTruth, TheCsvHasNoLengthAndSaysNotEvaluable) {
  QTemporaryDir out;
  ASSERT_TRUE(out.isValid());
  exportCsv(*t.record, out.path());
  QFile f(QDir(out.path()).filePath("lesions.csv"));
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
  const QStringList header = lines.first().split(',');
  const qsizetype longAxis = header.indexOf("lesion_long_axis_mm");
  const qsizetype notEvaluable = header.indexOf("lesion_not_evaluable");
  ASSERT_GE(longAxis, 0);
  ASSERT_GE(notEvaluable, 0);
  int followUpL1 = 0;
  for (const QString& line : lines.mid(1)) {
    const QStringList cells = line.split(',');
    if (cells.value(1) == "after injection 3" && cells.value(5) == "L1") {
      ++followUpL1;
      EXPECT_EQ(cells.value(longAxis), "") << line.toStdString();
      EXPECT_EQ(cells.value(notEvaluable), "Yes") << line.toStdString();
    } else if (cells.value(5) == "L1") {
      EXPECT_EQ(cells.value(notEvaluable), "No") << line.toStdString();
      EXPECT_EQ(cells.value(longAxis).toDouble(), 31.0) << line.toStdString();
    }
  }
  EXPECT_EQ(followUpL1, 1);
}

TEST_F(ReadTruth, ThePdfReportSaysNotEvaluable) {
  const ReportData data = gatherReport(*t.record, "NB-001", "after injection 3");
  const QString html = reportHtml(data, "2026-12-05T12:00:00Z");
  QTemporaryDir out;
  const QString pdf = out.filePath("report.pdf");
  // The PDF is rendered by the helper nbra-cli runs, from the HTML the core made.
  QProcess render;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  render.setProcessEnvironment(env);
  render.start(NBRA_REPORT_PDF, {pdf, "NB-001"});
  ASSERT_TRUE(render.waitForStarted());
  render.write(html.toUtf8());
  render.closeWriteChannel();
  ASSERT_TRUE(render.waitForFinished(60000));
  ASSERT_EQ(render.exitCode(), 0) << render.readAllStandardError().toStdString();
  QProcess text;
  text.start("pdftotext", {"-raw", pdf, "-"});
  ASSERT_TRUE(text.waitForFinished(60000)) << "pdftotext (poppler-utils) is needed";
  const QString words = QString::fromUtf8(text.readAllStandardOutput()).simplified();
  EXPECT_TRUE(words.contains(QRegularExpression("L1 liver target not evaluable not evaluable")))
      << words.toStdString();
}

TEST_F(ReadTruth, TheSrCarriesTheFlagAndReadsItBack) {
  const std::vector<records::ReadRecord> reads = t.record->reads("NB-001", "after injection 3");
  ASSERT_EQ(reads.size(), 1u);
  QStringList warnings;
  dicom::MeasurementReport report;
  report.patient.patientId = "NB-001";
  report.timepointLabel = "after injection 3";
  report.observerName = "Reader^Rita";
  report.lesions = lesionsOfRead(
      reads[0].content, [](const std::string&, int) { return std::nullopt; }, warnings);
  QTemporaryDir out;
  const std::string path = out.filePath("read.dcm").toStdString();
  dicom::writeMeasurementReport(report, path);
  const dicom::MeasurementReport back = dicom::readMeasurementReport(path);
  int flagged = 0;
  for (const dicom::SrLesion& l : back.lesions) {
    EXPECT_EQ(l.notEvaluable, l.trackingId == "L1") << l.trackingId;
    flagged += l.notEvaluable ? 1 : 0;
  }
  EXPECT_EQ(flagged, 1);
  // ... and an imported SR gives the rows the rules need.
  const records::ReadContent imported = readOfReport(
      back, [](const std::string&, int) { return std::nullopt; }, path);
  for (const records::LesionMeasurement& l : imported.lesions) {
    EXPECT_EQ(l.notEvaluable, l.trackingId == "L1") << l.trackingId.toStdString();
  }
}

// A lesion table as the workstation saves it in marks_json.
QString marksWithTable(const QString& l1Status) {
  QJsonArray lesions;
  for (const auto& [id, site, primary, node, target] :
       {std::tuple{"P1", "left adrenal", true, false, false},
        std::tuple{"L1", "liver", false, false, true},
        std::tuple{"N1", "retroperitoneal node", false, true, true}}) {
    lesions.append(QJsonObject{{"trackingId", id},
                               {"site", site},
                               {"isPrimary", primary},
                               {"isLymphNode", node},
                               {"isTarget", target},
                               {"mibgAvid", QString(id) != "L1"},
                               {"fdgAvid", false},
                               {"isNew", false},
                               {"status", QString(id) == "L1" ? l1Status : "measured"}});
  }
  return QString::fromUtf8(
      QJsonDocument(QJsonObject{{"format", 1}, {"marks", QJsonArray{}}, {"lesions", lesions}})
          .toJson(QJsonDocument::Compact));
}

TEST(ReadDisagreements, TheLesionTableAndTheRowsMustTellOneStory) {
  records::ReadContent c = followUpWithUnmeasurableL1();
  c.marksJson = marksWithTable("not-measurable");
  EXPECT_EQ(readDisagreements(c), QStringList{});
  c.marksJson = marksWithTable("measured");
  const QStringList told = readDisagreements(c);
  ASSERT_EQ(told.size(), 1);
  EXPECT_TRUE(told[0].contains("lesion L1: not evaluable is no in the lesion table but yes"))
      << told[0].toStdString();
  c.lesions.pop_back();  // N1's row lost
  c.marksJson = marksWithTable("not-measurable");
  EXPECT_EQ(readDisagreements(c),
            QStringList{"lesion N1 (measured) is in the lesion table but has no row"});
}

TEST(ReadDisagreements, UnreadableStoredFormsAreNamedNeverIgnored) {
  records::ReadContent c = followUpWithUnmeasurableL1();
  c.marksJson = "{not json";
  EXPECT_EQ(readDisagreements(c),
            QStringList{"its workstation marks (marks_json) are not a JSON object"});
  c.marksJson.clear();
  c.legacyCaseJson = "[1, 2]";
  EXPECT_EQ(readDisagreements(c),
            QStringList{"its stored case timepoint (source_json) is not a JSON object"});
}

// A bounded, seeded mutation fuzz of the stored forms a read check and the assessment reader
// parse: whatever the bytes, they answer (a list of sentences, an empty result), never crash.
TEST(ReadDisagreements, MutatedStoredFormsNeverCrashTheChecks) {
  records::ReadContent c = followUpWithUnmeasurableL1();
  const QByteArray marks = marksWithTable("not-measurable").toUtf8();
  const QByteArray legacy =
      R"({"lesions":[{"trackingId":"L1","organ":"liver","notEvaluable":true,"sliceThicknessMm":3}]})";
  std::mt19937 random(20261205);
  for (int run = 0; run < 3000; ++run) {
    QByteArray m = run % 2 ? marks : legacy;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const auto at = static_cast<qsizetype>(random() % static_cast<unsigned>(m.size()));
      switch (random() % 3) {
        case 0:
          m[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          m.remove(at, 1 + static_cast<qsizetype>(random() % 8));
          break;
        default:
          m.insert(at, "{[\"1e308,-0:null]}\\"[random() % 18]);
          break;
      }
      if (m.isEmpty())
        m = "{";
    }
    (run % 2 ? c.marksJson : c.legacyCaseJson) = QString::fromUtf8(m);
    EXPECT_NO_THROW(readDisagreements(c)) << m.toStdString();
    EXPECT_NO_THROW(readStoredAssessment(QString::fromUtf8(m))) << m.toStdString();
    c.marksJson.clear();
    c.legacyCaseJson.clear();
  }
}

TEST(StudiesInIndex, AMissingIndexOrAnUnknownStudyIsNamed) {
  QTemporaryDir dir;
  try {
    requireStudiesIndexed(dir.filePath("none.sqlite"), {"1.2.3"});
    ADD_FAILURE() << "accepted a missing index";
  } catch (const records::RecordError& e) {
    EXPECT_TRUE(QString(e.what()).contains("no image index at " + dir.filePath("none.sqlite")))
        << e.what();
  }
  const QString index = dir.filePath("index.sqlite");
  { dicom::ImageIndex created(index.toStdString()); }
  try {
    requireStudiesIndexed(index, {"1.2.826.0.1.3680043.8.498.99"});
    ADD_FAILURE() << "accepted a study the index does not have";
  } catch (const records::RecordError& e) {
    EXPECT_TRUE(QString(e.what()).contains(
        "Study Instance UID 1.2.826.0.1.3680043.8.498.99 is not in the image index"))
        << e.what();
  }
  EXPECT_NO_THROW(requireStudiesIndexed(index, {}));
}

TEST(ReadDisagreements, AnOlderReadsCaseTimepointMustMatchItsRows) {
  // Before schema 8 the case timepoint was stored beside the rows, and a not-measurable lesion
  // was only there: such a read must not be assessed from its rows as if L1 were 0 mm.
  records::ReadContent c = records::testing::followUpRead();
  c.legacyCaseJson =
      R"({"lesions":[{"trackingId":"P1","organ":"left adrenal","isPrimary":true,"longAxisMm":33,)"
      R"("shortAxisMm":25,"sliceThicknessMm":3,"mibgAvid":true},{"trackingId":"L1","organ":)"
      R"("liver","role":"target","notEvaluable":true,"sliceThicknessMm":3},{"trackingId":"N1",)"
      R"("organ":"retroperitoneal node","isLymphNode":true,"role":"target","longAxisMm":16,)"
      R"("shortAxisMm":11,"sliceThicknessMm":3,"mibgAvid":true}],"fdgPet":{"avidBoneLesions":2,)"
      R"("newAvidBoneLesions":0},"marrow":{"samples":[{"kind":"aspirate","infiltrationPercent":0},)"
      R"({"kind":"biopsy","infiltrationPercent":0}]}})";
  const QStringList told = readDisagreements(c);
  ASSERT_EQ(told.size(), 1) << told.join('\n').toStdString();
  EXPECT_TRUE(told[0].startsWith("its lesions in the stored case timepoint"))
      << told[0].toStdString();
  // The same timepoint with L1 as the rows have it agrees.
  for (records::LesionMeasurement& l : c.lesions) {
    if (l.trackingId == "L1") {
      l.notEvaluable = true;
      l.longAxisMm = 0;
      l.shortAxisMm.reset();
    }
  }
  EXPECT_EQ(readDisagreements(c), QStringList{});
}

TEST_F(ReadTruth, AuditVerifyNamesAReadMadeToDisagreeByPlainSql) {
  // A draft with the workstation's lesion table, then a row changed behind NBRA's back.
  t.as("reader2");
  records::ReadContent draft = followUpWithUnmeasurableL1();
  draft.marksJson = marksWithTable("not-measurable");
  const qint64 readId = t.record->saveRead("NB-001", "after injection 3", draft);
  auto verify = [&] {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NBRA_RECORD", t.location);
    p.setProcessEnvironment(env);
    p.start(NBRA_CLI, {"audit", "verify"});
    EXPECT_TRUE(p.waitForFinished(60000));
    return std::pair{p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object()};
  };
  auto [before, beforeJson] = verify();
  ASSERT_EQ(before, 0) << QJsonDocument(beforeJson).toJson().toStdString();
  t.db->run(
      "UPDATE lesion_measurements SET not_evaluable = 0, long_axis_mm = 0 WHERE read_id = ? "
      "AND tracking_id = 'L1'",
      {readId});
  auto [after, afterJson] = verify();
  EXPECT_EQ(after, 3);
  const QJsonArray named = afterJson.value("audit").toObject().value("readsDisagreeing").toArray();
  ASSERT_EQ(named.size(), 1) << QJsonDocument(afterJson).toJson().toStdString();
  EXPECT_TRUE(named[0].toString().startsWith(
      QString("read %1 (subject NB-001, timepoint after injection 3, reader2 version 1)")
          .arg(readId)))
      << named[0].toString().toStdString();
  EXPECT_TRUE(named[0].toString().contains("lesion L1: not evaluable"))
      << named[0].toString().toStdString();
}

}  // namespace
}  // namespace nbra::workflow
