// `nbra-cli remote` as a user runs it, against a real Orthanc on loopback: the acceptance flow
// (find a subject's study, retrieve and index it, read it, export the read as a DICOM SR and send
// it back into the same study) over DIMSE with C-GET, over DIMSE with C-MOVE and over DICOMweb;
// the node file; and the failures a site meets first (wrong AE title, closed port, a peer that
// never answers, refused credentials, a readable secret file), each within a bounded time.

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <array>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>

#include "tests/net/NetTestSupport.h"
#include "tests/net/RemoteCliSupport.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;
using nbra::testing::closedPort;
using nbra::testing::OrthancModality;
using nbra::testing::OrthancOptions;
using nbra::testing::OrthancServer;
using nbra::testing::SilentListener;
using nbra::testing::net::ArchiveStudy;
using nbra::testing::net::CliRun;

const std::string kSubject = "NBRA-SYN-001";
const std::string kBaseline = std::string(NBRA_SYNTHETIC_DATA_DIR) + "/NBRA-SYN-001/baseline";

// The margin allowed beyond the timeout given with --timeout: process start, association
// abort, and a loaded CI machine.
constexpr qint64 kTimeoutSeconds = 3;
constexpr qint64 kMarginMs = 7000;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

std::string tagOf(const QString& file, const DcmTagKey& key) {
  DcmFileFormat ff;
  OFString value;
  if (ff.loadFile(file.toStdString().c_str()).bad() ||
      ff.getDataset()->findAndGetOFString(key, value).bad())
    return {};
  return value.c_str();
}

std::array<double, 6> numbers(const QString& backslashed, bool* ok) {
  std::array<double, 6> out{};
  const QStringList parts = backslashed.split('\\');
  *ok = parts.size() == 3 || parts.size() == 6;
  for (int i = 0; *ok && i < parts.size(); ++i)
    out[static_cast<std::size_t>(i)] = parts[i].toDouble(ok);
  return out;
}

class RemoteCli : public ::testing::Test {
 protected:
  void SetUp() override {
    nbra::testing::ensureQtApplication();
    ASSERT_TRUE(dir.isValid());
    record = dir.filePath("trial.sqlite");
  }

  CliRun run(const QStringList& args, const QString& user = {}) {
    return nbra::testing::net::runCli(
        args, nbra::testing::net::deskEnvironment(dir.filePath("desk"), record, user));
  }

  CliRun ok(const QStringList& args, const QString& user = {}) {
    CliRun r = run(args, user);
    EXPECT_EQ(r.exitCode, 0) << args.join(' ').toStdString() << "\n" << r.text();
    return r;
  }

  static QStringList dimseNode(const OrthancServer& server) {
    return {"--aet",     q(server.aet()), "--host",
            "127.0.0.1", "--port",        QString::number(server.dicomPort())};
  }

  static QStringList webNode(const OrthancServer& server) {
    return {"--url", q(server.dicomWebUrl())};
  }

