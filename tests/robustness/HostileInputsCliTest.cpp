// Every folder of ../shared/hostile-inputs, through nbra-cli as a user would run it: a JSON error
// with exit 2 that names the file, within 20 s and 1.5 GB of address space (prlimit), for
// `info` and `suv` alike; `index` never crashes and says why it skipped a file.

#include <gtest/gtest.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <filesystem>

#include "tests/support/SharedData.h"

namespace {

namespace fs = std::filesystem;

constexpr int kSeconds = 20;
constexpr long long kAddressSpaceBytes = 1536LL << 20;  // 1.5 GiB

struct LimitedRun {
  int exitCode = -1;  // -1: killed (signal, timeout)
  QJsonObject json;
  QString text;
};

// Runs nbra-cli under `prlimit --as` and `timeout`, from the hostile-inputs folder (as its README
// says), so both limits are the kernel's, not ours.
LimitedRun runLimited(const fs::path& workDir, const QStringList& args) {
  QProcess p;
  p.setWorkingDirectory(QString::fromStdString(workDir.string()));
  QStringList all;
#ifndef NBRA_UNDER_SANITIZER
  all << "--as=" + QString::number(kAddressSpaceBytes);
#endif
  all << "timeout"
      << "--signal=KILL" << QString::number(kSeconds) << NBRA_CLI;
  all << args;
  p.start("prlimit", all);
  EXPECT_TRUE(p.waitForFinished((kSeconds + 10) * 1000));
  LimitedRun r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.text = QString::fromUtf8(p.readAllStandardOutput());
  r.json = QJsonDocument::fromJson(r.text.toUtf8()).object();
  return r;
}

std::vector<fs::path> hostileFolders() {
  std::vector<fs::path> folders;
  if (const auto dir = nbra::testing::hostileInputsDir()) {
    for (const auto& entry : fs::directory_iterator(*dir)) {
      if (entry.is_directory())
        folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

// The README's --roi-sphere for the kernel case: a 15 mm sphere in the single slice.
QStringList extraSuvArguments(const std::string& folder) {
  if (folder == "roi-kernel-thk-1e-7")
    return {"--roi-sphere", "-35.15625,-7.03125,-114.93,15"};
  return {};
}

class HostileInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!nbra::testing::hostileInputsDir()) {
      GTEST_SKIP() << "hostile inputs absent (" << nbra::testing::hostileInputsExpectedPath()
                   << "): nothing to replay";
    }
  }
};

TEST_F(HostileInputs, EveryFolderIsAJsonErrorNamingTheFile) {
  const fs::path root = *nbra::testing::hostileInputsDir();
  const auto folders = hostileFolders();
  ASSERT_GE(folders.size(), 7u) << "expected the seven cases of the README at least";
  for (const fs::path& folder : folders) {
    const std::string name = folder.filename().string();
    for (const QString& command : {QString("info"), QString("suv")}) {
      SCOPED_TRACE(command.toStdString() + " " + name);
      QStringList args{command, QString::fromStdString(name)};
      if (command == "suv")
        args << extraSuvArguments(name);
      const LimitedRun r = runLimited(root, args);
      // `info` reads headers only: a codestream that contradicts its header is found when the
      // pixels are decoded (`suv`), so there `info` may succeed, with valid JSON.
      if (command == "info" && name == "j2k-columns63") {
        EXPECT_EQ(r.exitCode, 0) << r.text.toStdString();
        EXPECT_FALSE(r.json.isEmpty()) << r.text.toStdString();
        continue;
      }
      EXPECT_EQ(r.exitCode, 2) << r.text.toStdString();
      const QJsonObject error = r.json.value("error").toObject();
      ASSERT_FALSE(error.isEmpty()) << "no JSON error: " << r.text.toStdString();
      EXPECT_EQ(error.value("file").toString().toStdString(), name);
      // The message names the very file inside the folder that is wrong.
      const QString message = error.value("message").toString();
      EXPECT_TRUE(message.contains(QString::fromStdString(name) + "/")) << message.toStdString();
    }
  }
}

TEST_F(HostileInputs, IndexingThemNeverCrashesAndSaysWhyAFileIsSkipped) {
  const fs::path root = *nbra::testing::hostileInputsDir();
  for (const fs::path& folder : hostileFolders()) {
    const std::string name = folder.filename().string();
    SCOPED_TRACE("index " + name);
    QTemporaryDir db;
    const LimitedRun r = runLimited(
        root, {"index", QString::fromStdString(name), "--index", db.filePath("index.sqlite")});
    EXPECT_EQ(r.exitCode, 0) << r.text.toStdString();
    for (const auto skipped : r.json.value("skipped").toArray()) {
      EXPECT_FALSE(skipped.toObject().value("reason").toString().isEmpty());
    }
    if (name == "deep-sq-7500") {
      const QJsonArray skipped = r.json.value("skipped").toArray();
      ASSERT_EQ(skipped.size(), 1);
      EXPECT_TRUE(skipped[0].toObject().value("reason").toString().contains("nested more than"));
    }
  }
}

// De-identification copies what it does not interpret: a file the viewer refuses for its
// pixels may still be pseudonymised, but nothing crashes, hangs or leaves half an output, and a
// file NBRA cannot parse is refused by name.
TEST_F(HostileInputs, DeidentifyingThemNeverCrashesAndNamesEveryRefusedFile) {
  const fs::path root = *nbra::testing::hostileInputsDir();
  QTemporaryDir site;
  const QString key = site.filePath("trial.key");
  ASSERT_EQ(runLimited(root, {"deid", "--new-key", key}).exitCode, 0);
  for (const fs::path& folder : hostileFolders()) {
    const std::string name = folder.filename().string();
    SCOPED_TRACE("deid " + name);
    QTemporaryDir out;
    const LimitedRun r = runLimited(root, {"deid", QString::fromStdString(name), out.path(),
                                           "--subject", "HOSTILE-1", "--trial-key", key});
    ASSERT_TRUE(r.exitCode == 0 || r.exitCode == 2) << r.exitCode << " " << r.text.toStdString();
    ASSERT_FALSE(r.json.isEmpty()) << r.text.toStdString();
    if (r.exitCode == 0) {
      EXPECT_TRUE(r.json.value("complete").toBool());
      continue;
    }
    const QJsonObject error = r.json.value("error").toObject();
    EXPECT_TRUE(error.value("file").toString().startsWith(QString::fromStdString(name) + "/"))
        << r.text.toStdString();
    EXPECT_TRUE(QDir(out.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        << "half an output left in " << out.path().toStdString();
    if (name == "deep-sq-7500") {
      EXPECT_TRUE(error.value("message").toString().contains("nested more than"))
          << r.text.toStdString();
    }
  }
}

}  // namespace
