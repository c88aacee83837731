// nbra-cli and nbra run as processes: JSON on stdout, clear errors, exit codes.

#include <gtest/gtest.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"
#include "tests/support/CliProcess.h"

namespace {

using nbra::testing::ProcessResult;

ProcessResult run(const QString& program, const QStringList& args) {
  return nbra::testing::runProgram(program, args);
}

QString indexIn(const nbra::testing::TempFolder& folder) {
  return QString::fromStdString((folder.path() / "index.sqlite").string());
}

TEST(CliIndex, PrintsAJsonSummaryOfWhatItFound) {
  nbra::testing::TempFolder data;
  nbra::testing::TempFolder db;
  nbra::testing::SyntheticSeries spec;
  spec.modality = "MR";
  spec.slices = 6;
  nbra::testing::writeSeries(data.path(), spec);
  const ProcessResult r = run(
      NBRA_CLI, {"index", QString::fromStdString(data.path().string()), "--index", indexIn(db)});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString() << r.stderrText.toStdString();
  EXPECT_EQ(r.json["found"].toObject()["patients"].toInt(), 1);
  EXPECT_EQ(r.json["found"].toObject()["series"].toInt(), 1);
  EXPECT_EQ(r.json["found"].toObject()["instances"].toInt(), 6);
  EXPECT_EQ(r.json["modalities"].toObject()["MR"].toObject()["series"].toInt(), 1);
  EXPECT_EQ(r.json["files"].toObject()["new"].toInt(), 6);
  EXPECT_EQ(r.json["index"].toString(), indexIn(db));

  const ProcessResult again = run(
      NBRA_CLI, {"index", QString::fromStdString(data.path().string()), "--index", indexIn(db)});
  EXPECT_EQ(again.json["files"].toObject()["unchanged"].toInt(), 6);
  EXPECT_EQ(again.json["files"].toObject()["new"].toInt(), 0);
}

TEST(CliIndex, AMissingFolderIsAJsonErrorNamingIt) {
  nbra::testing::TempFolder db;
  const ProcessResult r = run(NBRA_CLI, {"index", "/no/such/nbra/folder", "--index", indexIn(db)});
  EXPECT_EQ(r.exitCode, 2);
  const QString message = r.json["error"].toObject()["message"].toString();
  EXPECT_TRUE(message.contains("/no/such/nbra/folder")) << message.toStdString();
}

TEST(CliIndex, BadArgumentsAreExplained) {
  EXPECT_EQ(run(NBRA_CLI, {"index"}).exitCode, 2);
  EXPECT_EQ(run(NBRA_CLI, {"index", "--index"}).exitCode, 2);
  const ProcessResult unknown = run(NBRA_CLI, {"frobnicate"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_TRUE(unknown.json["error"].toObject()["message"].toString().contains("frobnicate"));
  EXPECT_EQ(run(NBRA_CLI, {}).exitCode, 2);
}

TEST(CliIndex, AnUnusableIndexFileIsAnErrorNamingIt) {
  nbra::testing::TempFolder data;
  const ProcessResult r = run(NBRA_CLI, {"index", QString::fromStdString(data.path().string()),
                                         "--index", "/proc/nbra-cannot-write-here/index.sqlite"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.json["error"].toObject()["message"].toString().contains("/proc/nbra-cannot"))
      << r.stdoutText.toStdString();
}

TEST(CliIndex, SharedDataPetCtCountsBySeriesModality) {
  const auto dir = nbra::testing::sharedDataDir();
  if (!dir) {
    GTEST_SKIP() << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath();
  }
  nbra::testing::TempFolder db;
  const ProcessResult r =
      run(NBRA_CLI, {"index", QString::fromStdString(dir->string()), "--index", indexIn(db)});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  const QJsonObject modalities = r.json["modalities"].toObject();
  EXPECT_GE(modalities["CT"].toObject()["series"].toInt(), 1);
  EXPECT_GE(modalities["NM"].toObject()["instances"].toInt(), 1);
  const QJsonArray skipped = r.json["skipped"].toArray();
  ASSERT_FALSE(skipped.isEmpty());
  bool truncatedReported = false;
  for (const auto& entry : skipped) {
    const QJsonObject o = entry.toObject();
    EXPECT_FALSE(o["reason"].toString().isEmpty());
    truncatedReported |= o["file"].toString().endsWith("pydicom/MR_truncated.dcm");
  }
  EXPECT_TRUE(truncatedReported);
}

TEST(WorkstationScreenshot, OpensASeriesAndFailsLoudlyOnBadArguments) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 4;
  nbra::testing::writeSeries(tmp.path() / "ct", spec);
  const QString png = QString::fromStdString((tmp.path() / "shot.png").string());
  const QString index = QString::fromStdString((tmp.path() / "i.sqlite").string());
  const auto ok = run(
      NBRA_APP, {"--index", index, "--open", QString::fromStdString((tmp.path() / "ct").string()),
                 "--layout", "mpr", "--screenshot", png});
  EXPECT_EQ(ok.exitCode, 0) << ok.stderrText.toStdString();
  EXPECT_TRUE(QFileInfo(png).size() > 1000);
  const auto badLayout = run(NBRA_APP, {"--index", index, "--layout", "3x3"});
  EXPECT_EQ(badLayout.exitCode, 2);
  EXPECT_TRUE(badLayout.stderrText.contains("3x3"));
  const auto missing =
      run(NBRA_APP, {"--index", index, "--open", "/no/such/series", "--screenshot", png});
  EXPECT_NE(missing.exitCode, 0);
  // A missing trial record is no longer a command-line failure: the workstation opens and says
  // so in a dialog (tests/viewer/SessionGuiTest.cpp), so it is not run here as a process.
}

TEST(Versions, BothProgramsReportVersionAndRuleSet) {
  const ProcessResult cli = run(NBRA_CLI, {"--version"});
  EXPECT_EQ(cli.exitCode, 0);
  EXPECT_TRUE(cli.stdoutText.startsWith("nbra-cli 0.")) << cli.stdoutText.toStdString();
  EXPECT_TRUE(cli.stdoutText.contains("rules ")) << cli.stdoutText.toStdString();
  const ProcessResult app = run(NBRA_APP, {"--version"});
  EXPECT_EQ(app.exitCode, 0);
  EXPECT_TRUE(app.stdoutText.startsWith("nbra 0.")) << app.stdoutText.toStdString();
}

}  // namespace