  // A reading of the baseline with P1's long axis drawn on one slice of `study`'s CT: a line of
  // 30 x 40 mm (50 mm) in the slice's plane, from what Orthanc says of that slice.
  QString writeCase(const OrthancServer& server, const ArchiveStudy& study) {
    std::string instance;
    for (const auto& s : study.series)
      if (s.modality == "CT" && !s.instanceIds.empty())
        instance = s.instanceIds[s.instanceIds.size() / 2];
    EXPECT_FALSE(instance.empty()) << "no CT instance in the archive's study";
    const QJsonObject tags =
        nbra::testing::net::parse(server.restGet("/instances/" + instance + "/simplified-tags"))
            .object();
    bool okPosition = false;
    bool okOrientation = false;
    const auto p = numbers(tags.value("ImagePositionPatient").toString(), &okPosition);
    const auto o = numbers(tags.value("ImageOrientationPatient").toString(), &okOrientation);
    EXPECT_TRUE(okPosition && okOrientation) << "slice geometry of instance " << instance;
    QJsonArray start;
    QJsonArray end;
    for (std::size_t k = 0; k < 3; ++k) {
      start.append(p[k] + 100 * o[k] + 100 * o[k + 3]);
      end.append(p[k] + 130 * o[k] + 140 * o[k + 3]);
    }
    const QJsonArray lesions{QJsonObject{{"trackingId", "P1"},
                                         {"organ", "left adrenal"},
                                         {"isPrimary", true},
                                         {"longAxisMm", 50.0},
                                         {"shortAxisMm", 35.0},
                                         {"sliceThicknessMm", 3.0},
                                         {"mibgAvid", true}},
                             QJsonObject{{"trackingId", "N1"},
                                         {"organ", "retroperitoneal node"},
                                         {"isLymphNode", true},
                                         {"role", "target"},
                                         {"longAxisMm", 24.0},
                                         {"shortAxisMm", 17.0},
                                         {"sliceThicknessMm", 3.0}}};
    const QJsonObject root{
        {"subject", QJsonObject{{"id", q(kSubject)}, {"weightKg", 19.6}}},
        {"timepoints", QJsonArray{QJsonObject{{"label", "baseline"},
                                              {"kind", "baseline"},
                                              {"date", "2026-01-12"},
                                              {"injectionsBefore", 0},
                                              {"lesions", lesions}}}},
        {"imageRefs",
         QJsonObject{{"P1", QJsonObject{{"sopInstanceUid", tags.value("SOPInstanceUID").toString()},
                                        {"startMm", start},
                                        {"endMm", end}}}}}};
    QFile f(dir.filePath("baseline-read.json"));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(root).toJson());
    return f.fileName();
  }

  // The whole acceptance flow through nbra-cli against `server`, addressed by `node`, retrieving
  // with `verb` (get or move) and `retrieveExtra`.
  void retrieveReadAndSendBack(OrthancServer& server, const QStringList& node, const QString& verb,
                               const QStringList& retrieveExtra = {}) {
    std::string error;
    QElapsedTimer clock;
    clock.start();
    const int uploaded = server.uploadFolder(kBaseline, &error);
    std::cout << "[ timing   ] upload of " << uploaded << " instances: " << clock.elapsed()
              << " ms\n";
    ASSERT_GT(uploaded, 0) << error;

    // What the archive holds of the subject: the truth every count below is held against.
    const std::vector<ArchiveStudy> archived = nbra::testing::net::archiveStudies(server, kSubject);
    ASSERT_FALSE(archived.empty());
    int archivedInstances = 0;
    std::set<std::string> archivedUids;
    for (const ArchiveStudy& s : archived) {
      archivedInstances += s.instanceCount;
      archivedUids.insert(s.studyUid);
    }
    ASSERT_EQ(archivedInstances, uploaded) << "Orthanc holds what was uploaded, nothing else";
    const ArchiveStudy* ct = nullptr;
    for (const ArchiveStudy& s : archived)
      if (s.has("CT"))
        ct = &s;
    ASSERT_NE(ct, nullptr) << "the baseline has a CT study";

    // find: the subject's studies, each with the archive's counts.
    const CliRun found =
        ok(QStringList{"remote", "find"} << node << QStringList{"--patient-id", q(kSubject)});
    ASSERT_EQ(found.exitCode, 0);
    const QJsonArray matches = found.json.value("matches").toArray();
    std::set<std::string> foundUids;
    for (const QJsonValue& v : matches) {
      const QJsonObject m = v.toObject();
      const std::string uid = m.value("studyInstanceUid").toString().toStdString();
      foundUids.insert(uid);
      EXPECT_EQ(m.value("patientId").toString().toStdString(), kSubject);
      // Orthanc answers the study-related counts both in C-FIND and in QIDO-RS.
      for (const ArchiveStudy& s : archived) {
        if (s.studyUid == uid) {
          EXPECT_EQ(m.value("instanceCount").toInt(-1), s.instanceCount) << found.text();
          EXPECT_EQ(m.value("seriesCount").toInt(-1), s.seriesCount) << found.text();
        }
      }
    }
    EXPECT_EQ(foundUids, archivedUids) << found.text();

    // find at series level within the CT study.
    const CliRun series =
        ok(QStringList{"remote", "find"}
           << node << QStringList{"--level", "series", "--study", q(ct->studyUid)});
    std::set<std::string> foundSeries;
    for (const QJsonValue& v : series.json.value("matches").toArray()) {
      const QJsonObject m = v.toObject();
      foundSeries.insert(m.value("seriesInstanceUid").toString().toStdString());
      for (const auto& s : ct->series) {
        if (s.seriesUid == m.value("seriesInstanceUid").toString().toStdString()) {
          EXPECT_EQ(m.value("modality").toString().toStdString(), s.modality);
        }
      }
    }
    std::set<std::string> archivedSeries;
    for (const auto& s : ct->series)
      archivedSeries.insert(s.seriesUid);
    EXPECT_EQ(foundSeries, archivedSeries) << series.text();

    // Retrieve and index the CT study.
    const QString into = dir.filePath("retrieved");
    const QString index = dir.filePath("index.sqlite");
    const QStringList retrieve =
        QStringList{"remote", verb}
        << node << retrieveExtra
        << QStringList{"--study", q(ct->studyUid), "--into", into, "--index", index};
    const CliRun first = ok(retrieve);
    ASSERT_EQ(first.exitCode, 0);
    std::cout << "[ timing   ] remote " << verb.toStdString() << " of " << ct->instanceCount
              << " instances: " << first.elapsedMs << " ms\n";
    EXPECT_EQ(first.json.value("stored").toInt(), ct->instanceCount) << first.text();
    EXPECT_EQ(first.json.value("duplicates").toInt(), 0) << first.text();
    EXPECT_EQ(first.json.value("refused").toInt(), 0) << first.text();
    EXPECT_EQ(first.json.value("indexedInstances").toInt(), ct->instanceCount) << first.text();
    EXPECT_EQ(first.json.value("indexedSeries").toInt(), ct->seriesCount) << first.text();
    EXPECT_EQ(nbra::testing::net::dicomFilesBelow(fs::path(into.toStdString()) / ct->studyUid),
              ct->instanceCount);
    EXPECT_EQ(nbra::testing::net::dicomFilesBelow(into.toStdString()), ct->instanceCount)
        << "only the study asked for";

    // Again: everything is already there.
    const CliRun again = ok(retrieve);
    std::cout << "[ timing   ] again, all duplicates: " << again.elapsedMs << " ms\n";
    EXPECT_EQ(again.json.value("stored").toInt(), 0) << again.text();
    EXPECT_EQ(again.json.value("duplicates").toInt(), ct->instanceCount) << again.text();
    EXPECT_EQ(nbra::testing::net::dicomFilesBelow(into.toStdString()), ct->instanceCount);

    // Read it: a record, a subject, the baseline timepoint on the retrieved (indexed) study.
    ok({"record", "init", "--admin", "admin", "--name", "Ada Admin"}, "admin");
    ok({"record", "user", "add", "coord", "--role", "coordinator", "--name", "Cora Coordinator"},
       "admin");
    ok({"record", "user", "add", "reader1", "--role", "reader", "--name", "Rita Okafor"}, "admin");
    ok({"record", "subject", "add", q(kSubject), "--sex", "F", "--birth-date", "2019-08-04"},
       "coord");
    ok({"record", "weight", q(kSubject), "--date", "2026-01-10", "--weight-kg", "19.6"}, "coord");
    ok({"record", "timepoint", "add", q(kSubject), "--label", "baseline", "--kind", "baseline",
        "--date", "2026-01-12", "--study", q(ct->studyUid), "--index", index},
       "coord");
    const QString kase = writeCase(server, *ct);
    ASSERT_FALSE(HasFailure());
    ok({"record", "read", "import", q(kSubject), "--timepoint", "baseline", kase}, "reader1");
    const QString sr = dir.filePath("sr.dcm");
    const CliRun exported =
        ok({"sr", "export", q(kSubject), "--timepoint", "baseline", "--out", sr, "--index", index},
           "reader1");
    ASSERT_EQ(exported.exitCode, 0);
    EXPECT_EQ(exported.json.value("measurementsWithCoordinates").toInt(), 1) << exported.text();
    EXPECT_TRUE(exported.json.value("patientFrom").toString().startsWith(into))
        << "patient and study copied from the retrieved image: " << exported.text();
    const std::string srUid = tagOf(sr, DCM_SOPInstanceUID);
    ASSERT_FALSE(srUid.empty());
    ASSERT_EQ(tagOf(sr, DCM_StudyInstanceUID), ct->studyUid);

    // Send the report back.
    const CliRun sent = ok(QStringList{"remote", "send"} << node << sr);
    EXPECT_EQ(sent.json.value("sent").toInt(), 1) << sent.text();
    EXPECT_TRUE(sent.json.value("failures").toArray().isEmpty()) << sent.text();

    // Orthanc holds it, in the same study, as an SR series.
    const std::string instance = nbra::testing::net::archiveInstance(server, srUid);
    ASSERT_FALSE(instance.empty()) << "Orthanc has no instance " << srUid;
    const QJsonObject stored =
        nbra::testing::net::parse(server.restGet("/instances/" + instance)).object();
    const QJsonObject parentSeries =
        nbra::testing::net::parse(
            server.restGet("/series/" + stored.value("ParentSeries").toString().toStdString()))
            .object();
    EXPECT_EQ(parentSeries.value("ParentStudy").toString().toStdString(), ct->orthancId);
    EXPECT_EQ(parentSeries.value("MainDicomTags").toObject().value("Modality").toString(), "SR");
    int status = 0;
    const QJsonArray qido =
        nbra::testing::net::parse(
            server.restGet("/dicom-web/studies/" + ct->studyUid + "/series?Modality=SR", &status))
            .array();
    EXPECT_EQ(status, 200);
    ASSERT_EQ(qido.size(), 1);
    EXPECT_EQ(
        qido[0].toObject().value("0020000E").toObject().value("Value").toArray()[0].toString(),
        parentSeries.value("MainDicomTags").toObject().value("SeriesInstanceUID").toString());
    EXPECT_EQ(nbra::testing::net::archiveStudy(server, ct->orthancId).instanceCount,
              ct->instanceCount + 1);
  }

  QTemporaryDir dir;
  QString record;
};

