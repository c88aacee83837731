// `nbra-cli info` as a user runs it.

#include <gtest/gtest.h>

#include <QJsonArray>

#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"
#include "tests/support/CliProcess.h"

namespace {

using nbra::testing::runProgram;

QString str(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

TEST(CliInfo, DescribesAVolumeSeriesFromItsHeaders) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 4;
  spec.rows = 10;
  spec.columns = 12;
  spec.sliceSpacingMm = 3.0;
  nbra::testing::writeSeries(tmp.path(), spec);
  const auto r = runProgram(NBRA_CLI, {"info", str(tmp.path())});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  EXPECT_EQ(r.json["modality"].toString(), "CT");
  EXPECT_EQ(r.json["dimensions"].toArray(), (QJsonArray{12, 10, 4}));
  EXPECT_DOUBLE_EQ(r.json["spacingMm"].toArray()[2].toDouble(), 3.0);
  EXPECT_DOUBLE_EQ(r.json["spacingMm"].toArray()[0].toDouble(), 0.8);
  EXPECT_EQ(r.json["direction"].toArray().size(), 9);
  EXPECT_TRUE(r.json["uniformSpacing"].toBool());
  EXPECT_DOUBLE_EQ(r.json["gantryTiltDeg"].toDouble(), 0.0);
  EXPECT_EQ(r.json["numberOfFrames"].toInt(), 4);
  EXPECT_TRUE(r.json["nmViews"].toArray().isEmpty());
}

TEST(CliInfo, NamesTheViewsOfAPlanarNmObject) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticNmPlanar spec;
  spec.detectors = {2, 1};
  nbra::testing::writeNmPlanar(tmp.path() / "wb.dcm", spec);
  const auto r = runProgram(NBRA_CLI, {"info", str(tmp.path() / "wb.dcm")});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  EXPECT_EQ(r.json["nmViews"].toArray(), (QJsonArray{"posterior", "anterior"}));
  EXPECT_EQ(r.json["numberOfFrames"].toInt(), 2);
}

TEST(CliInfo, SeveralSeriesNeedAChoiceAndBadPathsAreNamed) {
  nbra::testing::TempFolder tmp;
  nbra::testing::SyntheticSeries a;
  a.seriesUid = "1.2.3.4.11";
  nbra::testing::writeSeries(tmp.path() / "a", a);
  nbra::testing::SyntheticSeries b;
  b.seriesUid = "1.2.3.4.22";
  b.modality = "MR";
  nbra::testing::writeSeries(tmp.path() / "b", b);
  const auto several = runProgram(NBRA_CLI, {"info", str(tmp.path())});
  EXPECT_EQ(several.exitCode, 2);
  const QString message = several.json["error"].toObject()["message"].toString();
  EXPECT_TRUE(message.contains("1.2.3.4.11") && message.contains("1.2.3.4.22")) << message.toStdString();
  const auto chosen = runProgram(NBRA_CLI, {"info", str(tmp.path()), "--series", "1.2.3.4.22"});
  EXPECT_EQ(chosen.exitCode, 0);
  EXPECT_EQ(chosen.json["modality"].toString(), "MR");
  const auto missing = runProgram(NBRA_CLI, {"info", "/no/such/series"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_TRUE(missing.json["error"].toObject()["message"].toString().contains("/no/such/series"));
  EXPECT_EQ(runProgram(NBRA_CLI, {"info"}).exitCode, 2);
  EXPECT_EQ(runProgram(NBRA_CLI, {"info", str(tmp.path()), "--series"}).exitCode, 2);
}

TEST(CliInfo, TiltedCtReportsTiltAndUnevenSpacing) {
  const auto dir = nbra::testing::sharedDataDir();
  if (!dir) GTEST_SKIP() << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath();
  const auto r = runProgram(NBRA_CLI, {"info", str(*dir / "dcm_qa_ct-ge-gantry-tilt")});
  ASSERT_EQ(r.exitCode, 0);
  EXPECT_NEAR(r.json["gantryTiltDeg"].toDouble(), 18.5, 0.05);
  EXPECT_FALSE(r.json["uniformSpacing"].toBool());
  EXPECT_EQ(r.json["dimensions"].toArray()[2].toInt(), 28);
}

}  // namespace
