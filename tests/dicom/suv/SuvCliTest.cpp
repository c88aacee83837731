// `nbra-cli suv` as a user runs it: a process, JSON on stdout, exit codes.

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <filesystem>

#include "tests/support/CliProcess.h"
#include "tests/support/SharedData.h"

namespace {

namespace fs = std::filesystem;

nbra::testing::ProcessResult run(const QStringList& args) {
  return nbra::testing::runProgram(NBRA_CLI, args);
}

std::optional<QString> petFolder(const char* name) {
  const auto root = nbra::testing::sharedDataDir();
  if (!root) {
    return std::nullopt;
  }
  const fs::path p = *root / "tcia-acrin-nsclc-fdg-pet-042" / name;
  if (!fs::exists(p)) {
    return std::nullopt;
  }
  return QString::fromStdString(p.string());
}

TEST(SuvCli, PetAcGivesTheReferenceFactorAndTheHottestVoxel) {
  const auto folder = petFolder("PT_PET-AC_uncompressed");
  if (!folder) {
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath()
                 << "/tcia-acrin-nsclc-fdg-pet-042/PT_PET-AC_uncompressed";
  }
  const nbra::testing::ProcessResult r = run({"suv", *folder});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  EXPECT_EQ(r.json["units"].toString(), "BQML");
  EXPECT_EQ(r.json["decayCorrection"].toString(), "START");
  EXPECT_EQ(r.json["referenceTime"].toString(), "1960-01-16T09:59:47");
  EXPECT_EQ(r.json["referenceTimeSource"].toString(), "series time");
  const QJsonObject bw = r.json["suvbw"].toObject();
  EXPECT_LE(std::abs(bw["factor"].toDouble() - 0.00042111) / 0.00042111, 1e-6);
  // Data README: hottest voxel about SUVbw 51.
  EXPECT_NEAR(bw["max"].toDouble(), 51.0, 1.0) << r.stdoutText.toStdString();
  EXPECT_GT(bw["mean"].toDouble(), 0.0);
  EXPECT_LT(bw["mean"].toDouble(), bw["max"].toDouble());
  EXPECT_FALSE(bw.contains("peak"));  // no ROI, no peak
  // Height and sex present: every normalisation has a factor.
  for (const char* key : {"suvlbm", "suvbsa", "suvibw"}) {
    EXPECT_TRUE(r.json[key].isObject()) << key;
  }
  EXPECT_TRUE(r.json["warnings"].isArray());
}

TEST(SuvCli, ASphereAroundTheHottestVoxelGivesPeakBelowMax) {
  const auto folder = petFolder("PT_PET-AC_uncompressed");
  if (!folder) {
    GTEST_SKIP() << "shared data absent";
  }
  const nbra::testing::ProcessResult whole = run({"suv", *folder});
  ASSERT_EQ(whole.exitCode, 0);
  const QJsonArray hot = whole.json["region"].toObject()["maxPositionMm"].toArray();
  ASSERT_EQ(hot.size(), 3);
  const QString sphere = QString("%1,%2,%3,20")
                             .arg(hot[0].toDouble(), 0, 'g', 17)
                             .arg(hot[1].toDouble(), 0, 'g', 17)
                             .arg(hot[2].toDouble(), 0, 'g', 17);
  const nbra::testing::ProcessResult r = run({"suv", *folder, "--roi-sphere", sphere});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  const QJsonObject bw = r.json["suvbw"].toObject();
  // The hottest voxel is inside the sphere: same max; peak is a mean, so lower; mean lower still.
  EXPECT_DOUBLE_EQ(bw["max"].toDouble(), whole.json["suvbw"].toObject()["max"].toDouble());
  ASSERT_TRUE(bw.contains("peak"));
  EXPECT_LT(bw["peak"].toDouble(), bw["max"].toDouble());
  EXPECT_GT(bw["peak"].toDouble(), bw["mean"].toDouble());
}

TEST(SuvCli, PetNacIsRefusedWithACode) {
  const auto folder = petFolder("PT_PET-NAC_jpegls");
  if (!folder) {
    GTEST_SKIP() << "shared data absent";
  }
  const nbra::testing::ProcessResult r = run({"suv", *folder});
  EXPECT_EQ(r.exitCode, 2);
  const QJsonObject error = r.json["error"].toObject();
  const QString code = error["code"].toString();
  EXPECT_EQ(code, "UNSUPPORTED_UNITS") << r.stdoutText.toStdString();
  EXPECT_FALSE(error["message"].toString().isEmpty());
  EXPECT_FALSE(r.json.contains("suvbw"));
}

TEST(SuvCli, BadArgumentsAndMissingFoldersAreCodedErrors) {
  EXPECT_EQ(run({"suv"}).json["error"].toObject()["code"].toString(), "BAD_ARGUMENTS");
  const nbra::testing::ProcessResult badRoi = run({"suv", "/tmp", "--roi-sphere", "1,2,3"});
  EXPECT_EQ(badRoi.exitCode, 2);
  EXPECT_EQ(badRoi.json["error"].toObject()["code"].toString(), "BAD_ARGUMENTS");
  const nbra::testing::ProcessResult missing = run({"suv", "/no/such/nbra/pet"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_TRUE(missing.json["error"].toObject()["message"].toString().contains("/no/such/nbra/pet"));
}

}  // namespace