TEST_F(RemoteCli, DimseGetRetrievesReadsAndSendsTheReportBack) {
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  const CliRun echo = ok(QStringList{"remote", "echo"} << dimseNode(server));
  EXPECT_EQ(echo.json.value("echo").toString(), "ok") << echo.text();
  retrieveReadAndSendBack(server, dimseNode(server), "get");
}

TEST_F(RemoteCli, DimseMoveRetrievesIntoNbrasOwnStorageScp) {
  // Orthanc sends C-MOVE sub-operations to a modality it knows by AE title: NBRA (the default
  // calling AE title) on the port nbra-cli's storage SCP listens on for the move.
  const int movePort = closedPort();
  ASSERT_GT(movePort, 0);
  OrthancServer server(
      OrthancOptions{.modalities = {OrthancModality{
                         .name = "nbra", .aet = "NBRA", .host = "127.0.0.1", .port = movePort}}});
  NBRA_START_ORTHANC_OR_SKIP(server);
  retrieveReadAndSendBack(server, dimseNode(server), "move",
                          {"--move-port", QString::number(movePort)});
}

TEST_F(RemoteCli, DicomWebRetrievesReadsAndSendsTheReportBack) {
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  const CliRun echo = ok(QStringList{"remote", "echo"} << webNode(server));
  EXPECT_EQ(echo.json.value("echo").toString(), "ok") << echo.text();
  retrieveReadAndSendBack(server, webNode(server), "get");
}

