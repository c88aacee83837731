// The JSON Schemas in scoring/schema are the contract of the exchange formats: the examples, what
// the case writer produces from them, and what the assessment writer produces must all pass
// them (validated by python3-jsonschema through scripts/validate-json.py).
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/casefile/CaseWriter.h"

namespace nbra::workflow {
namespace {

const QString kSchemaDir = QString(NBRA_SCHEMA_EXAMPLES_DIR) + "/..";

struct Validation {
  int exitCode = -1;
  QString output;
};

Validation validate(const QString& schema, const QStringList& files) {
  QProcess p;
  p.start(NBRA_PYTHON, QStringList{NBRA_VALIDATE_JSON, kSchemaDir + "/" + schema} + files);
  if (!p.waitForFinished(120000)) {
    return {-1, "python3 did not finish"};
  }
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}

QString write(const QTemporaryDir& dir, const QString& name, const QJsonObject& json) {
  QFile f(dir.filePath(name));
  EXPECT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(QJsonDocument(json).toJson());
  return f.fileName();
}

QStringList examples() {
  QStringList out;
  for (const QString& name : QDir(NBRA_SCHEMA_EXAMPLES_DIR).entryList({"*.json"}, QDir::Files)) {
    out << QString(NBRA_SCHEMA_EXAMPLES_DIR) + "/" + name;
  }
  return out;
}

TEST(Schema, TheExamplesAreValidCases) {
  ASSERT_GE(examples().size(), 4);
  const Validation v = validate("case.schema.json", examples());
  EXPECT_EQ(v.exitCode, 0) << v.output.toStdString();
}

TEST(Schema, WhatTheWritersProduceIsValid) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  QStringList cases, assessments;
  for (const QString& path : examples()) {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const CaseParseResult parsed = parseCase(f.readAll());
    ASSERT_TRUE(parsed.value) << path.toStdString() << ": " << parsed.error.toStdString();
    const QString name = QFileInfo(path).fileName();
    const QJsonObject written = caseToJson(*parsed.value);
    cases << write(dir, "case-" + name, written);
    // Written and read again, the case is the same case.
    const CaseParseResult again = parseCase(QJsonDocument(written).toJson());
    ASSERT_TRUE(again.value) << again.error.toStdString();
    EXPECT_EQ(caseToJson(*again.value), written) << name.toStdString();
    const scoring::AssessOutcome outcome = scoring::assessCase(*parsed.value);
    ASSERT_TRUE(outcome.assessment) << name.toStdString();
    assessments << write(dir, "assessment-" + name, assessmentToJson(*outcome.assessment));
  }
  const Validation c = validate("case.schema.json", cases);
  EXPECT_EQ(c.exitCode, 0) << c.output.toStdString();
  const Validation a = validate("assessment.schema.json", assessments);
  EXPECT_EQ(a.exitCode, 0) << a.output.toStdString();
}

TEST(Schema, TheValidatorRefusesWhatTheSchemaForbids) {
  QTemporaryDir dir;
  // A not-evaluable lesion must not carry a length, and a timepoint needs its kind.
  const QJsonObject bad{
      {"subject", QJsonObject{{"id", "X"}}},
      {"timepoints",
       QJsonArray{QJsonObject{{"date", "2026-01-01"},
                              {"injectionsBefore", 0},
                              {"lesions", QJsonArray{QJsonObject{{"trackingId", "L1"},
                                                                 {"sliceThicknessMm", 3},
                                                                 {"unknownField", 1}}}}}}}};
  const Validation v = validate("case.schema.json", {write(dir, "bad.json", bad)});
  EXPECT_EQ(v.exitCode, 1) << v.output.toStdString();
  EXPECT_TRUE(v.output.contains("timepoints/0")) << v.output.toStdString();
}

}  // namespace
}  // namespace nbra::workflow
