// The multi-desk deployment of docs/deployment.md on Debian packages: one Orthanc as the image
// archive, one PostgreSQL as the trial record, and two workstations (nbra-cli processes, each
// with its own HOME, XDG folders, node file, AE title and image index, sharing only the record's
// URL) that retrieve the same subject at the same time and then save their reads of the same
// timepoint at the same time. Every read must be saved, the audit trail must verify, and both
// desks' indexes must hold what the archive holds.

#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <array>
#include <iostream>
#include <map>
#include <set>

#include "dicom/index/ImageIndex.h"
#include "tests/net/RemoteCliSupport.h"
#include "tests/records/RecordTestSupport.h"

namespace {

namespace fs = std::filesystem;
using nbra::testing::OrthancServer;
using nbra::testing::net::ArchiveStudy;
using nbra::testing::net::CliProcess;
using nbra::testing::net::CliRun;

const QString kSubject = "NBRA-SYN-001";
const QString kSubjectDir = QStringLiteral(NBRA_SYNTHETIC_DATA_DIR) + "/NBRA-SYN-001";

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// One workstation: a folder of its own below the test's, and its environment.
struct Desk {
  QString name;
  QString root;
  QString index;  // NBRA_INDEX: the retrieve folder defaults to "retrieved" beside it
  QString callingAe;
  QString record;

  QProcessEnvironment environment(const QString& user) const {
    QProcessEnvironment env = nbra::testing::net::deskEnvironment(root, record, user);
    env.insert("NBRA_INDEX", index);
    return env;
  }
  QString retrieveDir() const { return QFileInfo(index).absolutePath() + "/retrieved"; }
  QString nodesFile() const { return root + "/config/nbra/nodes.json"; }
};

// Instances per study in a desk's image index: {study UID -> instances present}.
std::map<std::string, int> indexedStudies(const QString& indexPath, const QString& patientId) {
  std::map<std::string, int> out;
  nbra::dicom::ImageIndex index(indexPath.toStdString());
  for (const auto& patient : index.browse()) {
    if (q(patient.patientId) != patientId)
      continue;
    for (const auto& study : patient.studies)
      for (const auto& series : study.series)
        out[study.studyInstanceUid] += series.instanceCount;
  }
  return out;
}

TEST(Deployment, TwoDesksRetrieveTheSameSubjectAndSaveTheirReadsAtOnce) {
  // The record is PostgreSQL, as at a multi-site review; CTest provides the cluster (nbra_pg).
  if (!nbra::records::testing::usingPostgres())
    FAIL() << "run through CTest: the deployment needs the PostgreSQL cluster of the nbra_pg "
              "fixture (NBRA_TEST_RECORD_BACKEND=postgres:STATE_FILE)";
  QTemporaryDir root;
  ASSERT_TRUE(root.isValid());
  const QString record = nbra::records::testing::freshLocation(root);
  ASSERT_TRUE(record.startsWith("postgresql://")) << record.toStdString();

  OrthancServer archive;
  NBRA_START_ORTHANC_OR_SKIP(archive);
  std::string error;
  // The subject's baseline: its CT and its MIBG scan, two studies.
  const int uploaded = archive.uploadFolder((kSubjectDir + "/baseline").toStdString(), &error);
  ASSERT_GT(uploaded, 0) << error;
  const std::vector<ArchiveStudy> studies =
      nbra::testing::net::archiveStudies(archive, kSubject.toStdString());
  ASSERT_FALSE(studies.empty());
  int archived = 0;
  for (const ArchiveStudy& s : studies)
    archived += s.instanceCount;
  ASSERT_EQ(archived, uploaded);

  // Two desks, each with its own node file naming the same archive under its own AE title.
  std::array<Desk, 2> desks;
  for (std::size_t i = 0; i < desks.size(); ++i) {
    Desk& d = desks[i];
    d.name = QString("desk%1").arg(i + 1);
    d.root = root.filePath(d.name);
    d.index = d.root + "/images/index.sqlite";
    d.callingAe = QString("NBRA_DESK%1").arg(i + 1);
    d.record = record;
    ASSERT_TRUE(QDir().mkpath(QFileInfo(d.nodesFile()).absolutePath()));
    const QJsonObject nodes{{"nodes", QJsonArray{QJsonObject{{"name", "central archive"},
                                                             {"protocol", "dimse"},
                                                             {"aeTitle", q(archive.aet())},
                                                             {"host", "127.0.0.1"},
                                                             {"port", archive.dicomPort()},
                                                             {"callingAeTitle", d.callingAe}}}}};
    QFile f(d.nodesFile());
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(nodes).toJson());
  }
  auto ok = [&](const Desk& desk, const QString& user, const QStringList& args) {
    const CliRun r = nbra::testing::net::runCli(args, desk.environment(user));
    EXPECT_EQ(r.exitCode, 0) << desk.name.toStdString() << " " << args.join(' ').toStdString()
                             << "\n"
                             << r.text();
    return r;
  };
  // Both desks run the same command at the same time; the results in desk order.
  auto together = [&](const QString& user1, const QString& user2, const QStringList& args) {
    CliProcess first(args, desks[0].environment(user1));
    CliProcess second(args, desks[1].environment(user2));
    std::array<CliRun, 2> runs{first.finish(), second.finish()};
    for (std::size_t i = 0; i < runs.size(); ++i)
      EXPECT_EQ(runs[i].exitCode, 0)
          << desks[i].name.toStdString() << " " << args.join(' ').toStdString() << "\n"
          << runs[i].text();
    return runs;
  };

