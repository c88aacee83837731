// The statistician's SDTM export (docs/sdtm.md): TR holds one row per lesion per timepoint from
// the signed reads, SUMDIAM and RS what the stored assessment decided, DM the arm; the export
// passes its own required-variable check, and only an unmasked investigator gets it.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <functional>

#include "records/store/TrialArms.h"
#include "tests/records/RecordTestSupport.h"
#include "tests/workflow/GeneratedTrial.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/export/Sdtm.h"

namespace nbra::workflow {
namespace {

using records::RecordError;
using records::RecordErrorKind;
using records::testing::kPassword;
using records::testing::TestTrial;

const QString kBaseline = "baseline";
const QString kFollowUp = "after injection 3";

// The rows of `d` whose `variable` is `value` (and so on for the optional further pairs).
std::vector<QStringList> rowsWhere(const SdtmDataset& d, const QString& variable,
                                   const QString& value, const QString& variable2 = {},
                                   const QString& value2 = {}, const QString& variable3 = {},
                                   const QString& value3 = {}) {
  std::vector<QStringList> out;
  for (const QStringList& row : d.rows) {
    if (d.value(row, variable) == value &&
        (variable2.isEmpty() || d.value(row, variable2) == value2) &&
        (variable3.isEmpty() || d.value(row, variable3) == value3)) {
      out.push_back(row);
    }
  }
  return out;
}

// RFC 4180 reading of a whole file: quoted fields with "" for a quote and line breaks inside.
std::vector<QStringList> parseCsv(const QString& text) {
  std::vector<QStringList> rows;
  QStringList row;
  QString field;
  bool quoted = false;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row << field;
      field.clear();
    } else if (c == '\n') {
      row << field;
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.isEmpty() || !row.isEmpty()) {
    row << field;
    rows.push_back(row);
  }
  return rows;
}

QString readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// NB-001 (arm NK) read by reader1 at the baseline and after injection 3 and assessed; NB-002
// enrolled with no arm recorded. The investigator has unmasked.
class Sdtm : public ::testing::Test {
 protected:
  void SetUp() override {
    t.populate();
    t.as("coord");
    t.record->recordArm("NB-001", "NK");
    t.record->createSubject({"NB-002", "M", QDate(2018, 3, 9), std::nullopt});
    t.enrolEligible("NB-002", QDate(2026, 2, 1), "Site 02");
  }
  void readAndAssess(const records::ReadContent& followUp = records::testing::followUpRead(),
                     const records::ReadContent& baseline = records::testing::baselineRead()) {
    t.as("reader1");
    t.record->saveRead("NB-001", kBaseline, baseline);
    t.record->signRead("NB-001", kBaseline, kPassword);
    t.record->saveRead("NB-001", kFollowUp, followUp);
    t.record->signRead("NB-001", kFollowUp, kPassword);
    t.as("inv");
    assessAndRecord(*t.record, "NB-001", kFollowUp, {}, std::nullopt);
  }
  SdtmExport unmaskedExport() {
    t.as("inv");
    if (!t.record->actorIsUnmasked()) {
      t.record->unmask("SDTM export for the final analysis", kPassword);
    }
    return buildSdtm(*t.record);
  }
  // The signed read of reader1 at `label`, as the record gives it.
  records::ReadRecord signedRead(const QString& label) {
    for (const records::ReadRecord& r : t.record->reads("NB-001", label)) {
      if (r.status == "signed" && r.readerUserName == "reader1") {
        return r;
      }
    }
    ADD_FAILURE() << "no signed read at " << label.toStdString();
    return {};
  }
  TestTrial t;
};

TEST_F(Sdtm, TrHoldsOneDiameterRowPerLesionPerTimepointAndAShortAxisPerNode) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  for (const QString& label : {kBaseline, kFollowUp}) {
    SCOPED_TRACE(label.toStdString());
    const records::ReadRecord read = signedRead(label);
    const auto ldiam = rowsWhere(e.tr, "VISIT", label, "TRTESTCD", "LDIAM");
    ASSERT_EQ(ldiam.size(), read.content.lesions.size());
    std::size_t nodes = 0;
    for (const records::LesionMeasurement& l : read.content.lesions) {
      const auto rows = rowsWhere(e.tr, "VISIT", label, "TRLNKID", l.trackingId);
      const auto lesionLdiam = rowsWhere(e.tr, "TRLNKID", l.trackingId, "TRTESTCD", "LDIAM");
      ASSERT_FALSE(rows.empty()) << l.trackingId.toStdString();
      bool found = false;
      for (const QStringList& row : rows) {
        if (e.tr.value(row, "TRTESTCD") == "LDIAM") {
          found = true;
          EXPECT_DOUBLE_EQ(e.tr.value(row, "TRSTRESN").toDouble(), l.longAxisMm);
          EXPECT_EQ(e.tr.value(row, "TRORRESU"), "mm");
          EXPECT_EQ(e.tr.value(row, "USUBJID"), "NBRA-NK-NB-001");
          EXPECT_EQ(e.tr.value(row, "TREVAL"), "INDEPENDENT ASSESSOR");
        }
        if (e.tr.value(row, "TRTESTCD") == "LPERP") {
          EXPECT_TRUE(l.isLymphNode) << l.trackingId.toStdString();
          EXPECT_DOUBLE_EQ(e.tr.value(row, "TRSTRESN").toDouble(), *l.shortAxisMm);
        }
      }
      EXPECT_TRUE(found) << l.trackingId.toStdString();
      EXPECT_EQ(lesionLdiam.size(), 2u) << "one per timepoint: " << l.trackingId.toStdString();
      nodes += l.isLymphNode ? 1 : 0;
    }
    EXPECT_EQ(rowsWhere(e.tr, "VISIT", label, "TRTESTCD", "LPERP").size(), nodes);
    EXPECT_GT(nodes, 0u);
  }
  // TU identifies each lesion once, at the timepoint it first appears, linked to TR by TULNKID.
  EXPECT_EQ(e.tu.rows.size(), signedRead(kBaseline).content.lesions.size());
  for (const QStringList& row : e.tu.rows) {
    EXPECT_EQ(e.tu.value(row, "VISIT"), kBaseline);
    EXPECT_EQ(e.tu.value(row, "TUTESTCD"), "TUMIDENT");
    EXPECT_FALSE(rowsWhere(e.tr, "TRLNKID", e.tu.value(row, "TULNKID")).empty());
  }
  const auto l1 = rowsWhere(e.tu, "TULNKID", "L1");
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(e.tu.value(l1[0], "TUORRES"), "TARGET");
  EXPECT_EQ(e.tu.value(l1[0], "TULOC"), "liver");
  EXPECT_EQ(e.tu.value(l1[0], "TUDTC"), "2026-01-12");
  EXPECT_EQ(e.tu.value(l1[0], "TUREFID"), "1.2.826.0.1.3680043.8.498.1.5.77");
  const auto p1 = rowsWhere(e.tu, "TULNKID", "P1");
  ASSERT_EQ(p1.size(), 1u);
  EXPECT_EQ(e.tu.value(p1[0], "TUGRPID"), "PRIMARY");
  EXPECT_EQ(e.tu.value(p1[0], "TUORRES"), "NON-TARGET");
}