TEST_F(RemoteCli, MoveToAnAeTitleTheArchiveDoesNotKnowIsRefused) {
  OrthancServer server;  // no modality: Orthanc does not know NBRA as a destination
  NBRA_START_ORTHANC_OR_SKIP(server);
  nbra::testing::TempFolder data;
  nbra::testing::SyntheticSeries spec;
  spec.patientId = "NBRA-MOVE-1";
  nbra::testing::writeSeries(data.path() / "CT", spec);
  std::string error;
  ASSERT_GT(server.uploadFolder(data.path().string(), &error), 0) << error;
  const auto studies = nbra::testing::net::archiveStudies(server, "NBRA-MOVE-1");
  ASSERT_EQ(studies.size(), 1u);
  const CliRun r = run(QStringList{"remote", "move"}
                       << dimseNode(server)
                       << QStringList{"--move-port", QString::number(closedPort()), "--study",
                                      q(studies[0].studyUid), "--into", dir.filePath("in"),
                                      "--index", dir.filePath("index.sqlite")});
  EXPECT_EQ(r.exitCode, 2) << r.text();
  EXPECT_EQ(r.code(), "NETWORK") << r.text();
  // Orthanc answers the C-MOVE with a failure status; the message names the destination.
  EXPECT_TRUE(r.message().contains("refused to move") && r.message().contains("'NBRA'"))
      << r.text();
}

