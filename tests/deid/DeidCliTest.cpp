// `nbra-cli deid` as a site runs it: a new key, a run, the JSON report, the mapping file kept
// beside the key, SUV unchanged, and refusals with exit code 2 that name the file.

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/CliProcess.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;

nbra::testing::ProcessResult run(const QStringList& args) {
  return nbra::testing::runProgram(NBRA_CLI, args);
}

QString q(const fs::path& p) {
  return QString::fromStdString(p.string());
}

TEST(DeidCli, NewKeyRunMappingAndIndex) {
  nbra::testing::TempFolder site, input, out;
  const fs::path key = site.path() / "trial.key";
  const auto created = run({"deid", "--new-key", q(key)});
  ASSERT_EQ(created.exitCode, 0) << created.stdoutText.toStdString();
  EXPECT_EQ(created.json["keyFingerprint"].toString().size(), 8);
  EXPECT_EQ(fs::status(key).permissions() & fs::perms::others_read, fs::perms::none);
  // A key is never overwritten.
  EXPECT_EQ(run({"deid", "--new-key", q(key)}).exitCode, 2);

  nbra::testing::SyntheticSeries spec;
  spec.slices = 3;
  spec.seriesDescription = "CT TEST^PATIENT abdomen";
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const fs::path index = site.path() / "index.sqlite";
  const auto r = run({"deid", q(input.path()), q(out.path()), "--subject", "NBRA-042",
                      "--trial-key", q(key), "--timepoint", "BASELINE", "--index", q(index)});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  EXPECT_TRUE(r.json["complete"].toBool());
  EXPECT_EQ(r.json["filesWritten"].toInt(), 3);
  EXPECT_EQ(r.json["indexedInstances"].toInt(), 3);
  const QJsonArray series = r.json["series"].toArray();
  ASSERT_EQ(series.size(), 1);
  EXPECT_EQ(series[0].toObject()["description"].toString(), "CT abdomen");
  const int offset = r.json["dateOffsetDays"].toInt();
  EXPECT_LE(offset, -366);
  // The mapping stays beside the key, at the site.
  const fs::path mapping = site.path() / "trial.key.mapping.jsonl";
  ASSERT_TRUE(fs::exists(mapping));
  std::ifstream lines(mapping);
  std::string line;
  std::getline(lines, line);
  const QJsonObject entry = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
  EXPECT_EQ(entry["subjectId"].toString(), "NBRA-042");
  EXPECT_EQ(entry["dateOffsetDays"].toInt(), offset);
  EXPECT_EQ(entry["pseudonymisedStudyInstanceUid"].toString(),
            series[0].toObject()["studyInstanceUid"].toString());
  EXPECT_FALSE(entry["originalStudyInstanceUid"].toString().isEmpty());
}

TEST(DeidCli, SuvOfThePseudonymisedPetEqualsTheOriginal) {
  const auto root = nbra::testing::sharedDataDir();
  const fs::path pet =
      root ? *root / "tcia-acrin-nsclc-fdg-pet-042" / "PT_PET-AC_uncompressed" : fs::path();
  if (!root || !fs::exists(pet)) {
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath();
  }
  nbra::testing::TempFolder site, out;
  const fs::path key = site.path() / "trial.key";
  ASSERT_EQ(run({"deid", "--new-key", q(key)}).exitCode, 0);
  const auto r =
      run({"deid", q(pet), q(out.path()), "--subject", "NBRA-PET", "--trial-key", q(key)});
  ASSERT_EQ(r.exitCode, 0) << r.stdoutText.toStdString();
  const auto before = run({"suv", q(pet)});
  const auto after = run({"suv", q(out.path())});
  ASSERT_EQ(before.exitCode, 0) << before.stdoutText.toStdString();
  ASSERT_EQ(after.exitCode, 0) << after.stdoutText.toStdString();
  const QJsonObject a = before.json["suvbw"].toObject();
  const QJsonObject b = after.json["suvbw"].toObject();
  ASSERT_FALSE(a.isEmpty()) << before.stdoutText.toStdString();
  for (const char* field : {"factor", "max", "mean"}) {
    ASSERT_TRUE(a[field].isDouble()) << field << " " << before.stdoutText.toStdString();
    EXPECT_NEAR(b[field].toDouble(), a[field].toDouble(), 1e-9 * std::abs(a[field].toDouble()))
        << field;
  }
}

TEST(DeidCli, RefusalsExitTwoAndNameTheFile) {
  nbra::testing::TempFolder site, input, out;
  const fs::path key = site.path() / "trial.key";
  ASSERT_EQ(run({"deid", "--new-key", q(key)}).exitCode, 0);
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const fs::path junk = input.path() / "CT" / "junk.bin";
  std::ofstream(junk) << "not dicom";
  const auto refused =
      run({"deid", q(input.path()), q(out.path()), "--subject", "S1", "--trial-key", q(key)});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_EQ(refused.json["error"].toObject()["code"].toString(), "REFUSED");
  EXPECT_EQ(refused.json["error"].toObject()["file"].toString(), q(junk));
  EXPECT_TRUE(fs::is_empty(out.path()));
  // A broken key file names itself.
  const fs::path badKey = site.path() / "bad.key";
  std::ofstream(badKey) << "1234\n";
  const auto bad =
      run({"deid", q(input.path()), q(out.path()), "--subject", "S1", "--trial-key", q(badKey)});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.json["error"].toObject()["message"].toString().indexOf(q(badKey)), -1)
      << bad.stdoutText.toStdString();
  // An unknown option, and an option without its value.
  const auto unknown = run({"deid", q(input.path()), q(out.path()), "--subjet", "S1"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(
      unknown.json["error"].toObject()["message"].toString().indexOf("unknown option '--subjet'"),
      -1);
  const auto noValue = run({"deid", q(input.path()), q(out.path()), "--trial-key"});
  EXPECT_EQ(noValue.exitCode, 2);
  EXPECT_NE(
      noValue.json["error"].toObject()["message"].toString().indexOf("--trial-key needs a value"),
      -1);
  // No subject.
  const auto noSubject = run({"deid", q(input.path()), q(out.path()), "--trial-key", q(key)});
  EXPECT_EQ(noSubject.exitCode, 2);
  EXPECT_NE(noSubject.json["error"].toObject()["message"].toString().indexOf("subject id"), -1);
}

}  // namespace