TEST_F(Sdtm, SumOfDiametersAndScoresAreTheAssessmentsOwn) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  const auto assessments = t.record->assessments("NB-001");
  ASSERT_EQ(assessments.size(), 1u);
  const StoredAssessment output = readStoredAssessment(assessments[0].outputJson);
  int sums = 0;
  for (const QString& label : {kBaseline, kFollowUp}) {
    SCOPED_TRACE(label.toStdString());
    const StoredTimepoint* tp = output.timepoint(label);
    ASSERT_NE(tp, nullptr);
    ASSERT_TRUE(tp->targetSumOfDiametersMm.has_value());
    const auto sumdiam = rowsWhere(e.tr, "VISIT", label, "TRTESTCD", "SUMDIAM");
    ASSERT_EQ(sumdiam.size(), 1u);
    EXPECT_DOUBLE_EQ(e.tr.value(sumdiam[0], "TRSTRESN").toDouble(), *tp->targetSumOfDiametersMm);
    EXPECT_EQ(e.tr.value(sumdiam[0], "TRTEST"), "Sum of Diameter");
    ++sums;
    if (tp->siopenTotal) {
      const auto siopen = rowsWhere(e.tr, "VISIT", label, "TRTESTCD", "SIOPENSC");
      ASSERT_EQ(siopen.size(), 1u);
      EXPECT_EQ(e.tr.value(siopen[0], "TRSTRESN"), QString::number(*tp->siopenTotal));
      EXPECT_EQ(e.tr.value(siopen[0], "TRORRESU"), "");
    }
    if (tp->curieTotal) {
      const auto curie = rowsWhere(e.tr, "VISIT", label, "TRTESTCD", "CURIESC");
      ASSERT_EQ(curie.size(), 1u);
      EXPECT_EQ(e.tr.value(curie[0], "TRSTRESN"), QString::number(*tp->curieTotal));
    }
  }
  EXPECT_EQ(sums, 2);
  EXPECT_TRUE(output.timepoint(kBaseline)->siopenTotal.has_value()) << "the fixture has SIOPEN";
  // The read and the assessment agree, so no note says otherwise.
  for (const QString& n : e.notes) {
    EXPECT_FALSE(n.contains("SUMDIAM")) << n.toStdString();
  }
}