TEST_F(RemoteCli, NodesComeFromTheNodeFile) {
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  nbra::testing::TempFolder data;
  nbra::testing::SyntheticSeries spec;
  spec.patientId = "NBRA-NODES-1";
  nbra::testing::writeSeries(data.path() / "CT", spec);
  std::string error;
  ASSERT_EQ(server.uploadFolder(data.path().string(), &error), spec.slices) << error;

  const QJsonObject nodes{{"nodes", QJsonArray{QJsonObject{{"name", "central archive"},
                                                           {"protocol", "dimse"},
                                                           {"aeTitle", q(server.aet())},
                                                           {"host", "127.0.0.1"},
                                                           {"port", server.dicomPort()}},
                                               QJsonObject{{"name", "central web"},
                                                           {"protocol", "dicomweb"},
                                                           {"url", q(server.dicomWebUrl())}}}}};
  auto write = [](const QString& path, const QJsonObject& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(content).toJson());
  };
  const QString explicitFile = dir.filePath("site/nodes.json");
  write(explicitFile, nodes);

  // --nodes FILE
  const CliRun listed = ok({"remote", "nodes", "--nodes", explicitFile});
  EXPECT_EQ(listed.json.value("nodesFile").toString(), explicitFile);
  const QJsonArray list = listed.json.value("nodes").toArray();
  ASSERT_EQ(list.size(), 2) << listed.text();
  EXPECT_EQ(list[0].toObject().value("name").toString(), "central archive");
  EXPECT_EQ(list[0].toObject().value("port").toInt(), server.dicomPort());
  EXPECT_EQ(list[1].toObject().value("url").toString(), q(server.dicomWebUrl()));

  // Without --nodes and without NBRA_NODES: the desk's XDG config folder.
  const QString deskFile = dir.filePath("desk/config/nbra/nodes.json");
  write(deskFile, nodes);
  const CliRun byDefault = ok({"remote", "nodes"});
  EXPECT_EQ(byDefault.json.value("nodesFile").toString(), deskFile) << byDefault.text();
  for (const QString& name : {QString("central archive"), QString("central web")}) {
    const CliRun echo = ok({"remote", "echo", "--node", name});
    EXPECT_EQ(echo.json.value("node").toString(), name) << echo.text();
    const CliRun found = ok({"remote", "find", "--node", name, "--patient-id", "NBRA-NODES-1"});
    EXPECT_EQ(found.json.value("matches").toArray().size(), 1) << found.text();
  }

  // NBRA_NODES names the file instead.
  QProcessEnvironment env =
      nbra::testing::net::deskEnvironment(dir.filePath("desk"), record, QString());
  env.insert("NBRA_NODES", explicitFile);
  const CliRun viaEnv = nbra::testing::net::runCli({"remote", "nodes"}, env);
  EXPECT_EQ(viaEnv.exitCode, 0) << viaEnv.text();
  EXPECT_EQ(viaEnv.json.value("nodesFile").toString(), explicitFile);
  const CliRun echoViaEnv =
      nbra::testing::net::runCli({"remote", "echo", "--node", "central archive"}, env);
  EXPECT_EQ(echoViaEnv.exitCode, 0) << echoViaEnv.text();

  // A name the file does not have.
  const CliRun unknown = run({"remote", "echo", "--node", "archive 2", "--nodes", explicitFile});
  EXPECT_EQ(unknown.exitCode, 2) << unknown.text();
  EXPECT_EQ(unknown.code(), "BAD_NODE") << unknown.text();
  EXPECT_TRUE(unknown.message().contains("'archive 2'") && unknown.message().contains(explicitFile))
      << unknown.text();

  // A password written into the node file is refused, whatever the command.
  QJsonObject withPassword = nodes;
  QJsonArray entries = withPassword.value("nodes").toArray();
  QJsonObject web = entries[1].toObject();
  web["password"] = "trial-secret";
  entries[1] = web;
  withPassword["nodes"] = entries;
  const QString badFile = dir.filePath("bad/nodes.json");
  write(badFile, withPassword);
  for (const QStringList& args :
       {QStringList{"remote", "nodes", "--nodes", badFile},
        QStringList{"remote", "echo", "--node", "central archive", "--nodes", badFile}}) {
    const CliRun refused = run(args);
    EXPECT_EQ(refused.exitCode, 2) << refused.text();
    EXPECT_EQ(refused.code(), "BAD_NODE") << refused.text();
    EXPECT_TRUE(refused.message().contains("'password'") &&
                refused.message().contains("central web") &&
                refused.message().contains("secretFile"))
        << refused.text();
    EXPECT_FALSE(refused.out.contains("trial-secret")) << "the password is not echoed";
  }
}

