// `nbra-cli record arm|allocation|unmask|results|export-sdtm` on the generated trial: the CLI
// gives what the library gives (one core, two front doors), and refuses what the record refuses.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include "tests/workflow/GeneratedTrial.h"
#include "workflow/export/Sdtm.h"
#include "workflow/results/TrialResults.h"

namespace nbra::workflow {
namespace {

using records::testing::kPassword;

struct Cli {
  int exitCode = -1;
  QJsonObject json;
  QString text;
  QString error() const { return json.value("error").toObject().value("message").toString(); }
};

Cli run(const QString& location, const QString& user, const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("NBRA_RECORD", location);
  env.insert("NBRA_USER", user);
  env.insert("NBRA_PASSWORD", kPassword);
  env.insert("NBRA_SIGN_PASSWORD", kPassword);
  env.insert("QT_QPA_PLATFORM", "offscreen");
  p.setProcessEnvironment(env);
  p.start(NBRA_CLI, args);
  EXPECT_TRUE(p.waitForFinished(120000));
  Cli r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.text = QString::fromUtf8(p.readAllStandardOutput());
  r.json = QJsonDocument::fromJson(r.text.toUtf8()).object();
  return r;
}

class ResultsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    generated_ = new testing::GeneratedTrial;
    testing::generateTrial(*generated_);
  }
  static void TearDownTestSuite() {
    delete generated_;
    generated_ = nullptr;
  }
  const QString& location() const { return generated_->trial.location; }
  static testing::GeneratedTrial* generated_;
};

testing::GeneratedTrial* ResultsCli::generated_ = nullptr;

TEST_F(ResultsCli, ResultsAreTheLibrarysResults) {
  // Signed in before the CLI runs: every sign-in writes an audit entry (schema 12), and the
  // results carry the audit head, which the CLI's own sign-in is then the last to move.
  generated_->trial.as("inv");
  const Cli r = run(location(), "inv", {"record", "results"});
  ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
  QJsonObject expected = resultsToJson(gatherResults(*generated_->trial.record));
  QJsonObject got = r.json;
  expected.remove("madeUtc");
  got.remove("madeUtc");
  EXPECT_EQ(got, expected);
}

TEST_F(ResultsCli, PlotsAndTheResultsPdfAreWritten) {
  QTemporaryDir out;
  const Cli r = run(location(), "inv",
                    {"record", "results", "--plots", out.filePath("plots"), "--pdf",
                     out.filePath("results.pdf")});
  ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
  for (const char* name : {"waterfall-sod", "waterfall-curie", "spider", "swimmer"}) {
    for (const char* ext : {".png", ".pdf"}) {
      const QFileInfo f(out.filePath("plots/") + name + ext);
      EXPECT_TRUE(f.exists() && f.size() > 1000) << f.filePath().toStdString();
    }
  }
  QFile pdf(out.filePath("results.pdf"));
  ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdf.read(5).startsWith("%PDF"));
}

TEST_F(ResultsCli, TheSdtmExportHasTheLibrarysRowsAndPassesItsCheck) {
  QTemporaryDir out;
  const Cli r = run(location(), "inv",
                    {"record", "export-sdtm", "--out", out.filePath("sdtm"), "--json",
                     out.filePath("sdtm.json")});
  ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
  generated_->trial.as("inv");
  const SdtmExport expected = buildSdtm(*generated_->trial.record);
  const QJsonObject rows = r.json.value("rows").toObject();
  EXPECT_EQ(rows.value("TR").toInt(), static_cast<int>(expected.tr.rows.size()));
  EXPECT_EQ(rows.value("RS").toInt(), static_cast<int>(expected.rs.rows.size()));
  EXPECT_EQ(rows.value("DM").toInt(), 10);
  for (const char* file : {"dm.csv", "tu.csv", "tr.csv", "rs.csv"}) {
    EXPECT_TRUE(QFileInfo::exists(out.filePath("sdtm/") + file)) << file;
  }
  QFile json(out.filePath("sdtm.json"));
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  EXPECT_EQ(QJsonDocument::fromJson(json.readAll()).object(), sdtmToJson(expected));
}

TEST_F(ResultsCli, MaskedUsersAndBadArgumentsAreRefusedWithTheirMessage) {
  struct Case {
    QString user;
    QStringList args;
    QString message;
  };
  const std::vector<Case> cases{
      {"reader1", {"record", "results"}, "may not view results by arm"},
      {"reader1", {"record", "export-sdtm", "--out", "/tmp/x"}, "reader"},
      {"reader1", {"record", "arm", "show", "NB-101"}, "masked"},
      {"reader1", {"record", "unmask", "--reason", "curious"}, "may not unmask the arms"},
      {"coord", {"record", "results"}, "may not view results by arm"},
      {"coord", {"record", "arm", "show", "NB-101"}, "unmask first"},
      {"coord",
       {"record", "arm", "set", "NB-101", "--arm", "CONTROL", "--reason", "late correction"},
       "can no longer be changed"},
      {"coord", {"record", "arm", "set", "NB-101", "--arm", "placebo"}, "not an arm of the trial"},
      {"coord",
       {"record", "allocation", "create", "--seed", "x1", "--block-size", "4", "--length", "10"},
       "--seed 'x1'"},
      {"coord",
       {"record", "allocation", "create", "--seed", "1", "--block-size", "4", "--length", "10"},
       "one list"},
      {"coord", {"record", "allocation", "allocate", "NB-101"}, "already has an arm"},
      {"inv", {"record", "unmask", "--reason", "again"}, "already unmasked"},
      {"inv", {"record", "results", "--confidence", "1.5"}, "confidence"},
      {"inv", {"record", "results", "--best-response-after-pd", "maybe"}, "yes or no"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args.join(' ').toStdString());
    const Cli r = run(location(), c.user, c.args);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.error().contains(c.message)) << r.text.toStdString();
  }
}

TEST_F(ResultsCli, WhatAReaderMaySeeCarriesNoArm) {
  // The subject as a reader sees it, and the reads: no arm, no arm name, no allocation.
  for (const QStringList& args :
       {QStringList{"record", "subject", "show", "NB-101"},
        QStringList{"record", "read", "show", "NB-101", "--timepoint", "after course 1"}}) {
    SCOPED_TRACE(args.join(' ').toStdString());
    const Cli r = run(location(), "reader1", args);
    ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
    for (const char* secret : {"\"arm", "CONTROL", "Conventional treatment", "NK cells",
                               "allocation", "unmask"}) {
      EXPECT_FALSE(r.text.contains(secret)) << secret << " in " << r.text.toStdString();
    }
  }
}

TEST(ResultsCliEmpty, APlotWithNoAssessedSubjectIsSkippedWithAMessage) {
  records::testing::TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "NK");
  t.as("inv");
  t.record->unmask("empty trial", kPassword);
  QTemporaryDir out;
  const Cli r = run(t.location, "inv", {"record", "results", "--plots", out.filePath("plots")});
  ASSERT_EQ(r.exitCode, 0) << r.text.toStdString();
  const QString notes = r.json.value("plotNotes").toVariant().toStringList().join("\n");
  EXPECT_TRUE(notes.contains("nothing to plot")) << r.text.toStdString();
  EXPECT_FALSE(QFileInfo::exists(out.filePath("plots/waterfall-sod.png")));
}

}  // namespace
}  // namespace nbra::workflow