TEST_F(Sdtm, RsHoldsTheOverallResponseAndTheInrcComponentsOfEachAssessment) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  int assessed = 0;
  for (const records::AssessmentRecord& a : t.record->assessments("NB-001")) {
    if (!a.overallResponse) {
      continue;
    }
    ++assessed;
    const auto overall = rowsWhere(e.rs, "VISIT", a.timepointLabel, "RSTESTCD", "OVRLRESP");
    ASSERT_EQ(overall.size(), 1u);
    EXPECT_EQ(e.rs.value(overall[0], "RSORRES"), *a.overallResponse);
    EXPECT_EQ(e.rs.value(overall[0], "RSSTRESC"), *a.overallResponse);
    EXPECT_EQ(e.rs.value(overall[0], "RSCAT"), "INRC 2017");
    EXPECT_EQ(e.rs.value(overall[0], "RSDTC"), "2026-03-30");
    EXPECT_EQ(e.rs.value(overall[0], "VISITNUM"), "2");
    const StoredResponse response =
        *readStoredAssessment(a.outputJson).timepoint(a.timepointLabel)->response;
    for (const auto& [key, code] :
         std::vector<std::pair<QString, QString>>{{"primary", "PRIMRESP"},
                                                  {"metastatic", "METSRESP"},
                                                  {"softTissue", "SOFTRESP"},
                                                  {"bone", "BONERESP"},
                                                  {"marrow", "MARRESP"}}) {
      const StoredComponent* c = response.component(key);
      const auto rows = rowsWhere(e.rs, "VISIT", a.timepointLabel, "RSTESTCD", code);
      if (c->response.isEmpty()) {
        EXPECT_TRUE(rows.empty()) << code.toStdString();
      } else {
        ASSERT_EQ(rows.size(), 1u) << code.toStdString();
        EXPECT_EQ(e.rs.value(rows[0], "RSORRES"), c->response) << code.toStdString();
      }
    }
  }
  EXPECT_EQ(assessed, 1);
  EXPECT_EQ(rowsWhere(e.rs, "RSTESTCD", "OVRLRESP").size(), 1u) << "none at the baseline";
  EXPECT_GE(e.rs.rows.size(), 3u);
}