// Broken or missing arguments: each is refused with exit 2 and a message that says what is
// wrong, before anything is sent (no archive is needed).
TEST_F(RemoteCli, BrokenArgumentsAreRefusedWithAMessage) {
  const QString notPdf = dir.filePath("notes.pdf");
  {
    QFile f(notPdf);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("not a pdf");
  }
  const QStringList adHoc{"--aet",     "A",      "--host",
                          "127.0.0.1", "--port", QString::number(closedPort())};
  const struct {
    QStringList args;
    const char* words;
  } cases[] = {
      {{"remote"}, "say what to do"},
      {QStringList{"remote", "fetch"} + adHoc, "unknown verb 'fetch'"},
      {{"remote", "echo", "--bogus"}, "unknown option '--bogus'"},
      {{"remote", "echo", "--aet"}, "--aet needs a value"},
      {{"remote", "echo"}, "name a node"},
      {{"remote", "echo", "--aet", "A", "--host", "127.0.0.1"}, "needs --aet, --host and --port"},
      {{"remote", "echo", "--aet", "A", "--host", "h", "--port", "x"}, "whole numbers"},
      {{"remote", "echo", "--url", "http://127.0.0.1:9/dicom-web", "--user", "u"},
       "--user needs --secret-file"},
      {{"remote", "echo", "--url", "ftp://x/"}, "http:// or https://"},
      {QStringList{"remote", "find", "--level", "planet"} + adHoc, "--level must be"},
      {QStringList{"remote", "find", "--limit", "0"} + adHoc, "--limit takes a whole number"},
      {QStringList{"remote", "find", "--date", "2026-01-12"} + adHoc, "is not a date"},
      {QStringList{"remote", "find", "--level", "series"} + adHoc, "needs the Study Instance UID"},
      {QStringList{"remote", "get"} + adHoc, "--study UID"},
      {QStringList{"remote", "get", "--study", "1.2/../3"} + adHoc, "not a Study Instance UID"},
      {QStringList{"remote", "move", "--study", "1.2.3"} + adHoc, "--move-port PORT"},
      {{"remote", "move", "--study", "1.2.3", "--url", "http://127.0.0.1:9/dicom-web"},
       "move is a DIMSE service"},
      {QStringList{"remote", "send"} + adHoc, "name at least one DICOM file"},
      {QStringList{"remote", "send", "--pdf", notPdf} + adHoc, "--like"},
  };
  for (const auto& c : cases) {
    const CliRun r = run(c.args);
    EXPECT_EQ(r.exitCode, 2) << c.args.join(' ').toStdString() << "\n" << r.text();
    EXPECT_TRUE(r.message().contains(c.words))
        << c.args.join(' ').toStdString() << " -> " << r.text() << "\nexpected: " << c.words;
  }
  // A file that is not a PDF, filed in a real study: refused by name, nothing sent.
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  const auto files = nbra::testing::writeSeries(fs::path(dir.path().toStdString()) / "ref", spec);
  const CliRun pdf = run(QStringList{"remote", "send", "--pdf", notPdf, "--like",
                                     QString::fromStdString(files[0].string())} +
                         adHoc);
  EXPECT_EQ(pdf.exitCode, 2) << pdf.text();
  EXPECT_EQ(pdf.code(), "BAD_INPUT") << pdf.text();
  EXPECT_TRUE(pdf.message().contains("notes.pdf: is not a PDF")) << pdf.text();
}

TEST_F(RemoteCli, AWrongCalledAeTitleIsRejected) {
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  for (const char* verb : {"echo", "find"}) {
    const CliRun r = run({"remote", verb, "--aet", "WRONG", "--host", "127.0.0.1", "--port",
                          QString::number(server.dicomPort())});
    EXPECT_EQ(r.exitCode, 2) << r.text();
    EXPECT_EQ(r.code(), "NETWORK") << r.text();
    EXPECT_TRUE(r.message().contains("rejected the association")) << r.text();
    EXPECT_TRUE(r.message().contains("WRONG")) << r.text();
  }
}