  // The trial's accounts, made once by the administrator from the first desk.
  const Desk& admin = desks[0];
  ok(admin, "admin", {"record", "init", "--admin", "admin", "--name", "Ada Admin"});
  ok(admin, "admin",
     {"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"});
  ok(admin, "admin",
     {"record", "user", "add", "inv", "--role", "investigator", "--name", "Ivan Investigator"});
  ok(admin, "admin",
     {"record", "user", "add", "reader1", "--role", "reader", "--name", "Rita Okafor"});
  ok(admin, "admin",
     {"record", "user", "add", "reader2", "--role", "reader", "--name", "Nils Nuclear"});
  ok(admin, "coord",
     {"record", "subject", "add", kSubject, "--sex", "F", "--birth-date", "2019-08-04"});
  ok(admin, "coord", {"record", "weight", kSubject, "--date", "2026-01-10", "--weight-kg", "19.6"});
  ASSERT_FALSE(HasFailure());

  // Both desks retrieve the subject's studies at the same time, into their own defaults.
  QElapsedTimer clock;
  clock.start();
  QStringList studyUids;
  for (const ArchiveStudy& study : studies) {
    studyUids << q(study.studyUid);
    const auto runs =
        together("reader1", "reader2",
                 {"remote", "get", "--node", "central archive", "--study", q(study.studyUid)});
    for (std::size_t i = 0; i < runs.size(); ++i) {
      SCOPED_TRACE(desks[i].name.toStdString() + ", study " + study.studyUid);
      EXPECT_EQ(runs[i].json.value("stored").toInt(), study.instanceCount) << runs[i].text();
      EXPECT_EQ(runs[i].json.value("indexedInstances").toInt(), study.instanceCount);
      EXPECT_EQ(runs[i].json.value("storeDir").toString(), desks[i].retrieveDir());
      EXPECT_EQ(runs[i].json.value("index").toString(), desks[i].index);
    }
  }
  std::cout << "[ timing   ] both desks retrieving " << archived
            << " instances each: " << clock.elapsed() << " ms\n";

  // The coordinator adds the timepoint; the first desk's index vouches for its studies.
  QStringList timepoint{"record",   "timepoint", "add",      kSubject, "--label",
                        "baseline", "--kind",    "baseline", "--date", "2026-01-12"};
  for (const QString& uid : studyUids)
    timepoint << "--study" << uid;
  ok(desks[0], "coord", QStringList(timepoint) << "--index" << desks[0].index);
  ASSERT_FALSE(HasFailure());

  // Two readers read the same timepoint at the same time, one per desk, and sign.
  clock.restart();
  const QString reading = kSubjectDir + "/case.json";
  together("reader1", "reader2",
           {"record", "read", "import", kSubject, "--timepoint", "baseline", reading,
            "--case-timepoint", "0"});
  together("reader1", "reader2", {"record", "read", "sign", kSubject, "--timepoint", "baseline"});
  std::cout << "[ timing   ] both desks saving and signing a read: " << clock.elapsed() << " ms\n";

  // Every read is saved: the investigator sees both signed reads.
  const CliRun shown =
      ok(desks[1], "inv", {"record", "read", "show", kSubject, "--timepoint", "baseline"});
  std::set<QString> readers;
  for (const QJsonValue& v : shown.json.value("reads").toArray()) {
    readers.insert(v.toObject().value("reader").toString());
    EXPECT_EQ(v.toObject().value("status").toString(), "signed") << shown.text();
  }
  EXPECT_EQ(shown.json.value("reads").toArray().size(), 2) << shown.text();
  EXPECT_EQ(readers, (std::set<QString>{"reader1", "reader2"})) << shown.text();

  // The audit trail of the shared record verifies.
  const CliRun audit = ok(desks[1], "", {"audit", "verify", "--db", record});
  EXPECT_TRUE(audit.json.value("audit").toObject().value("intact").toBool()) << audit.text();

  // Each desk's index and folder hold the whole subject, as the archive counts it.
  for (const Desk& desk : desks) {
    SCOPED_TRACE(desk.name.toStdString());
    const std::map<std::string, int> indexed = indexedStudies(desk.index, kSubject);
    for (const ArchiveStudy& study : studies) {
      const auto it = indexed.find(study.studyUid);
      ASSERT_NE(it, indexed.end())
          << "study " << study.studyUid << " not in " << desk.index.toStdString();
      EXPECT_EQ(it->second, study.instanceCount) << study.studyUid;
    }
    EXPECT_EQ(nbra::testing::net::dicomFilesBelow(desk.retrieveDir().toStdString()), archived);
  }
}

}  // namespace