TEST_F(Sdtm, TheCheckPassesTheExportAndNamesWhatIsMissing) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  EXPECT_EQ(checkSdtm(e), QStringList()) << checkSdtm(e).join("\n").toStdString();

  SdtmExport noTestCode = e;
  const qsizetype c = noTestCode.tr.column("TRTESTCD");
  noTestCode.tr.variables.removeAt(c);
  for (QStringList& row : noTestCode.tr.rows) {
    row.removeAt(c);
  }
  QStringList problems = checkSdtm(noTestCode);
  ASSERT_EQ(problems.size(), 1) << problems.join("\n").toStdString();
  EXPECT_EQ(problems[0], "TR: required variable TRTESTCD is missing");

  SdtmExport blank = e;
  blank.rs.rows[1][blank.rs.column("USUBJID")] = "";
  problems = checkSdtm(blank);
  ASSERT_EQ(problems.size(), 1) << problems.join("\n").toStdString();
  EXPECT_EQ(problems[0], "RS row 2: required variable USUBJID is empty");

  SdtmExport noArm = e;
  noArm.dm.rows[0][noArm.dm.column("ARMCD")] = "";
  problems = checkSdtm(noArm);
  ASSERT_EQ(problems.size(), 1) << problems.join("\n").toStdString();
  EXPECT_EQ(problems[0], "DM row 1: required variable ARMCD is empty");

  SdtmExport badCode = e;
  badCode.tr.rows[0][badCode.tr.column("TRTESTCD")] = "curiescore";
  problems = checkSdtm(badCode);
  ASSERT_EQ(problems.size(), 1) << problems.join("\n").toStdString();
  EXPECT_TRUE(problems[0].startsWith("TR row 1: TRTESTCD 'curiescore' is not an SDTM short name"))
      << problems[0].toStdString();

  SdtmExport twice = e;
  twice.tu.rows[1][twice.tu.column("TUSEQ")] = twice.tu.value(twice.tu.rows[0], "TUSEQ");
  problems = checkSdtm(twice);
  ASSERT_EQ(problems.size(), 1) << problems.join("\n").toStdString();
  EXPECT_TRUE(problems[0].startsWith("TU row 2: TUSEQ 1 is used twice"))
      << problems[0].toStdString();
}

TEST_F(Sdtm, ASubjectWithoutAnArmIsNotAssignedWithANote) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  ASSERT_EQ(e.dm.rows.size(), 2u);
  const auto nb1 = rowsWhere(e.dm, "SUBJID", "NB-001");
  ASSERT_EQ(nb1.size(), 1u);
  EXPECT_EQ(e.dm.value(nb1[0], "ARMCD"), "NK");
  EXPECT_EQ(e.dm.value(nb1[0], "ARM"), QString(records::trialArm("NK")->name));
  EXPECT_EQ(e.dm.value(nb1[0], "ACTARMCD"), "NK");
  EXPECT_EQ(e.dm.value(nb1[0], "USUBJID"), "NBRA-NK-NB-001");
  EXPECT_EQ(e.dm.value(nb1[0], "RFSTDTC"), "2026-01-15");
  EXPECT_EQ(e.dm.value(nb1[0], "SITEID"), "Site 01");
  EXPECT_EQ(e.dm.value(nb1[0], "AGE"), "6");  // born 2019-07-01, enrolled 2026-01-15
  EXPECT_EQ(e.dm.value(nb1[0], "AGEU"), "YEARS");
  EXPECT_EQ(e.dm.value(nb1[0], "SEX"), "F");
  const auto nb2 = rowsWhere(e.dm, "SUBJID", "NB-002");
  ASSERT_EQ(nb2.size(), 1u);
  EXPECT_EQ(e.dm.value(nb2[0], "ARMCD"), "NOTASSGN");
  EXPECT_EQ(e.dm.value(nb2[0], "ARM"), "Not Assigned");
  EXPECT_EQ(e.dm.value(nb2[0], "ACTARMCD"), "NOTASSGN");
  EXPECT_EQ(e.dm.value(nb2[0], "ACTARM"), "Not Assigned");
  EXPECT_EQ(e.dm.value(nb2[0], "AGE"), "7");  // born 2018-03-09, enrolled 2026-02-01
  EXPECT_TRUE(e.notes.contains("NB-002 has no arm recorded: DM ARMCD NOTASSGN"))
      << e.notes.join("\n").toStdString();
  EXPECT_EQ(checkSdtm(e), QStringList()) << "NOTASSGN is a value, not a gap";
}