TEST_F(RemoteCli, AClosedPortFailsWithinSeconds) {
  const int port = closedPort();
  ASSERT_GT(port, 0);
  const QString timeout = QString::number(kTimeoutSeconds);
  for (const QStringList& node :
       {QStringList{"--aet", "ORTHANC", "--host", "127.0.0.1", "--port", QString::number(port)},
        QStringList{"--url", QString("http://127.0.0.1:%1/dicom-web").arg(port)}}) {
    const CliRun r = run(QStringList{"remote", "echo"} << node << "--timeout" << timeout);
    EXPECT_EQ(r.exitCode, 2) << r.text();
    EXPECT_EQ(r.code(), "NETWORK") << r.text();
    EXPECT_LT(r.elapsedMs, 15000) << r.text();
    std::cout << "[ timing   ] closed port, " << node.first().toStdString() << ": " << r.elapsedMs
              << " ms\n";
  }
}

TEST_F(RemoteCli, APeerThatNeverAnswersTimesOut) {
  SilentListener silent;
  ASSERT_GT(silent.port(), 0);
  const QString timeout = QString::number(kTimeoutSeconds);
  const QString port = QString::number(silent.port());
  for (const QStringList& command :
       {QStringList{"remote", "echo", "--aet", "ORTHANC", "--host", "127.0.0.1", "--port", port},
        QStringList{"remote", "find", "--aet", "ORTHANC", "--host", "127.0.0.1", "--port", port,
                    "--patient-id", "X"},
        QStringList{"remote", "find", "--url", "http://127.0.0.1:" + port + "/dicom-web",
                    "--patient-id", "X"}}) {
    const CliRun r = run(QStringList(command) << "--timeout" << timeout);
    EXPECT_EQ(r.exitCode, 2) << command.join(' ').toStdString() << "\n" << r.text();
    EXPECT_EQ(r.code(), "NETWORK") << r.text();
    EXPECT_LT(r.elapsedMs, kTimeoutSeconds * 1000 + kMarginMs) << r.text();
    EXPECT_TRUE(r.message().contains(timeout + " s")) << "names the time waited: " << r.text();
    std::cout << "[ timing   ] silent peer, " << command.mid(0, 3).join(' ').toStdString() << ": "
              << r.elapsedMs << " ms\n";
  }
}

TEST_F(RemoteCli, BasicAuthenticationWithAWrongPasswordIsRefused) {
  OrthancServer server(OrthancOptions{.requireAuth = true});
  NBRA_START_ORTHANC_OR_SKIP(server);
  auto secretFile = [&](const QString& name, const QByteArray& secret, QFile::Permissions mode) {
    QFile f(dir.filePath(name));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(secret + "\n");
    f.close();
    EXPECT_TRUE(f.setPermissions(mode));
    return f.fileName();
  };
  const QFile::Permissions privateMode = QFile::ReadOwner | QFile::WriteOwner;  // 0600
  const QString wrong = secretFile("wrong.secret", "not-the-password", privateMode);
  const QString right =
      secretFile("right.secret", QByteArray::fromStdString(server.options().password), privateMode);
  const QString readable =
      secretFile("readable.secret", QByteArray::fromStdString(server.options().password),
                 privateMode | QFile::ReadGroup | QFile::ReadOther);  // 0644
  const QStringList find{"remote", "find", "--url", q(server.dicomWebUrl()), "--patient-id", "X"};
  const QString user = q(server.options().user);

  const CliRun refused = run(QStringList(find) << "--user" << user << "--secret-file" << wrong);
  EXPECT_EQ(refused.exitCode, 2) << refused.text();
  EXPECT_EQ(refused.code(), "NETWORK") << refused.text();
  EXPECT_TRUE(refused.message().contains("401") && refused.message().contains("credentials"))
      << refused.text();
  EXPECT_FALSE(refused.out.contains("not-the-password")) << "the secret is not echoed";

  const CliRun none = run(find);
  EXPECT_EQ(none.exitCode, 2) << none.text();
  EXPECT_TRUE(none.message().contains("401")) << none.text();

  const CliRun accepted = run(QStringList(find) << "--user" << user << "--secret-file" << right);
  EXPECT_EQ(accepted.exitCode, 0) << accepted.text();

  const CliRun open = run(QStringList(find) << "--user" << user << "--secret-file" << readable);
  EXPECT_EQ(open.exitCode, 2) << open.text();
  EXPECT_EQ(open.code(), "BAD_NODE") << open.text();
  EXPECT_TRUE(open.message().contains("chmod 600") && open.message().contains(readable))
      << open.text();
}

}  // namespace