TEST_F(Sdtm, ANotEvaluableLesionIsNotDoneNeverZero) {
  records::ReadContent followUp = records::testing::followUpRead();
  for (records::LesionMeasurement& l : followUp.lesions) {
    if (l.trackingId == "N1") {
      l.notEvaluable = true;
      l.longAxisMm = 0.0;
      l.shortAxisMm.reset();
    }
  }
  readAndAssess(followUp);
  const SdtmExport e = unmaskedExport();
  const auto n1 = rowsWhere(e.tr, "VISIT", kFollowUp, "TRLNKID", "N1");
  ASSERT_EQ(n1.size(), 2u);  // LDIAM and LPERP
  for (const QStringList& row : n1) {
    EXPECT_EQ(e.tr.value(row, "TRORRES"), "");
    EXPECT_EQ(e.tr.value(row, "TRSTRESN"), "");
    EXPECT_EQ(e.tr.value(row, "TRSTAT"), "NOT DONE");
    EXPECT_EQ(e.tr.value(row, "TRREASND"), "NOT EVALUABLE");
  }
  // A sum without one of its targets is no sum: none at the follow-up.
  EXPECT_TRUE(rowsWhere(e.tr, "VISIT", kFollowUp, "TRTESTCD", "SUMDIAM").empty());
  EXPECT_EQ(rowsWhere(e.tr, "VISIT", kBaseline, "TRTESTCD", "SUMDIAM").size(), 1u);
  EXPECT_EQ(checkSdtm(e), QStringList());
}

// Runs `action`; the refusal's message, or a test failure when it was not refused or wrote.
QString refusal(TestTrial& t, const std::function<void()>& action) {
  const qint64 before = records::testing::auditCount(*t.db);
  try {
    action();
  } catch (const RecordError& e) {
    EXPECT_EQ(e.kind(), RecordErrorKind::Refused) << e.what();
    EXPECT_EQ(records::testing::auditCount(*t.db), before) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "not refused";
  return {};
}

TEST_F(Sdtm, ReadersCoordinatorsAndMaskedInvestigatorsGetNothing) {
  readAndAssess();
  QTemporaryDir out;
  const QString dir = out.filePath("sdtm");
  auto exportTo = [&] { writeSdtmCsv(buildSdtm(*t.record), dir); };

  t.as("reader1");
  QString m = refusal(t, exportTo);
  EXPECT_TRUE(m.contains("'reader1' is a reader")) << m.toStdString();
  EXPECT_TRUE(m.contains("investigator")) << m.toStdString();

  t.as("coord");  // may unmask, may not view results by arm
  t.record->unmask("arm check", kPassword);
  m = refusal(t, exportTo);
  EXPECT_TRUE(m.contains("'coord' is a coordinator")) << m.toStdString();

  t.as("inv");
  m = refusal(t, exportTo);
  EXPECT_TRUE(m.contains("masked")) << m.toStdString();
  EXPECT_TRUE(m.contains("'inv'")) << m.toStdString();
  EXPECT_FALSE(QDir(dir).exists()) << "a refused export wrote";
  EXPECT_FALSE(t.record->actorIsUnmasked()) << "refusing does not unmask";

  t.record->unmask("final analysis", kPassword);
  exportTo();
  EXPECT_TRUE(QFile::exists(QDir(dir).filePath("dm.csv")));
}

TEST_F(Sdtm, CsvFilesReadBackAsTheRows) {
  records::ReadContent baseline = records::testing::baselineRead();
  baseline.lesions[1].organ = "liver, segment \"VII\"";  // a comma and quotes
  readAndAssess(records::testing::followUpRead(), baseline);
  const SdtmExport e = unmaskedExport();
  QTemporaryDir out;
  const QStringList written = writeSdtmCsv(e, out.path());
  EXPECT_EQ(written.size(), 5);
  for (const SdtmDataset* d : {&e.dm, &e.tu, &e.tr, &e.rs}) {
    SCOPED_TRACE(d->domain.toStdString());
    const QString path = out.filePath(d->domain.toLower() + ".csv");
    EXPECT_TRUE(written.contains(path));
    const std::vector<QStringList> rows = parseCsv(readFile(path));
    ASSERT_EQ(rows.size(), d->rows.size() + 1);
    EXPECT_EQ(rows[0], d->variables);
    for (std::size_t i = 0; i < d->rows.size(); ++i) {
      EXPECT_EQ(rows[i + 1], d->rows[i]) << "row " << i + 1;
    }
  }
  EXPECT_TRUE(readFile(out.filePath("tu.csv")).contains("\"liver, segment \"\"VII\"\"\""));
  const std::vector<QStringList> variables = parseCsv(readFile(out.filePath("variables.csv")));
  ASSERT_FALSE(variables.empty());
  EXPECT_EQ(variables[0],
            QStringList({"domain", "variable", "label", "type", "core", "terminology"}));
  EXPECT_EQ(variables.size(), 1u + e.dm.variables.size() + e.tu.variables.size() +
                                  e.tr.variables.size() + e.rs.variables.size());
  bool sponsorDefined = false;
  for (const QStringList& v : variables) {
    if (v.value(1) == "TRTESTCD") {
      EXPECT_EQ(v.value(4), "Req");
      sponsorDefined = v.value(5).contains("CURIESC") && v.value(5).contains("sponsor-defined");
    }
  }
  EXPECT_TRUE(sponsorDefined);
}

TEST_F(Sdtm, ATextThatLooksLikeAFormulaIsEscapedInCsvAndKeptInJson) {
  readAndAssess();
  SdtmExport e = unmaskedExport();
  e.tu.rows[0][e.tu.column("TULOC")] = "=SUM(A1)";
  e.tr.rows[0][e.tr.column("TRSTRESN")] = "-5.0";
  QTemporaryDir out;
  writeSdtmCsv(e, out.path());
  const auto tu = parseCsv(readFile(out.filePath("tu.csv")));
  EXPECT_EQ(tu[1][e.tu.column("TULOC")], "'=SUM(A1)");
  const auto tr = parseCsv(readFile(out.filePath("tr.csv")));
  EXPECT_EQ(tr[1][e.tr.column("TRSTRESN")], "-5.0") << "a number is never escaped";
  const QJsonObject json = sdtmToJson(e);
  EXPECT_EQ(json["TU"].toArray()[0].toObject()["TULOC"].toString(), "=SUM(A1)");
}

TEST_F(Sdtm, JsonHoldsTheSameRowsKeyedByVariable) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  const QJsonObject json = sdtmToJson(e);
  EXPECT_EQ(json["studyId"].toString(), "NBRA-NK");
  for (const SdtmDataset* d : {&e.dm, &e.tu, &e.tr, &e.rs}) {
    const QJsonArray rows = json[d->domain].toArray();
    ASSERT_EQ(static_cast<std::size_t>(rows.size()), d->rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(rows[i].toObject().keys().size(), d->variables.size());
    }
  }
  const auto sumdiam = rowsWhere(e.tr, "TRTESTCD", "SUMDIAM");
  ASSERT_FALSE(sumdiam.empty());
  bool numeric = false;
  for (const QJsonValue& v : json["TR"].toArray()) {
    const QJsonObject o = v.toObject();
    if (o["TRTESTCD"].toString() == "SUMDIAM") {
      EXPECT_TRUE(o["TRSTRESN"].isDouble());
      EXPECT_TRUE(o["TRSEQ"].isDouble());
      EXPECT_TRUE(o["TRSTAT"].isString());
      numeric = true;
    }
  }
  EXPECT_TRUE(numeric);
  EXPECT_TRUE(json["DM"].toArray()[1].toObject()["AGE"].isDouble());
  EXPECT_EQ(json["notes"].toArray().size(), e.notes.size());
  EXPECT_FALSE(json["variables"].toArray().isEmpty());
}

TEST_F(Sdtm, AnUnwritableFolderIsNamed) {
  readAndAssess();
  const SdtmExport e = unmaskedExport();
  QTemporaryDir out;
  QFile blocker(out.filePath("a-file"));
  ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
  blocker.close();
  const QString underAFile = out.filePath("a-file/sdtm");
  try {
    writeSdtmCsv(e, underAFile);
    ADD_FAILURE() << "written under a file";
  } catch (const RecordError& err) {
    EXPECT_TRUE(QString(err.what()).contains(underAFile)) << err.what();
  }
  // A file that cannot be replaced is named, and no file of the export is left half-done.
  const QString dir = out.filePath("sdtm");
  ASSERT_TRUE(QDir().mkpath(QDir(dir).filePath("tr.csv")));
  try {
    writeSdtmCsv(e, dir);
    ADD_FAILURE() << "tr.csv is a folder";
  } catch (const RecordError& err) {
    EXPECT_TRUE(QString(err.what()).contains(QDir(dir).filePath("tr.csv"))) << err.what();
  }
  EXPECT_FALSE(QFile::exists(QDir(dir).filePath("dm.csv"))) << "a partial export was left";
}

TEST_F(Sdtm, WithTwoReadersTheReaderOfRecordIsUsedAndNamed) {
  readAndAssess();
  t.as("reader2");
  records::ReadContent other = records::testing::followUpRead();
  other.lesions[1].longAxisMm = 12.0;
  t.record->saveRead("NB-001", kFollowUp, other);
  t.record->signRead("NB-001", kFollowUp, kPassword);
  const SdtmExport e = unmaskedExport();
  const auto l1 = rowsWhere(e.tr, "VISIT", kFollowUp, "TRLNKID", "L1");
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(e.tr.value(l1[0], "TRSTRESN"), "14.0") << "reader1 read both timepoints";
  bool named = false;
  for (const QString& n : e.notes) {
    named = named || (n.contains("NB-001 'after injection 3'") && n.contains("reader1, reader2") &&
                      n.contains("reader of record"));
  }
  EXPECT_TRUE(named) << e.notes.join("\n").toStdString();
}

TEST_F(Sdtm, AStaleAssessmentAndAnUnassessedTimepointAreNoted) {
  readAndAssess();
  t.as("reader1");
  records::ReadContent corrected = records::testing::followUpRead();
  corrected.lesions[1].longAxisMm = 15.0;
  t.record->correctRead("NB-001", kFollowUp, corrected, "L1 remeasured");
  t.record->signRead("NB-001", kFollowUp, kPassword);
  t.as("coord");
  t.record->addTimepoint("NB-001", "after injection 5", "follow-up", QDate(2026, 6, 1), {});
  const SdtmExport e = unmaskedExport();
  const QString notes = e.notes.join("\n");
  EXPECT_TRUE(notes.contains("NB-001 'after injection 3': scores and response from assessment"))
      << notes.toStdString();
  EXPECT_TRUE(notes.contains("superseded")) << notes.toStdString();
  // The SUMDIAM of the stale assessment no longer matches the corrected read: said, not hidden.
  EXPECT_TRUE(notes.contains("SUMDIAM")) << notes.toStdString();
  EXPECT_TRUE(notes.contains("NB-001 'after injection 5': no signed read")) << notes.toStdString();
  EXPECT_TRUE(notes.contains("NB-001 'after injection 5': no assessment")) << notes.toStdString();
  // The corrected read is the one exported.
  const auto l1 = rowsWhere(e.tr, "VISIT", kFollowUp, "TRLNKID", "L1");
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(e.tr.value(l1[0], "TRSTRESN"), "15.0");
}

// Ten generated subjects, the values checked against what the generator drew, not against the
// code under test: the diameters it typed, the sums and Curie totals it added up.
TEST(SdtmGenerated, EveryTimepointOfEverySubjectIsExportedAsDrawn) {
  testing::GeneratedTrial g;
  testing::generateTrial(g, 20261206, /*armForEverySubject=*/false);
  records::TrialRecord& r = *g.trial.record;
  const SdtmExport e = buildSdtm(r, "NBRA-NK-01");
  EXPECT_EQ(checkSdtm(e), QStringList()) << checkSdtm(e).join("\n").toStdString();
  ASSERT_EQ(e.dm.rows.size(), g.subjects.size());
  for (const testing::GeneratedSubject& s : g.subjects) {
    SCOPED_TRACE(s.studyId.toStdString());
    const QString usubjid = "NBRA-NK-01-" + s.studyId;
    const auto dm = rowsWhere(e.dm, "USUBJID", usubjid);
    ASSERT_EQ(dm.size(), 1u);
    const std::optional<records::ArmRecord> arm = r.arm(s.studyId);
    EXPECT_EQ(e.dm.value(dm[0], "ARMCD"), arm ? arm->arm : QString("NOTASSGN"));
    EXPECT_EQ(e.dm.value(dm[0], "ACTARMCD"), e.dm.value(dm[0], "ARMCD"));
    EXPECT_EQ(e.dm.value(dm[0], "RFSTDTC"), s.enrolled.toString(Qt::ISODate));
    if (!arm) {
      EXPECT_TRUE(e.notes.contains(s.studyId + " has no arm recorded: DM ARMCD NOTASSGN"));
    }
    const auto assessments = r.assessments(s.studyId);
    for (const testing::GeneratedTimepoint& tp : s.timepoints) {
      SCOPED_TRACE(tp.label.toStdString());
      const auto rows = rowsWhere(e.tr, "USUBJID", usubjid, "VISIT", tp.label);
      int ldiam = 0, lperp = 0;
      std::optional<double> sum;
      std::optional<int> curie;
      for (const QStringList& row : rows) {
        const QString code = e.tr.value(row, "TRTESTCD");
        EXPECT_EQ(e.tr.value(row, "TRDTC"), tp.date.toString(Qt::ISODate));
        ldiam += code == "LDIAM" ? 1 : 0;
        lperp += code == "LPERP" ? 1 : 0;
        if (code == "SUMDIAM") {
          sum = e.tr.value(row, "TRSTRESN").toDouble();
        }
        if (code == "CURIESC") {
          curie = e.tr.value(row, "TRSTRESN").toInt();
        }
      }
      EXPECT_EQ(ldiam, 3);  // P1, L1, N1 in every reading
      EXPECT_EQ(lperp, 1);  // N1
      ASSERT_TRUE(sum.has_value());
      EXPECT_NEAR(*sum, tp.targetSumMm, 1e-6);
      ASSERT_TRUE(curie.has_value());
      EXPECT_EQ(*curie, tp.curieTotal);
      const auto overall = rowsWhere(e.rs, "USUBJID", usubjid, "VISIT", tp.label);
      if (tp.label == "baseline") {
        EXPECT_TRUE(overall.empty());
        continue;
      }
      std::optional<QString> recorded;
      for (const records::AssessmentRecord& a : assessments) {
        if (a.timepointLabel == tp.label) {
          recorded = a.overallResponse;
        }
      }
      ASSERT_TRUE(recorded.has_value());
      const auto ovrl =
          rowsWhere(e.rs, "USUBJID", usubjid, "RSTESTCD", "OVRLRESP", "VISIT", tp.label);
      ASSERT_EQ(ovrl.size(), 1u);
      EXPECT_EQ(e.rs.value(ovrl[0], "RSORRES"), *recorded);
    }
  }
  for (const QString& n : e.notes) {
    EXPECT_FALSE(n.contains("SUMDIAM") || n.contains("reader")) << n.toStdString();
  }
}

}  // namespace
}  // namespace nbra::workflow
